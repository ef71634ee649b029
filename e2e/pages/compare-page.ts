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

  /** One chart compared on both sides (`Chart <name> …`). */
  chart(name: string): Locator {
    return this.page.getByRole("region", {
      name: new RegExp(`^Chart ${name}\\b`),
    });
  }

  /** The changed files inside a chart, in order. */
  async innerChanged(chart: string): Promise<string[]> {
    return this.chart(chart)
      .getByRole("region", { name: /^Changed inside/ })
      .locator("details > summary code")
      .allInnerTexts();
  }

  /** The Monaco diff of one changed file inside a chart. */
  innerDiff(chart: string, path: string): Locator {
    return this.chart(chart)
      .locator("details")
      .filter({
        has: this.page.locator("summary code", {
          hasText: new RegExp(`^${path}$`),
        }),
      })
      .locator(".monaco-diff-editor");
  }

  /** The form that picks the right side: another pack and its version. */
  get picker(): { pack: Locator; version: Locator; submit: Locator } {
    const form = this.page.getByRole("group", { name: /^Compare .* with$/ });
    return {
      pack: form.getByRole("combobox", { name: "Pack" }),
      version: form.getByRole("combobox", { name: "Version" }),
      submit: form.getByRole("button", { name: "Compare" }),
    };
  }

  /** The Monaco diff of one changed file. */
  diff(path: string): Locator {
    return this.section("Changed")
      .locator("details")
      .filter({ has: this.page.locator("summary code", { hasText: path }) })
      .locator(".monaco-diff-editor");
  }
}
