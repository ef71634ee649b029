import { writeFile } from "node:fs/promises";

import type { Locator, Page } from "@playwright/test";

import { loadFixture } from "../test/helpers/fixtures";
import { expectNoA11yViolations } from "./support/axe";
import { brokenChartPackZip } from "./support/broken-chart";
import { watchForProblems } from "./support/problems";
import { expect, test } from "./support/test";
import { zipPack } from "./support/upload-fixtures";

/*
 * The chart panel (all of Chart.yaml, dependencies, maintainers, subcharts, CRDs, the values
 * schema) and the images table, on registry packs and local ones; findings inside a chart
 * archive lead to the inner file and line.
 */

const ARGO = ["argo-cd", "3.26.7"] as const;
const GRIDLIGHT = ["gridlight", "1.1.3"] as const;
const AMBASSADOR = ["ambassador", "6.6.0"] as const;

/**
 * The images the core finds in argo-cd 3.26.7: pack values over the chart's and its subchart's,
 * then those its subchart's templates write literally.
 */
const ARGO_IMAGES = [
  "quay.io/argoproj/argocd:v2.1.6",
  "ghcr.io/dexidp/dex:v2.30.0",
  "redis:6.2.4-alpine",
  "quay.io/bitnami/redis-exporter:1.26.0-debian-10-r2",
  "haproxy:2.4.2",
  "docker.io/busybox:1.31.1",
  "oliver006/redis_exporter:v1.27.0",
  // Written in redis-ha's templates, not composed from values.
  "s3cmd/s3cmd:latest",
  "lgatica/openssh-client:latest",
  "koalaman/shellcheck:v0.5.0",
];

test.beforeEach(async ({ packFixtures }) => {
  for (const [name] of [ARGO, GRIDLIGHT, AMBASSADOR])
    expect(packFixtures.some((f) => f.name === name)).toBe(true);
});

const section = (page: Page, heading: string | RegExp): Locator =>
  page.getByRole("heading", { level: 3, name: heading });

const imageRows = (page: Page): Locator =>
  page.getByRole("region", { name: "Images" }).locator("tbody tr");

/** Each row's reference cell, as the page shows it. */
const refsOf = async (page: Page): Promise<string[]> =>
  imageRows(page)
    .locator("th > code")
    .evaluateAll((codes) => codes.map((c) => c.textContent ?? ""));

test("a chart archive shows all of Chart.yaml, its dependencies, maintainers, subcharts and CRDs; a CRD opens in the tree", async ({
  page,
  packPage,
}) => {
  const problems = watchForProblems(page);
  await packPage.goto(...ARGO, "?file=charts/argo-cd.tgz");
  await expect(section(page, "Chart.yaml")).toBeVisible();
  const fact = (term: string) =>
    page.locator(".facts__row").filter({
      has: page.getByRole("term").getByText(term, { exact: true }),
    });
  await expect(fact("App version").getByRole("definition")).toHaveText(
    "v2.1.6",
  );
  await expect(fact("Type").getByRole("definition")).toHaveText(
    "application (not set: Helm's default)",
  );
  const home = fact("Home").getByRole("link", {
    name: "https://github.com/argoproj/argo-helm",
  });
  await expect(home).toHaveAttribute("target", "_blank");
  await expect(home).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(fact("Keywords").getByRole("listitem")).toHaveText([
    "argoproj",
    "argocd",
    "gitops",
  ]);
  await expect(section(page, "Maintainers (4)")).toBeVisible();
  for (const m of ["alexec", "alexmt", "jessesuen", "seanson"])
    await expect(
      page.locator(".chart__maintainers li", { hasText: m }),
    ).toBeVisible();
  await expect(section(page, "Annotations (1)")).toBeVisible();
  await expect(
    page.locator(".chart__annotations").getByText("artifacthub.io/changes"),
  ).toBeVisible();

  await expect(section(page, "Dependencies (1)")).toBeVisible();
  const dependencies = page.getByRole("region", { name: "Dependencies" });
  await expect(dependencies.getByRole("columnheader")).toHaveText([
    "Name",
    "Version",
    "Repository",
    "Condition",
    "Alias",
  ]);
  await expect(dependencies.locator("tbody tr")).toHaveCount(1);
  await expect(dependencies.locator("tbody tr").first()).toHaveText(
    /^redis-ha\s*4\.12\.17\s*https:\/\/dandydeveloper\.github\.io\/charts\/\s*redis-ha\.enabled\s*—$/,
  );

  const subcharts = page.getByRole("region", { name: "Subcharts" });
  await expect(subcharts.locator("tbody tr")).toHaveText([
    /^redis-ha\s*4\.14\.7\s*charts\/redis-ha$/,
  ]);

  await expect(section(page, "Custom resource definitions (2)")).toBeVisible();
  const crds = page.getByRole("list", { name: "Custom resource definitions" });
  await expect(crds.getByRole("link")).toHaveText([
    "crds/crd-application.yaml",
    "crds/crd-project.yaml",
  ]);
  await expect(section(page, /^Templates \(\d+\)$/)).toBeVisible();
  await expect(
    page.getByRole("textbox", { name: "Default values of charts/argo-cd.tgz" }),
  ).toBeAttached();
  await expectNoA11yViolations(page, "chart panel");

  // A CRD opens in the tree, inside the archive, as its own deep link (a new history entry).
  const inner = "charts/argo-cd.tgz/crds/crd-application.yaml";
  await crds.getByRole("link", { name: "crds/crd-application.yaml" }).click();
  await expect(page).toHaveURL(
    `/packs/${ARGO[0]}/${ARGO[1]}?file=${encodeURIComponent(inner)}`,
  );
  await expect(packPage.viewerHeading(inner)).toBeVisible();
  await expect(packPage.fileLink(inner)).toHaveAttribute(
    "aria-current",
    "true",
  );
  await expect(
    packPage.editorLine(inner, "kind: CustomResourceDefinition").first(),
  ).toBeVisible();
  await page.goBack();
  await expect(section(page, "Chart.yaml")).toBeVisible();

  // A subchart folder opens at its own Chart.yaml.
  await subcharts.getByRole("link", { name: "charts/redis-ha" }).click();
  await expect(
    packPage.viewerHeading("charts/argo-cd.tgz/charts/redis-ha/Chart.yaml"),
  ).toBeVisible();
  expect(problems).toEqual([]);
});

