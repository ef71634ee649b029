import { expect, type Locator, type Page } from "@playwright/test";

import { WizardFrame } from "./wizard-steps";

type Upload = { name: string; mimeType: string; buffer: Buffer };

/** Step 2: charts, manifests and annotations, or an OS pack's image fields and Ansible roles. */
export class WizardContent extends WizardFrame {
  readonly chartInput: Locator;
  readonly manifestInput: Locator;
  readonly roleInput: Locator;
  readonly charts: Locator;
  readonly manifests: Locator;

  constructor(page: Page) {
    super(page);
    this.chartInput = page.getByLabel("Helm chart archives (.tgz)");
    this.manifestInput = page.getByLabel("Manifest files (.yaml)");
    this.roleInput = page.getByLabel(
      "Role folders or archives (.zip, .tar.gz)",
    );
    this.charts = page.getByRole("list", { name: "Charts in the pack" });
    this.manifests = page.getByRole("list", {
      name: "Manifests in apply order",
    });
  }

  async addCharts(files: Upload[]): Promise<void> {
    await this.chartInput.setInputFiles(files);
  }

  async addManifests(files: Upload[]): Promise<void> {
    await this.manifestInput.setInputFiles(files);
  }

  /** The alert that lists the files a drop refused. */
  refused(what: string): Locator {
    return this.page
      .getByRole("alert")
      .filter({ hasText: `Some ${what} were not added` });
  }

  /** An OS field by the annotation it writes, e.g. "imageId". */
  osField(annotation: string): Locator {
    return this.page.getByLabel(new RegExp(`\\(${annotation}\\)`));
  }

  async fillOs(fields: Record<string, string>): Promise<void> {
    for (const [k, v] of Object.entries(fields)) await this.osField(k).fill(v);
  }

  async addAnnotation(key: string, value: string): Promise<void> {
    await this.page.getByRole("button", { name: "Add annotation" }).click();
    const keys = this.page.getByLabel(/^Annotation \d+$/);
    const n = await keys.count();
    await this.page.getByLabel(`Annotation ${n}`, { exact: true }).fill(key);
    await this.page.getByLabel(`Value ${n}`, { exact: true }).fill(value);
  }

  async expectChart(name: string): Promise<void> {
    await expect(this.charts).toContainText(name);
  }
}
