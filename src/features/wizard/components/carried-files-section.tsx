import { useFormContext, useWatch } from "react-hook-form";

import { formatBytes } from "@/components/pack/file-kind";
import { SEVERITY_LABEL } from "@/components/pack/findings-list";
import { Button } from "@/components/ui/button";
import { CodeText } from "@/components/ui/code-text";
import { RemovalPrompt } from "@/features/wizard/components/removal-prompt";
import { useRemoval } from "@/features/wizard/hooks/use-removal";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import {
  carriedField,
  carriedGroupOf,
  groupCarried,
  removeCarried,
  restoreCarried,
  type CarriedGroup,
} from "@/features/wizard/model/carried-files";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { fieldId } from "@/features/wizard/model/finding-targets";
import { bySeverity, type Finding } from "@/pack/finding";

const filesWord = (n: number) => `${n} ${n === 1 ? "file" : "files"}`;

/**
 * The files an imported pack brought that the builder has no editor for (an unlisted chart
 * archive, docs, a stray folder): listed so that they can be looked at and removed, each with
 * what the core says of it. They go into the pack as they are. Shown only when there are some.
 */
export function CarriedFilesSection() {
  const { control, getValues, setValue } = useFormContext<WizardValues>();
  const files = useWatch({ control, name: "extras.files" });
  const { blobs, report, goTo } = useWizard();
  const removal = useRemoval();
  if (!files.length && !removal.done && !removal.undone) return null;

  const groups = groupCarried(files);
  const findings = new Map<string, Finding[]>();
  for (const f of report?.findings ?? []) {
    const key = f.file ? carriedGroupOf(f.file, files) : null;
    if (key === null) continue;
    const list = findings.get(key);
    if (list) list.push(f);
    else findings.set(key, [f]);
  }
  const blobOf = new Map(files.map((f) => [f.path, f.blob]));
  const size = (g: CarriedGroup) =>
    g.paths.reduce(
      (n, p) => n + (blobs.get(blobOf.get(p) ?? "")?.length ?? 0),
      0,
    );

  function remove(g: CarriedGroup) {
    const what = g.folder ? `${g.key} (${filesWord(g.paths.length)})` : g.key;
    removal.request({
      what,
      goes: [],
      confirm: false,
      run: () => {
        const before = getValues("extras.files");
        const { files: left, removed } = removeCarried(before, g.key);
        setValue("extras.files", left, { shouldDirty: true });
        return {
          message: `Removed ${what}.`,
          undo: () => {
            const { files: back, kept } = restoreCarried(
              getValues("extras.files"),
              removed,
              before,
            );
            setValue("extras.files", back, { shouldDirty: true });
            return kept
              ? `Put back ${what}, except ${filesWord(kept)} added again since (the newer kept).`
              : `Put back ${what}.`;
          },
        };
      },
    });
  }

  return (
    <section className="wizard-section" aria-labelledby="carried-heading">
      <h3 id="carried-heading">Other files</h3>
      <p className="muted">
        Files the imported pack holds that the builder has no editor for. They
        go into the pack as they are; remove what should not ship.
      </p>
      <RemovalPrompt removal={removal} />
      {groups.length > 0 && (
        <ul className="wizard-list" aria-label="Other files in the pack">
          {groups.map((g) => {
            const said = (findings.get(g.key) ?? []).sort(bySeverity);
            return (
              <li
                key={g.key}
                className="wizard-list__item"
                id={fieldId(carriedField(g.key))}
                tabIndex={-1}
              >
                <span>
                  <code className="wizard-list__path">{g.key}</code>{" "}
                  <span className="muted">
                    {g.folder ? `${filesWord(g.paths.length)}, ` : ""}
                    {formatBytes(size(g))}
                  </span>
                  {said.slice(0, 2).map((f, i) => (
                    <span
                      key={i}
                      className={
                        f.severity === "error"
                          ? "wizard-list__problem"
                          : f.severity === "warning"
                            ? "wizard-advice"
                            : "muted"
                      }
                    >
                      {" "}
                      — {SEVERITY_LABEL[f.severity]}:{" "}
                      <CodeText text={f.message} />
                    </span>
                  ))}
                  {said.length > 2 && (
                    <span className="muted">
                      {" "}
                      (and {said.length - 2} more on the Review)
                    </span>
                  )}
                </span>
                <span className="wizard-list__actions">
                  {!g.folder && (
                    <Button
                      aria-label={`Show ${g.key}`}
                      onClick={() =>
                        goTo({ kind: "file", step: "review", file: g.key })
                      }
                    >
                      Show
                    </Button>
                  )}
                  <Button
                    aria-label={`Remove ${g.key}`}
                    onClick={() => remove(g)}
                  >
                    Remove
                  </Button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
