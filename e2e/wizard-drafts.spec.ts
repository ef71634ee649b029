import { readFile } from "node:fs/promises";
import { join } from "node:path";

import type { Page } from "@playwright/test";

import { makePng } from "../test/gen/png";
import { writePackZip } from "../src/pack/zip-write";
import { FIXTURES, loadFixture } from "../test/helpers/fixtures";
import {
  contentToValues,
  expect,
  newPackAtContent,
  templateAtContent,
  test,
  upload,
} from "./pages/wizard-test";

/* Drafts live in IndexedDB, files included: they survive a reload, move between browsers as a
 * file, and are never overwritten by another tab. */

const CHART =
  "pack-central/akuity-agent-0.30.0-5.5.2026/charts/akuity-agent-0.30.0-5.5.2026.tgz";

test("a half-built pack reopens after a reload, with its chart and logo", async ({
  page,
  start,
  basics,
  content,
  logo,
}) => {
  await newPackAtContent(start, basics, {
    addonType: "system app",
    name: "e2e-reload",
    displayName: "Reload me",
  });
  await content.addCharts([
    upload(
      "akuity-agent-0.30.0-5.5.2026.tgz",
      await readFile(join(FIXTURES, CHART)),
    ),
  ]);
  await content.expectChart("akuity-agent");
  await content.nextTo("Logo");
  await logo.drop(upload("logo.png", makePng(200, 200), "image/png"));
  await expect(page.getByText("logo.png · 200 × 200 px")).toBeVisible();
  await logo.saved();

  await page.reload();
  await logo.expectStep("Logo");
  await expect(logo.preview).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 1, name: "Reload me" }),
  ).toBeVisible();
  await logo.goTo("Content");
  await content.expectChart("akuity-agent");
  await content.goTo("Basics");
  await expect(basics.name).toHaveValue("e2e-reload");

  // The start page offers it back.
  await start.goto();
  await expect(start.draftLinks().first()).toHaveText("Continue Reload me");
  await start.draftLinks().first().click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Reload me" }),
  ).toBeVisible();
});

/** How the drafts' files are stored: the count of each kind of value in the blobs store. */
async function storedValueKinds(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open("packsmith-drafts");
        open.onerror = () => reject(open.error ?? new Error("open failed"));
        open.onsuccess = () => {
          const all = open.result
            .transaction("blobs", "readonly")
            .objectStore("blobs")
            .getAll();
          all.onerror = () => reject(all.error ?? new Error("getAll failed"));
          all.onsuccess = () => {
            const kinds: Record<string, number> = {};
            for (const v of all.result as unknown[]) {
              const kind = v instanceof Blob ? "Blob" : "bytes";
              kinds[kind] = (kinds[kind] ?? 0) + 1;
            }
            open.result.close();
            resolve(kinds);
          };
        };
      }),
  );
}

// An import is stored as Blobs the pack worker made of the files it read, not as bytes
// serialized on the page's thread: what comes back from storage must be the same bytes.
test("an imported pack is stored whole: after a reload every file is the original's, byte for byte", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
  publish,
}) => {
  test.setTimeout(120_000);
  const fixture = "pack-central/piraeus-operator-2.9.0";
  const files = await loadFixture(fixture);
  const zip = Buffer.from(await writePackZip(files, "piraeus-operator-2.9.0"));
  const imports = [
    () => start.importFolder(join(FIXTURES, fixture)),
    () => start.importPack({ name: "piraeus.zip", buffer: zip }),
  ];
  for (const importIt of imports) {
    await start.goto();
    await importIt();
    await basics.saved();
    // Every stored file (all but the texts the draft holds itself) went to IndexedDB as a Blob.
    const kinds = await storedValueKinds(page);
    expect(kinds.bytes).toBeUndefined();
    expect(kinds.Blob).toBeGreaterThan(files.size / 2);
    await page.reload();
    await basics.expectStep("Basics");
    await basics.nextTo("Content");
    await contentToValues({ content, logo, values });
    await values.nextTo("Review");
    await review.nextTo("Publish");
    const { files: stored } = await publish.downloadedZip();
    expect([...stored.keys()].sort()).toEqual([...files.keys()].sort());
    // pack.json is the next version's; every other file is the original's.
    for (const [path, bytes] of files)
      if (path !== "pack.json")
        expect(Buffer.from(stored.get(path)!).equals(bytes), path).toBe(true);
  }
});

