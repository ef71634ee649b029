import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { makePng } from "../test/gen/png";
import { FIXTURES } from "../test/helpers/fixtures";
import { writePackZip } from "../src/pack/zip-write";
import { loadFixture } from "../test/helpers/fixtures";
import {
  expect,
  newPackAtContent,
  templateAtContent,
  test,
  upload,
} from "./pages/wizard-test";

const CHART =
  "pack-central/akuity-agent-0.30.0-5.5.2026/charts/akuity-agent-0.30.0-5.5.2026.tgz";

test("a pack from a real chart: zip checked by the core's reader, then 409 → force", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
  publish,
}) => {
  test.setTimeout(90_000);
  const chart = await readFile(join(FIXTURES, CHART));
  await newPackAtContent(start, basics, {
    addonType: "system app",
    name: "e2e-akuity",
    displayName: "Akuity agent (e2e)",
    version: "0.30.0",
  });
  await content.addCharts([upload("akuity-agent-0.30.0-5.5.2026.tgz", chart)]);
  await content.expectChart("akuity-agent");
  await content.addAnnotation("contributor", "e2e");
  await content.nextTo("Logo");
  await logo.drop(upload("logo.png", makePng(128, 128), "image/png"));
  await logo.nextTo("Values");
  await values.ready();
  await values.replaceText(
    "pack:\n  namespace: akuity\n  content:\n    images:\n      - image: quay.io/akuity/agent:0.30.0\ncharts:\n  akuity-agent: {}\n",
  );
  await values.nextTo("Review");
  await expect(review.status).toHaveText(/Ready to publish/);
  const digest = (await review.digest.textContent()) ?? "";
  await review.nextTo("Publish");

  const zip = await publish.downloadedZip();
  expect(zip.filename).toBe("e2e-akuity-0.30.0.zip");
  expect([...zip.files.keys()].sort()).toEqual([
    "README.md",
    "charts/akuity-agent-0.30.0-5.5.2026.tgz",
    "logo.png",
    "pack.json",
    "values.yaml",
  ]);
  expect(
    Buffer.compare(
      Buffer.from(zip.files.get("charts/akuity-agent-0.30.0-5.5.2026.tgz")!),
      chart,
    ),
  ).toBe(0);
  expect(
    JSON.parse(new TextDecoder().decode(zip.files.get("pack.json"))),
  ).toEqual({
    name: "e2e-akuity",
    displayName: "Akuity agent (e2e)",
    version: "0.30.0",
    layer: "addon",
    addonType: "system app",
    cloudTypes: ["all"],
    annotations: { source: "community", contributor: "e2e" },
    charts: ["charts/akuity-agent-0.30.0-5.5.2026.tgz"],
  });
  const tgz = await publish.download("tar.gz");
  expect(tgz.suggestedFilename()).toBe("e2e-akuity-0.30.0.tar.gz");
  await page.getByLabel("Registry", { exact: true }).fill("harbor.example.com");
  await expect(publish.orasCommands).toHaveText(
    "oras login harbor.example.com\noras push harbor.example.com/spectro-packs/archive/e2e-akuity:0.30.0 e2e-akuity-0.30.0.tar.gz",
  );

  await publish.upload();
  await expect(publish.success).toBeVisible({ timeout: 20_000 });
  await expect(publish.success).toContainText(digest);

  // Same version, other content: the registry says 409 and the wizard asks before forcing.
  await publish.goTo("Basics");
  await basics.displayName.fill("Akuity agent (e2e, fixed)");
  await basics.goTo("Publish");
  await publish.upload();
  await expect(publish.conflict).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("stored-digest")).toHaveText(digest);
  const fresh = (await page.getByTestId("new-digest").textContent()) ?? "";
  expect(fresh).toMatch(/^sha256:/);
  expect(fresh).not.toBe(digest);
  await publish.force();
  await expect(publish.success).toBeVisible({ timeout: 20_000 });
  await expect(publish.success).toContainText(fresh);
  await page
    .getByRole("link", { name: /Open e2e-akuity 0\.30\.0 in the registry/ })
    .click();
  await expect(
    page.getByText("Akuity agent (e2e, fixed)").first(),
  ).toBeVisible();
});

