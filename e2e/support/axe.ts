import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The impacts that fail a scan: everything axe rates moderate or worse (only "minor" passes). */
const FAILING = ["moderate", "serious", "critical"];

/**
 * Scan the page with axe (WCAG rules as axe ships them) and fail on any moderate, serious or
 * critical violation, naming each rule and the elements it found.
 */
export async function expectNoA11yViolations(
  page: Page,
  screen: string,
): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const failing = violations
    .filter((v) => FAILING.includes(v.impact ?? ""))
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(", ")}`,
    );
  expect(failing, `axe on ${screen}`).toEqual([]);
}
