import { expect, test } from "@playwright/test";

import { expectNoA11yViolations } from "./support/axe";

test("the header links Packs, Build and Open a pack, marking the current one", async ({
  page,
}) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const [link, url, heading] of [
    ["Packs", /\/packs$/, "Review a pack"],
    ["Build", /\/build$/, "Build a pack"],
    ["Open a pack", /\/open$/, "Open a local pack"],
  ] as const) {
    await nav.getByRole("link", { name: link }).click();
    await expect(page).toHaveURL(url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(nav.getByRole("link", { name: link })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
  }
  // A draft is part of Build.
  await page.goto("/build");
  await page.getByRole("button", { name: "Start from a blank pack" }).click();
  await page.waitForURL(/\/build\/[^/]+$/);
  await expect(nav.getByRole("link", { name: "Build" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("the theme switch applies at once, is remembered after a reload before the first paint, and both themes pass axe", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/packs");
  await expect(
    page.getByRole("heading", { level: 1, name: "Review a pack" }),
  ).toBeVisible();
  const html = page.locator("html");
  const theme = page.getByLabel("Theme");
  await expect(theme).toHaveValue("system");
  const bg = () =>
    page.evaluate(
      () => getComputedStyle(document.documentElement).backgroundColor,
    );
  const light = await bg();
  await expectNoA11yViolations(page, "packs, light");

  await theme.selectOption("dark");
  await expect(html).toHaveAttribute("data-theme", "dark");
  expect(await bg()).not.toBe(light);
  await expectNoA11yViolations(page, "packs, dark");
  const dark = await bg();

  // Before any of the app's code runs, the stored choice is on <html>: no flash of light.
  await page.route("**/assets/*.js", (route) => route.abort());
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark");
  expect(await bg()).toBe(dark);
  await page.unroute("**/assets/*.js");
  await page.reload();
  await expect(theme).toHaveValue("dark");

  // Back to the system's choice: a dark system gives dark, and the choice is forgotten.
  await theme.selectOption("system");
  await expect(html).not.toHaveAttribute("data-theme", /./);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await bg()).toBe(dark);
  await page.goto("/build");
  // The page is a lazy chunk: scan it once it is there.
  await expect(
    page.getByRole("heading", { level: 1, name: "Build a pack" }),
  ).toBeVisible();
  await expectNoA11yViolations(page, "build, system dark");
  await page.emulateMedia({ colorScheme: "dark" });
  await theme.selectOption("light");
  expect(await bg()).toBe(light);
  await page.reload();
  await expect(theme).toHaveValue("light");
  expect(await bg()).toBe(light);
});
