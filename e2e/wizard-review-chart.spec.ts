import { join } from "node:path";

import { FIXTURES } from "../test/helpers/fixtures";
import { expectNoA11yViolations } from "./support/axe";
import { expect, importedPackAtReview, test } from "./pages/wizard-test";

/*
 * The builder's Review step shows a chart archive with the same panel as the pack page: its
 * sections sit under the file's level-4 heading, and its files open in the tree by button (a
 * draft has no URL).
 */

test("Review opens a chart archive's panel; a CRD in it opens in the tree", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
}) => {
  test.setTimeout(60_000);
  await importedPackAtReview(
    { start, basics, content, logo, values, review },
    join(FIXTURES, "pack-central/argocd-3.26.7"),
    "argo-cd",
  );

  await review.files.locator('[data-path="charts/argo-cd.tgz"]').click();
  await expect(
    page.getByRole("heading", {
      level: 4,
      name: "charts/argo-cd.tgz",
      exact: true,
    }),
  ).toBeVisible();
  for (const name of [
    "Chart.yaml",
    "Maintainers (4)",
    "Dependencies (1)",
    "Subcharts (1)",
    "Custom resource definitions (2)",
  ])
    await expect(page.getByRole("heading", { level: 5, name })).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "Dependencies" })
      .getByRole("row", { name: /^redis-ha/ }),
  ).toContainText("redis-ha.enabled");
  await expectNoA11yViolations(page, "chart panel in Review");

  const crd = "charts/argo-cd.tgz/crds/crd-project.yaml";
  await page
    .getByRole("list", { name: "Custom resource definitions" })
    .getByRole("button", { name: "crds/crd-project.yaml" })
    .click();
  await expect(
    page.getByRole("heading", { level: 4, name: crd, exact: true }),
  ).toBeVisible();
  await expect(review.files.locator(`[data-path="${crd}"]`)).toHaveAttribute(
    "aria-current",
    "true",
  );
  await expect(
    page.getByRole("textbox", { name: `Contents of ${crd}` }),
  ).toBeAttached();
});