test("a chart's values.schema.json reads as a table; its maintainer's address is a mail link", async ({
  page,
  packPage,
}) => {
  const problems = watchForProblems(page);
  await packPage.goto(...GRIDLIGHT, "?file=charts/gridlight-palette-1.1.3.tgz");
  await expect(section(page, "Values schema")).toBeVisible();
  const schema = page.getByRole("region", {
    name: "Values schema of charts/gridlight-palette-1.1.3.tgz",
  });
  await expect(schema.getByRole("columnheader")).toHaveText([
    "Value",
    "Type",
    "Default",
    "Description",
    "Required",
    "Allowed",
  ]);
  const row = (path: string) =>
    schema.getByRole("row").filter({
      has: page.getByRole("rowheader", { name: path, exact: true }),
    });
  await expect(row("auth.postgresPassword").getByRole("cell")).toHaveText([
    "string",
    "—",
    /^PostgreSQL PasswordRequired\. Password for the gridlight PostgreSQL user\.length ≥ 1$/,
    "Yes",
    "—",
  ]);
  await expect(row("auth.gatewayToken").getByRole("cell").nth(1)).toHaveText(
    '"dev-token"',
  );
  await expect(
    row("global.imagePullPolicy").getByRole("cell").nth(4),
  ).toHaveText('"IfNotPresent""Always""Never"');
  // Array items through `$ref: #/definitions/agentInstance`, flattened.
  await expect(row("llmAgents[]").getByRole("cell").first()).toHaveText(
    "objectfrom #/definitions/agentInstance",
  );
  await expect(row("llmAgents[].name").getByRole("cell").nth(3)).toHaveText(
    "Yes",
  );

  const maintainer = page.locator(".chart__maintainers li");
  await expect(maintainer).toHaveText("Gridlight · support@gridlight.ai");
  await expect(
    maintainer.getByRole("link", { name: "support@gridlight.ai" }),
  ).toHaveAttribute("href", "mailto:support@gridlight.ai");
  await expectNoA11yViolations(page, "chart values schema");
  expect(problems).toEqual([]);
});

