import { execFileSync } from "node:child_process";
import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Finding } from "../src/pack/finding";
import { FIXTURES } from "../test/helpers/fixtures";
import { expect, importedPackAtReview, test } from "./pages/wizard-test";

/** `packsmith validate --target <t> --json` on a folder: the findings the CLI reports. */
function cliFindings(folder: string, target: string): Finding[] {
  let out: string;
  try {
    out = execFileSync(
      "node",
      ["bin/packsmith.mjs", "validate", "--target", target, "--json", folder],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    );
  } catch (e) {
    // Exit 1 (errors found) still prints the report.
    out = (e as { stdout: string }).stdout;
  }
  return (JSON.parse(out.split("\n")[0]!) as { findings: Finding[] }).findings;
}

test("the destination switch on Review and Publish: spectro-cli gives the CLI's findings for that target, never 'ready' when it fails, and stays in the draft", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
}) => {
  // hello-universe with a JPEG as its logo.png (as crowdstrike-falcon-agent ships): fine for an
  // OCI registry, refused by the Spectro CLI (pack-format §H rule 19).
  const folder = join(await mkdtemp(join(tmpdir(), "wizard-target-")), "hu");
  await cp(join(FIXTURES, "pack-central/hello-universe-1.3.1"), folder, {
    recursive: true,
  });
  await cp(
    join(FIXTURES, "pack-central/crowdstrike-falcon-agent-1.0.0/logo.png"),
    join(folder, "logo.png"),
  );
  const cli = cliFindings(folder, "spectro-cli");
  expect(cli.some((f) => f.severity === "error")).toBe(true);

  await importedPackAtReview(
    { start, basics, content, logo, values, review },
    folder,
    "hello-universe",
  );
  const destination = page.getByRole("group", { name: "Publish to" });
  await expect(destination.getByLabel("A Palette OCI registry")).toBeChecked();
  await expect(review.status).toHaveText(
    /^Ready to publish to a Palette OCI registry/,
  );
  // Download is on Review as well.
  await expect(
    page.getByRole("button", { name: /^Download .*\.zip/ }),
  ).toBeVisible();

  await destination.getByLabel("A Spectro CLI registry").check();
  const errors = cli.filter((f) => f.severity === "error").length;
  await expect(review.status).toHaveText(
    `${errors} ${errors === 1 ? "error" : "errors"} to fix before publishing to a Spectro CLI registry`,
  );
  await expect(review.status).not.toContainText("Ready");
  // The same findings as the CLI: code and message, in the CLI's order.
  const shown = review.findings.getByRole("listitem");
  await expect(shown).toHaveCount(cli.length);
  for (const [i, f] of cli.entries()) {
    await expect(shown.nth(i)).toContainText(f.code);
    await expect(shown.nth(i)).toContainText(f.message.replace(/`/g, ""));
  }

  // Kept in the draft: after a reload the switch and the verdict are the same.
  await review.saved();
  await page.reload();
  await review.expectStep("Review");
  await expect(destination.getByLabel("A Spectro CLI registry")).toBeChecked();
  await expect(review.status).toHaveText(
    /to fix before publishing to a Spectro CLI registry/,
  );

  await review.nextTo("Publish");
  await expect(destination.getByLabel("A Spectro CLI registry")).toBeChecked();
  await expect(
    page.getByRole("alert").filter({ hasText: "to fix before publishing" }),
  ).toContainText("a Spectro CLI registry");
  await destination.getByLabel("A Palette OCI registry").check();
  await expect(
    page.getByRole("alert").filter({ hasText: "to fix before publishing" }),
  ).toHaveCount(0);
});
