/**
 * Driving the pack builder (`/build`) the way a user does, as the e2e page objects do
 * (e2e/pages/wizard-*.ts): import a pack folder on the start screen, then "Next" step by step.
 */
import type { Page } from "@playwright/test";
import { arm, needMark } from "./browser-probe";

export const STEPS = [
  "Basics",
  "Content",
  "Logo",
  "Values",
  "Review",
  "Publish",
] as const;
export type Step = (typeof STEPS)[number];

const heading = (page: Page, step: Step) =>
  page.getByRole("heading", {
    level: 2,
    name: new RegExp(`^Step \\d of 6: ${step}$`),
  });

export async function openBuild(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/build`);
  await page
    .getByRole("heading", { level: 1, name: "Build a pack" })
    .waitFor({ timeout: 30_000 });
}

/**
 * Import a pack folder ("Make a new version of an existing pack") and wait for the draft's first
 * step. Returns the page-clock time of the input's change event and of the step showing.
 */
export async function importFolder(
  page: Page,
  dir: string,
  timeoutMs = 120_000,
): Promise<{ changeAt: number; openAt: number }> {
  await page.evaluate(
    `document.querySelector("input[webkitdirectory]").addEventListener("change", (e) => { window.__pb.marks.importChange = e.timeStamp; }, { once: true, capture: true })`,
  );
  await arm(page, [{ key: "step1", probe: "step", arg: "Basics" }]);
  await page.locator("input[webkitdirectory]").setInputFiles(dir);
  const openAt = await needMark(page, "step1@frame", timeoutMs, "import");
  await page.waitForURL(/\/build\/[^/?]+$/);
  const changeAt = await needMark(page, "importChange", 1000, "import");
  return { changeAt, openAt };
}

/** "Next", expecting `step`. */
export async function nextTo(
  page: Page,
  step: Step,
  timeoutMs = 60_000,
): Promise<void> {
  await page.getByRole("button", { name: /^Next/ }).click();
  await heading(page, step).waitFor({ timeout: timeoutMs });
}

/** "Back", expecting `step`. */
export async function backTo(page: Page, step: Step): Promise<void> {
  await page.getByRole("button", { name: "Back", exact: true }).click();
  await heading(page, step).waitFor({ timeout: 30_000 });
}

/** Through the stepper to a step already reached. */
export async function goTo(page: Page, step: Step): Promise<void> {
  await page
    .getByRole("navigation", { name: "Steps" })
    .getByRole("button", { name: new RegExp(`^${step}`) })
    .click();
  await heading(page, step).waitFor({ timeout: 30_000 });
}

/** From the first step to `step` with "Next". */
export async function nextUntil(page: Page, step: Step): Promise<void> {
  for (const s of STEPS.slice(1, STEPS.indexOf(step) + 1))
    await nextTo(page, s);
}

/** The values.yaml editor's text area (Monaco), focused. */
export async function focusValues(page: Page): Promise<void> {
  await page.getByRole("textbox", { name: "values.yaml editor" }).focus();
}
