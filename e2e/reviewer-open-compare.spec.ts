import { writeFile } from "node:fs/promises";

import { writePackTarGz } from "../src/pack/tar-write";
import { loadFixture } from "../test/helpers/fixtures";
import { expectNoA11yViolations } from "./support/axe";
import { chartFiles, editText, watchUploads } from "./support/edit-pack";
import { watchForProblems } from "./support/problems";
import { expect, test } from "./support/test";
import { zipPack } from "./support/upload-fixtures";

const NAME = "crossplane";
const VERSION = "2.3.0";
const CHART = "charts/crossplane-2.3.0.tgz";
const MARK = "  minReadySeconds: 9 # changed on disk, not in the registry";
test("a local pack against the registry's version of it: its files, inside its chart and its images, diffs read from disk", async ({
  page,
  openPage,
  packPage,
  comparePage,
  packFixtures,
}, testInfo) => {
  expect(
    packFixtures.some((f) => f.name === NAME && f.version === VERSION),
  ).toBe(true);
  const problems = watchForProblems(page);
  const uploads = watchUploads(page);
  // The registry's crossplane 2.3.0 edited on disk: the operator image retagged in values.yaml and
  // a template changed inside the chart archive, which keeps its name.
  const files = await loadFixture(`pack-central/crossplane-${VERSION}`);
  editText(
    files,
    "values.yaml",
    "crossplane/crossplane:v2.3.0",
    "crossplane/crossplane:v2.4.0",
  );
  const inner = chartFiles(files, CHART);
  editText(
    inner,
    "templates/deployment.yaml",
    "\nspec:\n",
    `\nspec:\n${MARK}\n`,
  );
  files.set(CHART, writePackTarGz(inner, "crossplane"));
  const zipPath = testInfo.outputPath("crossplane-edited.zip");
  await writeFile(zipPath, await zipPack(files, `crossplane-${VERSION}`));

  await openPage.goto();
  await openPage.openFile(zipPath);
  await packPage.openTab("Compare with registry");
  await expect(page).toHaveURL(/\/open\?tab=compare$/);

  // The registry holds this very version: it is what the file on disk is compared with.
  const version = page.getByRole("combobox", {
    name: `${NAME} in the registry`,
  });
  await expect(version).toHaveValue(VERSION);
  await expect(
    page.getByText("The registry already holds 2.3.0 with other files"),
  ).toBeVisible();
  await expect(
    page.getByText(
      `No version of ${NAME} in the registry has exactly these files.`,
    ),
  ).toBeVisible();
  await expect(comparePage.summary).toHaveText(
    /^2 changed, 0 added, 0 removed, \d+ unchanged$/,
  );
  await expect(comparePage.section("Changed")).toContainText(
    `${CHART} compared file by file under Charts`,
  );

  // values.yaml: the registry's line on the left, the one on disk on the right.
  const values = comparePage.diff("values.yaml");
  await expect(
    values.locator(".modified .view-line", { hasText: "v2.4.0" }).first(),
  ).toBeVisible();
  await expect(
    values.locator(".original .view-line", { hasText: "v2.3.0" }).first(),
  ).toBeVisible();

  // Inside the chart: the local archive is expanded in the pack worker, its template diffed.
  const inChart = comparePage.chart(NAME);
  await expect(inChart).toContainText(
    "Files inside: 1 changed, 0 added, 0 removed",
  );
  expect(await comparePage.innerChanged(NAME)).toEqual([
    "templates/deployment.yaml",
  ]);
  const template = comparePage.innerDiff(NAME, "templates/deployment.yaml");
  await expect(
    template.locator(".modified .view-line", { hasText: "minReadySeconds: 9" }),
  ).toBeVisible();
  await expect(
    template.locator(".original .view-line", { hasText: "minReadySeconds: 9" }),
  ).toHaveCount(0);

  // Images: retagged, the local side's link opens the line in this page's files.
  const row = page
    .getByRole("table", { name: "Image changes" })
    .getByRole("row", { name: /xpkg\.upbound\.io\/crossplane\/crossplane/ });
  await expect(row).toContainText(/retagged\s*v2\.3\.0.*v2\.4\.0/s);
  await expectNoA11yViolations(page, "a local pack compared with the registry");
  const localLink = row.getByRole("link").last();
  await expect(localLink).toHaveAttribute(
    "href",
    /^\/open\?file=values\.yaml&line=\d+$/,
  );
  await localLink.click();
  await expect(packPage.tab(/^Files/)).toHaveAttribute("aria-selected", "true");
  await expect(
    packPage.editorLine("values.yaml", "v2.4.0").first(),
  ).toBeVisible();

  // Back returns to the comparison; nothing of the pack left the browser.
  await page.goBack();
  await expect(comparePage.summary).toBeVisible();
  expect(uploads).toEqual([]);
  expect(problems).toEqual([]);
});

test("a local pack the registry holds unchanged is recognised by its content digest; one it lacks says so", async ({
  page,
  openPage,
  packPage,
  comparePage,
  packFixtures,
}, testInfo) => {
  const uploaded = packFixtures.find(
    (f) => f.name === NAME && f.version === VERSION,
  );
  expect(uploaded).toBeDefined();
  // The registry's answer for the renamed pack: it has none.
  const problems = watchForProblems(page, {
    allowHttp: /\/packs\/crossplane-on-disk-only$/,
  });
  const files = await loadFixture(`pack-central/crossplane-${VERSION}`);
  const same = testInfo.outputPath("crossplane.zip");
  await writeFile(same, await zipPack(files, `crossplane-${VERSION}`));

  await openPage.goto();
  await openPage.openFile(same);
  await packPage.openTab("Compare with registry");
  await expect(
    page.getByText(`This pack has the same files as the registry's ${VERSION}`),
  ).toBeVisible();
  await expect(comparePage.summary).toHaveText(
    /^0 changed, 0 added, 0 removed, \d+ unchanged$/,
  );
  await expect(comparePage.chart(NAME)).toContainText("Nothing changed");
  // Uploading it again would be answered 200, the same content: nothing to warn about.
  await expect(page.getByText(/already holds/)).toHaveCount(0);

  // Renamed: the registry has no such pack, which is what the tab says.
  editText(
    files,
    "pack.json",
    `"name": "${NAME}"`,
    `"name": "${NAME}-on-disk-only"`,
  );
  const renamed = testInfo.outputPath("renamed.zip");
  await writeFile(renamed, await zipPack(files, "renamed"));
  await openPage.openAnother.click();
  await openPage.openFile(renamed);
  await packPage.openTab("Compare with registry");
  await expect(
    page.getByText(
      `The registry has no pack named ${NAME}-on-disk-only: uploading this one would add its first version.`,
    ),
  ).toBeVisible();
  expect(problems).toEqual([]);
});
