import { expect, type Page } from "@playwright/test";

/**
 * The page never scrolls sideways at its viewport's width: the document is no wider than the
 * viewport. The message names what reaches past the right edge without a clipping box around it.
 */
export async function expectNoSidewaysScroll(
  page: Page,
  where: string,
): Promise<void> {
  const { width, viewport, culprits } = await page.evaluate(() => {
    const edge = window.innerWidth;
    return {
      width: document.documentElement.scrollWidth,
      viewport: edge,
      culprits: [...document.querySelectorAll("body *")]
        .filter((e) => {
          if (e.getBoundingClientRect().right <= edge + 1) return false;
          for (let p = e.parentElement; p; p = p.parentElement)
            if (getComputedStyle(p).overflowX !== "visible") return false;
          return true;
        })
        .slice(0, 8)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
        .join(", "),
    };
  });
  expect(width, `${where}: ${culprits}`).toBeLessThanOrEqual(viewport);
}
