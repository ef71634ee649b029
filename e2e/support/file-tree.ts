import type { Locator, Page } from "@playwright/test";

/** The file tree's count ("230 files (110 inside chart archives)", "2 of 230 files"), on the pack page and in the builder's review. */
export const fileCount = (page: Page): Locator =>
  page.getByRole("status").filter({ hasText: /^\d+ (of \d+ )?files/ });
