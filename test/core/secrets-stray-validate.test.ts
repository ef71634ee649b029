import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { readSource } from "../../src/cli/read-source";
import { validatePack } from "../../src/pack/validate";
import { FIXTURES } from "../helpers/fixtures";

// validatePack scans a pack's files one at a time (per-file cache); a version-control folder is
// named once, with its file count, from every path at once.

const tmp = mkdtempSync(join(tmpdir(), "packsmith-stray-validate-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it("a real pack with a real .git/ gets one FILE_STRAY for the folder, none per file", async () => {
  const dir = join(tmp, "hello");
  cpSync(join(FIXTURES, "tutorials/hello-universe-pack"), dir, {
    recursive: true,
  });
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  git("add", ".");
  git(
    "-c",
    "user.name=t",
    "-c",
    "user.email=t@example.com",
    "commit",
    "-qm",
    "pack",
  );
  const r = await readSource(dir);
  if (!r.ok) throw new Error(r.error.message);
  const n = [...r.value.files.keys()].filter((p) =>
    p.startsWith(".git/"),
  ).length;
  const strays = validatePack(r.value.files).findings.filter(
    (f) => f.code === "FILE_STRAY",
  );
  expect(strays).toEqual([
    expect.objectContaining({
      severity: "info",
      file: ".git/",
      message: expect.stringContaining(
        `\`.git/\` (${n} files)`,
      ) as unknown as string,
    }),
  ]);
});
