import { expect, type Locator, type Page } from "@playwright/test";

type Filter = "Layer" | "Cloud type" | "Add-on type";

/** The registry browser, `/packs`. */
export class RegistryPage {
  readonly heading: Locator;
  readonly searchBox: Locator;
  readonly results: Locator;
  readonly cards: Locator;
  readonly showMore: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", {
      level: 1,
      name: "Review a pack",
    });
    this.searchBox = page.getByRole("searchbox", { name: "Search by name" });
    this.results = page.getByRole("region", { name: "Results" });
    this.cards = this.results
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { level: 3 }) });
    this.showMore = page.getByRole("button", { name: "Show more packs" });
  }

  async goto(search = ""): Promise<void> {
    await this.page.goto(`/packs${search}`);
    await expect(this.heading).toBeVisible();
    await this.settled();
  }

  /** Wait until the list has answered (cards, the empty message or an error). */
  async settled(): Promise<void> {
    await expect(
      this.results
        .getByRole("status")
        .filter({ hasNotText: "Loading" })
        .first(),
    ).toBeVisible();
  }

  async search(text: string): Promise<void> {
    await this.searchBox.fill(text);
    await this.searchBox.press("Enter");
    await this.settled();
  }

  async filter(name: Filter, value: string): Promise<void> {
    await this.page.getByRole("combobox", { name }).selectOption(value);
    await this.settled();
  }

  /** The option labels of a filter, "Any" left out (e.g. `app services (4 packs)`). */
  async filterOptions(name: Filter): Promise<string[]> {
    const labels = await this.page
      .getByRole("combobox", { name })
      .locator("option")
      .allInnerTexts();
    return labels.filter((l) => l !== "Any");
  }

  async sortBy(
    label: "Highest version" | "Pack name" | "Recently uploaded",
  ): Promise<void> {
    await this.page
      .getByRole("combobox", { name: "Sort by" })
      .selectOption({ label });
    await this.settled();
  }

  /** Press "Show more packs" until every page is listed. */
  async showAll(): Promise<void> {
    // The status counts versions ("… (30 versions) so far"): it changes with every page.
    const status = this.results.getByRole("status").first();
    while (await this.showMore.isVisible()) {
      const before = await status.innerText();
      await this.showMore.click();
      await expect(status).not.toHaveText(before);
    }
  }

  /** The display names of the packs shown, in order. */
  async packTitles(): Promise<string[]> {
    return this.results.getByRole("heading", { level: 3 }).allInnerTexts();
  }

  card(displayName: string): Locator {
    return this.cards.filter({
      has: this.page.getByRole("heading", {
        level: 3,
        name: displayName,
        exact: true,
      }),
    });
  }
}
