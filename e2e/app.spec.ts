import { expect, test } from "@playwright/test";

import { watchForProblems } from "./support/problems";

test("the built app loads cleanly and shows the home page", async ({
  page,
}) => {
  const problems = watchForProblems(page);

  await page.goto("/");

  await expect(
    page.getByRole("heading", {
      level: 1,
      name: "Build and review Palette packs",
    }),
  ).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Packsmith");
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page).toHaveTitle("Packsmith");
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
});

test("keyboard Tab reaches both journey links", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  const reached = new Set<string>();
  for (let press = 0; press < 10 && reached.size < 2; press += 1) {
    await page.keyboard.press("Tab");
    const name = await page.evaluate(() => {
      const focused = document.activeElement;
      return focused instanceof HTMLAnchorElement
        ? (focused.textContent?.trim() ?? "")
        : "";
    });
    if (name === "Build a pack" || name === "Review a pack") reached.add(name);
  }

  expect([...reached].sort()).toEqual(["Build a pack", "Review a pack"]);
});

test("each journey link opens its page, and a deep link loads the same page", async ({
  page,
}) => {
  const problems = watchForProblems(page);

  for (const journey of ["Build a pack", "Review a pack"]) {
    await page.goto("/");
    await page.getByRole("link", { name: journey }).click();

    await expect(
      page.getByRole("heading", { level: 1, name: journey }),
    ).toBeVisible();
    await expect(page.getByRole("main")).toBeFocused();
  }

  // A deep link loads the same page from the server, not only through in-app navigation.
  await page.goto("/packs");
  await expect(
    page.getByRole("heading", { level: 1, name: "Review a pack" }),
  ).toBeVisible();
  expect(problems).toEqual([]);
});
