import { cp, mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { writePackZip } from "../src/pack/zip-write";
import { noise } from "../test/gen/bytes";
import { chartTgz } from "../test/gen/pack";
import { FIXTURES } from "../test/helpers/fixtures";
import {
  contentToValues,
  expect,
  newPackAtContent,
  templateAtContent,
  test,
  upload,
} from "./pages/wizard-test";
import { expectNoA11yViolations } from "./support/axe";

const enc = (s: string) => new TextEncoder().encode(s);

test("an OS pack takes Ansible roles as a folder or an archive, listed in ansibleRoles", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
}) => {
  const dir = await mkdtemp(join(tmpdir(), "wizard-role-"));
  await mkdir(join(dir, "audit_os", "tasks"), { recursive: true });
  await mkdir(join(dir, "audit_os", "files"), { recursive: true });
  await writeFile(
    join(dir, "audit_os", "tasks", "main.yml"),
    "- name: audit\n  command: /bin/true\n",
  );
  await writeFile(
    join(dir, "audit_os", "files", "sec_harden.sh"),
    "#!/bin/sh\n",
  );

  await templateAtContent(start, basics, "CentOS on AWS: custom OS pack");
  // The template's own role is there; the user's come beside it.
  await expect(page.getByRole("list", { name: "Ansible roles" })).toContainText(
    "harden_os",
  );
  await content.fillOs({
    imageId: "ami-0123456789abcdef0",
    imageOwner: "123456789012",
  });
  await page
    .locator("input[webkitdirectory]")
    .setInputFiles(join(dir, "audit_os"));
  await expect(page.getByRole("list", { name: "Ansible roles" })).toContainText(
    "audit_os",
  );
  const zipped = await writePackZip(
    new Map([["tasks/main.yml", enc("- name: x\n  command: /bin/true\n")]]),
    "cis",
  );
  await content.roleInput.setInputFiles([
    upload("cis.zip", zipped, "application/zip"),
    upload(
      "empty-role.zip",
      await writePackZip(new Map([["README.md", enc("x")]]), "empty-role"),
      "application/zip",
    ),
  ]);
  await expect(page.getByRole("list", { name: "Ansible roles" })).toContainText(
    "cis",
  );
  await expect(content.refused("roles")).toContainText(
    "empty-role is not an Ansible role: it has no tasks/main.yml",
  );
  await contentToValues({ content, logo, values });
  await values.nextTo("Review");
  await expect(review.status).toHaveText(/Ready to publish/);
  await expect(review.files).toContainText("audit_os/");
  await expect(review.files).toContainText("sec_harden.sh");
  // pack.json as it will be written, shown first.
  await expect(page.locator(".view-lines").first()).toContainText(
    '"ansibleRoles": [',
  );
});

test("manifests keep the order the user gives; values.yaml is checked against the pack's schema as you type", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
}) => {
  await newPackAtContent(start, basics, {
    addonType: "app services",
    name: "e2e-order",
    displayName: "Order",
  });
  await content.addManifests([
    upload(
      "crds.yaml",
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n",
    ),
    upload(
      "app.yaml",
      "kind: ConfigMap\ndata:\n  image: {{ .Values.image.repo }}:{{ .Values.image.tag }}\n",
    ),
  ]);
  await expect(content.manifests.getByRole("listitem")).toHaveText([
    /crds\.yaml/,
    /app\.yaml/,
  ]);
  await page
    .getByRole("button", { name: "Move manifests/app.yaml up" })
    .click();
  await expect(content.manifests.getByRole("listitem")).toHaveText([
    /app\.yaml/,
    /crds\.yaml/,
  ]);
  // Focus stays with the moved manifest (its Up button is now disabled, so Down has it).
  await expect(
    page.getByRole("button", { name: "Move manifests/app.yaml down" }),
  ).toBeFocused();
  await contentToValues({ content, logo, values });
  await expect(values.viewText()).toContainText("repo:");
  // Completion comes from the schema built from the pack: the pack section, and each manifest's .Values.
  await values.replaceText("pack:\n  ");
  await page.keyboard.press("Control+Space");
  await expect(page.locator(".suggest-widget")).toContainText("namespace");
  await page.keyboard.press("Escape");
  await values.replaceText("manifests:\n  app:\n    image:\n      ");
  await page.keyboard.press("Control+Space");
  await expect(page.locator(".suggest-widget")).toContainText("repo");
  await page.keyboard.press("Escape");
  // A namespace Kubernetes would refuse: the schema built from the pack says so at once.
  await values.replaceText(
    'pack:\n  namespace: Bad_Namespace\nmanifests:\n  app:\n    image:\n      repo: nginx\n      tag: "1.27"\n',
  );
  await expect(values.problems()).toContainText(/does not match the pattern/i, {
    timeout: 15_000,
  });
  await values.replaceText(
    'pack:\n  namespace: demo\nmanifests:\n  app:\n    image:\n      repo: nginx\n      tag: "1.27"\n',
  );
  await expect(values.problems()).not.toContainText(
    /does not match the pattern/i,
  );
  await values.nextTo("Review");
  await review.openFile("pack.json");
  await expect(page.locator(".view-lines").first()).toContainText(
    '"manifests/app.yaml",',
  );
});

