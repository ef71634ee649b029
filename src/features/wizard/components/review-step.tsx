import { useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";

import { FindingsList } from "@/features/wizard/components/findings-list";
import { PackFileTree } from "@/features/wizard/components/pack-file-tree";
import { PackFileViewer } from "@/features/wizard/components/pack-file-viewer";
import { usePackDigest } from "@/features/wizard/hooks/use-pack-report";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { draftFingerprint } from "@/features/wizard/model/fingerprint";
import { formatSize } from "@/features/wizard/model/file-tree";

/** Step 5: the pack exactly as it will be written, with every finding of the core linked to its fix. */
export function ReviewStep() {
  const { control } = useFormContext<WizardValues>();
  const values = useWatch({ control }) as WizardValues;
  const { files, report, reportPending, jump, draftId, blobs } = useWizard();
  const digest = usePackDigest(draftId, files, draftFingerprint(values, blobs));
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
            {files.size} files, {formatSize(total)}
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
                  ? `${errors} ${errors === 1 ? "error" : "errors"} to fix before publishing`
                  : `Ready to publish${findings.length ? `, with ${findings.length} ${findings.length === 1 ? "note" : "notes"}` : ""}`}
              {reportPending && report ? " (re-checking…)" : ""}
            </span>
          </dd>
        </div>
      </dl>
      <FindingsList findings={findings} />
      <h3>Files</h3>
      <div className="review-files">
        <PackFileTree
          files={files}
          selected={selected}
          onSelect={setSelected}
        />
        <PackFileViewer
          key={selected}
          path={selected}
          bytes={files.get(selected)}
          line={line}
          findings={findings.filter((f) => f.file === selected)}
        />
      </div>
    </div>
  );
}
