import MarkdownIt from "markdown-it";

/**
 * Markdown → HTML for a pack's README with raw HTML disabled: tags in the text are escaped,
 * links and images are restricted to http(s), mailto and relative URLs (markdown-it already drops
 * javascript:, vbscript:, file: and non-image data: URLs; this tightens it to an allow-list).
 * External links open with rel="noopener noreferrer nofollow". The output is inert text.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
const SAFE_URL = /^(https?:|mailto:|#|\/(?!\/)|\.{0,2}\/|[^:/?#]*(?:[/?#]|$))/i;
md.validateLink = (url: string): boolean => SAFE_URL.test(url.trim());
const defaultLinkOpen = md.renderer.rules.link_open;
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  token.attrSet("rel", "noopener noreferrer nofollow");
  token.attrSet("target", "_blank");
  return defaultLinkOpen
    ? defaultLinkOpen(tokens, idx, options, env, self)
    : self.renderToken(tokens, idx, options);
};

// A remote image would make the page fetch from another origin (a tracking pixel, a leak of who
// reviews what): show it as a link instead. Relative images stay, for a pack-local picture.
const defaultImage = md.renderer.rules.image;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const src = token.attrGet("src") ?? "";
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) {
    const alt = md.utils.escapeHtml(token.content || src);
    return `<a href="${md.utils.escapeHtml(src)}" rel="noopener noreferrer nofollow" target="_blank">[image: ${alt}]</a>`;
  }
  return defaultImage
    ? defaultImage(tokens, idx, options, env, self)
    : self.renderToken(tokens, idx, options);
};

export function renderReadme(markdown: string): string {
  return md.render(markdown);
}
