import { expect, type Locator, type Page } from "@playwright/test";

/** Two versions of a pack, `/packs/{name}/compare/{a}...{b}`. */
export class ComparePage {
  readonly title: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole("heading", { level: 1 });
    this.summary = page
      .getByRole("status")
      .filter({ hasText: /changed, .* added/ });
  }

  async goto(name: string, from: string, to: string): Promise<void> {
    await this.page.goto(`/packs/${name}/compare/${from}...${to}`);
    await expect(this.summary).toBeVisible();
  }

  section(kind: "Added" | "Removed" | "Changed"): Locator {
    return this.page.getByRole("region", {
      name: new RegExp(`^${kind} files`),
    });
  }

  /** The paths listed in one section, in order. */
  async paths(kind: "Added" | "Removed" | "Changed"): Promise<string[]> {
    const section = this.section(kind);
    return kind === "Changed"
      ? section.locator("details > summary code").allInnerTexts()
      : section.getByRole("listitem").locator("code").allInnerTexts();
  }

  /** The Monaco diff of one changed file. */
  diff(path: string): Locator {
    return this.section("Changed")
      .locator("details")
      .filter({ has: this.page.locator("summary code", { hasText: path }) })
      .locator(".monaco-diff-editor");
  }
}
