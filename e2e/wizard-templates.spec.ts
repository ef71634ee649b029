import { chartTgz } from "../test/gen/pack";
import type { Page } from "@playwright/test";

import type { WizardContent } from "./pages/wizard-content";
import { expect, test, upload } from "./pages/wizard-test";

/*
 * Each template of the Start step, built and published through the UI against the real server:
 * what a template leaves to the user (the Prometheus chart) is added, its logo is shown, the values
 * are looked at, the review must show no error, and the upload must succeed.
 */

interface Case {
  title: string;
  name: string;
  version?: string;
  fill?: (steps: { page: Page; content: WizardContent }) => Promise<void>;
}

const CASES: Case[] = [
  { title: "CentOS on AWS: custom OS pack", name: "golden-centos-aws" },
  {
    title: "CentOS on vSphere from a VM template",
    name: "golden-centos-vsphere",
  },
  {
    title: "Ubuntu on vSphere from a remote .ova",
    name: "golden-ubuntu-vsphere",
  },
  { title: "CentOS on Azure: Marketplace image", name: "golden-centos-azure" },
  {
    title: "Prometheus-Grafana Helm add-on",
    name: "prometheus-grafana",
    fill: async ({ content, page }) => {
      await expect(
        page.getByText("values.yaml expects the chart prometheus-operator"),
      ).toBeVisible();
      await content.addCharts([
        upload(
          "prometheus-grafana.tgz",
          chartTgz({ name: "prometheus-operator", version: "9.3.2" }),
        ),
      ]);
      await content.expectChart("prometheus-operator");
      // The template's own chart values are kept, not replaced by the chart's defaults.
      await expect(
        page.getByText("values.yaml already had charts.prometheus-operator"),
      ).toBeVisible();
    },
  },
  {
    title: "Permission Manager manifest add-on",
    name: "permission-manager",
    // 1.0.0 is the real pack's version, which the reviewer's tests upload from the fixtures.
    version: "1.0.1-e2e",
  },
];

for (const c of CASES) {
  test(`the ${c.title} template builds and publishes`, async ({
    page,
    start,
    basics,
    content,
    logo,
    values,
    review,
    publish,
  }) => {
    await start.goto();
    await start.useTemplate(c.title);
    await expect(basics.name).toHaveValue(c.name);
    if (c.version) await basics.version.fill(c.version);
    await basics.nextTo("Content");
    await c.fill?.({ page, content });
    await content.nextTo("Logo");
    // Every template carries its logo.png.
    await expect(logo.preview).toBeVisible();
    await logo.nextTo("Values");
    await values.ready();
    await values.nextTo("Review");
    await expect(review.status).toHaveText(/Ready to publish/);
    await expect(review.digest).toHaveText(/^sha256:[0-9a-f]{64}$/);
    await review.nextTo("Publish");
    await publish.upload();
    await expect(publish.success).toBeVisible({ timeout: 20_000 });
    await expect(publish.success).toContainText(
      "The draft was removed from this browser",
    );
    await publish.success
      .getByRole("link", { name: /Open .* in the registry/ })
      .click();
    await expect(page).toHaveURL(new RegExp(`/packs/${c.name}/`));
  });
}