test("an existing pack becomes its next version: a .zip, a folder, and ?from= a registry pack", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
  publish,
}) => {
  test.setTimeout(90_000);
  const files = await loadFixture("tutorials/hello-universe-pack");
  await start.goto();
  await start.importPack({
    name: "hello-universe-pack.zip",
    buffer: Buffer.from(await writePackZip(files, "hello-universe-pack")),
  });
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "A new version of Hello Universe" }),
  ).toContainText("Imported from version 1.0.0");
  await expect(basics.name).toHaveValue("hellouniverse");
  await expect(basics.version).toHaveValue("1.0.1");
  // Published under another name, so the shared fixture's own versions stay as they are; the core
  // warns about the rename.
  await basics.fill({ name: "e2e-hello" });
  await basics.nextTo("Content");
  await expect(content.manifests).toContainText(
    "manifests/hello-universe.yaml",
  );
  await content.nextTo("Logo");
  await expect(logo.preview).toBeVisible();
  await logo.nextTo("Values");
  await values.ready();
  await values.nextTo("Review");
  await expect(review.status).toHaveText(/Ready to publish/);
  await expect(
    review.finding(/name changed from hellouniverse to e2e-hello/),
  ).toBeVisible();
  // Every file of the original is kept.
  for (const path of files.keys())
    await expect(review.files).toContainText(path.split("/").pop()!);
  await review.nextTo("Publish");
  await publish.upload();
  await expect(publish.success).toBeVisible({ timeout: 20_000 });

  // From the registry: the archive of e2e-hello 1.0.1 opens as 1.0.2.
  await page.goto("/build?from=e2e-hello/1.0.1");
  await basics.expectStep("Basics");
  await expect(basics.name).toHaveValue("e2e-hello");
  await expect(basics.version).toHaveValue("1.0.2");

  // A dropped folder.
  await start.goto();
  await start.importFolder(
    join(FIXTURES, "pack-central/permission-manager-1.0.0"),
  );
  await expect(basics.name).toHaveValue("permission-manager");
  await expect(basics.version).toHaveValue("1.0.1");
});

test("an upload can be cancelled, and an expired session asks to sign in again", async ({
  page,
  start,
  basics,
  publish,
}) => {
  // A session the server no longer accepts.
  await page.addInitScript(() =>
    sessionStorage.setItem(
      "packsmith.session",
      JSON.stringify({
        token: "expired",
        username: "e2e",
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      }),
    ),
  );
  await templateAtContent(start, basics, "CentOS on Azure: Marketplace image", {
    name: "e2e-cancel",
  });
  for (const step of ["Logo", "Values", "Review", "Publish"])
    await basics.nextTo(step);

  await expect(publish.uploadButton()).toHaveText("Upload e2e-cancel 7.7.1908");

  // Hold the upload so it can be cancelled while it runs.
  let release: () => void = () => {};
  await page.route("**/api/v1/packs/e2e-cancel/**", async (route) => {
    await new Promise<void>((resolve) => (release = resolve));
    await route.continue().catch(() => undefined);
  });
  await publish.uploadButton().click();
  await expect(
    page.getByText(/^Uploading e2e-cancel-7\.7\.1908\.zip$/),
  ).toBeVisible();
  await page.getByRole("button", { name: "Cancel upload" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Upload cancelled" }),
  ).toContainText("Nothing was stored");
  release();
  await page.unroute("**/api/v1/packs/e2e-cancel/**");

  await publish.uploadButton().click();
  const dialog = page.getByRole("dialog", { name: "Sign in" });
  await expect(dialog).toContainText("your session may have expired");
  await publish.signIn();
  await expect(publish.success).toBeVisible({ timeout: 20_000 });
});
