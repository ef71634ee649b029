import type { Locator, Page } from "@playwright/test";

import { WizardFrame } from "./wizard-steps";

/** Step 5: the pack as written, the core's findings with their links, the digest. */
export class WizardReview extends WizardFrame {
  readonly status: Locator;
  readonly digest: Locator;
  readonly findings: Locator;
  readonly files: Locator;

  constructor(page: Page) {
    super(page);
    this.status = page.getByRole("status").filter({
      hasText: /Ready to publish|to fix before publishing|Checking/,
    });
    this.digest = page.getByTestId("content-digest");
    this.findings = page.getByRole("region", { name: /^Findings/ });
    this.files = page.getByRole("navigation", { name: "Pack files" });
  }

  finding(text: string | RegExp): Locator {
    return this.findings.getByRole("listitem").filter({ hasText: text });
  }

  async openFile(name: string): Promise<void> {
    await this.files
      .getByRole("button", {
        name: new RegExp(`^${name.replace(/\./g, "\\.")}`),
      })
      .click();
  }
}
