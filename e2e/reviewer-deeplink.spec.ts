import { expectNoA11yViolations } from "./support/axe";
import { holdChunk } from "./support/hold-chunk";
import { watchForProblems } from "./support/problems";
import { expect, test } from "./support/test";

const PACK = ["argo-cd", "3.26.7"] as const;
// Line 1225 of argo-cd's 1,648-line values.yaml: far below the first screen of the editor.
const VALUE_PATH = "charts.argo-cd.repoServer.autoscaling.maxReplicas";

test("a deep link selects the file and reveals the value's line; selecting a file is a new URL", async ({
  page,
  packPage,
  packFixtures,
}) => {
  expect(packFixtures.some((f) => f.name === PACK[0])).toBe(true);
  const problems = watchForProblems(page);

  await packPage.goto(...PACK, `?file=values.yaml&path=${VALUE_PATH}`);
  await expect(packPage.tab(/^Files/)).toHaveAttribute("aria-selected", "true");
  await expect(packPage.fileLink("values.yaml")).toHaveAttribute(
    "aria-current",
    "true",
  );
  const editor = packPage.editor("values.yaml");
  await expect(
    editor.locator(".line-numbers", { hasText: /^1225$/ }),
  ).toBeVisible();
  await expect(editor.locator(".active-line-number")).toHaveText("1225");
  await expect(
    packPage.editorLine("values.yaml", "maxReplicas: 5").first(),
  ).toBeVisible();
  await expectNoA11yViolations(page, "deep-linked file");

  // Choosing a file is a new history entry with that file's own link (Back returns: see
  // reviewer-links.spec.ts).
  const entries = await page.evaluate(() => history.length);
  await packPage.fileLink("pack.json").click();
  await expect(page).toHaveURL(`/packs/${PACK[0]}/${PACK[1]}?file=pack.json`);
  await expect(packPage.viewerHeading("pack.json")).toBeVisible();
  await expect(packPage.editor("pack.json")).toBeVisible();
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);

  // A link to a file in a folded folder opens the folder; a line number works as well as a path.
  await packPage.goto(...PACK, "?file=charts/argo-cd/Chart.yaml&line=3");
  await expect(packPage.fileLink("charts/argo-cd/Chart.yaml")).toBeVisible();
  await expect(packPage.fileLink("charts/argo-cd/Chart.yaml")).toHaveAttribute(
    "aria-current",
    "true",
  );
  await expect(
    packPage.editor("charts/argo-cd/Chart.yaml").locator(".active-line-number"),
  ).toHaveText("3");

  // Reloading the URL gives the same view.
  await page.reload();
  await expect(
    packPage.viewerHeading("charts/argo-cd/Chart.yaml"),
  ).toBeVisible();
  expect(problems).toEqual([]);
});

test("a deep link to a file the pack does not have says so", async ({
  page,
  packPage,
}) => {
  await packPage.goto(...PACK, "?file=nope.yaml");
  await expect(page.getByRole("alert")).toContainText(
    "There is no file nope.yaml in this pack.",
  );
  await expect(packPage.fileTree).toBeVisible();
});

test("a pack page opened cold asks for its version's detail while its own code loads", async ({
  page,
  packPage,
}) => {
  const { asked, release } = await holdChunk(page, "pack");
  await page.goto(`/packs/${PACK[0]}/${PACK[1]}`, { waitUntil: "commit" });
  await expect
    .poll(() => asked.has(`/api/v1/packs/${PACK[0]}/${PACK[1]}`))
    .toBe(true);
  // The page itself is still held back: what was asked for came from the router.
  await expect(packPage.tabs).toHaveCount(0);
  release();
  await expect(packPage.tabs).toBeVisible();
});
