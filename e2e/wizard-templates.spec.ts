import { chartTgz } from "../test/gen/pack";
import type { Page } from "@playwright/test";

import type { WizardContent } from "./pages/wizard-content";
import { expect, test, upload } from "./pages/wizard-test";

/*
 * Each template of the Start step, built and published through the UI against the real server:
 * what a template leaves to the user is filled in, a logo is made, the values are looked at, the
 * review must show no error, and the upload must succeed.
 */

interface Case {
  title: string;
  name: string;
  version?: string;
  fill?: (steps: { page: Page; content: WizardContent }) => Promise<void>;
}

const CASES: Case[] = [
  {
    title: "AWS custom OS pack",
    name: "golden-centos-aws",
    fill: async ({ content }) =>
      content.fillOs({
        imageId: "ami-0123456789abcdef0",
        imageOwner: "123456789012",
      }),
  },
  {
    title: "vSphere OS pack from a local template",
    name: "ubuntu-vsphere",
    fill: async ({ content }) =>
      content.fillOs({
        imageId: "/Datacenter/vm/spectro-templates/ubuntu-22.04",
      }),
  },
  {
    title: "vSphere OS pack from a remote .ova",
    name: "ubuntu-vsphere-ova",
    fill: async ({ content }) =>
      content.fillOs({
        imageId: "https://images.example.com/ubuntu-22.04.ova",
      }),
  },
  { title: "Azure custom OS pack", name: "ubuntu-azure" },
  {
    title: "Prometheus-Grafana helm add-on",
    name: "prometheus-grafana",
    fill: async ({ content, page }) => {
      await expect(
        page.getByText("values.yaml expects the chart kube-prometheus-stack"),
      ).toBeVisible();
      await content.addCharts([
        upload(
          "kube-prometheus-stack-58.1.0.tgz",
          chartTgz({ name: "kube-prometheus-stack", version: "58.1.0" }),
        ),
      ]);
      await content.expectChart("kube-prometheus-stack");
      // The template's own chart values are kept, not replaced by the chart's defaults.
      await expect(
        page.getByText("values.yaml already had charts.kube-prometheus-stack"),
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
    await logo.makeFromInitials();
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
