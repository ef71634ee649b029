import MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";

import { MAX_TEXT_PREVIEW_BYTES } from "./limits";
import type { PackFiles } from "./pack-files";
import { imageInfo } from "./png";
import { describeSniffed, rasterMime, type RasterMime } from "./sniff";

export type { RasterMime };

/*
 * Markdown of a pack (README.md, docs, chart READMEs) in two flavours:
 * - renderReadme: raw HTML escaped, so its output is inert text on its own (for places that have
 *   no DOM sanitizer, such as the builder's live preview);
 * - renderMarkdown: raw HTML passed through, as GitHub and Artifact Hub show it (tables, <br>,
 *   <details>). Its output is NOT safe for the DOM until the app's DOMPurify step
 *   (src/components/markdown/sanitize-html.ts) has run; this module stays DOM-free, so the
 *   decisions that need no DOM (heading ids, where an image or a link points) are made here and
 *   tested in Node.
 */

// Markdown links and images may only be web, mail, in-page or relative URLs. markdown-it already
// drops javascript:, vbscript:, file: and non-image data: URLs; this tightens it to an allow-list.
const SAFE_URL = /^(https?:|mailto:|#|\/(?!\/)|\.{0,2}\/|[^:/?#]*(?:[/?#]|$))/i;

/** DOMPurify's SANITIZE_NAMED_PROPS prefix: ids of the document can never clobber the app's. */
export const USER_CONTENT_PREFIX = "user-content-";

const escaped = new MarkdownIt({
  html: false,
  linkify: true,
  typographer: false,
});
escaped.validateLink = (url: string): boolean => SAFE_URL.test(url.trim());
const defaultLinkOpen = escaped.renderer.rules.link_open;
escaped.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  token.attrSet("rel", "noopener noreferrer nofollow");
  token.attrSet("target", "_blank");
  return defaultLinkOpen
    ? defaultLinkOpen(tokens, idx, options, env, self)
    : self.renderToken(tokens, idx, options);
};

// A remote image would make the page fetch from another origin (a tracking pixel, a leak of who
// reviews what): show it as a link instead. Relative images stay, for a pack-local picture.
const defaultImage = escaped.renderer.rules.image;
escaped.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const src = token.attrGet("src") ?? "";
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) {
    const alt = escaped.utils.escapeHtml(token.content || src);
    return `<a href="${escaped.utils.escapeHtml(src)}" rel="noopener noreferrer nofollow" target="_blank">[image: ${alt}]</a>`;
  }
  return defaultImage
    ? defaultImage(tokens, idx, options, env, self)
    : self.renderToken(tokens, idx, options);
};

/**
 * Markdown → HTML with raw HTML escaped (a `<td>` in the text shows as `&lt;td&gt;`), links
 * restricted to web, mail, in-page and relative URLs, remote images turned into links. The
 * output is inert on its own.
 */
export function renderReadme(markdown: string): string {
  return escaped.render(markdown);
}

/** One Markdown heading of a rendered document, for a table of contents. */
export interface MarkdownHeading {
  /** 1–6 as written in the Markdown (before any offset). */
  level: number;
  /** The heading's text without markup. */
  text: string;
  /** Its element id: `user-content-<idPrefix><slug>`, unique in the document. */
  id: string;
}

/** What renderMarkdown made of a document. */
export interface RenderedMarkdown {
  /**
   * HTML with the document's raw HTML passed through. Untrusted: it must go through the app's
   * sanitizer before it reaches the DOM.
   */
  unsafeHtml: string;
  /** Every Markdown heading in order (headings typed as raw HTML are not listed). */
  headings: MarkdownHeading[];
}

export interface MarkdownOptions {
  /** Put after `user-content-` in every heading id, to keep two documents on a page apart. */
  idPrefix?: string;
  /** Move every heading down this many levels (h1 → h3 for 2), capped at h6; raw ones too. */
  headingOffset?: number;
}

interface RenderEnv {
  idPrefix: string;
  headingOffset: number;
  headings: MarkdownHeading[];
}

const withHtml = new MarkdownIt({
  html: true,
  linkify: true,
  typographer: false,
});
withHtml.validateLink = (url: string): boolean => SAFE_URL.test(url.trim());
withHtml.core.ruler.push("packsmith_markdown", (state: StateCore) => {
  const env = state.env as RenderEnv;
  const used = new Set<string>();
  const shift = (tag: string): string =>
    `h${Math.min(6, Number(tag.slice(1)) + env.headingOffset)}`;
  state.tokens.forEach((token, i) => {
    if (token.type === "heading_open") {
      const text = inlineText(state.tokens[i + 1]);
      const id = `${USER_CONTENT_PREFIX}${env.idPrefix}${uniqueSlug(text, used)}`;
      token.attrSet("id", id);
      env.headings.push({ level: Number(token.tag.slice(1)), text, id });
      token.tag = shift(token.tag);
    } else if (token.type === "heading_close") {
      token.tag = shift(token.tag);
    } else if (token.type === "html_block") {
      token.content = shiftRawHeadings(token.content, env.headingOffset);
    } else if (token.type === "inline") {
      for (const child of token.children ?? [])
        if (child.type === "html_inline")
          child.content = shiftRawHeadings(child.content, env.headingOffset);
    } else if (token.type === "th_open" || token.type === "td_open") {
      alignWithoutStyle(token);
    }
  });
});

