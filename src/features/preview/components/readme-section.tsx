import { useMemo } from "react";

import type { PackFiles } from "@/pack/pack-files";
import { renderReadme } from "@/pack/readme";
import { decodeText } from "@/pack/yaml-text";

import { shiftHeadings } from "../utils/shift-headings";

/**
 * README.md rendered as Markdown. `dangerouslySetInnerHTML` is safe here only because
 * renderReadme runs markdown-it with raw HTML disabled (every tag in the text is escaped) and an
 * allow-list of link schemes; e2e/reviewer-xss.spec.ts proves no payload runs or fetches. Its
 * headings move two levels down, under this section's own heading.
 */
export function ReadmeSection({ files }: { files: PackFiles }) {
  const bytes = files.get("README.md");
  const html = useMemo(() => {
    if (!bytes) return { kind: "missing" as const };
    const text = decodeText(bytes);
    return text === null
      ? { kind: "binary" as const }
      : { kind: "ok" as const, html: shiftHeadings(renderReadme(text), 2) };
  }, [bytes]);

  return (
    <section aria-labelledby="readme-heading" className="readme-section">
      <h2 id="readme-heading">README</h2>
      {html.kind === "missing" && (
        <p className="muted">This pack has no README.md.</p>
      )}
      {html.kind === "binary" && (
        <p className="muted">README.md is not UTF-8 text.</p>
      )}
      {html.kind === "ok" && (
        <div
          className="readme"
          dangerouslySetInnerHTML={{ __html: html.html }}
        />
      )}
    </section>
  );
}
