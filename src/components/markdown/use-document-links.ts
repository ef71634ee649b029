import { useEffect, type RefObject } from "react";

import { isPlainLeftClick, navigate } from "@/lib/location";

/**
 * Links inside a rendered document, handled on its root (one delegated listener):
 * - `#id` links (the table of contents, in-page links of the text) scroll to the element within
 *   this document and move focus to it; the URL and the app's history are left alone;
 * - `a[data-pack-file]` (a link to another file of the pack) gets `fileHref(path)` and opens in
 *   the app through `navigate`. Without `fileHref` it stays plain text.
 * Modified clicks (new tab, new window) keep the browser's behaviour. `version` is anything that
 * changes when the document's HTML does, so the links of new HTML are set up again.
 */
export function useDocumentLinks(
  root: RefObject<HTMLElement | null>,
  fileHref: ((path: string) => string) | undefined,
  version: unknown,
): void {
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    if (fileHref)
      for (const a of el.querySelectorAll<HTMLAnchorElement>(
        "a[data-pack-file]",
      ))
        a.setAttribute("href", fileHref(a.dataset.packFile ?? ""));

    function onClick(event: MouseEvent) {
      if (!isPlainLeftClick(event) || !(event.target instanceof Element))
        return;
      const a = event.target.closest("a[href]");
      if (!a || !el?.contains(a)) return;
      const href = a.getAttribute("href") ?? "";
      if (href.startsWith("#")) {
        const target = findTarget(el, href.slice(1));
        if (!target) return;
        event.preventDefault();
        jumpTo(target);
      } else if (a.hasAttribute("data-pack-file")) {
        event.preventDefault();
        navigate(href);
      }
    }
    el.addEventListener("click", onClick);
    return () => el.removeEventListener("click", onClick);
  }, [root, fileHref, version]);
}

function findTarget(root: HTMLElement, id: string): HTMLElement | null {
  if (id === "") return null;
  const quoted = CSS.escape(id);
  return root.querySelector<HTMLElement>(
    `[id="${quoted}"], a[name="${quoted}"]`,
  );
}

/** Scroll to an element and put keyboard focus there, as following an in-page link does. */
function jumpTo(target: HTMLElement): void {
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "start" });
}