/**
 * Markdown → HTML with its raw HTML kept, heading ids for a table of contents and headings moved
 * down by `headingOffset`. See RenderedMarkdown: the HTML still needs sanitizing.
 */
export function renderMarkdown(
  markdown: string,
  options: MarkdownOptions = {},
): RenderedMarkdown {
  const env: RenderEnv = {
    idPrefix: options.idPrefix ?? "",
    headingOffset: Math.max(0, Math.trunc(options.headingOffset ?? 0)),
    headings: [],
  };
  const unsafeHtml = withHtml.render(markdown, env);
  return { unsafeHtml, headings: env.headings };
}

/** The plain text of an inline token (text and code spans; markup and raw tags left out). */
function inlineText(token: Token | undefined): string {
  let text = "";
  for (const child of token?.children ?? [])
    if (child.type === "text" || child.type === "code_inline")
      text += child.content;
  return text.trim();
}

/**
 * GitHub's slug rule (github-slugger): lower case, punctuation dropped, spaces to dashes; a
 * repeated slug gets `-1`, `-2`… An empty one becomes `section`.
 */
function uniqueSlug(text: string, used: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-") || "section";
  let slug = base;
  for (let n = 1; used.has(slug); n++) slug = `${base}-${n}`;
  used.add(slug);
  return slug;
}

/** A short, id-safe name for a document path, for MarkdownOptions.idPrefix: `docs-setup-md-`. */
export function markdownIdPrefix(path: string): string {
  const slug = path
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return slug ? `${slug}-` : "";
}

// Only the digit of a heading tag changes; the sanitizer still sees (and judges) every attribute.
const shiftRawHeadings = (html: string, by: number): string =>
  by === 0
    ? html
    : html.replace(
        /<(\/?)h([1-6])(?=[\s/>])/gi,
        (_, slash: string, level: string) =>
          `<${slash}h${Math.min(6, Number(level) + by)}`,
      );

// markdown-it aligns table cells with `style="text-align:…"`; the sanitizer drops every style
// attribute, so the alignment is carried by the `align` attribute instead.
function alignWithoutStyle(token: Token): void {
  const align = /^text-align:(left|center|right)$/.exec(
    token.attrGet("style") ?? "",
  )?.[1];
  if (!align) return;
  token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
  token.attrSet("align", align);
}

/** Largest image of a pack shown in a document; a bigger one is named, not decoded. */
export const MAX_DOCUMENT_IMAGE_BYTES = MAX_TEXT_PREVIEW_BYTES;
/** A PNG side above this is not shown (an image bomb decodes to gigabytes). */
export const MAX_DOCUMENT_IMAGE_SIDE = 8192;

/** Where an image of a document points, and whether it may be shown. */
export type DocumentImage =
  | { kind: "pack"; path: string; mime: RasterMime }
  | { kind: "remote"; href: string }
  | { kind: "unsupported"; path: string; found: string }
  | { kind: "too-large"; path: string }
  | { kind: "missing"; path: string }
  | { kind: "refused"; reason: string };

/** Where a link of a document points. */
export type DocumentLink =
  | { kind: "anchor"; fragment: string }
  | { kind: "external"; href: string }
  | { kind: "mail"; href: string }
  | { kind: "file"; path: string }
  | { kind: "elsewhere"; href: string }
  | { kind: "refused"; scheme: string };

// What a browser does to a URL before reading it: tabs and newlines go, and so do leading and
// trailing controls and spaces.
const compact = (url: string): string =>
  url.replace(/[\t\n\r]/g, "").replace(/^[\0- ]+|[\0- ]+$/g, "");

const schemeOf = (url: string): string | null =>
  /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase() ?? null;

const isRemote = (url: string): boolean =>
  url.startsWith("//") || /^https?:/i.test(url);

/**
 * The pack file a relative reference in the document at `documentPath` names (`./img/a.png`,
 * `../logo.png`, `/docs/x.png` from the pack root), or null when it has a scheme, is only a
 * fragment or query, or leaves the pack. Percent-escapes are decoded, as a browser would.
 */
