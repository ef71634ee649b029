import { join } from "node:path";

import { FIXTURES } from "../test/helpers/fixtures";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, test } from "./pages/wizard-test";

/*
 * The builder's Review step renders the same pack UI as the reviewer's pack page: the file tree
 * (filter box, chart archives as folders), the viewer (Markdown rendered) and the findings.
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
  test.setTimeout(60_000);
  await start.goto();
  await start.importFolder(join(FIXTURES, "pack-central/argocd-3.26.7"));
  await expect(basics.name).toHaveValue("argo-cd");
  await basics.nextTo("Content");
  await content.nextTo("Logo");
  await logo.nextTo("Values");
  await values.ready();
  await values.nextTo("Review");
  await expect(review.status).toHaveText(/Ready to publish|to fix/);

  // The tree: files are buttons (a draft has no URL), with a filter box past 50 files.
  await expect(review.files).toBeVisible();
  await expect(
    review.files.getByRole("button", { name: /^pack\.json/ }),
  ).toHaveAttribute("aria-current", "true");
  const filter = page.getByRole("searchbox", { name: "Filter files" });
  await filter.fill("argocd-server/deployment");
  await expect(
    page.getByRole("status").filter({ hasText: / of \d+ files$/ }),
  ).toHaveText(/^1 of \d+ files$/);
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

  // The chart archive opens as a folder; an inner file opens in the viewer.
  await filter.fill("");
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
  await expectNoSeriousA11yViolations(page, "review with the shared pack UI", {
    moderate: true,
  });
  await toggle.getByRole("button", { name: "Source" }).click();
  await expect(
    page.getByRole("textbox", { name: "Contents of charts/argo-cd/README.md" }),
  ).toBeAttached();
});