test("a draft is exported to a file, deleted, and imported back whole", async ({
  page,
  start,
  basics,
  content,
}) => {
  await templateAtContent(start, basics, "Permission Manager manifest add-on", {
    displayName: "Exported manager",
  });
  await content.saved();
  const waiting = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export draft" }).click();
  const download = await waiting;
  expect(download.suggestedFilename()).toBe(
    "Exported-manager.packsmith-draft.zip",
  );
  const file = await download.path();

  await start.goto();
  await start.drafts
    .getByRole("button", { name: "Delete Exported manager" })
    .click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: "Delete the draft" })
    .click();
  await expect(
    start.drafts.getByText("No drafts saved in this browser yet."),
  ).toBeVisible();

  await start.draftFileInput.setInputFiles(file);
  await page.waitForURL(/\/build\/[^/]+$/);
  await content.expectStep("Content");
  await expect(content.manifests).toContainText(
    "manifests/permission-manager.yaml",
  );
  await content.goTo("Basics");
  await expect(basics.displayName).toHaveValue("Exported manager");
});

test("a second tab's changes are reported as a conflict, never overwritten", async ({
  page,
  context,
  start,
  basics,
}) => {
  await start.goto();
  await start.startBlank();
  await basics.fill({ name: "two-tabs" });
  await basics.saved();
  const other = await context.newPage();
  await other.goto(page.url());
  const otherName = other.getByLabel("Name", { exact: true });
  await expect(otherName).toHaveValue("two-tabs");
  await otherName.fill("two-tabs-other");
  await expect(other.locator(".wizard__save")).toHaveText(/Draft saved/);

  await basics.name.fill("two-tabs-mine");
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: "This draft was changed in another tab" }),
  ).toBeVisible();
  // The other tab's version is what is stored.
  await other.reload();
  await expect(otherName).toHaveValue("two-tabs-other");
});

test("leaving asks only while a change is unsaved", async ({
  page,
  start,
  basics,
}) => {
  await start.goto();
  await start.startBlank();
  await basics.saved();
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // Unsaved: a change made a moment ago.
  await basics.name.fill("leave-me");
  await page.getByRole("link", { name: "Packsmith" }).click();
  expect(dialogs).toEqual(["Some changes are not saved yet. Leave anyway?"]);
  await expect(basics.name).toBeVisible();
  // Saved: no question.
  await basics.saved();
  await page.getByRole("link", { name: "Packsmith" }).click();
  await expect(
    page.getByRole("heading", {
      level: 1,
      name: "Build and review Palette packs",
    }),
  ).toBeVisible();
  expect(dialogs).toHaveLength(1);
});

test("without IndexedDB the draft lives in the tab, says so, and leaving asks", async ({
  page,
  start,
  basics,
}) => {
  await page.addInitScript(() =>
    Object.defineProperty(window, "indexedDB", { value: undefined }),
  );
  await start.goto();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "Drafts cannot be saved in this browser" }),
  ).toBeVisible();
  await start.startBlank();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "This browser cannot store drafts" }),
  ).toBeVisible();
  await expect(basics.saveStatus).toHaveText("Kept in this tab only");
  await basics.name.fill("memory-only");
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("link", { name: "Packsmith" }).click();
  expect(asked).toEqual([
    "This browser cannot store drafts: leaving loses this pack. Leave anyway?",
  ]);
  await expect(basics.name).toHaveValue("memory-only");
});
