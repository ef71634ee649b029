import { useMemo, useRef } from "react";

import { MAX_TEXT_PREVIEW_BYTES } from "@/pack/limits";
import type { PackFiles } from "@/pack/pack-files";
import { markdownIdPrefix, renderMarkdown } from "@/pack/readme";

import { MarkdownToc } from "./markdown-toc";
import { sanitizeMarkdown } from "./sanitize-html";
import { useDocumentLinks } from "./use-document-links";
import { usePackImages } from "./use-pack-images";

import "./markdown-view.css";

export interface MarkdownViewProps {
  /** The document's Markdown (raw HTML included). */
  text: string;
  /** Its path in `files`, for relative images and links and to name its contents. */
  path: string;
  /** The files images and links may name: the pack's, or a chart's. */
  files: PackFiles;
  /** Move headings down this many levels, under the heading of the surrounding section. */
  headingOffset?: number;
  /** A table of contents when the document has 3 or more headings (default true). */
  toc?: boolean;
  /** The app URL of another file of `files`; without it, links to them are plain text. */
  fileHref?: (path: string) => string;
}

/** Documents above this are not rendered (markdown-it and DOMPurify would stall the tab). */
const MAX_DOCUMENT_CHARS = MAX_TEXT_PREVIEW_BYTES;

/**
 * A Markdown document of a pack as its authors wrote it: raw HTML (tables, `<br>`, `<details>`)
 * through DOMPurify's allow-list, images from the pack's own bytes, remote images as links,
 * nothing run and nothing fetched (e2e/reviewer-xss.spec.ts). `dangerouslySetInnerHTML` is safe
 * here only because every byte of it went through sanitizeMarkdown.
 */
export function MarkdownView({
  text,
  path,
  files,
  headingOffset = 0,
  toc = true,
  fileHref,
}: MarkdownViewProps) {
  const root = useRef<HTMLDivElement>(null);
  const doc = useMemo(() => {
    if (text.length > MAX_DOCUMENT_CHARS) return null;
    const idPrefix = markdownIdPrefix(path);
    const rendered = renderMarkdown(text, { idPrefix, headingOffset });
    const sanitized = sanitizeMarkdown(rendered.unsafeHtml, {
      path,
      files,
      idPrefix,
    });
    return { ...sanitized, headings: rendered.headings };
  }, [text, path, files, headingOffset]);
  usePackImages(root, doc?.images, files);
  useDocumentLinks(root, fileHref, doc);

  if (!doc)
    return (
      <p className="markdown-view__note">
        {path} is too large to show as a document; open it as text instead.
      </p>
    );
  return (
    <div className="markdown-view" ref={root}>
      {toc && doc.headings.length >= 3 && (
        <MarkdownToc headings={doc.headings} path={path} />
      )}
      <div
        className="markdown-view__body"
        dangerouslySetInnerHTML={{ __html: doc.html }}
      />
    </div>
  );
}
