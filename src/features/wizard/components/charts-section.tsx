import { useState } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FileDrop } from "@/components/ui/file-drop";
import { DropReport } from "@/features/wizard/components/drop-report";
import { RemovalPrompt } from "@/features/wizard/components/removal-prompt";
import { useFieldError } from "@/features/wizard/components/form-fields";
import { useRemoval } from "@/features/wizard/hooks/use-removal";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import { valuesBlockRemoval } from "@/features/wizard/components/values-block-removal";
import {
  addCharts,
  expectedCharts,
  helmChartPath,
  renameChart,
  type AddOutcome,
} from "@/features/wizard/model/add-files";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { fieldId } from "@/features/wizard/model/finding-targets";
import { readChosenFiles } from "@/lib/files/read-chosen-files";
import { getPackWorker } from "@/lib/pack-worker/client";

/** A path's last part: the file name under `charts/`. */
const fileName = (path: string): string =>
  path.slice(path.lastIndexOf("/") + 1);

/** Helm charts: dropped .tgz files, read by the core in the worker; values seeded on the way in. */
export function ChartsSection() {
  const { control, getValues, setValue, clearErrors } =
    useFormContext<WizardValues>();
  const { fields, remove } = useFieldArray({
    control,
    name: "charts",
    keyName: "key",
  });
  const { addBlobs } = useWizard();
  const valuesText = useWatch({ control, name: "files.values" });
  const [outcome, setOutcome] = useState<AddOutcome | null>(null);
  const removal = useRemoval();
  const error = useFieldError("charts");
  const named = fields.filter((f) => f.name !== "").map((f) => f.name);
  // values.yaml is parsed once per change of its text (expectedCharts keeps the last answer), not
  // on each render: this section renders again on every report and every keystroke on the step.
  const expected = expectedCharts(valuesText, named);

  async function onFiles(files: File[]) {
    const worker = getPackWorker();
    const chosen = await readChosenFiles(files);
    if (!chosen.ok) {
      setOutcome({ added: [], refused: [chosen.error], notes: [] });
      return;
    }
    // Held by the worker: each chart is read there by id, once per file.
    let candidates;
    try {
      candidates = await Promise.all(
        files.map(async (file, i) => {
          const bytes = chosen.value[i]!;
          return {
            fileName: file.name,
            bytes,
            read: await worker.readChart(bytes, file.name),
          };
        }),
      );
    } catch (e) {
      // The worker stopped: said in the drop report, never a drop that silently does nothing.
      setOutcome({
        added: [],
        refused: [e instanceof Error ? e.message : String(e)],
        notes: [],
      });
      return;
    }
    const r = addCharts(
      getValues("charts"),
      candidates,
      getValues("files.values"),
      (b) => addBlobs([b])[0]!,
    );
    setValue("charts", r.rows, { shouldDirty: true });
    if (r.outcome.added.length) clearErrors("charts");
    if (r.valuesText !== getValues("files.values"))
      setValue("files.values", r.valuesText, { shouldDirty: true });
    setOutcome(r.outcome);
  }

  function rename(index: number) {
    const r = renameChart(getValues("charts"), index);
    setOutcome(
      r.ok
        ? {
            added: [],
            refused: [],
            notes: [`Renamed to ${r.value[index]?.path ?? ""}.`],
          }
        : { added: [], refused: [r.error], notes: [] },
    );
    if (r.ok) setValue("charts", r.value, { shouldDirty: true });
  }

  function removeChart(index: number) {
    const chart = getValues(`charts.${index}`);
    if (!chart) return;
    removal.request(
      valuesBlockRemoval(
        { getValues, setValue },
        {
          list: "charts",
          path: chart.path,
          key: chart.name || null,
          // The archive itself is the user's upload, and the block holds their settings.
          alwaysAsk: true,
          remove: () => remove(index),
        },
      ),
    );
  }

  return (
    <section className="wizard-section" aria-labelledby="charts-heading">
      <h3 id="charts-heading">Helm charts</h3>
      {error && (
        <p className="form-field__error" id={fieldId("charts")} tabIndex={-1}>
          {error}
        </p>
      )}
      {expected.length > 0 && named.length === 0 && (
        <Alert
          tone="info"
          title={`values.yaml expects the chart ${expected.join(", ")}`}
        >
          <p>Drop that chart&apos;s .tgz below (download it with helm pull).</p>
        </Alert>
      )}
      {expected.length > 0 && named.length > 0 && (
        <Alert
          tone="info"
          title={`values.yaml has settings for ${expected.map((e) => `charts.${e}`).join(", ")}, which no chart in the pack is named`}
        >
          <p>
            Palette gives a chart the block named after it: on the Values step,
            rename the block to the chart&apos;s name (
            {named.map((n) => `charts.${n}`).join(", ")}) or remove it.
          </p>
        </Alert>
      )}
      <FileDrop
        label="Helm chart archives (.tgz)"
        description="Made by helm package or helm pull. Chart.yaml is read, and the chart's default values are added to values.yaml."
        accept=".tgz,.tar.gz,application/gzip,application/x-gzip"
        multiple
        onFiles={(r) => r.kind === "files" && void onFiles(r.files)}
      />
      <DropReport outcome={outcome} what="charts" />
      <RemovalPrompt removal={removal} />
      {fields.length > 0 && (
        <ul className="wizard-list" aria-label="Charts in the pack">
          {fields.map((c, i) => {
            // Helm's path for this chart (offered as a rename when the archive has another); the
            // row's own path when there is nothing to offer (no archive, or its name unread).
            const helmPath =
              c.blob !== null && c.name !== ""
                ? helmChartPath(c.name, c.version)
                : c.path;
            return (
              <li
                key={c.key}
                className="wizard-list__item"
                id={fieldId(`charts.${i}.path`)}
                tabIndex={-1}
              >
                <span>
                  <strong>
                    {c.name ||
                      (c.blob === null ? "missing chart" : "unreadable chart")}
                  </strong>{" "}
                  {c.version}{" "}
                  <code className="wizard-list__path">{c.path}</code>
                  {c.blob === null && (
                    <span className="wizard-list__problem">
                      {" "}
                      — not in the pack: drop a chart&apos;s .tgz named{" "}
                      {fileName(c.path)}
                      {expected.length > 0 &&
                        `, or the chart ${expected.join(" or ")} (any file name),`}{" "}
                      to add it
                    </span>
                  )}
                </span>
                {c.path !== helmPath && (
                  <Button
                    aria-label={`Rename ${c.path} to ${helmPath}`}
                    onClick={() => rename(i)}
                  >
                    Rename to {fileName(helmPath)}
                  </Button>
                )}
                <Button
                  aria-label={`Remove chart ${c.name || c.path}`}
                  onClick={() => removeChart(i)}
                >
                  Remove
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
