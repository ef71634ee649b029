import { chartTgz } from "../test/gen/pack";
import { SEED_TEMPLATES, seedJson } from "../test/helpers/seeds";
import { expect, templateAtContent, test, upload } from "./pages/wizard-test";

/*
 * Issue 9: each example of the "Adding a custom pack" documentation comes out of its template
 * with nothing changed. Start from the template, walk every step, download the zip: its pack.json
 * is the documentation's (test/fixtures/seed-examples), empty strings, `{}` and `[]` included.
 * Then the same draft is published through the UI against the real server: the upload must succeed.
 */

const TITLES: Record<string, string> = {
  "centos-aws": "CentOS on AWS: custom OS pack",
  "centos-vsphere-template": "CentOS on vSphere from a VM template",
  "ubuntu-vsphere-ova": "Ubuntu on vSphere from a remote .ova",
  "centos-azure": "CentOS on Azure: Marketplace image",
  "prometheus-grafana": "Prometheus-Grafana Helm add-on",
  "permission-manager": "Permission Manager manifest add-on",
};

const CHART = chartTgz({ name: "prometheus-operator", version: "9.3.2" });

for (const [id, seed] of Object.entries(SEED_TEMPLATES)) {
  test(`the ${id} template, unchanged, downloads the documentation's ${seed} and publishes`, async ({
    page,
    start,
    basics,
    content,
    logo,
    values,
    review,
    publish,
  }) => {
    const title = TITLES[id] ?? id;
    await start.goto();
    await start.useTemplate(title);
    const pack = seedJson(seed) as {
      name: string;
      layer: string;
      charts?: string[];
    };
    await expect(basics.name).toHaveValue(pack.name);
    await basics.nextTo("Content");
    if (pack.charts) {
      // The one thing the wizard asks for: the chart, under the documentation's file name.
      await expect(
        page.getByText("values.yaml expects the chart prometheus-operator"),
      ).toBeVisible();
      await content.addCharts([upload("prometheus-grafana.tgz", CHART)]);
      await content.expectChart("prometheus-operator");
      const added = page
        .getByRole("status")
        .filter({ hasText: "Added prometheus-operator 9.3.2" });
      await expect(added).toContainText(
        "Added prometheus-operator 9.3.2 as charts/prometheus-grafana.tgz",
      );
      // A success, not a warning.
      await expect(added).toHaveClass(/alert--success/);
      await expect(
        page.getByText("values.yaml already had charts.prometheus-operator"),
      ).toBeVisible();
      // The template's banner naming the chart is gone once it is in.
      await expect(page.getByText("values.yaml expects the chart")).toHaveCount(
        0,
      );
      // Renaming is offered, not imposed.
      await expect(
        page.getByRole("button", {
          name: "Rename charts/prometheus-grafana.tgz to charts/prometheus-operator-9.3.2.tgz",
        }),
      ).toBeVisible();
    }
    await content.nextTo("Logo");
    // Every template carries its logo.png.
    await expect(logo.preview).toBeVisible();
    await logo.nextTo("Values");
    await values.ready();
    await values.nextTo("Review");
    await expect(review.status).toHaveText(/Ready to publish/);
    await expect(review.digest).toHaveText(/^sha256:[0-9a-f]{64}$/);
    await review.nextTo("Publish");

    const { files } = await publish.downloadedZip();
    expect(
      JSON.parse(new TextDecoder().decode(files.get("pack.json"))),
    ).toStrictEqual(seedJson(seed));
    expect(files.has("logo.png")).toBe(true);
    if (pack.layer === "os")
      for (const f of [
        "harden_os/tasks/main.yml",
        "harden_os/files/sec_harden.sh",
      ])
        expect(files.has(f), f).toBe(true);
    if (pack.charts)
      expect(
        Buffer.compare(
          Buffer.from(files.get("charts/prometheus-grafana.tgz")!),
          Buffer.from(CHART),
        ),
      ).toBe(0);
    if (id === "permission-manager") {
      expect(files.has("manifests/permission-manager.yaml")).toBe(true);
      // 1.0.0 is the real pack's version, which the reviewer's tests upload from the fixtures.
      await publish.goTo("Basics");
      await basics.version.fill("1.0.1-e2e");
      await basics.goTo("Publish");
    }

    await publish.upload();
    await expect(publish.success).toBeVisible({ timeout: 20_000 });
    await expect(publish.success).toContainText(
      "The draft was removed from this browser",
    );
    await publish.success
      .getByRole("link", { name: /Open .* in the registry/ })
      .click();
    await expect(page).toHaveURL(new RegExp(`/packs/${pack.name}/`));
  });
}

test("a chart's file name is kept unless the user renames it", async ({
  page,
  start,
  basics,
  content,
}) => {
  await templateAtContent(start, basics, TITLES["permission-manager"]!);
  await content.addCharts([
    upload("my-chart.tgz", chartTgz({ name: "demo", version: "0.1.0" })),
  ]);
  await expect(content.charts).toContainText("charts/my-chart.tgz");
  await page
    .getByRole("button", {
      name: "Rename charts/my-chart.tgz to charts/demo-0.1.0.tgz",
    })
    .click();
  await expect(content.charts).toContainText("charts/demo-0.1.0.tgz");
  await expect(content.charts).not.toContainText("charts/my-chart.tgz");
  await expect(
    page.getByRole("status").filter({ hasText: "Renamed to" }),
  ).toHaveText(/Renamed to charts\/demo-0\.1\.0\.tgz/);
});