test("findings inside a chart archive link to the inner file and line", async ({
  page,
  packPage,
}) => {
  const problems = watchForProblems(page);
  // The private key a real chart ships in its CI test manifests.
  const file = "charts/ingress-ambassador.tgz/ci/tests/manifests/tls.yaml";
  await packPage.goto(...AMBASSADOR, "?tab=findings");
  const finding = packPage.findings.filter({
    has: page.getByRole("link", { name: `${file}:5`, exact: true }),
  });
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText("SECRET_PRIVATE_KEY");
  await expectNoA11yViolations(page, "findings with secrets");
  await finding.getByRole("link", { name: `${file}:5` }).click();
  await expect(page).toHaveURL(
    `/packs/${AMBASSADOR[0]}/${AMBASSADOR[1]}?file=${encodeURIComponent(file)}&line=5`,
  );
  await expect(packPage.viewerHeading(file)).toBeVisible();
  await expect(packPage.fileLink(file)).toHaveAttribute("aria-current", "true");
  await expect(packPage.editor(file).locator(".active-line-number")).toHaveText(
    "5",
  );
  // The finding sits on its line in the editor too: a marker in the glyph margin.
  await expect(page.getByText(/· 2 findings$/)).toBeVisible();
  await expect(
    packPage.editor(file).locator(".code-editor__glyph").first(),
  ).toBeVisible();

  // So does one about an image in the chart's default values.
  await packPage.goto(...GRIDLIGHT, "?tab=findings");
  const values = "charts/gridlight-palette-1.1.3.tgz/values.yaml";
  await packPage.findings
    .filter({ hasText: "IMAGES_UNLISTED" })
    .getByRole("link", { name: `${values}:386` })
    .click();
  await expect(packPage.viewerHeading(values)).toBeVisible();
  await expect(
    packPage.editor(values).locator(".active-line-number"),
  ).toHaveText("386");
  expect(problems).toEqual([]);
});

test("the images tab lists what the pack pulls and where each comes from", async ({
  page,
  packPage,
}) => {
  const problems = watchForProblems(page);
  await packPage.goto(...ARGO);
  await packPage.openTab("Images (10)");
  await expect(page).toHaveURL(`/packs/${ARGO[0]}/${ARGO[1]}?tab=images`);
  await expect(
    page.getByRole("heading", { level: 2, name: "Images (10)" }),
  ).toBeVisible();
  expect(await refsOf(page)).toEqual(ARGO_IMAGES);
  const row = (ref: string) =>
    imageRows(page).filter({
      has: page.getByRole("rowheader", { name: ref, exact: true }),
    });
  await expect(row("redis:6.2.4-alpine").getByRole("cell")).toHaveText([
    "docker.io (default)",
    "library/redis",
    "6.2.4-alpine",
    "values.yaml:489",
    "",
  ]);
  // Its tag sits beside it (`exporter: {image: oliver006/redis_exporter, tag: v1.27.0}`).
  await expect(
    row("oliver006/redis_exporter:v1.27.0").getByRole("cell").nth(2),
  ).toHaveText("v1.27.0");
  await expect(
    row("oliver006/redis_exporter:v1.27.0").getByRole("cell").nth(4),
  ).toHaveText("subchart redis-ha is off (redis-ha.enabled is false)");
  // An image written in a template: noted so, and its link opens the template inside the chart.
  const template =
    "charts/argo-cd.tgz/charts/redis-ha/templates/redis-ha-statefulset.yaml";
  await expect(row("s3cmd/s3cmd:latest").getByRole("cell").nth(4)).toHaveText(
    /^written in the template; inside a block of the template \(if, with or range\): pulled when it renders; subchart redis-ha is off/,
  );
  await expectNoA11yViolations(page, "images");
  await row("s3cmd/s3cmd:latest")
    .getByRole("link", { name: `${template}:183` })
    .click();
  await expect(
    packPage.editor(template).locator(".active-line-number"),
  ).toHaveText("183");
  await expect(
    packPage.editorLine(template, "image: s3cmd/s3cmd:latest"),
  ).toBeVisible();
  await page.goBack();

  // Where it comes from is a link to the file and line, inside the chart when it is there.
  const source = "charts/argo-cd.tgz/charts/redis-ha/values.yaml";
  await row("haproxy:2.4.2")
    .getByRole("link", { name: `${source}:65` })
    .click();
  await expect(page).toHaveURL(
    `/packs/${ARGO[0]}/${ARGO[1]}?file=${encodeURIComponent(source)}&line=65`,
  );
  await expect(
    packPage.editor(source).locator(".active-line-number"),
  ).toHaveText("65");
  await expect(packPage.editorLine(source, "tag: 2.4.2")).toBeVisible();
  // The deep link itself reproduces the tab.
  await page.goBack();
  await expect(packPage.tab("Images (10)")).toHaveAttribute(
    "aria-selected",
    "true",
  );
  expect(problems).toEqual([]);
});

