import { readFile, writeFile } from "node:fs/promises";

import { readPackArchive } from "../src/pack/read-archive";
import { sortedPaths } from "../src/pack/pack-files";
import { writePackTarGz } from "../src/pack/tar-write";
import { validatePack } from "../src/pack/validate";
import { FIXTURES, fixtureRows, loadFixture } from "../test/helpers/fixtures";
import { expectNoA11yViolations } from "./support/axe";
import { watchUploads } from "./support/edit-pack";
import { watchForProblems } from "./support/problems";
import { expectNoSidewaysScroll } from "./support/sideways";
import { expect, test } from "./support/test";
import { zipPack } from "./support/upload-fixtures";

test("open a local .zip: the same page as the registry's, nothing uploaded, downloads written locally", async ({
  page,
  openPage,
  packPage,
}, testInfo) => {
  const problems = watchForProblems(page);
  const uploads = watchUploads(page);
  const files = await loadFixture("pack-central/hello-universe-1.3.1");
  const zipPath = testInfo.outputPath("hello-universe-1.3.1.zip");
  await writeFile(zipPath, await zipPack(files, "hello-universe-1.3.1"));

  await openPage.goto();
  await expectNoA11yViolations(page, "open a local pack");
  await openPage.openFile(zipPath);

  await expect(packPage.title).toHaveText("Hello Universe");
  await expect(
    page.getByText("opened from hello-universe-1.3.1.zip, not uploaded"),
  ).toBeVisible();
  await expect(
    packPage.readme.getByRole("heading", { level: 3, name: "Hello Universe" }),
  ).toBeVisible();
  await expect(
    packPage.tab("Findings (" + validatePack(files).findings.length + ")"),
  ).toBeVisible();
  await expectNoA11yViolations(page, "local pack overview");

  // The local pack's downloads are written in the browser, with the same writer as the registry.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download .zip" }).click();
  const zip = await download;
  expect(zip.suggestedFilename()).toBe("hello-universe-1.3.1.zip");
  const reread = readPackArchive(
    new Uint8Array(await readFile(await zip.path())),
  );
  expect(reread.ok && sortedPaths(reread.value.files)).toEqual(
    sortedPaths(files),
  );

  await packPage.openTab(/^Files/);
  expect((await packPage.filePaths()).sort()).toEqual(
    sortedPaths(files).sort(),
  );
  await expect(packPage.editor("values.yaml")).toBeVisible();
  await expect(page).toHaveURL(/\/open\?tab=files$/);
  // The pack lives only in this tab: no link to copy that would open an empty page elsewhere.
  await expect(page.getByRole("button", { name: /^Copy link/ })).toHaveCount(0);

  await openPage.openAnother.click();
  await expect(openPage.heading).toBeVisible();
  expect(uploads).toEqual([]);
  expect(problems).toEqual([]);
});

test("open a local .tar.gz and a folder", async ({
  page,
  openPage,
  packPage,
}, testInfo) => {
  const uploads = watchUploads(page);
  const kubevious = await loadFixture("pack-central/kubevious-1.0.10");
  const tgz = testInfo.outputPath("kubevious-1.0.10.tar.gz");
  await writeFile(tgz, writePackTarGz(kubevious, "kubevious-1.0.10"));

  await openPage.goto();
  await openPage.openFile(tgz);
  await expect(packPage.title).toHaveText("Kubevious");
  await packPage.openTab(/^Files/);
  expect((await packPage.filePaths()).sort()).toEqual(
    sortedPaths(kubevious).sort(),
  );

  await openPage.openAnother.click();
  const folder = `${FIXTURES}pack-central/multus-3.9.0`;
  const multus = await loadFixture("pack-central/multus-3.9.0");
  await openPage.openFolder(folder);
  await expect(
    page.getByText("opened from multus-3.9.0/, not uploaded"),
  ).toBeVisible();
  await packPage.openTab(/^Files/);
  expect((await packPage.filePaths()).sort()).toEqual(
    sortedPaths(multus).sort(),
  );
  expect(uploads).toEqual([]);
});

test("a local pack becomes its next version in the builder, without leaving the tab; after a reload it is gone", async ({
  page,
  openPage,
  packPage,
}, testInfo) => {
  const uploads = watchUploads(page);
  const kubevious = await loadFixture("pack-central/kubevious-1.0.10");
  const tgz = testInfo.outputPath("kubevious-local.tar.gz");
  await writeFile(tgz, writePackTarGz(kubevious, "kubevious-1.0.10"));
  await openPage.goto();
  await openPage.openFile(tgz);
  await expect(packPage.title).toHaveText("Kubevious");
  await page.getByRole("button", { name: "Edit as a new version" }).click();
  await expect(page).toHaveURL(/\/build\/[^/?]+$/, { timeout: 20_000 });
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(
    "kubevious",
  );
  await expect(page.getByLabel("Version", { exact: true })).toHaveValue(
    "1.0.11",
  );
  expect(uploads).toEqual([]);

  await page.goto("/build?from=local");
  await expect(page.getByRole("alert")).toContainText("no longer in this tab");
});

test("the three NEGATIVE fixtures open locally with their errors listed", async ({
  page,
  openPage,
  packPage,
}, testInfo) => {
  const negatives = fixtureRows().filter((r) => r.negative);
  expect(negatives).toHaveLength(3);
  for (const row of negatives) {
    const files = await loadFixture(row.dir);
    const errors = validatePack(files).findings.filter(
      (f) => f.severity === "error",
    );
    expect(errors.length, row.dir).toBeGreaterThan(0);
    const zipPath = testInfo.outputPath(`${row.name}-${row.version}.zip`);
    await writeFile(
      zipPath,
      await zipPack(files, `${row.name}-${row.version}`),
    );

    await openPage.goto();
    await openPage.openFile(zipPath);
    await expect(packPage.tabs).toBeVisible();
    const verdict = page.getByRole("link", {
      name: new RegExp(`^${errors.length} errors?, `),
    });
    await expect(verdict).toBeVisible();
    await verdict.click();
    const listed = packPage.findings.filter({ hasText: "Error" });
    await expect(listed).toHaveCount(errors.length);
    for (const e of errors)
      await expect(listed.filter({ hasText: e.code }).first()).toBeVisible();
  }
  await expectNoA11yViolations(page, "local pack findings");
});

test("a file that is not an archive is refused with the reason; at 390 px nothing scrolls sideways", async ({
  page,
  openPage,
}, testInfo) => {
  const png = testInfo.outputPath("pack.zip");
  await writeFile(
    png,
    await readFile(`${FIXTURES}pack-central/hello-universe-1.3.1/logo.png`),
  );
  await page.setViewportSize({ width: 390, height: 844 });
  await openPage.goto();
  await expectNoSidewaysScroll(page, "/open at 390 px");
  await openPage.openFile(png);
  await expect(openPage.error).toContainText(
    "pack.zip is not a zip or tar.gz archive: it is a PNG image",
  );
  await expect(openPage.heading).toBeVisible();
  await expectNoSidewaysScroll(page, "/open with its error at 390 px");
});
