import { useState } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { FileDrop } from "@/components/ui/file-drop";
import { DropReport } from "@/features/wizard/components/drop-report";
import { RemovalPrompt } from "@/features/wizard/components/removal-prompt";
import { useRemoval } from "@/features/wizard/hooks/use-removal";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import type { AddOutcome } from "@/features/wizard/model/add-files";
import { RoleCreate } from "@/features/wizard/components/role-create";
import { RoleFiles } from "@/features/wizard/components/role-files";
import {
  roleFromFiles,
  roleNameOfArchive,
  roleTasksSkeleton,
} from "@/features/wizard/model/ansible-role";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { fieldId } from "@/features/wizard/model/finding-targets";
import type { DroppedItems } from "@/lib/files";
import { readFolderBytes } from "@/lib/files/dropped-items";
import { getPackWorker } from "@/lib/pack-worker/client";

/** Ansible roles that customise the image: folders or archives, listed in ansibleRoles. */
export function AnsibleRolesSection() {
  const { control, getValues, setValue } = useFormContext<WizardValues>();
  const { fields, append, remove } = useFieldArray({
    control,
    name: "roles",
    keyName: "key",
  });
  const roles = useWatch({ control, name: "roles" });
  const { addBlobs } = useWizard();
  const [outcome, setOutcome] = useState<AddOutcome | null>(null);
  const removal = useRemoval();
  // The role whose files are open for editing, by name (indexes move on removal).
  const [editing, setEditing] = useState<string | null>(null);

  function createRole(name: string) {
    const [id] = addBlobs([new TextEncoder().encode(roleTasksSkeleton(name))]);
    append({ name, files: [{ path: "tasks/main.yml", blob: id! }] });
    setEditing(name);
    setOutcome({ added: [name], refused: [], notes: [] });
  }

  function removeRole(index: number) {
    const role = getValues(`roles.${index}`);
    if (!role) return;
    const n = role.files.length;
    removal.request({
      what: `the role ${role.name}`,
      goes: [`its ${n} ${n === 1 ? "file" : "files"} (${role.name}/…)`],
      confirm: n > 0,
      run: () => {
        const before = getValues("roles");
        remove(index);
        return {
          message: `Removed the role ${role.name}.`,
          undo: () => {
            setValue("roles", before, { shouldDirty: true });
            return `Put back the role ${role.name}.`;
          },
        };
      },
    });
  }

  async function onDrop(items: DroppedItems) {
    const result: AddOutcome = { added: [], refused: [], notes: [] };
    const sources: {
      name: string;
      files: { path: string; bytes: Uint8Array }[];
    }[] = [];
    if (items.kind === "folder") {
      try {
        sources.push({
          name: items.name,
          files: await readFolderBytes(items.entries),
        });
      } catch (e) {
        result.refused.push(e instanceof Error ? e.message : String(e));
      }
    } else
      for (const file of items.files) {
        const read = await getPackWorker().readArchive(file, file.name);
        if (!read.ok)
          result.refused.push(
            `${file.name} cannot be opened: ${read.error.message}`,
          );
        else
          sources.push({
            name: roleNameOfArchive(file.name),
            files: [...read.value.files].map(([path, bytes]) => ({
              path,
              bytes,
            })),
          });
      }
    for (const s of sources) {
      const r = roleFromFiles(
        s.name,
        s.files,
        getValues("roles").map((x) => x.name),
      );
      if (!r.ok) {
        result.refused.push(r.error);
        continue;
      }
      const ids = addBlobs(r.value.files.map((x) => x.bytes));
      append({
        name: r.value.name,
        files: r.value.files.map((x, i) => ({ path: x.path, blob: ids[i]! })),
      });
      result.added.push(r.value.name);
    }
    setOutcome(result);
  }

  return (
    <section className="wizard-section" aria-labelledby="roles-heading">
      <h3 id="roles-heading">Ansible roles</h3>
      <p className="muted">
        Optional. Palette runs them while it builds the image (for example to
        harden the OS). Each role needs tasks/main.yml. Create one here, or add
        a role folder or archive.
      </p>
      <RoleCreate existing={fields.map((r) => r.name)} onCreate={createRole} />
      <FileDrop
        label="Role folders or archives (.zip, .tar.gz)"
        accept=".zip,.tar.gz,.tgz,application/zip,application/gzip"
        multiple
        allowFolder
        onFiles={(r) => void onDrop(r)}
      />
      <DropReport outcome={outcome} what="roles" />
      <RemovalPrompt removal={removal} />
      {fields.length > 0 && (
        <ul className="wizard-list" aria-label="Ansible roles">
          {fields.map((r, i) => (
            <li
              key={r.key}
              className="wizard-list__item"
              id={fieldId(`roles.${i}.name`)}
              tabIndex={-1}
            >
              <span>
                <strong>{r.name}</strong>{" "}
                <span className="muted">
                  {roles[i]?.files.length ?? 0} files
                </span>
              </span>
              <Button
                aria-expanded={editing === r.name}
                aria-label={`Edit role ${r.name}`}
                onClick={() => setEditing(editing === r.name ? null : r.name)}
              >
                Edit
              </Button>
              <Button
                aria-label={`Remove role ${r.name}`}
                onClick={() => removeRole(i)}
              >
                Remove
              </Button>
              {editing === r.name && <RoleFiles index={i} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
