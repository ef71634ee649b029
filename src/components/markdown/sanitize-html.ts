import DOMPurify, { type Config, type DOMPurify as Purifier } from "dompurify";

import type { PackFiles } from "@/pack/pack-files";
import {
  classifyImage,
  classifyLink,
  imageNote,
  muteParseTimeChecks,
  USER_CONTENT_PREFIX,
  type RasterMime,
} from "@/pack/readme";

/*
 * The one step between a document's HTML (renderMarkdown's `unsafeHtml`, raw HTML included) and
 * the DOM. DOMPurify does the sanitizing against an explicit allow-list; nothing here parses or
 * filters HTML by hand. After it, the sanitized tree (still in DOMPurify's inert document, where
 * nothing loads) is adjusted with decisions made by the core: images and links.
 */

/** What a document may contain: text structure, tables, details, images. Nothing active. */
const ALLOWED_TAGS = [
  ...["h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "br", "hr"],
  ...["blockquote", "pre", "code", "kbd", "samp", "var", "tt"],
  ...["em", "strong", "b", "i", "u", "s", "strike", "del", "ins", "mark"],
  ...["small", "sub", "sup", "abbr", "q", "cite", "dfn"],
  ...["ul", "ol", "li", "dl", "dt", "dd"],
  ...["table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"],
  ...["details", "summary", "figure", "figcaption", "a", "img"],
];

/**
 * Attributes kept on any allowed tag. No `style` (the app's CSP allows inline styles, so a
 * README could restyle or cover the app), no `class` (it could borrow the app's), no `on*`, no
 * `data-*` or `aria-*`. `id` and `name` come out prefixed (SANITIZE_NAMED_PROPS).
 */
const ALLOWED_ATTR = [
  ...["href", "title", "alt", "src", "width", "height", "align"],
  ...["colspan", "rowspan", "scope", "open", "start", "reversed", "id", "name"],
];

/**
 * URLs left in `href`/`src` (and any attribute not known to be URL-free): http(s), mailto, and
 * references without a scheme. DOMPurify's default also lets ftp:, tel:, sms: and others through.
 */
const SAFE_URI =
  /^(?:(?:https?|mailto):|[^a-z]|[a-z0-9+.-]+(?:[^a-z0-9+.\-:]|$))/i;

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP: SAFE_URI,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // Ids and names become `user-content-…` so that none can clobber the app's globals or ids.
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  KEEP_CONTENT: true,
  RETURN_DOM_FRAGMENT: true,
};

const LINK_REL = "noopener noreferrer nofollow";

let purifier: Purifier | null = null;

