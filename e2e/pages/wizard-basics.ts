import type { Locator, Page } from "@playwright/test";

import { WizardFrame } from "./wizard-steps";

export interface BasicsInput {
  layer?: string;
  addonType?: string;
  name?: string;
  displayName?: string;
  version?: string;
  group?: string;
  eol?: string;
  /** Checkbox labels to tick (others are left as they are). */
  clouds?: string[];
  /** Checkbox labels to untick. */
  uncheck?: string[];
}

/** Step 1: layer, add-on type, name, display name, version, group, end of life, clouds. */
export class WizardBasics extends WizardFrame {
  readonly layer: Locator;
  readonly addonType: Locator;
  readonly name: Locator;
  readonly displayName: Locator;
  readonly version: Locator;
  readonly group: Locator;
  readonly eol: Locator;

  constructor(page: Page) {
    super(page);
    this.layer = page.getByLabel("Layer", { exact: true });
    this.addonType = page.getByLabel("Add-on type");
    this.name = page.getByLabel("Name", { exact: true });
    this.displayName = page.getByLabel("Display name");
    this.version = page.getByLabel("Version", { exact: true });
    this.group = page.getByLabel(/^Group/);
    this.eol = page.getByLabel(/^End of life/);
  }

  cloud(label: string): Locator {
    return this.page
      .getByRole("group", { name: "Clouds" })
      .getByLabel(label, { exact: true });
  }

  async fill(input: BasicsInput): Promise<void> {
    if (input.layer) await this.layer.selectOption(input.layer);
    if (input.addonType) await this.addonType.selectOption(input.addonType);
    if (input.name !== undefined) await this.name.fill(input.name);
    if (input.displayName !== undefined)
      await this.displayName.fill(input.displayName);
    if (input.version !== undefined) await this.version.fill(input.version);
    if (input.group !== undefined) await this.group.fill(input.group);
    if (input.eol !== undefined) await this.eol.fill(input.eol);
    for (const c of input.uncheck ?? []) await this.cloud(c).uncheck();
    for (const c of input.clouds ?? []) await this.cloud(c).check();
  }
}
