import { expectNoA11yViolations } from "./support/axe";
import { brokenChartPackZip } from "./support/broken-chart";
import { fileCount } from "./support/file-tree";
import { watchForProblems } from "./support/problems";
import { expectNoSidewaysScroll } from "./support/sideways";
import { expect, test } from "./support/test";

/*
 * Links on the pack page: history follows file and tab changes, a line's link is copied and
 * lands on that line, trees with many files filter, chart archives open as folders, and at
 * 390 px nothing scrolls the page sideways.
 */

const ARGO = ["argo-cd", "3.26.7"] as const;
const ARGO_PAGE = `/packs/${ARGO[0]}/${ARGO[1]}`;

test.beforeEach(async ({ packFixtures }) => {
  expect(packFixtures.some((f) => f.name === ARGO[0])).toBe(true);
});

test("Back and Forward walk the files and tabs the reviewer opened", async ({
  page,
  packPage,
}) => {
  const problems = watchForProblems(page);
  await packPage.goto(...ARGO, "?file=values.yaml");
  await expect(packPage.viewerHeading("values.yaml")).toBeVisible();
  await packPage.fileLink("pack.json").click();
  await expect(packPage.viewerHeading("pack.json")).toBeVisible();
  await packPage.openTab(/^Findings/);

  await page.goBack();
  await expect(page).toHaveURL(`${ARGO_PAGE}?file=pack.json`);
  await expect(packPage.tab(/^Files/)).toHaveAttribute("aria-selected", "true");
  await expect(packPage.viewerHeading("pack.json")).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(`${ARGO_PAGE}?file=values.yaml`);
  await expect(packPage.viewerHeading("values.yaml")).toBeVisible();
  await expect(packPage.fileLink("values.yaml")).toHaveAttribute(
    "aria-current",
    "true",
  );
  await page.goForward();
  await expect(packPage.viewerHeading("pack.json")).toBeVisible();
  expect(problems).toEqual([]);
});