test("a local pack: the images are scanned in the browser, a malformed reference is shown as written, the chart panel works the same", async ({
  page,
  openPage,
  packPage,
}, testInfo) => {
  const problems = watchForProblems(page);
  const files = await loadFixture("pack-central/argocd-3.26.7");
  const values = new TextDecoder().decode(files.get("values.yaml"));
  const bad = "Quay.io/Argo CD:latest";
  files.set(
    "values.yaml",
    new TextEncoder().encode(
      values.replace(
        /^pack:\n/m,
        `pack:\n  content:\n    images:\n      - image: quay.io/argoproj/argocd:v2.1.6\n      - image: "${bad}"\n`,
      ),
    ),
  );
  const zip = testInfo.outputPath("argo-cd-local.zip");
  await writeFile(zip, await zipPack(files, "argo-cd-3.26.7"));
  await openPage.goto();
  await openPage.openFile(zip);
  await packPage.openTab("Images (11)");
  expect(await refsOf(page)).toEqual([
    ARGO_IMAGES[0],
    bad,
    ...ARGO_IMAGES.slice(1),
  ]);
  const invalid = imageRows(page).nth(1);
  await expect(invalid.getByRole("rowheader")).toHaveText(
    `⚠ Not a valid reference: ${bad}\`${bad}\` is not a valid image reference: it contains white space`.replace(
      /`/g,
      "",
    ),
  );
  await expect(invalid.getByRole("cell").first()).toHaveText("—");
  await expect(
    invalid.getByRole("link", { name: "values.yaml:6" }),
  ).toBeVisible();
  await expect(imageRows(page).first().getByRole("cell").nth(3)).toHaveText(
    "values.yaml:5",
  );
  await expectNoA11yViolations(page, "local images");

  // The same finding names the bad reference in the findings list.
  await packPage.openTab(/^Findings/);
  await expect(
    packPage.findings.filter({ hasText: "IMAGE_REF_INVALID" }),
  ).toContainText(bad);

  await packPage.openTab(/^Files/);
  await packPage.fileLink("charts/argo-cd.tgz").click();
  await expect(
    page
      .getByRole("region", { name: "Dependencies" })
      .getByRole("row", { name: /redis-ha/ }),
  ).toContainText("redis-ha.enabled");
  expect(problems).toEqual([]);
});

test("a chart archive that cannot be read says why where its panel would be", async ({
  page,
  openPage,
  packPage,
}, testInfo) => {
  const problems = watchForProblems(page);
  const zip = await brokenChartPackZip(testInfo);
  await openPage.goto();
  await openPage.openFile(zip);
  await packPage.openTab(/^Files/);
  await packPage.fileLink("charts/broken-1.0.0.tgz").click();
  await expect(
    page.getByRole("alert").filter({
      hasText: "This chart archive cannot be opened",
    }),
  ).toContainText(
    "charts/broken-1.0.0.tgz is truncated or corrupt. Its files, Chart.yaml and values cannot be shown.",
  );
  await expectNoA11yViolations(page, "unreadable chart panel");
  // The rest of the page still works.
  await packPage.openTab(/^Images/);
  await expect(imageRows(page).first()).toBeVisible();
  expect(problems).toEqual([]);
});

test.describe("at 390 px wide", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the images table and the chart panel scroll in their own boxes, never the page", async ({
    page,
    packPage,
  }) => {
    // Five pages at two widths: 23 s on a quiet 2-core machine.
    test.setTimeout(90_000);
    for (const [pack, search, box, wide] of [
      [ARGO, "?tab=images", "Images", true],
      [ARGO, "?file=charts/argo-cd.tgz", "Dependencies", false],
      [
        GRIDLIGHT,
        "?file=charts/gridlight-palette-1.1.3.tgz",
        "Values schema of charts/gridlight-palette-1.1.3.tgz",
        true,
      ],
    ] as const) {
      await packPage.goto(pack[0], pack[1], search);
      const region = page.getByRole("region", { name: box, exact: true });
      await expect(region).toBeVisible();
      await page.waitForLoadState("networkidle");
      const sizes = await region.evaluate((el) => ({
        page: document.documentElement.scrollWidth,
        inner: el.scrollWidth,
        outer: el.clientWidth,
      }));
      expect(sizes.page, `${search}: the page`).toBeLessThanOrEqual(390);
      // These tables are wider than the screen: their box scrolls instead of the page.
      if (wide)
        expect(sizes.inner, `${search}: the table`).toBeGreaterThan(
          sizes.outer,
        );
    }
    await expectNoA11yViolations(page, "values schema at 390 px");
  });
});
