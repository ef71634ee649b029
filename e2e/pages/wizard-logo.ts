import type { Locator, Page } from "@playwright/test";

import { WizardFrame } from "./wizard-steps";

/** Step 3: logo.png, dropped or made from the pack's initials. */
export class WizardLogo extends WizardFrame {
  readonly input: Locator;
  readonly preview: Locator;
  readonly refusal: Locator;

  constructor(page: Page) {
    super(page);
    this.input = page.getByLabel("Logo image");
    this.preview = page.getByRole("img", { name: /^Logo of/ });
    this.refusal = page
      .getByRole("alert")
      .filter({ hasText: "This logo cannot be used" });
  }

  async drop(file: {
    name: string;
    mimeType: string;
    buffer: Buffer;
  }): Promise<void> {
    await this.input.setInputFiles(file);
  }

  async makeFromInitials(): Promise<void> {
    await this.page
      .getByRole("button", { name: "Make a logo from the initials" })
      .click();
    await this.preview.waitFor();
  }
}
