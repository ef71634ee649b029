import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import type { TestInfo } from "@playwright/test";

import { FIXTURES } from "../test/helpers/fixtures";
import {
  contentToValues,
  expect,
  templateAtContent,
  test,
  upload,
} from "./pages/wizard-test";

/*
 * The Prometheus-Grafana template lists charts/prometheus-grafana.tgz and has values for
 * charts.prometheus-operator; its banner says to download that chart with helm pull, which names
 * the file prometheus-operator-<version>.tgz. That archive fills the template's entry.
 */

/** A real chart (akuity-agent) renamed in Chart.yaml to prometheus-operator 9.7.2, as helm pull names it. */
function prometheusOperatorChart(testInfo: TestInfo) {
  const dir = testInfo.outputPath("chart");
  mkdirSync(dir, { recursive: true });
  const source = join(
    FIXTURES,
    "pack-central/akuity-agent-0.30.0-5.5.2026/charts/akuity-agent-0.30.0-5.5.2026.tgz",
  );
  execFileSync("tar", ["xzf", source, "-C", dir]);
  execFileSync("mv", [
    join(dir, "akuity-agent"),
    join(dir, "prometheus-operator"),
  ]);
  const chartYaml = join(dir, "prometheus-operator", "Chart.yaml");
  writeFileSync(
    chartYaml,
    readFileSync(chartYaml, "utf8")
      .replace(/^name: .*$/m, "name: prometheus-operator")
      .replace(/^version: .*$/m, "version: 9.7.2"),
  );
  const tgz = join(dir, "prometheus-operator-9.7.2.tgz");
  execFileSync("tar", ["czf", tgz, "-C", dir, "prometheus-operator"]);
  return upload("prometheus-operator-9.7.2.tgz", readFileSync(tgz));
}

test("Prometheus-Grafana: the chart its banner names, as helm pull names it, fills the template's entry", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
}, testInfo) => {
  test.setTimeout(90_000);
  await templateAtContent(start, basics, "Prometheus-Grafana Helm add-on");
  await expect(
    page.getByText("values.yaml expects the chart prometheus-operator"),
  ).toBeVisible();
  // The template's entry has no archive yet: it is missing, not unreadable.
  const entry = content.charts.getByRole("listitem");
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(
    /^missing chart\s+charts\/prometheus-grafana\.tgz — not in the pack/,
  );

  await content.addCharts([prometheusOperatorChart(testInfo)]);
  await expect(
    page.getByText(
      "Added prometheus-operator 9.7.2 as charts/prometheus-operator-9.7.2.tgz, in place of the missing charts/prometheus-grafana.tgz",
    ),
  ).toBeVisible();
  await expect(
    page.getByText(
      /It fills the entry pack\.json listed as charts\/prometheus-grafana\.tgz/,
    ),
  ).toBeVisible();
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(
    "prometheus-operator 9.7.2 charts/prometheus-operator-9.7.2.tgz",
  );
  await expect(
    page.getByText(/values\.yaml (expects|has settings)/),
  ).toHaveCount(0);

  // Next goes on: pack.json lists no file the pack lacks.
  await contentToValues({ content, logo, values });
  await expect(values.viewText()).toContainText("prometheus-operator:");
  await values.nextTo("Review");
  await expect(review.status).toContainText(/^Ready to publish/);
  await expect(review.status).not.toContainText("note");
  await expect(review.finding(/charts\/prometheus-grafana\.tgz/)).toHaveCount(
    0,
  );
});
