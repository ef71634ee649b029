import { expectNoA11yViolations } from "./support/axe";
import { watchForProblems } from "./support/problems";
import { expectNoSidewaysScroll } from "./support/sideways";
import { expect, test } from "./support/test";

// A logo.png that is no raster image answers 404 on purpose (the card shows the pack's initial):
// packs the builder's tests publish may be such. Other packs may be in the registry too, so the
// assertions name the fixtures they expect rather than counting the whole list.
const LOGO_404 = /\/api\/v1\/packs\/[^/]+\/[^/]+\/logo$/;

test("search and filters narrow the registry list, and live in the URL", async ({
  page,
  registryPage,
  packFixtures,
}) => {
  expect(packFixtures.length).toBeGreaterThan(30);
  const problems = watchForProblems(page, { allowHttp: LOGO_404 });

  await registryPage.goto();
  await expect(registryPage.cards.first()).toBeVisible();
  // Logos are decorative (alt=""): the name is next to them. The first page is in name order, so
  // a fixture early in the alphabet is on it whatever else the other specs published.
  const logo = registryPage.card("Argo CD").first().locator("img");
  await expect(logo).toBeVisible();
  await expect
    .poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  await expectNoA11yViolations(page, "registry browser");

  // Paging: 24 versions per page, more on demand.
  const firstPage = await registryPage.cards.count();
  expect(firstPage).toBeGreaterThan(0);
  await registryPage.showMore.click();
  await expect
    .poll(() => registryPage.cards.count())
    .toBeGreaterThan(firstPage);

  // Search matches name and displayName.
  await registryPage.search("universe");
  await expect(page).toHaveURL(/\/packs\?q=universe$/);
  // The keyboard stays in the search box (the form is mounted afresh with the URL).
  await expect(registryPage.searchBox).toBeFocused();
  const universe = await registryPage.packTitles();
  expect(universe).toContain("Hello Universe");
  // Packs the builder's tests publish may match by name only, so only a fixture that cannot match
  // is checked for absence.
  expect(universe).not.toContain("Trident");
  await expect(
    registryPage.results.getByRole("link", {
      name: "Hello Universe 1.3.1",
      exact: true,
    }),
  ).toBeVisible();
  await expect(
    registryPage.results.getByRole("link", {
      name: "Hello Universe 1.0.0",
      exact: true,
    }),
  ).toBeVisible();

  await registryPage.search("kubebench");
  await expect(
    registryPage.results.getByRole("heading", { level: 3 }),
  ).toHaveText(["Kubebench"]);

  // crowdstrike's logo.png is a JPEG: a warning, and its card shows it as Palette does.
  await registryPage.search("falcon");
  const jpeg = registryPage.card("Falcon Sensor").locator("img");
  await expect(jpeg).toBeVisible();
  await expect
    .poll(() => jpeg.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);

  // Filters: each card of the csi layer is a csi pack; cloud type and add-on type combine.
  await registryPage.search("");
  await registryPage.filter("Layer", "csi");
  await expect(page).toHaveURL(/layer=csi/);
  const csi = await registryPage.packTitles();
  expect(csi).toEqual(expect.arrayContaining(["Trident", "Piraeus Operator"]));
  expect(csi).not.toContain("Hello Universe");
  for (const card of await registryPage.cards.all())
    await expect(card).toContainText("csi");

  await registryPage.filter("Layer", "");
  await registryPage.filter("Cloud type", "eks");
  await expect(page).toHaveURL(/cloudType=eks/);
  // eks includes the packs for all clouds: the two that name eks and more, over several pages;
  // a vsphere-only pack is not among them.
  await registryPage.showAll();
  const eks = await registryPage.packTitles();
  expect(eks).toEqual(expect.arrayContaining(["Karpenter", "Falcon Sensor"]));
  expect(eks.length).toBeGreaterThan(2);
  expect(eks).not.toContain("Antrea");
  await registryPage.filter("Add-on type", "system app");
  await expect(page).toHaveURL(/cloudType=eks&addonType=system\+app/);
  expect(await registryPage.packTitles()).toEqual(
    expect.arrayContaining(["Karpenter", "Falcon Sensor"]),
  );

  // The URL is the state: a reload shows the same filtered list with the form filled in.
  await page.reload();
  await registryPage.settled();
  await expect(page.getByRole("combobox", { name: "Cloud type" })).toHaveValue(
    "eks",
  );
  expect(await registryPage.packTitles()).toEqual(
    expect.arrayContaining(["Karpenter", "Falcon Sensor"]),
  );

  // Empty state.
  await registryPage.search("no-pack-has-this-name");
  await expect(registryPage.results.getByRole("status")).toHaveText(
    "No pack matches these filters.",
  );
  await expectNoA11yViolations(page, "registry browser, empty");

  await page.getByRole("button", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/packs$/);
  await registryPage.settled();
  await expect(registryPage.searchBox).toHaveValue("");
  await expect(page.getByRole("button", { name: "Clear" })).toBeFocused();

  // A card opens its pack's page.
  await registryPage.search("hello universe");
  await registryPage.results
    .getByRole("link", { name: "Hello Universe 1.3.1", exact: true })
    .click();
  await expect(page).toHaveURL(/\/packs\/hello-universe\/1\.3\.1$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "Hello Universe" }),
  ).toBeVisible();
  expect(problems).toEqual([]);
});

test("a registry that cannot be read says so and offers a retry", async ({
  page,
  registryPage,
}) => {
  await page.route("**/api/v1/packs?*", (route) =>
    route.fulfill({
      status: 503,
      contentType: "application/json",
      body: '{"error":{"code":"UNAVAILABLE","message":"the registry is unavailable"}}',
    }),
  );
  await page.goto("/packs");
  // Server errors are retried twice before the page gives up.
  await expect(page.getByRole("alert")).toContainText(
    "the registry is unavailable",
    { timeout: 15_000 },
  );
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
  await expectNoA11yViolations(page, "registry browser, error");
  await page.unroute("**/api/v1/packs?*");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(registryPage.cards.first()).toBeVisible();
});

test.describe("at 390 px wide", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the registry browser, filtered and sorted, never scrolls the page sideways", async ({
    page,
    registryPage,
  }) => {
    const problems = watchForProblems(page, { allowHttp: LOGO_404 });
    await registryPage.goto();
    await expect(registryPage.cards.first()).toBeVisible();
    await expectNoSidewaysScroll(page, "registry at 390 px");
    await registryPage.sortBy("Recently uploaded");
    await registryPage.search("universe");
    await expect(registryPage.cards.first()).toBeVisible();
    await expectNoSidewaysScroll(
      page,
      "registry, sorted and searched, at 390 px",
    );
    await expectNoA11yViolations(page, "registry browser at 390 px");
    expect(problems).toEqual([]);
  });
});
