import { readPackArchive } from "../src/pack/read-archive";
import { sortedPaths } from "../src/pack/pack-files";
import { fixtureRows } from "../test/helpers/fixtures";
import { expectNoA11yViolations } from "./support/axe";
import { watchForProblems } from "./support/problems";
import { expect, test } from "./support/test";

const packs = fixtureRows().filter((row) => !row.negative);

// The first pack is loaded from the server; the rest are opened inside the running app, as its
// links do, so the app and Monaco load once: the same checks as a page load per pack, at a
// fraction of the time on 2 cores.
test("every shared fixture's page lists exactly its archive's files, with no console error", async ({
  page,
  packPage,
  packFixtures,
  request,
}) => {
  test.setTimeout(150_000);
  const problems = watchForProblems(page);
  const good = packFixtures.filter((f) => !f.negative);
  expect(good.map((f) => f.dir).sort()).toEqual(packs.map((r) => r.dir).sort());
  for (const fixture of good) {
    await test.step(`${fixture.name} ${fixture.version}`, async () => {
      // The files the registry stores, read from its own archive with the core's reader.
      const res = await request.get(
        `/api/v1/packs/${fixture.name}/${fixture.version}/archive`,
      );
      expect(res.ok()).toBe(true);
      const archive = readPackArchive(new Uint8Array(await res.body()));
      if (!archive.ok) throw new Error(archive.error.message);
      const expected = sortedPaths(archive.value.files);
      expect(expected).toEqual(fixture.paths);

      if (fixture === good[0])
        await packPage.goto(fixture.name, fixture.version, "?tab=files");
      else await packPage.visit(fixture.name, fixture.version, "?tab=files");
      await expect(packPage.tab(`Files (${expected.length})`)).toBeVisible();
      expect((await packPage.filePaths()).sort()).toEqual([...expected].sort());
      await expect(packPage.title).not.toBeEmpty();
      // values.yaml is shown first, in the editor.
      await expect(packPage.viewerHeading("values.yaml")).toBeVisible();
      await expect(packPage.editor("values.yaml")).toBeVisible();
      expect(problems, `${fixture.name} ${fixture.version}`).toEqual([]);
    });
  }
});

