import { expect, type Locator, type Page } from "@playwright/test";

/** What every wizard step shares: its heading, Back and Next, the error summary, the stepper. */
export class WizardFrame {
  readonly errorSummary: Locator;
  readonly stepper: Locator;
  readonly saveStatus: Locator;

  constructor(readonly page: Page) {
    this.errorSummary = page
      .getByRole("alert")
      .filter({ hasText: "There is a problem" });
    this.stepper = page.getByRole("navigation", { name: "Steps" });
    this.saveStatus = page.locator(".wizard__save");
  }

  heading(step: string): Locator {
    return this.page.getByRole("heading", {
      level: 2,
      name: new RegExp(`Step \\d of 6: ${step}`),
    });
  }

  async expectStep(step: string): Promise<void> {
    await expect(this.heading(step)).toBeVisible();
  }

  async next(): Promise<void> {
    await this.page.getByRole("button", { name: /^Next/ }).click();
  }

  async back(): Promise<void> {
    await this.page.getByRole("button", { name: "Back", exact: true }).click();
  }

  /** Next, expecting to land on `step`. */
  async nextTo(step: string): Promise<void> {
    await this.next();
    await this.expectStep(step);
  }

  async goTo(step: string): Promise<void> {
    await this.stepper
      .getByRole("button", { name: new RegExp(`^${step}`) })
      .click();
    await this.expectStep(step);
  }

  /** Wait until the draft is in storage (the autosave runs half a second after a change). */
  async saved(): Promise<void> {
    await expect(this.saveStatus).toHaveText(/Draft saved/);
  }
}
