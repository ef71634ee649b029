import { expect, test } from "@playwright/test";

import { E2E_USER } from "./credentials";
import { expectNoA11yViolations } from "./support/axe";

// Issue 10: sign in and out from the header; signing out ends the session on the server too.
test("sign in from the header, then sign out: the token is dead on the server and forgotten in the tab", async ({
  page,
  request,
}) => {
  await page.goto("/");
  const banner = page.getByRole("banner");
  await banner.getByRole("button", { name: "Sign in" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign in" });
  await dialog.getByLabel("User name").fill(E2E_USER.username);
  await dialog.getByLabel("Password").fill(E2E_USER.password);
  await dialog.getByRole("button", { name: "Sign in" }).click();
  await expect(dialog).toBeHidden();
  await expect(banner).toContainText(`Signed in as ${E2E_USER.username}`);
  await expectNoA11yViolations(page, "header signed in");

  const token = await page.evaluate(
    () =>
      (
        JSON.parse(sessionStorage.getItem("packsmith.session") ?? "null") as {
          token: string;
        } | null
      )?.token ?? null,
  );
  expect(token).toBeTruthy();
  // An authenticated request that changes nothing: 404 while the token is good.
  const probe = async (): Promise<number> =>
    (
      await request.delete("/api/v1/packs/nothing-here/1.0.0", {
        headers: {
          authorization: `Bearer ${token}`,
          "x-packsmith-client": "e2e",
        },
      })
    ).status();
  expect(await probe()).toBe(404);

  const ended = page.waitForResponse(
    (r) =>
      r.url().endsWith("/api/v1/session") && r.request().method() === "DELETE",
  );
  await banner.getByRole("button", { name: "Sign out" }).click();
  expect((await ended).status()).toBe(204);
  await expect(banner.getByRole("status")).toHaveText("Signed out.");
  await expect(banner.getByRole("button", { name: "Sign in" })).toBeFocused();
  expect(
    await page.evaluate(() => sessionStorage.getItem("packsmith.session")),
  ).toBeNull();
  expect(await probe()).toBe(401);
  await expectNoA11yViolations(page, "header signed out");
});