/** Our own DOMPurify instance, so its hooks never touch another user of the library. */
function getPurifier(): Purifier {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  purifier.addHook("afterSanitizeAttributes", (node) => {
    if (node.nodeName !== "A" || !(node instanceof Element)) return;
    const href = node.getAttribute("href");
    if (href === null) return;
    node.setAttribute("rel", LINK_REL);
    // Every web link leaves the app in a new tab without a handle on this page.
    if (/^(?:https?:)?\/\//i.test(href.trim()))
      node.setAttribute("target", "_blank");
  });
  return purifier;
}

/** A sanitized document, ready for `dangerouslySetInnerHTML`. */
export interface SanitizedMarkdown {
  html: string;
  /**
   * Pack images the document shows, by path. Their `img` elements carry `data-pack-image` and no
   * `src` yet: the view gives each a `blob:` URL made from the pack's bytes.
   */
  images: Map<string, RasterMime>;
}

export interface SanitizeContext {
  /** The document's path in the pack, for relative images and links. */
  path: string;
  files: PackFiles;
  /** The idPrefix given to renderMarkdown, so `#install` finds the heading `install`. */
  idPrefix: string;
}

/**
 * Sanitize a rendered document and settle its images and links: remote images become links
 * ("[image: alt]", never fetched), pack images are marked for a blob URL, other images become a
 * note; in-page links point at the prefixed ids; links to files of the pack carry
 * `data-pack-file` (the view gives them an app URL) and links to anything else relative become
 * plain text. Wide tables get a scrolling box; tables and code blocks take keyboard focus.
 */
export function sanitizeMarkdown(
  unsafeHtml: string,
  context: SanitizeContext,
): SanitizedMarkdown {
  const fragment = getPurifier().sanitize(
    muteParseTimeChecks(unsafeHtml),
    CONFIG,
  );
  const doc = fragment.ownerDocument;
  const images = new Map<string, RasterMime>();
  for (const img of fragment.querySelectorAll("img"))
    settleImage(img, context, images);
  for (const a of fragment.querySelectorAll("a[href]"))
    settleLink(a, fragment, context);
  let tables = 0;
  for (const table of fragment.querySelectorAll("table")) {
    if (table.parentElement?.closest("table")) continue;
    const box = doc.createElement("div");
    box.className = "markdown-view__table";
    // A scrolling box must be reachable by keyboard (axe scrollable-region-focusable).
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", `Table ${++tables}`);
    table.replaceWith(box);
    box.append(table);
  }
  // A code block scrolls too when its lines are long: reachable by keyboard as well.
  for (const pre of fragment.querySelectorAll("pre"))
    pre.setAttribute("tabindex", "0");
  const holder = doc.createElement("div");
  holder.append(fragment);
  return { html: holder.innerHTML, images };
}

function settleImage(
  img: HTMLImageElement,
  { path, files }: SanitizeContext,
  images: Map<string, RasterMime>,
): void {
  const doc = img.ownerDocument;
  const alt = img.getAttribute("alt")?.trim() ?? "";
  const image = classifyImage(img.getAttribute("src") ?? "", path, files);
  if (image.kind === "pack") {
    img.removeAttribute("src");
    img.setAttribute("data-pack-image", image.path);
    if (!img.hasAttribute("alt")) img.setAttribute("alt", "");
    images.set(image.path, image.mime);
    return;
  }
  if (image.kind === "remote") {
    const label = `[image: ${alt || lastSegment(image.href)}]`;
    // Inside a link (a badge), the link stays the link: no link nested in a link.
    if (img.closest("a")) {
      img.replaceWith(doc.createTextNode(label));
      return;
    }
    const link = doc.createElement("a");
    link.setAttribute("href", image.href);
    link.setAttribute("rel", LINK_REL);
    link.setAttribute("target", "_blank");
    if (img.title) link.setAttribute("title", img.title);
    link.textContent = label;
    img.replaceWith(link);
    return;
  }
  const note = doc.createElement("span");
  note.className = "markdown-view__note";
  note.textContent = `[image${alt ? `: ${alt}` : ""} — ${imageNote(image) ?? ""}]`;
  img.replaceWith(note);
}

function settleLink(
  a: Element,
  root: DocumentFragment,
  { path, files, idPrefix }: SanitizeContext,
): void {
  const link = classifyLink(a.getAttribute("href") ?? "", path, files);
  switch (link.kind) {
    case "external":
    case "mail":
      return;
    case "anchor": {
      const target = findAnchor(root, link.fragment, idPrefix);
      if (target) a.setAttribute("href", `#${target}`);
      return;
    }
    case "file":
      a.removeAttribute("href");
      a.removeAttribute("rel");
      a.setAttribute("data-pack-file", link.path);
      return;
    case "elsewhere":
    case "refused":
      // A relative link to something this pack does not hold would open a broken app URL.
      a.replaceWith(...a.childNodes);
      return;
  }
}

/**
 * The id an in-page link means, as GitHub resolves it: `#install` is the heading `install`
 * (prefixed), or an element whose raw `id`/`name` was `install`.
 */
function findAnchor(
  root: DocumentFragment,
  fragment: string,
  idPrefix: string,
): string | null {
  if (fragment === "") return null;
  const candidates = [
    `${USER_CONTENT_PREFIX}${idPrefix}${fragment}`,
    `${USER_CONTENT_PREFIX}${idPrefix}${fragment.toLowerCase()}`,
    fragment.startsWith(USER_CONTENT_PREFIX)
      ? fragment
      : `${USER_CONTENT_PREFIX}${fragment}`,
  ];
  for (const id of candidates) {
    const quoted = CSS.escape(id);
    if (root.querySelector(`[id="${quoted}"], a[name="${quoted}"]`)) return id;
  }
  return null;
}

function lastSegment(url: string): string {
  const path = url.replace(/[?#].*$/s, "").replace(/\/+$/, "");
  return path.slice(path.lastIndexOf("/") + 1) || url;
}