test("the pack page's screens: overview, files, chart, presets, schema, findings", async ({
  page,
  packPage,
  packFixtures,
}) => {
  // Ten screens of four packs: 28 s on a quiet 2-core machine, past the default 30 s when slower.
  test.setTimeout(90_000);
  expect(packFixtures.length).toBeGreaterThan(30);
  const problems = watchForProblems(page);

  await packPage.goto("hello-universe", "1.3.1");
  await expect(packPage.title).toHaveText("Hello Universe");
  const summary = page.getByRole("region", { name: "Summary" });
  for (const [term, value] of [
    ["Layer", "addon"],
    ["Add-on type", "app services"],
    ["Cloud types", "all"],
  ] as const)
    await expect(
      summary
        .locator(".facts__row")
        .filter({
          has: page
            .getByRole("term")
            .filter({ hasText: new RegExp(`^${term}$`) }),
        })
        .getByRole("definition"),
    ).toHaveText(value);
  await expect(
    summary.getByRole("cell", { name: "spectrocloud" }),
  ).toBeVisible();
  await expect(
    page.getByRole("img", { name: "Hello Universe logo" }),
  ).toBeVisible();
  await expect(
    packPage.readme.getByRole("heading", { name: "Hello Universe", level: 3 }),
  ).toBeVisible();
  await expect(
    page.getByRole("link", { name: "Download .zip" }),
  ).toHaveAttribute("href", "/api/v1/packs/hello-universe/1.3.1/archive");
  await expect(
    page.getByRole("link", { name: "Download OCI .tar.gz" }),
  ).toHaveAttribute(
    "href",
    "/api/v1/packs/hello-universe/1.3.1/archive?format=tar.gz",
  );
  await page
    .getByRole("textbox", { name: "Registry" })
    .fill("https://harbor.example.com/");
  await page.getByRole("textbox", { name: "Base content path" }).fill("/team/");
  await expect(
    page.getByText(
      "oras push harbor.example.com/team/spectro-packs/archive/hello-universe:1.3.1 hello-universe-1.3.1.tar.gz",
    ),
  ).toBeVisible();
  await page.getByRole("checkbox", { name: "I use ORAS 1.1 or newer" }).check();
  await expect(
    page.getByText("oras push --image-spec v1.0 harbor.example.com/team/"),
  ).toBeVisible();
  await expect(
    page.getByRole("link", { name: "Edit as a new version" }),
  ).toHaveAttribute("href", "/build?from=hello-universe%2F1.3.1");
  await expectNoA11yViolations(page, "pack overview");

  await packPage.openTab("Presets");
  const backend = page.getByRole("table", { name: "Group “Backend”" });
  await expect(
    backend.getByRole("row", {
      name: /Disable Hello Universe API disable-api Yes/,
    }),
  ).toBeVisible();
  await expect(
    backend.getByRole("row", {
      name: /Enable Hello Universe API enable-api No/,
    }),
  ).toBeVisible();
  await expectNoA11yViolations(page, "presets");

  await packPage.openTab("Schema");
  await expect(
    page.getByRole("row", {
      name: /manifests\.hello-universe\.port number Yes No/,
    }),
  ).toBeVisible();
  await expectNoA11yViolations(page, "schema");
  // A schema row links to the value in values.yaml.
  await page
    .getByRole("link", { name: "manifests.hello-universe.port" })
    .click();
  await expect(packPage.fileLink("values.yaml")).toHaveAttribute(
    "aria-current",
    "true",
  );
  await expect(packPage.editorLine("values.yaml", "port: 8080")).toBeVisible();
  await expect(page).toHaveURL(
    /file=values\.yaml&path=manifests\.hello-universe\.port/,
  );
  await expectNoA11yViolations(page, "files");

  // A chart archive is opened: Chart.yaml, default values, templates.
  await packPage.goto("argo-cd", "3.26.7", "?file=charts/argo-cd.tgz");
  await expect(page.getByRole("heading", { name: "Chart.yaml" })).toBeVisible();
  await expect(
    page
      .getByRole("definition")
      .filter({ hasText: /^3\.26\.7$/ })
      .first(),
  ).toBeVisible();
  await expect(
    page.getByRole("heading", { name: /^Templates \(\d+\)$/ }),
  ).toBeVisible();
  await expect(
    page.getByText("templates/argocd-server/deployment.yaml"),
  ).toBeVisible();
  await expect(
    page.getByRole("textbox", { name: "Default values of charts/argo-cd.tgz" }),
  ).toBeAttached();
  await expectNoA11yViolations(page, "chart");

  // Every finding is listed and links to its file.
  await packPage.goto("falcon-sensor", "1.0.0", "?tab=findings");
  await expect(
    page.getByRole("link", { name: "0 errors, 3 warnings" }),
  ).toBeVisible();
  await expect(packPage.findings).toHaveCount(3);
  await expect(
    packPage.findings.filter({ hasText: "LOGO_NOT_PNG" }),
  ).toContainText("Warning");
  await expectNoA11yViolations(page, "findings");
  await packPage.findings
    .filter({ hasText: "LOGO_NOT_PNG" })
    .getByRole("link", { name: "logo.png" })
    .click();
  const viewer = page.getByRole("region", { name: "logo.png" });
  await expect(viewer.getByRole("heading", { name: "logo.png" })).toBeVisible();
  await expect(viewer).toContainText("a JPEG image");
  await expect(
    viewer.getByRole("img", { name: "Preview of logo.png" }),
  ).toBeVisible();

  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
});

test("an unknown version says so", async ({ page, packPage }) => {
  await page.goto("/packs/hello-universe/9.9.9");
  await expect(page.getByRole("alert")).toContainText(
    "The registry has no version 9.9.9 of hello-universe.",
  );
  await expect(
    page.getByRole("link", { name: "Back to the registry" }),
  ).toBeVisible();
  await expect(packPage.tabs).toHaveCount(0);
});
