import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Scan the page with axe (WCAG rules as axe ships them) and fail on any serious or critical
 * violation, naming each rule and the elements it found.
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  screen: string,
): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(", ")}`,
    );
  expect(serious, `axe on ${screen}`).toEqual([]);
}
