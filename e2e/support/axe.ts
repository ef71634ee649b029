import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { expect, type Page } from "@playwright/test";
import type { AxeResults } from "axe-core";

/** The impacts that fail a scan: everything axe rates moderate or worse (only "minor" passes). */
const FAILING = ["moderate", "serious", "critical"];

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/** What a scan brings back from the page: the violations, with each element's selector. */
type Violation = Pick<
  AxeResults["violations"][number],
  "id" | "impact" | "help"
> & { targets: string[] };

/**
 * Scan the page with axe (WCAG rules as axe ships them) and fail on any moderate, serious or
 * critical violation, naming each rule and the elements it found.
 *
 * axe-core runs in the page directly: injected once per document, asked for violations only.
 * @axe-core/playwright's `analyze()` injected its 550 kB source again on every scan, then opened a
 * blank page, injected it there too and merged the results there (for cross-origin frames, which
 * the app has none of): 2.7 s a scan of the pack page on the 2-core CI machine, where this takes
 * about 1 s; the suite runs about a hundred scans.
 */
export async function expectNoA11yViolations(
  page: Page,
  screen: string,
): Promise<void> {
  if (!(await page.evaluate(() => "axe" in window)))
    await page.evaluate(axeSource);
  const violations = await page.evaluate(async (): Promise<Violation[]> => {
    const { axe } = window as unknown as { axe: typeof import("axe-core") };
    const results = await axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  const failing = violations
    .filter((v) => FAILING.includes(v.impact ?? ""))
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.targets.slice(0, 5).join(", ")}`,
    );
  expect(failing, `axe on ${screen}`).toEqual([]);
}
