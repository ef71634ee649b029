import { expect, type Locator, type Page } from "@playwright/test";

/** Opening a pack from disk, `/open`: nothing is uploaded. */
export class OpenPage {
  readonly heading: Locator;
  readonly fileInput: Locator;
  readonly error: Locator;
  readonly openAnother: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", {
      level: 1,
      name: "Open a local pack",
    });
    this.fileInput = page.getByLabel("Pack archive (.zip, .tar.gz) or folder");
    this.error = page
      .getByRole("alert")
      .filter({ hasText: "This pack cannot be opened" });
    this.openAnother = page.getByRole("button", { name: "Open another pack" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/open");
    await expect(this.heading).toBeVisible();
  }

  /** Choose an archive file in the file input. */
  async openFile(path: string): Promise<void> {
    await this.fileInput.setInputFiles(path);
  }

  /** Choose a folder through the "Choose a folder" button's directory input. */
  async openFolder(path: string): Promise<void> {
    await this.page.locator("input[webkitdirectory]").setInputFiles(path);
  }
}