export function resolvePackPath(
  documentPath: string,
  ref: string,
): string | null {
  const url = compact(ref);
  if (schemeOf(url) !== null || url.startsWith("//")) return null;
  let path = url.replace(/[?#].*$/s, "");
  if (path === "") return null;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray `%` is an ordinary character of the name.
  }
  if (/[\\\0]/.test(path)) return null;
  const parts = path.startsWith("/")
    ? []
    : documentPath.split("/").slice(0, -1);
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.length > 0 ? parts.join("/") : null;
}

/**
 * Decide what to show for an image `src` of the document at `documentPath`: a pack file shown
 * from its own bytes (PNG, JPEG, GIF or WebP by magic bytes, never SVG), a remote image to offer
 * as a link (never fetched), or a reason it is not shown.
 */
export function classifyImage(
  src: string,
  documentPath: string,
  files: PackFiles,
): DocumentImage {
  const url = compact(src);
  if (url === "") return { kind: "refused", reason: "the image has no source" };
  if (isRemote(url)) return { kind: "remote", href: url };
  const scheme = schemeOf(url);
  if (scheme !== null)
    return { kind: "refused", reason: `${scheme}: images are not shown` };
  const path = resolvePackPath(documentPath, url);
  if (path === null)
    return { kind: "refused", reason: `${src} points outside the pack` };
  const bytes = files.get(path);
  if (!bytes) return { kind: "missing", path };
  if (bytes.length > MAX_DOCUMENT_IMAGE_BYTES)
    return { kind: "too-large", path };
  const info = imageInfo(bytes);
  const mime = rasterMime(info.format);
  if (!mime)
    return { kind: "unsupported", path, found: describeSniffed(info.format) };
  if (
    (info.width ?? 0) > MAX_DOCUMENT_IMAGE_SIDE ||
    (info.height ?? 0) > MAX_DOCUMENT_IMAGE_SIDE
  )
    return { kind: "too-large", path };
  return { kind: "pack", path, mime };
}

/** Why an image is shown as a note instead, in words; null when it is shown or linked. */
export function imageNote(image: DocumentImage): string | null {
  switch (image.kind) {
    case "pack":
    case "remote":
      return null;
    case "unsupported":
      return `${image.path} is ${image.found}; only PNG, JPEG, GIF and WebP images of the pack are shown`;
    case "too-large":
      return `${image.path} is too large to show`;
    case "missing":
      return `${image.path} is not in this pack`;
    case "refused":
      return image.reason;
  }
}

/** Decide where a link `href` of the document at `documentPath` goes. */
export function classifyLink(
  href: string,
  documentPath: string,
  files: PackFiles,
): DocumentLink {
  const url = compact(href);
  if (url.startsWith("#")) {
    let fragment = url.slice(1);
    try {
      fragment = decodeURIComponent(fragment);
    } catch {
      // Kept as written.
    }
    return { kind: "anchor", fragment };
  }
  if (isRemote(url)) return { kind: "external", href: url };
  const scheme = schemeOf(url);
  if (scheme === "mailto") return { kind: "mail", href: url };
  if (scheme !== null) return { kind: "refused", scheme };
  const path = resolvePackPath(documentPath, url);
  return path !== null && files.has(path)
    ? { kind: "file", path }
    : { kind: "elsewhere", href: url };
}

// The HTML tokenizer's whitespace (CR included: the input stream turns it into LF).
const HTML_SPACE = new Set(["\t", "\n", "\f", "\r", " "]);
const endsName = (c: string): boolean =>
  HTML_SPACE.has(c) || c === "/" || c === ">";

/**
 * Rename, in untrusted HTML, what Chromium checks against the page's CSP the moment it parses it,
 * even into an inert document (DOMParser, <template>, the Sanitizer API; measured on Chromium
 * 156): event handler attributes (`onerror` → `x-onerror`) and `<base>` (→ `<x-base>`). Parsing
 * them is harmless (nothing runs, the CSP blocks it, the sanitizer drops them), but each one
 * files a CSP violation report. The renamed forms are dropped by the sanitizer like the
 * originals. This is not a sanitizer and nothing relies on it for safety: it follows the
 * tokenizer's tag and attribute rules so that it renames only markup, never text; a tag it reads
 * differently from the browser (inside script text, say) costs at most one report.
 */
export function muteParseTimeChecks(html: string): string {
  let out = "";
  let copied = 0;
  const insert = (at: number, text: string): void => {
    out += html.slice(copied, at) + text;
    copied = at;
  };
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt < 0) break;
    i = lt + 1;
    if (html.startsWith("!--", i)) {
      // A comment ends at the first `-->` (`<!-->` and `<!--->` end at once).
      const end = html.indexOf("-->", i + 1);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (html[i] === "/") i++;
    if (!/[a-z]/i.test(html[i] ?? "")) continue;
    const nameStart = i;
    while (i < n && !endsName(html[i]!)) i++;
    if (html.slice(nameStart, i).toLowerCase() === "base")
      insert(nameStart, "x-");
    // Attributes, until the tag's `>`.
    while (i < n) {
      const c = html[i]!;
      if (HTML_SPACE.has(c) || c === "/") {
        i++;
        continue;
      }
      if (c === ">") {
        i++;
        break;
      }
      const attrStart = i++; // a leading `=` belongs to the name
      while (i < n && !endsName(html[i]!) && html[i] !== "=") i++;
      if (/^on/i.test(html.slice(attrStart, i))) insert(attrStart, "x-");
      while (i < n && HTML_SPACE.has(html[i]!)) i++;
      if (html[i] !== "=") continue;
      i++;
      while (i < n && HTML_SPACE.has(html[i]!)) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const end = html.indexOf(quote, i + 1);
        i = end < 0 ? n : end + 1;
      } else {
        while (i < n && !HTML_SPACE.has(html[i]!) && html[i] !== ">") i++;
      }
    }
  }
  return out + html.slice(copied);
}
