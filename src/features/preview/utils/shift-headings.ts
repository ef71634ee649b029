/**
 * Move the headings of rendered README HTML down by `by` levels (h1 → h3 for by = 2, capped at
 * h6), so the README sits under the page's own "README" heading instead of competing with the
 * page title. Only for renderReadme's output: raw HTML is disabled there, so every `<hN>` tag in
 * it was made by the Markdown renderer (a `<h1>` typed in the text arrives escaped as `&lt;h1&gt;`).
 */
export function shiftHeadings(html: string, by: number): string {
  return html.replace(
    /<(\/?)h([1-6])>/g,
    (_, slash: string, level: string) =>
      `<${slash}h${Math.min(6, Number(level) + by)}>`,
  );
}
