import { test as base, expect } from "@playwright/test";

import { WizardBasics, type BasicsInput } from "./wizard-basics";
import { WizardContent } from "./wizard-content";
import { WizardLogo } from "./wizard-logo";
import { WizardPublish } from "./wizard-publish";
import { WizardReview } from "./wizard-review";
import { WizardStartPage } from "./wizard-start";
import { WizardValues } from "./wizard-values";

export interface WizardFixtures {
  start: WizardStartPage;
  basics: WizardBasics;
  content: WizardContent;
  logo: WizardLogo;
  values: WizardValues;
  review: WizardReview;
  publish: WizardPublish;
}

/** Playwright's test with one page object per wizard step. */
export const test = base.extend<WizardFixtures>({
  start: async ({ page }, use) => use(new WizardStartPage(page)),
  basics: async ({ page }, use) => use(new WizardBasics(page)),
  content: async ({ page }, use) => use(new WizardContent(page)),
  logo: async ({ page }, use) => use(new WizardLogo(page)),
  values: async ({ page }, use) => use(new WizardValues(page)),
  review: async ({ page }, use) => use(new WizardReview(page)),
  publish: async ({ page }, use) => use(new WizardPublish(page)),
});

export { expect };

/** A file for setInputFiles. */
export const upload = (
  name: string,
  bytes: Uint8Array | string,
  mimeType = "application/octet-stream",
) => ({
  name,
  mimeType,
  buffer: Buffer.from(
    typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
  ),
});

/** The common start of a builder test: a blank pack, its Basics filled, on the Content step. */
export async function newPackAtContent(
  start: WizardStartPage,
  basics: WizardBasics,
  input: BasicsInput,
): Promise<void> {
  await start.goto();
  await start.startBlank();
  await basics.fill(input);
  await basics.nextTo("Content");
}

/** A pack from a Start-page template, its Basics changed by `input` (none by default), on the Content step. */
export async function templateAtContent(
  start: WizardStartPage,
  basics: WizardBasics,
  title: string,
  input: BasicsInput = {},
): Promise<void> {
  await start.goto();
  await start.useTemplate(title);
  await basics.fill(input);
  await basics.nextTo("Content");
}

/** From the Content step, changing nothing on the way, to the Values step with its editor ready. */
export async function contentToValues(
  steps: Pick<WizardFixtures, "content" | "logo" | "values">,
): Promise<void> {
  await steps.content.nextTo("Logo");
  await steps.logo.nextTo("Values");
  await steps.values.ready();
}

/**
 * A real pack folder imported and walked to Review with nothing changed, the report settled.
 */
export async function importedPackAtReview(
  steps: Pick<
    WizardFixtures,
    "start" | "basics" | "content" | "logo" | "values" | "review"
  >,
  folder: string,
  name: string,
): Promise<void> {
  const { start, basics, content, logo, values, review } = steps;
  await start.goto();
  await start.importFolder(folder);
  await expect(basics.name).toHaveValue(name);
  await basics.nextTo("Content");
  await contentToValues({ content, logo, values });
  await values.nextTo("Review");
  await expect(review.status).toHaveText(/Ready to publish|to fix/);
}
