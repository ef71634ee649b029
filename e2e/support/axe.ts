import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Scan the page with axe (WCAG rules as axe ships them) and fail on any serious or critical
 * violation (moderate ones too with `moderate: true`), naming each rule and the elements it found.
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  screen: string,
  { moderate = false }: { moderate?: boolean } = {},
): Promise<void> {
  const failing = moderate
    ? ["moderate", "serious", "critical"]
    : ["serious", "critical"];
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => failing.includes(v.impact ?? ""))
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(", ")}`,
    );
  expect(serious, `axe on ${screen}`).toEqual([]);
}
