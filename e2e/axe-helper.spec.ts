import { expect, test } from "@playwright/test";

import { expectNoA11yViolations } from "./support/axe";

/* The axe helper itself: a moderate finding fails a scan, so "axe passed" on a screen means something. */

test("a moderate finding fails the scan and is named with its elements", async ({
  page,
}) => {
  // Content outside any landmark is axe's `region` rule, rated moderate.
  await page.setContent(
    '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Title</h1></main><p id="stray">Outside every landmark</p></body></html>',
  );
  const scan = expectNoA11yViolations(page, "stray paragraph");
  await expect(scan).rejects.toThrow(/axe on stray paragraph/);
  await expect(scan).rejects.toThrow(/region \(moderate\).*#stray/);
});

test("a page with nothing to report passes", async ({ page }) => {
  await page.setContent(
    '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Title</h1><p>Inside the main landmark</p></main></body></html>',
  );
  await expectNoA11yViolations(page, "clean page");
});
