import { useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { FileDrop } from "@/components/ui/file-drop";
import { Select } from "@/components/ui/select";
import { DropReport } from "@/features/wizard/components/drop-report";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import type { AddOutcome } from "@/features/wizard/model/add-files";
import {
  ROLE_FILE_FOLDERS,
  roleFilePath,
  type RoleFileFolder,
} from "@/features/wizard/model/ansible-role";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import type { DroppedItems } from "@/lib/files";
import { readChosenFiles } from "@/lib/files/read-chosen-files";
import { CodeEditor } from "@/lib/monaco";
import { decodeText } from "@/pack/yaml-text";

const encoder = new TextEncoder();
/**
 * Each blob's text (null: not text), decoded once: a blob's bytes never change, and every render
 * (each keystroke in the editor) asks for the text of every file of the role.
 */
const decoded = new WeakMap<Uint8Array, string | null>();
function textOfBytes(bytes: Uint8Array): string | null {
  let text = decoded.get(bytes);
  if (text === undefined) decoded.set(bytes, (text = decodeText(bytes)));
  return text;
}
const FOLDER_OPTIONS = ROLE_FILE_FOLDERS.map((f) => ({
  value: f,
  label: f === "files" ? "files/ (copied as they are)" : "templates/ (Jinja)",
}));

/**
 * One role's files: each text file edited in Monaco (tasks/main.yml first), and files added to
 * its files/ or templates/ folder. An edit stores the new text as a new blob (ids never change
 * their bytes).
 */
export function RoleFiles({ index }: { index: number }) {
  const { control, getValues, setValue } = useFormContext<WizardValues>();
  const role = useWatch({ control, name: `roles.${index}` });
  const { blobs, addBlobs, draftId } = useWizard();
  const [open, setOpen] = useState("tasks/main.yml");
  const [folder, setFolder] = useState<RoleFileFolder>("files");
  const [outcome, setOutcome] = useState<AddOutcome | null>(null);
  const name = role.name;
  const textOf = (blob: string) =>
    textOfBytes(blobs.get(blob) ?? new Uint8Array());
  const current = role.files.find((f) => f.path === open);
  const text = current ? textOf(current.blob) : null;

  function edit(value: string) {
    const [id] = addBlobs([encoder.encode(value)]);
    const files = getValues(`roles.${index}.files`).map((f) =>
      f.path === open ? { ...f, blob: id! } : f,
    );
    setValue(`roles.${index}.files`, files, { shouldDirty: true });
  }

  async function add(items: DroppedItems) {
    const result: AddOutcome = { added: [], refused: [], notes: [] };
    if (items.kind !== "files") return;
    const chosen = await readChosenFiles(items.files);
    if (!chosen.ok) {
      setOutcome({ ...result, refused: [chosen.error] });
      return;
    }
    const files = [...getValues(`roles.${index}.files`)];
    for (const [i, file] of items.files.entries()) {
      const path = roleFilePath(
        name,
        folder,
        file.name,
        files.map((f) => f.path),
      );
      if (!path.ok) {
        result.refused.push(path.error);
        continue;
      }
      const [id] = addBlobs([chosen.value[i]!]);
      files.push({ path: path.value, blob: id! });
      result.added.push(`${name}/${path.value}`);
    }
    setValue(`roles.${index}.files`, files, { shouldDirty: true });
    setOutcome(result);
  }

  const language = /\.ya?ml$/i.test(open) ? "yaml" : "plaintext";
  return (
    <div className="role-files">
      <ul className="role-files__list" aria-label={`Files of ${name}`}>
        {role.files.map((f) => (
          <li key={f.path}>
            <code>
              {name}/{f.path}
            </code>{" "}
            {textOf(f.blob) !== null && (
              <Button
                variant="link"
                aria-pressed={f.path === open}
                aria-label={`Edit ${name}/${f.path}`}
                onClick={() => setOpen(f.path)}
              >
                Edit
              </Button>
            )}
          </li>
        ))}
      </ul>
      {current && text !== null && (
        <CodeEditor
          key={open}
          value={text}
          language={language}
          ariaLabel={`${name}/${open} editor`}
          modelUri={`file:///${draftId}/${name}/${open}`}
          height="16rem"
          onChange={edit}
        />
      )}
      <div className="role-files__add">
        <label htmlFor={`role-folder-${index}`}>Add files to</label>{" "}
        <Select
          id={`role-folder-${index}`}
          options={FOLDER_OPTIONS}
          value={folder}
          onChange={(e) => setFolder(e.target.value as RoleFileFolder)}
        />
        <FileDrop
          label={`Files for ${name}/${folder}/`}
          multiple
          onFiles={(r) => void add(r)}
        />
        <DropReport outcome={outcome} what="files" />
      </div>
    </div>
  );
}
