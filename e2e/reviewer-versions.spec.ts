import { loadFixture } from "../test/helpers/fixtures";
import { E2E_USER } from "./credentials";
import { expectNoA11yViolations } from "./support/axe";
import { watchForProblems } from "./support/problems";
import { expect, test } from "./support/test";
import { putPack } from "./support/upload-fixtures";

// Versions in semver order everywhere (issue 8 item 5) and the registry browser's sort and filters
// (item 7). Kubevious gets versions pushed through the real server out of order, the last push
// the oldest, so upload order and version order disagree on every screen.
const NAME = "kubevious";
const UPLOADS = ["1.0.9", "1.1.0", "1.1.0-rc.1", "0.9.0"];
const HIGHEST_FIRST = ["1.1.0", "1.1.0-rc.1", "1.0.10", "1.0.9", "0.9.0"];
// A logo.png that is no raster image answers 404 on purpose (the card shows an initial instead).
const LOGO_404 = /\/api\/v1\/packs\/[^/]+\/[^/]+\/logo$/;

test.beforeAll(async ({ api, packFixtures }) => {
  expect(
    packFixtures.some((f) => f.name === NAME && f.version === "1.0.10"),
  ).toBe(true);
  const files = await loadFixture("pack-central/kubevious-1.0.10");
  const pj = new TextDecoder().decode(files.get("pack.json"));
  expect(pj).toContain('"version": "1.0.10"');
  for (const version of UPLOADS) {
    const f = new Map(files);
    f.set(
      "pack.json",
      new TextEncoder().encode(
        pj.replace('"version": "1.0.10"', `"version": "${version}"`),
      ),
    );
    const { status, body } = await putPack(api, f, NAME, version);
    expect([200, 201], body).toContain(status);
  }
});

test("the card's title links to the highest version and lists versions in semver order; the sort control lives in the URL", async ({
  page,
  registryPage,
}) => {
  const problems = watchForProblems(page, { allowHttp: LOGO_404 });
  await registryPage.goto("?q=kubevious");
  const card = registryPage.card("Kubevious");
  await expect(
    card.getByRole("heading", { level: 3 }).getByRole("link"),
  ).toHaveAttribute("href", `/packs/${NAME}/1.1.0`);
  expect(await card.locator(".pack-card__versions a").allInnerTexts()).toEqual(
    HIGHEST_FIRST,
  );

  // Sort by recent upload: the pack pushed last comes first, still titled by its highest version.
  await registryPage.goto();
  await registryPage.sortBy("Recently uploaded");
  await expect(page).toHaveURL(/\/packs\?sort=uploaded$/);
  await expect(
    registryPage.results.getByRole("heading", { level: 3 }).first(),
  ).toHaveText("Kubevious");
  await expect(
    registryPage.cards.first().getByRole("heading").getByRole("link"),
  ).toHaveAttribute("href", `/packs/${NAME}/1.1.0`);
  await expectNoA11yViolations(page, "registry, sorted");

  // Sort by highest version; a reload keeps the sort.
  await registryPage.sortBy("Highest version");
  await expect(page).toHaveURL(/\/packs\?sort=version$/);
  await page.reload();
  await registryPage.settled();
  await expect(page.getByRole("combobox", { name: "Sort by" })).toHaveValue(
    "version",
  );

  // Back to the default order, by name: it leaves the URL, and the cards follow the pack names.
  await registryPage.sortBy("Pack name");
  await expect(page).toHaveURL(/\/packs$/);
  const names = await registryPage.cards
    .locator(".pack-card__meta code")
    .allInnerTexts();
  expect(names.length).toBeGreaterThan(5);
  expect(names).toEqual([...names].sort());
  expect(problems).toEqual([]);
});