test("an imported logo.png that is really a JPEG is not shown as a PNG, and converts in one click", async ({
  page,
  start,
  basics,
  content,
  logo,
}) => {
  await start.goto();
  await start.importFolder(
    join(FIXTURES, "pack-central/crowdstrike-falcon-agent-1.0.0"),
  );
  await expect(basics.name).toHaveValue("falcon-sensor");
  await basics.nextTo("Content");
  await content.nextTo("Logo");
  const warning = page
    .getByRole("status")
    .filter({ hasText: "logo.png is really a JPEG image" });
  await expect(warning).toBeVisible();
  await expect(logo.preview).toHaveCount(0);
  await warning.getByRole("button", { name: "Convert it to PNG" }).click();
  await expect(logo.preview).toBeVisible();
  await expect(warning).toHaveCount(0);
});

test("files an imported pack carries without an editor are listed on Content, and an unsafe one is removed there, with Undo", async ({
  page,
  start,
  basics,
  content,
  review,
}) => {
  // nfs-subdir-external as published, plus what a folder picks up: an old chart archive pack.json
  // does not list, whose last entry leaves its folder (refused: CHART_UNLISTED_UNSAFE), and notes.
  const dir = await mkdtemp(join(tmpdir(), "packsmith-carried-"));
  await cp(join(FIXTURES, "pack-central/nfs-subdir-external-4.0.13"), dir, {
    recursive: true,
  });
  await mkdir(join(dir, "charts"));
  await writeFile(
    join(dir, "charts/old-1.0.0.tgz"),
    chartTgz({
      name: "old",
      // Past the first stretch a Chart.yaml-only read expands.
      extra: { "files/blob.bin": noise(512 * 1024) },
      extraEntries: [{ name: "../../etc/cron.d/evil", data: enc("x") }],
    }),
  );
  await mkdir(join(dir, "docs"));
  await writeFile(join(dir, "docs/notes.md"), "# Notes\n");
  await writeFile(join(dir, "docs/upgrade.md"), "# Upgrade\n");

  await start.goto();
  await start.importFolder(dir);
  await expect(basics.name).toHaveValue("csi-nfs-subdir-external");
  await basics.nextTo("Content");
  const other = page.getByRole("list", { name: "Other files in the pack" });
  const chartRow = other.getByRole("listitem").filter({
    hasText: "charts/old-1.0.0.tgz",
  });
  await expect(chartRow).toContainText(
    "Error: charts/old-1.0.0.tgz: unsafe path ../../etc/cron.d/evil",
  );
  await expect(
    other.getByRole("listitem").filter({ hasText: "docs/" }),
  ).toContainText("2 files");
  await expectNoA11yViolations(page, "content with other files");

  // Next is refused; the summary's link puts the focus on the archive's row.
  await content.next();
  await expect(content.errorSummary).toBeFocused();
  await content.errorSummary
    .getByRole("link", { name: /charts\/old-1\.0\.0\.tgz/ })
    .click();
  await expect(chartRow).toBeFocused();

  await chartRow
    .getByRole("button", { name: "Remove charts/old-1.0.0.tgz" })
    .click();
  const undo = page.getByRole("button", { name: "Undo" });
  await expect(undo).toBeFocused();
  await expect(chartRow).toHaveCount(0);
  await undo.click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "Put back charts/old-1.0.0.tgz." }),
  ).toBeVisible();
  await expect(chartRow).toContainText("unsafe path");
  await chartRow
    .getByRole("button", { name: "Remove charts/old-1.0.0.tgz" })
    .click();
  await expect(chartRow).toHaveCount(0);

  await content.nextTo("Logo");
  await content.nextTo("Values");
  await content.nextTo("Review");
  // The notes are still in the pack; the only file under charts/ is gone, and the folder with it.
  await expect(review.files).toContainText("docs");
  await expect(review.files).not.toContainText("charts");
});
