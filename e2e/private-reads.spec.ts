import {
  expect,
  test,
  type BrowserContext,
  type Locator,
} from "@playwright/test";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

import { loadFixture } from "../test/helpers/fixtures";
import {
  ADMIN,
  basic,
  startServer,
  writeHeaders,
  type RunningServer,
} from "../test/helpers/server";
import { zipPack } from "./support/upload-fixtures";
import { expectNoA11yViolations } from "./support/axe";

// Issue 10 item 8: with PACKSMITH_PUBLIC_READ=false the app works. Its own server (the shared one
// reads publicly), the real process with the built app, one pack with a logo in it.
const PACK = {
  dir: "pack-central/hello-universe-1.3.1",
  name: "hello-universe",
  version: "1.3.1",
  title: "Hello Universe",
};

let server: RunningServer;
let context: BrowserContext;

test.beforeAll(async ({ browser }) => {
  server = await startServer({
    env: {
      PACKSMITH_PUBLIC_READ: "false",
      // The build the shared web server serves (E2E_STATIC for a private build).
      PACKSMITH_STATIC: resolve(process.env.E2E_STATIC ?? "dist"),
    },
  });
  const files = await loadFixture(PACK.dir);
  const put = await fetch(
    `${server.url}/api/v1/packs/${PACK.name}/${PACK.version}`,
    {
      method: "PUT",
      headers: writeHeaders(basic(ADMIN)),
      body: Buffer.from(await zipPack(files, `${PACK.name}-${PACK.version}`)),
    },
  );
  expect(put.status, await put.text()).toBe(201);
  context = await browser.newContext({ baseURL: server.url });
});

test.afterAll(async () => {
  await context?.close();
  await server?.stop();
  server?.cleanup();
});

/** Wait until an image has decoded real pixels (a failed or blocked one has naturalWidth 0). */
const expectDisplayed = async (img: Locator): Promise<void> => {
  await expect(img).toBeVisible();
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth))
    .toBeGreaterThan(0);
};

test("reads behind sign-in: the app asks to sign in, then lists, shows logos and downloads with the token", async () => {
  const page = await context.newPage();
  await page.goto("/packs");
  const main = page.getByRole("main");
  await expect(main.getByText("Sign in to read this registry")).toBeVisible();
  await expectNoA11yViolations(page, "registry that needs sign-in to read");

  // The prompt's own Sign in (the header has one too); no reload: the list is read again.
  await main.getByRole("button", { name: "Sign in" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign in" });
  await expect(dialog).toContainText("Sign in to read this registry.");
  await dialog.getByLabel("User name").fill(ADMIN.username);
  await dialog.getByLabel("Password").fill(ADMIN.password);
  await dialog.getByRole("button", { name: "Sign in" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("banner")).toContainText(
    `Signed in as ${ADMIN.username}`,
  );
  const card = main
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: PACK.title }) });
  await expect(card).toBeVisible();
  await expect(main.getByText("Sign in to read this registry")).toBeHidden();
  // The card's logo came with the token: a plain <img src> would be a 401 here.
  await expectDisplayed(card.locator("img"));
  expect(await card.locator("img").getAttribute("src")).toMatch(/^blob:/);
  await expectNoA11yViolations(page, "registry list, signed in");

  await card.getByRole("link", { name: PACK.title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(PACK.title);
  await expectDisplayed(page.getByRole("img", { name: `${PACK.title} logo` }));

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download .zip" }).click();
  const zip = await download;
  expect(zip.suggestedFilename()).toBe(`${PACK.name}-${PACK.version}.zip`);
  const bytes = await readFile(await zip.path());
  expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  await expectNoA11yViolations(page, "pack page, signed in");

  // Signing out drops what was read with the token: the page asks to sign in again.
  await page
    .getByRole("banner")
    .getByRole("button", { name: "Sign out" })
    .click();
  await expect(main.getByText("Sign in to read this registry")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(
    PACK.title,
  );
  await page.close();
});
