import { useState, type ReactNode } from "react";

import { DiffEditor } from "@/lib/monaco";

import {
  formatBytes,
  languageOf,
  previewOf,
} from "@/components/pack/file-kind";

import "./file-diff.css";

interface FileDiffProps {
  /** The path as shown in the summary. */
  path: string;
  /** Shown after the path, e.g. `(default values)` or `replaces …`. */
  note?: ReactNode;
  /** Sizes in bytes, before and after; or one size when only one side has the file. */
  sizes: readonly [number, number] | number;
  defaultOpen: boolean;
  /** The diff: only mounted while open. */
  children: ReactNode;
}

/**
 * One changed (or added or removed) file, folded or open. Its body is only mounted while open:
 * each Monaco diff is two editors, and a version can change hundreds of files.
 */
export function FileDiff({
  path,
  note,
  sizes,
  defaultOpen,
  children,
}: FileDiffProps) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <details
      className="file-diff"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        <code>{path}</code>
        {note && <> {note}</>}{" "}
        <span className="muted small">
          {typeof sizes === "number"
            ? formatBytes(sizes)
            : `${formatBytes(sizes[0])} → ${formatBytes(sizes[1])}`}
        </span>
      </summary>
      {open && children}
    </details>
  );
}

/** Said in place of a chart archive found inside a chart (a diff's side, or one side's file). */
export function NestedChartNote() {
  return (
    <p>
      A chart archive inside a chart is not expanded (archives nest at most two
      deep); the chart&apos;s dependencies name its version.
    </p>
  );
}

/**
 * Two versions of one file, side by side, unchanged regions folded, in a box as tall as the diff
 * up to most of the screen; or why they are not shown.
 */
export function DiffBody({
  path,
  before,
  after,
  nested = false,
}: {
  path: string;
  before: Uint8Array;
  after: Uint8Array;
  /** A file inside a chart archive. */
  nested?: boolean;
}) {
  const a = previewOf(path, before);
  const b = previewOf(path, after);
  if (a.kind === "chart" || b.kind === "chart")
    return nested ? (
      <NestedChartNote />
    ) : (
      <p>A compressed archive changed; its contents are not compared here.</p>
    );
  if (a.kind === "rich" && b.kind === "rich")
    return (
      <DiffEditor
        original={a.text}
        modified={b.text}
        language={languageOf(path, a.text, b.text)}
        ariaLabel={`Changes to ${path}`}
        height="min(60vh, 32rem)"
        fitContent
        hideUnchangedRegions
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