test("filter options come from the registry with pack counts: app services once, a cloud type includes `all` packs", async ({
  page,
  registryPage,
}) => {
  const problems = watchForProblems(page, { allowHttp: LOGO_404 });
  await registryPage.goto();
  const addon = await registryPage.filterOptions("Add-on type");
  // pack-central writes both `app services` and `app-services`: one option.
  expect(addon.filter((o) => /^app.services /.test(o))).toHaveLength(1);
  const appServices = addon.find((o) => o.startsWith("app services "));
  expect(appServices).toMatch(/^app services \(\d+ packs\)$/);
  // Every option names how many packs it finds; none finds nothing.
  for (const filter of ["Layer", "Cloud type", "Add-on type"] as const)
    for (const o of await registryPage.filterOptions(filter))
      expect(o).toMatch(/ \([1-9]\d* packs?\)$/);

  // The count is what the list shows, across every page.
  await registryPage.filter("Add-on type", "app services");
  await expect(page).toHaveURL(/addonType=app\+services/);
  await registryPage.showAll();
  const titles = await registryPage.packTitles();
  expect(titles).toEqual(
    expect.arrayContaining([
      "Gridlight AI Platform",
      "Akuity Agent",
      "Hello Universe",
    ]),
  );
  expect(titles).toHaveLength(Number(/\((\d+) packs\)/.exec(appServices!)![1]));
  // A link with the other spelling selects the same option and lists the same packs.
  await registryPage.goto("?addonType=app-services");
  await expect(page.getByRole("combobox", { name: "Add-on type" })).toHaveValue(
    "app services",
  );
  await registryPage.showAll();
  expect(await registryPage.packTitles()).toEqual(titles);

  // eks: the packs that name it and the ones for all clouds (Kubevious is one).
  await registryPage.goto("?q=kubevious");
  const eks = (await registryPage.filterOptions("Cloud type")).find((o) =>
    o.startsWith("eks "),
  );
  expect(eks).toBeDefined();
  await registryPage.filter("Cloud type", "eks");
  await expect(page).toHaveURL(/cloudType=eks/);
  expect(await registryPage.packTitles()).toEqual(["Kubevious"]);
  // Counts follow the other filters: with q=kubevious there is one pack per option.
  expect(await registryPage.filterOptions("Layer")).toEqual(["addon (1 pack)"]);
  await expectNoA11yViolations(page, "registry, filtered");
  // A vsphere-only pack is not an eks pack.
  await registryPage.goto("?q=antrea&cloudType=eks");
  await expect(registryPage.results).toContainText(
    "No pack matches these filters.",
  );
  expect(problems).toEqual([]);
});

