import { join } from "node:path";

import { FIXTURES } from "../test/helpers/fixtures";
import { expectNoA11yViolations } from "./support/axe";
import { fileCount } from "./support/file-tree";
import { expect, importedPackAtReview, test } from "./pages/wizard-test";

/*
 * The builder's Review step renders the same pack UI as the reviewer's pack page: the file tree
 * (filter box searching inside chart archives too, chart archives as folders), the viewer (Markdown
 * rendered), the findings and the images table.
 */

test("Review shows the tree, the viewer and the findings of the shared pack UI", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
}) => {
  // A whole wizard walk, then the review: 26 s on a quiet 2-core machine.
  test.setTimeout(90_000);
  await importedPackAtReview(
    { start, basics, content, logo, values, review },
    join(FIXTURES, "pack-central/argocd-3.26.7"),
    "argo-cd",
  );

  // The tree: files are buttons (a draft has no URL), with a filter box past 50 files.
  await expect(review.files).toBeVisible();
  await expect(
    review.files.getByRole("button", { name: /^pack\.json/ }),
  ).toHaveAttribute("aria-current", "true");
  const filter = page.getByRole("searchbox", { name: "Filter files" });
  // The count takes in the chart archive's files once it has been read (the page reads it when idle).
  const count = fileCount(page);
  const own = await review.files.locator("[data-path]").count();
  await expect
    .poll(async () => Number((await count.textContent())?.split(" ")[0]))
    .toBeGreaterThan(own);
  await filter.fill("argocd-server/deployment");
  // The unpacked chart's template and its copy inside argo-cd.tgz; the folder comes first.
  await expect(count).toHaveText(/^2 of \d+ files$/);
  await expect(
    review.files.locator(
      '[data-path="charts/argo-cd.tgz/templates/argocd-server/deployment.yaml"]',
    ),
  ).toBeVisible();
  await filter.press("Enter");
  const deployment = "charts/argo-cd/templates/argocd-server/deployment.yaml";
  await expect(
    page.getByRole("heading", { level: 4, name: deployment, exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole("textbox", { name: `Contents of ${deployment}` }),
  ).toBeAttached();

  // The findings list, with its heading and count.
  await expect(review.findings.getByRole("heading", { level: 3 })).toHaveText(
    /^Findings \(\d+\)$/,
  );

  await filter.fill("");
  // The images the draft pulls, as on the pack page, from the core's report; a source is a
  // button (a draft has no URL) that shows its file at that line below.
  const images = page.getByRole("region", { name: /^Images \(\d+\)$/ });
  await expect(images.getByRole("heading", { level: 3 })).toHaveText(
    "Images (10)",
  );
  const argocd = images.getByRole("row").filter({
    has: page.getByRole("rowheader", {
      name: "quay.io/argoproj/argocd:v2.1.6",
    }),
  });
  await expect(argocd.getByRole("cell")).toHaveText([
    "quay.io",
    "argoproj/argocd",
    "v2.1.6",
    "values.yaml:23",
    "",
  ]);
  await expect(
    images.getByRole("row").filter({ hasText: "oliver006/redis_exporter" }),
  ).toContainText("v1.27.0");
  await argocd.getByRole("button", { name: "values.yaml:23" }).click();
  await expect(
    page.getByRole("heading", { level: 4, name: "values.yaml", exact: true }),
  ).toBeVisible();
  await expect(
    review.files.locator('[data-path="values.yaml"]'),
  ).toHaveAttribute("aria-current", "true");
  await expect(
    page
      .locator(".monaco-editor")
      .filter({
        has: page.getByRole("textbox", { name: "Contents of values.yaml" }),
      })
      .locator(".active-line-number"),
  ).toHaveText("23");

  // The chart archive opens as a folder; an inner file opens in the viewer.
  await page.getByRole("button", { name: "Files inside argo-cd.tgz" }).click();
  const chartYaml = "charts/argo-cd.tgz/Chart.yaml";
  await review.files.locator(`[data-path="${chartYaml}"]`).click();
  await expect(
    page.getByRole("heading", { level: 4, name: chartYaml, exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole("textbox", { name: `Contents of ${chartYaml}` }),
  ).toBeAttached();

  // Markdown is read rendered, its source one click away.
  await filter.fill("charts/argo-cd/README.md");
  await filter.press("Enter");
  const toggle = page.getByRole("group", { name: "Show the file" });
  await expect(
    toggle.getByRole("button", { name: "Rendered" }),
  ).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator(".markdown-view")).toBeVisible();
  await expectNoA11yViolations(page, "review with the shared pack UI");
  await toggle.getByRole("button", { name: "Source" }).click();
  await expect(
    page.getByRole("textbox", { name: "Contents of charts/argo-cd/README.md" }),
  ).toBeAttached();
});
