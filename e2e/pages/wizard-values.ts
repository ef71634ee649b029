import { expect, type Locator, type Page } from "@playwright/test";

import { WizardFrame } from "./wizard-steps";

/** Step 4: values.yaml and the other text files in Monaco. */
export class WizardValues extends WizardFrame {
  readonly step: Locator;

  constructor(page: Page) {
    super(page);
    this.step = page.locator("[data-editor-ready]");
  }

  async ready(): Promise<void> {
    await expect(this.step).toHaveAttribute("data-editor-ready", "true", {
      timeout: 30_000,
    });
  }

  tab(name: string): Locator {
    return this.page.getByRole("tab", { name });
  }

  /** The Monaco editor of the open tab (its text area has the file's name). */
  editor(file = "values.yaml"): Locator {
    return this.page.getByRole("textbox", { name: `${file} editor` });
  }

  /**
   * Replace the whole text of the open file from the keyboard. Monaco indents a new line like the
   * one above, so each line's automatic indentation is removed before the line is typed.
   */
  async replaceText(text: string, file = "values.yaml"): Promise<void> {
    const keyboard = this.page.keyboard;
    await this.editor(file).focus();
    await keyboard.press("ControlOrMeta+A");
    await keyboard.press("Delete");
    const lines = text.replace(/\n$/, "").split("\n");
    for (const [i, line] of lines.entries()) {
      if (i > 0) {
        await keyboard.press("Enter");
        await keyboard.press("Shift+Home");
        await keyboard.press("Delete");
      }
      await keyboard.insertText(line);
    }
  }

  /** The file's text as Monaco's view shows it (the visible lines). */
  viewText(): Locator {
    return this.page.locator(".view-lines").first();
  }

  problems(): Locator {
    return this.page.locator(".text-file__problems");
  }
}
