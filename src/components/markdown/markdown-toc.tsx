import type { MarkdownHeading } from "@/pack/readme";

interface MarkdownTocProps {
  headings: readonly MarkdownHeading[];
  /** The document's path, to name the navigation ("Contents of README.md"). */
  path: string;
}

/**
 * Links to a document's headings, indented by level. The links are plain `#id` anchors; the
 * surrounding MarkdownView scrolls to them within the page, so the URL and the app's history
 * stay as they are.
 */
export function MarkdownToc({ headings, path }: MarkdownTocProps) {
  const top = Math.min(...headings.map((h) => h.level));
  return (
    <nav className="markdown-toc" aria-label={`Contents of ${path}`}>
      <p className="markdown-toc__title" aria-hidden="true">
        Contents
      </p>
      <ul className="markdown-toc__list">
        {headings.map((h) => (
          <li
            key={h.id}
            className="markdown-toc__item"
            data-depth={h.level - top}
          >
            <a href={`#${h.id}`}>{h.text || "Untitled section"}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