test("the pack page: a version switcher in semver order marking latest, and a version history", async ({
  page,
  packPage,
}) => {
  const problems = watchForProblems(page);
  await packPage.goto(NAME, "1.0.10");
  const switcher = page.getByRole("combobox", { name: "Version" });
  expect(await switcher.locator("option").allInnerTexts()).toEqual([
    "1.1.0 (latest)",
    "1.1.0-rc.1",
    "1.0.10 (shown)",
    "1.0.9",
    "0.9.0",
  ]);
  // "Compare with" offers the next lower version first, every version in semver order.
  const compareWith = page.getByRole("combobox", { name: "Compare with" });
  await expect(compareWith).toHaveValue("1.0.9");
  expect(await compareWith.locator("option").allInnerTexts()).toEqual([
    "1.1.0 (latest)",
    "1.1.0-rc.1",
    "1.0.9",
    "0.9.0",
  ]);

  // The history: every version with its upload, uploader, short digest and the latest marker.
  await page.getByText(/^Version history \(5 versions\)$/).click();
  const table = page.getByRole("table", { name: /Versions of kubevious/ });
  await expect(table).toBeVisible();
  const rows = table.getByRole("row");
  await expect(rows).toHaveCount(HIGHEST_FIRST.length + 1);
  for (const [i, version] of HIGHEST_FIRST.entries()) {
    const row = rows.nth(i + 1);
    await expect(row.getByRole("rowheader")).toContainText(version);
    await expect(row.getByRole("cell").nth(1)).toHaveText(E2E_USER.username);
    await expect(row.getByRole("cell").nth(2)).toHaveText(
      /^sha256:[0-9a-f]{12}$/,
    );
    await expect(row.getByRole("cell").nth(0).locator("time")).toHaveAttribute(
      "datetime",
      /^\d{4}-\d{2}-\d{2}T/,
    );
  }
  await expect(rows.nth(1).getByRole("rowheader")).toContainText("latest");
  await expect(rows.nth(3)).toHaveAttribute("aria-current", "page");
  await expectNoA11yViolations(page, "pack page, version history");

  // At 390 px the open history scrolls inside its box: the page is no wider with it open.
  await page.setViewportSize({ width: 390, height: 844 });
  const pageWidth = () =>
    page.evaluate(() => document.documentElement.scrollWidth);
  const withHistory = await pageWidth();
  await page.getByText(/^Version history/).click();
  await expect(table).toBeHidden();
  expect(withHistory).toBeLessThanOrEqual(390);
  expect(withHistory).toBe(await pageWidth());
  await page.getByText(/^Version history/).click();
  await page.setViewportSize({ width: 1280, height: 720 });

  // Compare from the history: the lower version on the left.
  await rows
    .nth(5)
    .getByRole("link", { name: "Compare with 1.0.10 (0.9.0)" })
    .click();
  await expect(page).toHaveURL(`/packs/${NAME}/compare/0.9.0...1.0.10`);
  await page.goBack();

  // The switcher opens the chosen version, which is marked latest.
  await switcher.selectOption("1.1.0");
  await page.getByRole("button", { name: "Open" }).click();
  await expect(page).toHaveURL(`/packs/${NAME}/1.1.0`);
  await expect(page.getByText(`${NAME} version 1.1.0`)).toBeVisible();
  await expect(page.locator(".pack-header__sub .badge--latest")).toHaveText(
    "latest",
  );
  await expect(compareWith).toHaveValue("1.1.0-rc.1");
  expect(problems).toEqual([]);
});

test("deprecated and deleted packs carry a badge with the reason", async ({
  page,
  packPage,
}) => {
  await packPage.goto("argo-cd", "3.26.7");
  const header = page.locator(".pack-header");
  await expect(header.locator(".badge--deprecated")).toHaveText("Deprecated");
  await expect(header).toContainText(
    "pack.json sets the annotation system_state: deprecated.",
  );
  await expectNoA11yViolations(page, "pack page, deprecated");

  await packPage.visit("appdynamics-collector", "1.13.684");
  await expect(header.locator(".badge--deleted")).toHaveText("Marked deleted");
  await expect(header.locator(".badge--deprecated")).toHaveCount(0);

  // A pack with a blank eol (akuity-agent has " ") is not deprecated.
  await packPage.visit("akuity-agent", "0.30.0-5.5.2026");
  await expect(header.locator(".badge--deprecated")).toHaveCount(0);
  // Its only version is a prerelease: no version is latest.
  await expect(header.locator(".badge--latest")).toHaveCount(0);
});

test("the compare page labels a downgrade and can swap sides", async ({
  page,
  comparePage,
}) => {
  const problems = watchForProblems(page);
  await comparePage.goto(NAME, "1.1.0", "0.9.0");
  await expect(comparePage.title).toContainText("downgrade");
  await expect(page.getByText("this is a downgrade.")).toBeVisible();
  await expectNoA11yViolations(page, "compare, downgrade");

  await page.getByRole("link", { name: "Swap sides (0.9.0 → 1.1.0)" }).click();
  await expect(page).toHaveURL(`/packs/${NAME}/compare/0.9.0...1.1.0`);
  await expect(comparePage.summary).toBeVisible();
  await expect(comparePage.title).not.toContainText("downgrade");
  await expect(page.locator(".badge--downgrade")).toHaveCount(0);
  expect(problems).toEqual([]);
});
