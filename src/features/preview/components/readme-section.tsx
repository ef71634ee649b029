import { useMemo } from "react";

import { MarkdownView } from "@/components/markdown/markdown-view";
import type { PackFiles } from "@/pack/pack-files";
import { decodeText } from "@/pack/yaml-text";

import { packLocationSearch } from "../utils/deep-link";

/** A link from the README to another file of the pack opens it in this page's Files tab. */
const fileHref = (file: string): string =>
  `${window.location.pathname}${packLocationSearch({ tab: "files", file })}`;

/**
 * README.md as its authors wrote it (MarkdownView: raw HTML sanitized, pack images, a table of
 * contents). Its headings move two levels down, under this section's own heading.
 */
export function ReadmeSection({ files }: { files: PackFiles }) {
  const bytes = files.get("README.md");
  const text = useMemo(() => (bytes ? decodeText(bytes) : undefined), [bytes]);

  return (
    <section aria-labelledby="readme-heading" className="readme-section">
      <h2 id="readme-heading">README</h2>
      {text === undefined && (
        <p className="muted">This pack has no README.md.</p>
      )}
      {text === null && <p className="muted">README.md is not UTF-8 text.</p>}
      {typeof text === "string" && (
        <MarkdownView
          text={text}
          path="README.md"
          files={files}
          headingOffset={2}
          fileHref={fileHref}
        />
      )}
    </section>
  );
}
