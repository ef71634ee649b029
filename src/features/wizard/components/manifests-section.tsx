import { useState } from "react";
import { useFieldArray, useFormContext } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { FileDrop } from "@/components/ui/file-drop";
import { DropReport } from "@/features/wizard/components/drop-report";
import { RemovalPrompt } from "@/features/wizard/components/removal-prompt";
import { useRemoval } from "@/features/wizard/hooks/use-removal";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import { valuesBlockRemoval } from "@/features/wizard/components/values-block-removal";
import {
  addManifests,
  type AddOutcome,
} from "@/features/wizard/model/add-files";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { fieldId } from "@/features/wizard/model/finding-targets";
import { readChosenFiles } from "@/lib/files/read-chosen-files";
import { manifestKey } from "@/pack/values";

/** Kubernetes manifests, applied in list order (the user can change it); values seeded as they come in. */
export function ManifestsSection() {
  const { control, getValues, setValue, clearErrors } =
    useFormContext<WizardValues>();
  const { fields, remove, move } = useFieldArray({
    control,
    name: "manifests",
    keyName: "key",
  });
  const { addBlobs } = useWizard();
  const [outcome, setOutcome] = useState<AddOutcome | null>(null);
  const removal = useRemoval();

  async function onFiles(files: File[]) {
    const chosen = await readChosenFiles(files);
    if (!chosen.ok) {
      setOutcome({ added: [], refused: [chosen.error], notes: [] });
      return;
    }
    const candidates = files.map((f, i) => ({
      fileName: f.name,
      bytes: chosen.value[i]!,
    }));
    const r = addManifests(
      getValues("manifests"),
      candidates,
      getValues("files.values"),
      (b) => addBlobs([b])[0]!,
    );
    setValue("manifests", r.rows, { shouldDirty: true });
    // The step's "add a chart or a manifest" error sits on the charts list.
    if (r.outcome.added.length) clearErrors("charts");
    if (r.valuesText !== getValues("files.values"))
      setValue("files.values", r.valuesText, { shouldDirty: true });
    setOutcome(r.outcome);
  }

  function removeManifest(index: number) {
    const row = getValues(`manifests.${index}`);
    if (!row) return;
    removal.request(
      valuesBlockRemoval(
        { getValues, setValue },
        {
          list: "manifests",
          path: row.path,
          key: manifestKey(row.path),
          alwaysAsk: false,
          remove: () => remove(index),
        },
      ),
    );
  }

  function moveTo(from: number, to: number, label: "up" | "down") {
    move(from, to);
    // Keep focus on the moved manifest: the same button, or the other one once at an end.
    requestAnimationFrame(() => {
      const same = document.getElementById(`manifest-${to}-${label}`);
      const other = document.getElementById(
        `manifest-${to}-${label === "up" ? "down" : "up"}`,
      );
      (same instanceof HTMLButtonElement && !same.disabled
        ? same
        : other
      )?.focus();
    });
  }

  return (
    <section className="wizard-section" aria-labelledby="manifests-heading">
      <h3 id="manifests-heading">Kubernetes manifests</h3>
      <FileDrop
        label="Manifest files (.yaml)"
        description="Plain YAML, or Go templates using {{ .Values.x }}: each template's values go under manifests.<file name> in values.yaml."
        accept=".yaml,.yml,application/yaml,text/yaml"
        multiple
        onFiles={(r) => r.kind === "files" && void onFiles(r.files)}
      />
      <DropReport outcome={outcome} what="manifests" />
      <RemovalPrompt removal={removal} />
      {fields.length > 0 && (
        <>
          <p className="muted">
            Palette applies them in this order, top first: put CRDs and
            namespaces first.
          </p>
          <ol className="wizard-list" aria-label="Manifests in apply order">
            {fields.map((m, i) => (
              <li
                key={m.key}
                className="wizard-list__item"
                id={fieldId(`manifests.${i}.path`)}
                tabIndex={-1}
              >
                <span>
                  <code className="wizard-list__path">{m.path}</code>{" "}
                  <span className="muted">
                    values: manifests.{manifestKey(m.path)}
                  </span>
                  {m.blob === null && (
                    <span className="wizard-list__problem">
                      {" "}
                      — missing from the pack
                    </span>
                  )}
                </span>
                <span className="wizard-list__actions">
                  <Button
                    id={`manifest-${i}-up`}
                    aria-label={`Move ${m.path} up`}
                    disabled={i === 0}
                    onClick={() => moveTo(i, i - 1, "up")}
                  >
                    Up
                  </Button>
                  <Button
                    id={`manifest-${i}-down`}
                    aria-label={`Move ${m.path} down`}
                    disabled={i === fields.length - 1}
                    onClick={() => moveTo(i, i + 1, "down")}
                  >
                    Down
                  </Button>
                  <Button
                    aria-label={`Remove ${m.path}`}
                    onClick={() => removeManifest(i)}
                  >
                    Remove
                  </Button>
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
