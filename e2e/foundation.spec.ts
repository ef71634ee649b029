import { writeFile } from "node:fs/promises";

import type { Page } from "@playwright/test";

import { writePackTarGz } from "../src/pack/tar-write";
import { loadFixture } from "../test/helpers/fixtures";
import { expectNoA11yViolations } from "./support/axe";
import { watchForProblems } from "./support/problems";
import { watchCspViolations } from "./support/csp";
import { expect, test } from "./support/test";

/*
 * The foundation under the real server and its CSP: Monaco and its workers, the pack worker, the
 * drop zone. The reviewer's `/open` is the screen that uses all three.
 */

/** Every request to another origin (nothing may come from a CDN). */
function watchForeignRequests(page: Page, baseURL: string): string[] {
  const foreign: string[] = [];
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith(baseURL) && !/^(blob|data):/.test(url))
      foreign.push(url);
  });
  return foreign;
}

/** The opened pack's heading (its README may hold a second one of the same name). */
const packOpened = (page: Page) =>
  page.getByRole("heading", { level: 1, name: "Hello Universe" }).first();

const helloTarGz = async () => {
  const files = await loadFixture("pack-central/hello-universe-1.3.1");
  return Buffer.from(writePackTarGz(files, "hello-universe-1.3.1"));
};

test("the first screen loads neither Monaco nor a worker", async ({ page }) => {
  const workers: string[] = [];
  page.on("worker", (w) => workers.push(w.url()));
  const scripts: Promise<string>[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "script") scripts.push(r.text());
  });

  await page.goto("/");
  // The first test of a run meets a cold server on a busy machine: allow it time.
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible({
    timeout: 15_000,
  });
  await page.waitForLoadState("networkidle");

  const bodies = await Promise.all(scripts);
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) expect(body).not.toContain("monaco-editor");
  expect(workers).toEqual([]);
});

test("Monaco works under the CSP: same-origin module workers, dark theme, its help on Alt+F1", async ({
  page,
  openPage,
  packPage,
  baseURL,
}, testInfo) => {
  await page.emulateMedia({ colorScheme: "dark" });
  const violations = await watchCspViolations(page);
  const problems = watchForProblems(page);
  const foreign = watchForeignRequests(page, baseURL ?? "");
  const workers: string[] = [];
  page.on("worker", (w) => workers.push(w.url()));
  const archive = testInfo.outputPath("hello-universe-1.3.1.tar.gz");
  await writeFile(archive, await helloTarGz());

  await openPage.goto();
  await openPage.openFile(archive);
  await expect(packOpened(page)).toBeVisible();
  await packPage.openTab(/^Files/);
  await packPage.fileLink("values.yaml").click();

  const editor = page.getByRole("textbox", { name: "Contents of values.yaml" });
  await expect(editor).toBeAttached();
  await expect(editor).not.toBeEditable();
  await expect(page.locator(".monaco-editor.vs-dark").first()).toBeVisible();

  // The editor's own worker and monaco-yaml's start, as module workers from this origin.
  await expect
    .poll(() =>
      workers.some((u) => /\/assets\/editor\.worker-[\w-]+\.js$/.test(u)),
    )
    .toBe(true);
  await expect
    .poll(() =>
      workers.some((u) => /\/assets\/yaml\.worker-[\w-]+\.js$/.test(u)),
    )
    .toBe(true);
  expect(
    workers.some((u) => /\/assets\/pack\.worker-[\w-]+\.js$/.test(u)),
  ).toBe(true);
  for (const url of workers)
    expect(url.startsWith(`${baseURL}/assets/`), url).toBe(true);

  // The editor's dark theme keeps every token readable (axe checks the text it can see).
  await expectNoA11yViolations(page, "values.yaml in the dark editor theme");

  await editor.focus();
  await page.keyboard.press("Alt+F1");
  const help = page.getByRole("dialog", { name: "Editor accessibility help" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Tab");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await expect(editor).toBeFocused();

  // zod probes `new Function("")` once, in a try/catch, to pick its fast path; the CSP blocks it and
  // reports it. It is harmless, and `z.config({ jitless: true })` at start-up skips it. Any other
  // violation, or a second eval, is a real failure.
  const reported = await violations();
  const evals = reported.filter((v) => v.startsWith("script-src blocked eval"));
  expect(evals.length).toBeLessThanOrEqual(1);
  expect(reported.filter((v) => !evals.includes(v))).toEqual([]);
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
});

test("a file dropped on the drop zone opens like a chosen one", async ({
  page,
  openPage,
}) => {
  const problems = watchForProblems(page);
  await openPage.goto();
  const bytes = [...(await helloTarGz())];
  const dataTransfer = await page.evaluateHandle((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(
      new File([new Uint8Array(data)], "hello-universe-1.3.1.tar.gz"),
    );
    return transfer;
  }, bytes);

  const zone = page.locator(".file-drop");
  await zone.dispatchEvent("dragover", { dataTransfer });
  await expect(zone).toHaveClass(/file-drop--dragging/);
  await zone.dispatchEvent("drop", { dataTransfer });

  await expect(packOpened(page)).toBeVisible();
  expect(problems).toEqual([]);
});

test("the drop zone is a labelled file input and a folder button, reached with Tab", async ({
  page,
  openPage,
}) => {
  await openPage.goto();
  await expect(openPage.fileInput).toHaveAttribute("type", "file");
  const reached: string[] = [];
  for (let press = 0; press < 20 && reached.length < 2; press += 1) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (el instanceof HTMLInputElement && el.type === "file")
        return "file input";
      if (
        el instanceof HTMLButtonElement &&
        el.textContent === "Choose a folder"
      )
        return "folder button";
      return null;
    });
    if (focused && !reached.includes(focused)) reached.push(focused);
  }
  expect(reached).toEqual(["file input", "folder button"]);
});
