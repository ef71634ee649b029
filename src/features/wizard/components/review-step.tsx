import { useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";

import { FileBrowser } from "@/components/pack/file-browser";
import { formatBytes } from "@/components/pack/file-kind";
import { FindingsList } from "@/components/pack/findings-list";
import { ImagesTable } from "@/components/pack/images-table";
import { DownloadPanel } from "@/features/wizard/components/download-panel";
import { STEP_LABELS } from "@/features/wizard/components/step-labels";
import {
  errorsToFix,
  TARGET_LABELS,
  TargetSwitch,
} from "@/features/wizard/components/target-switch";
import { usePackDigest } from "@/features/wizard/hooks/use-pack-report";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import {
  findingTarget,
  REVIEW_FILES_ID,
  type FindingTarget,
} from "@/features/wizard/model/finding-targets";
import { packStem } from "@/features/wizard/model/draft-to-pack-files";
import { severityCounts } from "@/features/wizard/model/severity-counts";
import type { Finding } from "@/pack/finding";

/** The words of a finding's link: where it is fixed (a field's step) or shown (a file and line). */
function linkText(t: FindingTarget, f: Finding): string {
  const where = f.line
    ? `${f.file ?? "pack.json"}, line ${f.line}`
    : (f.file ?? "pack.json");
  switch (t.kind) {
    case "field":
      return `Fix on ${STEP_LABELS[t.step]}`;
    case "text":
      return `Open ${where}`;
    case "file":
      return `Show ${where}`;
  }
}

/** Step 5: the pack exactly as it will be written, with every finding of the core linked to its fix. */
export function ReviewStep() {
  const { control, getValues } = useFormContext<WizardValues>();
  const values = useWatch({ control }) as WizardValues;
  const {
    files,
    report,
    reportPending,
    jump,
    goTo,
    draftId,
    revision,
    target: destination,
  } = useWizard();
  const digest = usePackDigest(draftId, files, revision);
  const [selected, setSelected] = useState(
    jump?.kind === "file" ? jump.file : "pack.json",
  );
  const [seenJump, setSeenJump] = useState(jump?.seq ?? 0);
  if (jump && jump.seq !== seenJump) {
    setSeenJump(jump.seq);
    if (jump.kind === "file") setSelected(jump.file);
  }
  const line =
    jump?.kind === "file" && jump.file === selected ? jump.line : undefined;
  const total = [...files.values()].reduce((n, b) => n + b.length, 0);
  const findings = report?.findings ?? [];
  const errors = findings.filter((f) => f.severity === "error").length;

  return (
    <div className="wizard-step">
      <TargetSwitch />
      <dl className="review-summary">
        <div>
          <dt>Pack</dt>
          <dd>
            {values.basics.name}@{values.basics.version} · {values.basics.layer}
          </dd>
        </div>
        <div>
          <dt>Files</dt>
          <dd>
            {files.size} files, {formatBytes(total)}
          </dd>
        </div>
        <div>
          <dt>Content digest</dt>
          <dd>
            <code
              className="review-summary__digest"
              data-testid="content-digest"
            >
              {digest.data?.digest ?? "computing…"}
            </code>
          </dd>
        </div>
        <div>
          <dt>Check</dt>
          <dd>
            <span role="status">
              {!report
                ? "Checking…"
                : errors
                  ? errorsToFix(errors, destination)
                  : `Ready to publish to ${TARGET_LABELS[destination]}${findings.length ? `, with ${severityCounts(findings)}` : ""}`}
              {reportPending && report ? " (re-checking…)" : ""}
            </span>
          </dd>
        </div>
      </dl>
      <section className="wizard-section" aria-labelledby="review-download">
        <h3 id="review-download">Download</h3>
        <DownloadPanel stem={packStem(values)} />
      </section>
      <FindingsList
        findings={findings}
        headingLevel={3}
        counted
        emptyText="The core found nothing to report: this pack follows every rule it checks."
        actionFor={(f) => {
          const target = findingTarget(f, getValues());
          return { label: linkText(target, f), onClick: () => goTo(target) };
        }}
      />
      {report && (
        <ImagesTable
          images={report.images}
          files={files}
          headingLevel={3}
          // A draft has no URL: each source is a button that shows the file and line below.
          open={{
            onSelect: (file, line) =>
              goTo({
                kind: "file",
                step: "review",
                file,
                ...(line ? { line } : {}),
              }),
          }}
        />
      )}
      <h3 id={REVIEW_FILES_ID} tabIndex={-1}>
        Files
      </h3>
      <FileBrowser
        files={files}
        findings={findings}
        selected={selected}
        target={line ? { line } : {}}
        treeLabel="Pack files"
        headingLevel={4}
        onSelect={setSelected}
      />
    </div>
  );
}
