import { readFile } from "node:fs/promises";

import {
  expect,
  type Download,
  type Locator,
  type Page,
} from "@playwright/test";

import type { PackFiles } from "../../src/pack/pack-files";
import { readPackArchive } from "../../src/pack/read-archive";
import { E2E_USER } from "../credentials";
import { WizardFrame } from "./wizard-steps";

/** Step 6: downloads, the ORAS commands, the upload with sign-in, 409 and force. */
export class WizardPublish extends WizardFrame {
  readonly success: Locator;
  readonly conflict: Locator;
  readonly orasCommands: Locator;

  constructor(page: Page) {
    super(page);
    this.success = page
      .getByRole("status")
      .filter({ hasText: /^Success: ?Published / });
    this.conflict = page
      .getByRole("status")
      .filter({ hasText: /already exists with other content/ });
    this.orasCommands = page.getByLabel("ORAS commands");
  }

  async download(format: "zip" | "tar.gz"): Promise<Download> {
    const waiting = this.page.waitForEvent("download");
    await this.page
      .getByRole("button", {
        name: new RegExp(`^Download .*\\.${format.replace(".", "\\.")}`),
      })
      .click();
    return waiting;
  }

  /** Download the .zip and read it back with the core's reader: its file name and its files. */
  async downloadedZip(): Promise<{ filename: string; files: PackFiles }> {
    const zip = await this.download("zip");
    const read = readPackArchive(
      new Uint8Array(await readFile(await zip.path())),
      { name: "zip" },
    );
    if (!read.ok) throw new Error(read.error.message);
    return { filename: zip.suggestedFilename(), files: read.value.files };
  }

  uploadButton(): Locator {
    return this.page.getByRole("button", {
      name: /^(Upload |Sign in and upload)/,
    });
  }

  /** Upload, signing in through the dialog when asked. */
  async upload(): Promise<void> {
    await this.uploadButton().click();
    const dialog = this.page.getByRole("dialog", { name: "Sign in" });
    if (await dialog.isVisible().catch(() => false)) await this.signIn();
  }

  async signIn(): Promise<void> {
    const dialog = this.page.getByRole("dialog", { name: "Sign in" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("User name").fill(E2E_USER.username);
    await dialog.getByLabel("Password").fill(E2E_USER.password);
    await dialog.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  /** After a 409: open the dialog that asks before replacing the stored version. */
  async openReplace(): Promise<Locator> {
    await this.page.getByRole("button", { name: /^Replace .*…$/ }).click();
    return this.page.getByRole("dialog", { name: /^Replace / });
  }

  async force(): Promise<void> {
    const dialog = await this.openReplace();
    await dialog.getByRole("button", { name: "Replace it" }).click();
  }
}
