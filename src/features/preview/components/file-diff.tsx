import { useState } from "react";

import { DiffEditor } from "@/lib/monaco";

import {
  formatBytes,
  languageOf,
  previewOf,
} from "@/components/pack/file-kind";
import { ChartDiff } from "./chart-diff";

interface FileDiffProps {
  path: string;
  /** Shown instead of the path, e.g. `charts/a-1.0.tgz → charts/a-1.1.tgz`. */
  label?: string;
  before: Uint8Array;
  after: Uint8Array;
  defaultOpen: boolean;
}

/**
 * One changed file, folded or open. The diff is only mounted while open: each Monaco diff is two
 * editors, and a pack version can change dozens of files.
 */
export function FileDiff({
  path,
  label,
  before,
  after,
  defaultOpen,
}: FileDiffProps) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <details
      className="file-diff"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        <code>{label ?? path}</code>{" "}
        <span className="muted small">
          {formatBytes(before.length)} → {formatBytes(after.length)}
        </span>
      </summary>
      {open && <DiffBody path={path} before={before} after={after} />}
    </details>
  );
}

function DiffBody({
  path,
  before,
  after,
}: Pick<FileDiffProps, "path" | "before" | "after">) {
  const a = previewOf(path, before);
  const b = previewOf(path, after);
  if (a.kind === "chart" && b.kind === "chart")
    return <ChartDiff path={path} before={before} after={after} />;
  if (a.kind === "rich" && b.kind === "rich")
    return (
      <DiffEditor
        original={a.text}
        modified={b.text}
        language={languageOf(path)}
        ariaLabel={`Changes to ${path}`}
        height="min(60vh, 32rem)"
      />
    );
  if (
    (a.kind === "rich" || a.kind === "plain") &&
    (b.kind === "rich" || b.kind === "plain")
  )
    return (
      <p>
        A text file over 1 MiB: too large to compare here. Download both
        versions to compare it.
      </p>
    );
  return <p>A binary file changed; its contents are not compared.</p>;
}
