import { expect, type Locator, type Page } from "@playwright/test";

/** A pack's page (`/packs/{name}/{version}`, and the same view on `/open`). */
export class PackPage {
  readonly title: Locator;
  readonly tabs: Locator;
  readonly fileTree: Locator;
  readonly readme: Locator;
  readonly findings: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole("heading", { level: 1 });
    this.tabs = page.getByRole("tablist", { name: "Pack sections" });
    this.fileTree = page.getByRole("navigation", { name: "Files" });
    this.readme = page.getByRole("region", { name: "README" });
    this.findings = page
      .getByRole("region", { name: "Findings" })
      .getByRole("listitem");
  }

  async goto(name: string, version: string, search = ""): Promise<void> {
    await this.page.goto(
      `/packs/${encodeURIComponent(name)}/${encodeURIComponent(version)}${search}`,
    );
    await expect(this.tabs).toBeVisible();
  }

  /**
   * Go to another pack page inside the running app, as its own links do (history.pushState and a
   * popstate event), without reloading the app and Monaco. For tests that walk many packs.
   */
  async visit(name: string, version: string, search = ""): Promise<void> {
    const url = `/packs/${encodeURIComponent(name)}/${encodeURIComponent(version)}${search}`;
    await this.page.evaluate((to) => {
      history.pushState(null, "", to);
      dispatchEvent(new PopStateEvent("popstate"));
    }, url);
    await expect(this.page).toHaveURL(url);
    // The header names the pack once the new page has replaced the previous one.
    await expect(
      this.page.getByText(`${name} version ${version}`),
    ).toBeVisible();
    await expect(this.tabs).toBeVisible();
  }

  tab(name: string | RegExp): Locator {
    return this.tabs.getByRole("tab", {
      name,
      exact: typeof name === "string",
    });
  }

  async openTab(name: string | RegExp): Promise<void> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute("aria-selected", "true");
  }

  /** Every file the tree lists (folded folders included), by full path. */
  async filePaths(): Promise<string[]> {
    await expect(this.fileTree).toBeVisible();
    return this.fileTree
      .locator("a[data-path]")
      .evaluateAll((links) =>
        links.map((a) => a.getAttribute("data-path") ?? ""),
      );
  }

  fileLink(path: string): Locator {
    return this.fileTree.locator(`a[data-path="${path}"]`);
  }

  /** The file shown in the viewer, by its heading. */
  viewerHeading(path: string): Locator {
    return this.page.getByRole("heading", {
      level: 2,
      name: path,
      exact: true,
    });
  }

  /** The read-only editor of the selected file, once Monaco has loaded. */
  editor(path: string): Locator {
    return this.page.locator(".monaco-editor").filter({
      has: this.page.getByRole("textbox", { name: `Contents of ${path}` }),
    });
  }

  /** An editor line holding the text (Monaco only renders the lines in view). */
  editorLine(path: string, text: string): Locator {
    return this.editor(path).locator(".view-line", { hasText: text });
  }
}