test.describe("copying links", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("a clicked line number goes into the URL, and its copied link opens on that line", async ({
    page,
    packPage,
    baseURL,
  }) => {
    await packPage.goto(...ARGO, "?file=values.yaml");
    const editor = packPage.editor("values.yaml");
    const entries = await page.evaluate(() => history.length);
    await editor.locator(".line-numbers", { hasText: /^12$/ }).click();
    // A line of the same file rewrites the entry; it is not a new page.
    await expect(page).toHaveURL(`${ARGO_PAGE}?file=values.yaml&line=12`);
    expect(await page.evaluate(() => history.length)).toBe(entries);
    await expect(editor.locator(".active-line-number")).toHaveText("12");
    await expect(editor.locator(".code-editor__revealed")).toHaveCount(1);

    await page.getByRole("button", { name: "Copy link to line 12" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Copied." }),
    ).toBeVisible();
    const lineLink = await page.evaluate(() => navigator.clipboard.readText());
    expect(lineLink).toBe(`${baseURL}${ARGO_PAGE}?file=values.yaml&line=12`);

    await page.getByRole("button", { name: "Copy link to this file" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${baseURL}${ARGO_PAGE}?file=values.yaml`,
    );
    await expectNoA11yViolations(page, "file viewer with links");

    await page.goto(lineLink);
    const opened = packPage.editor("values.yaml");
    await expect(opened.locator(".active-line-number")).toHaveText("12");
    await expect(opened.locator(".code-editor__revealed")).toHaveCount(1);
  });
  test("How to use it: each command for the registry typed in, copied as shown", async ({
    page,
    packPage,
    baseURL,
  }) => {
    await packPage.goto("hello-universe", "1.3.1");
    const how = page.getByRole("region", { name: "How to use it" });
    await how
      .getByRole("textbox", { name: "Registry", exact: true })
      .fill("https://harbor.example.com/");
    await how
      .getByRole("textbox", { name: "Base content path" })
      .fill("/team/");
    const ref =
      "harbor.example.com/team/spectro-packs/archive/hello-universe:1.3.1";
    await expect(
      how.getByRole("group", { name: "ORAS push commands" }),
    ).toHaveText(
      `oras login harbor.example.com\noras push ${ref} hello-universe-1.3.1.tar.gz`,
    );
    await expect(how.getByRole("group", { name: "Pack reference" })).toHaveText(
      ref,
    );
    await how.getByRole("button", { name: "Copy the reference" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ref);
    // Palette's registry form takes the registry and the base path each on its own.
    for (const [button, value] of [
      ["Copy the registry", "harbor.example.com"],
      ["Copy the base content path", "team"],
    ] as const) {
      await how.getByRole("button", { name: button }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        value,
      );
    }
    await expect(
      how.getByRole("group", { name: "ORAS pull command" }),
    ).toHaveText(`oras pull ${ref}`);
    await how
      .getByRole("textbox", { name: "Spectro server" })
      .fill("https://registry.example.com:5000");
    const spectro = [
      "unzip hello-universe-1.3.1.zip",
      "spectro registry login registry.example.com:5000",
      "spectro pack push hello-universe-1.3.1 --registry-server registry.example.com:5000",
    ].join("\n");
    await expect(
      how.getByRole("group", { name: "Spectro CLI commands" }),
    ).toHaveText(spectro);
    // The e2e server stores packs on disk: Palette cannot sync from it, and the note says so.
    await expect(how).toContainText(
      `This server (${baseURL}) keeps its packs in its own data folder`,
    );

    await how.getByRole("button", { name: "Copy the pull command" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `oras pull ${ref}`,
    );
    await how
      .getByRole("button", { name: "Copy the Spectro commands" })
      .click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      spectro,
    );
    await expectNoA11yViolations(page, "overview with How to use it");
  });
});

test("a Markdown file is read rendered, its source a click away; a link to a line opens the source", async ({
  page,
  packPage,
}) => {
  await packPage.goto("hello-universe", "1.3.1", "?file=README.md");
  const viewer = page.getByRole("region", { name: "README.md", exact: true });
  const toggle = viewer.getByRole("group", { name: "Show the file" });
  await expect(
    toggle.getByRole("button", { name: "Rendered" }),
  ).toHaveAttribute("aria-pressed", "true");
  await expect(
    viewer.getByRole("heading", { name: "Hello Universe" }).first(),
  ).toBeVisible();
  await expect(
    viewer.getByRole("button", { name: /^Copy link to line/ }),
  ).toHaveCount(0);
  await expectNoA11yViolations(page, "Markdown file rendered");
  await toggle.getByRole("button", { name: "Source" }).click();
  await expect(packPage.editor("README.md")).toBeVisible();

  await packPage.goto("hello-universe", "1.3.1", "?file=README.md&line=3");
  await expect(
    packPage.editor("README.md").locator(".active-line-number"),
  ).toHaveText("3");
});

test("a tree of more than 50 files filters by path, inside the chart archives too, keeps the matches' folders open and opens the first on Enter", async ({
  page,
  packPage,
  request,
}) => {
  await packPage.goto(...ARGO, "?file=pack.json");
  const own = (await packPage.filePaths()).length;
  expect(own).toBeGreaterThan(50);
  // The archive's files as the server lists them: the tree reads the same archive in the browser.
  const detail = (await (
    await request.get(`/api/v1/packs/${ARGO[0]}/${ARGO[1]}`)
  ).json()) as { charts: { file: string; files: { path: string }[] }[] };
  const chart = detail.charts.find((c) => c.file === "charts/argo-cd.tgz");
  const inner = (chart?.files ?? []).map((f) => `charts/argo-cd.tgz/${f.path}`);
  expect(inner.length).toBeGreaterThan(50);
  const total = own + inner.length;
  const filter = page.getByRole("searchbox", { name: "Filter files" });
  const count = fileCount(page);
  // The pack's files and, once the page has read the archive while idle, the files inside it,
  // said apart from the pack's own count (the Files tab's).
  await expect(count).toHaveText(
    `${total} files (${inner.length} inside chart archives)`,
  );

  await filter.fill("REDIS-HA/templates/");
  // The archive is listed for the matches inside it (the chart ships redis-ha unpacked too).
  const kept = (await packPage.filePaths()).filter(
    (p) => p !== "charts/argo-cd.tgz",
  );
  expect(kept.length).toBeGreaterThan(1);
  expect(kept.length).toBeLessThan(total);
  for (const path of kept) expect(path).toContain("redis-ha/templates/");
  expect(
    kept.filter((p) => p.startsWith("charts/argo-cd.tgz/")).sort(),
  ).toEqual(
    inner.filter((p) => p.toLowerCase().includes("redis-ha/templates/")).sort(),
  );
  await expect(count).toHaveText(`${kept.length} of ${total} files`);
  // Folded folders open for the matches.
  for (const path of kept) await expect(packPage.fileLink(path)).toBeVisible();
  await expectNoA11yViolations(page, "filtered file tree");

  await filter.press("Enter");
  await expect(page).toHaveURL(
    `${ARGO_PAGE}?file=${encodeURIComponent(kept[0] ?? "")}`,
  );
  await expect(packPage.viewerHeading(kept[0] ?? "")).toBeVisible();

  // A template inside the chart archive: found by its path, the archive and its folders opened.
  const template = "charts/argo-cd.tgz/templates/argocd-server/deployment.yaml";
  expect(inner).toContain(template);
  await filter.fill("tgz/templates/argocd-server/DEPLOYMENT");
  await expect(count).toHaveText(`1 of ${total} files`);
  // The archive itself is listed as the folder of the match.
  expect(await packPage.filePaths()).toEqual(["charts/argo-cd.tgz", template]);
  await expect(packPage.fileLink(template)).toBeVisible();
  await expect(
    page.getByRole("button", { name: "Files inside argo-cd.tgz" }),
  ).toHaveAttribute("aria-expanded", "true");
  await expectNoA11yViolations(page, "filter matching inside a chart");
  await filter.press("Enter");
  await expect(page).toHaveURL(
    `${ARGO_PAGE}?file=${encodeURIComponent(template)}`,
  );
  await expect(packPage.viewerHeading(template)).toBeVisible();
  await expect(
    packPage.editorLine(template, "argo-cd.server.fullname"),
  ).toBeVisible();

  await filter.fill("no-such-path");
  await expect(count).toHaveText(`0 of ${total} files`);
  await expect(packPage.fileTree).toContainText("No file path contains");
  await filter.press("Escape");
  await expect(filter).toHaveValue("");
  await expect(count).toHaveText(
    `${total} files (${inner.length} inside chart archives)`,
  );
});

test("a chart archive opens as a folder; a deep link into it opens the template, highlighted", async ({
  page,
  packPage,
}) => {
  const problems = watchForProblems(page);
  const template = "charts/argo-cd.tgz/templates/argocd-server/deployment.yaml";
  await packPage.goto(...ARGO, `?file=${encodeURIComponent(template)}&line=3`);
  await expect(packPage.viewerHeading(template)).toBeVisible();
  await expect(packPage.fileLink(template)).toHaveAttribute(
    "aria-current",
    "true",
  );
  const editor = packPage.editor(template);
  await expect(editor.locator(".active-line-number")).toHaveText("3");
  await expect(
    page.getByRole("button", { name: "Files inside argo-cd.tgz" }),
  ).toHaveAttribute("aria-expanded", "true");

  // Folded, then opened again by hand: the inner files are listed under the archive.
  const toggle = page.getByRole("button", { name: "Files inside argo-cd.tgz" });
  await toggle.click();
  await expect(packPage.fileLink(template)).toHaveCount(0);
  await toggle.click();
  await expect(
    packPage.fileLink("charts/argo-cd.tgz/Chart.yaml"),
  ).toBeVisible();
  await packPage.fileLink("charts/argo-cd.tgz/Chart.yaml").click();
  await expect(page).toHaveURL(
    `${ARGO_PAGE}?file=${encodeURIComponent("charts/argo-cd.tgz/Chart.yaml")}`,
  );
  await expect(
    packPage.editorLine("charts/argo-cd.tgz/Chart.yaml", "name: argo-cd"),
  ).toBeVisible();
  await expectNoA11yViolations(page, "chart archive in the tree");
  expect(problems).toEqual([]);
});

// The pack page starts its worker before the page's own code has loaded (spawn.ts): a worker
// whose script cannot load must still end in a message, never a page that waits forever.
test("a pack worker that cannot start: the page says so, and Try again reads the pack once it can", async ({
  page,
  packPage,
}) => {
  const WORKER = "**/assets/pack.worker-*.js";
  await page.route(WORKER, (route) => route.abort());
  await page.goto(ARGO_PAGE);
  const alert = page.getByRole("alert").filter({
    hasText: "The pack could not be loaded",
  });
  // The read is tried three times (the query's retries), each with a fresh worker.
  await expect(alert).toContainText("The pack worker stopped unexpectedly", {
    timeout: 20_000,
  });
  await page.unroute(WORKER);
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(packPage.tabs).toBeVisible();
  await packPage.openTab(/^Files/);
  await expect(packPage.fileLink("values.yaml")).toBeVisible();
});

test("an archive that cannot be read shows why where its files would be", async ({
  page,
  openPage,
  packPage,
}, testInfo) => {
  const problems = watchForProblems(page);
  const zip = await brokenChartPackZip(testInfo);
  await openPage.goto();
  await openPage.openFile(zip);
  await expect(packPage.tabs).toBeVisible();
  await packPage.openTab(/^Files/);
  await page
    .getByRole("button", { name: "Files inside broken-1.0.0.tgz" })
    .click();
  await expect(packPage.fileTree).toContainText("broken-1.0.0.tgz");
  await expect(packPage.fileTree.locator(".file-tree__note--error")).toHaveText(
    "`charts/broken-1.0.0.tgz` is truncated or corrupt",
  );
  // A link into it says the same where the file would be shown, and nothing else breaks.
  await page.evaluate(
    (to) => {
      history.pushState(null, "", to);
      dispatchEvent(new PopStateEvent("popstate"));
    },
    `/open?file=${encodeURIComponent("charts/broken-1.0.0.tgz/Chart.yaml")}`,
  );
  await expect(
    page.getByRole("alert").filter({ hasText: "cannot be opened" }),
  ).toHaveText(
    "charts/broken-1.0.0.tgz cannot be opened: `charts/broken-1.0.0.tgz` is truncated or corrupt",
  );
  await expect(packPage.fileTree).toBeVisible();
  expect(problems).toEqual([]);
});

const NARROW = { width: 390, height: 844 };

test.describe("at 390 px wide", () => {
  test.use({ viewport: NARROW });

  for (const [name, version] of [
    ARGO,
    ["splunk", "1.4.3"],
    ["kubevious", "1.0.10"],
    ["hello-universe", "1.3.1"],
  ] as const)
    test(`${name}: overview, files and findings never scroll the page sideways`, async ({
      page,
      packPage,
    }) => {
      for (const search of ["", "?file=values.yaml", "?tab=findings"]) {
        await packPage.goto(name, version, search);
        if (search.includes("file="))
          await expect(packPage.editor("values.yaml")).toBeVisible();
        await page.waitForLoadState("networkidle");
        await expectNoSidewaysScroll(page, `${name} ${search || "overview"}`);
      }
      await expectNoA11yViolations(page, `${name} findings at 390 px`);
    });
});
