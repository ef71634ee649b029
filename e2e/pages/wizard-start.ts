import { expect, type Locator, type Page } from "@playwright/test";

/** The builder's way in, `/build`: blank pack, templates, import, saved drafts. */
export class WizardStartPage {
  readonly heading: Locator;
  readonly importInput: Locator;
  readonly draftFileInput: Locator;
  readonly drafts: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", {
      level: 1,
      name: "Build a pack",
    });
    this.importInput = page.getByLabel("Pack archive or folder");
    this.draftFileInput = page.getByLabel(
      "Import a draft file (.packsmith-draft.zip)",
    );
    this.drafts = page.getByRole("region", { name: "Resume a draft" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/build");
    await expect(this.heading).toBeVisible();
  }

  private async opened(): Promise<void> {
    await this.page.waitForURL(/\/build\/[^/?]+$/);
    await expect(
      this.page.getByRole("heading", { level: 2, name: /Step 1 of 6/ }),
    ).toBeVisible();
  }

  async startBlank(): Promise<void> {
    await this.page
      .getByRole("button", { name: "Start from a blank pack" })
      .click();
    await this.opened();
  }

  async useTemplate(title: string): Promise<void> {
    await this.page
      .getByRole("button", { name: `Use this template: ${title}` })
      .click();
    await this.opened();
  }

  async importPack(
    file: { name: string; buffer: Buffer } | string,
  ): Promise<void> {
    await this.importInput.setInputFiles(
      typeof file === "string"
        ? file
        : { ...file, mimeType: "application/octet-stream" },
    );
    await this.opened();
  }

  async importFolder(path: string): Promise<void> {
    await this.page.locator("input[webkitdirectory]").setInputFiles(path);
    await this.opened();
  }

  /** The saved draft links, newest first. */
  draftLinks(): Locator {
    return this.drafts.getByRole("link");
  }
}
