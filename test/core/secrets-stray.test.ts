import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSource } from "../../src/cli/read-source";
import type { Finding } from "../../src/pack/finding";
import type { PackFiles } from "../../src/pack/pack-files";
import { secretFindings, strayFolderFindings } from "../../src/pack/secrets";
import { validatePack } from "../../src/pack/validate";
import { runMain } from "../helpers/cli";
import { FIXTURES, fixtureDirsOnDisk, loadFixture } from "../helpers/fixtures";

// A review packed a pack folder's `.git/` (47 files) with no finding while `.DS_Store` got
// FILE_STRAY, and an earlier `packsmith pack` output went into the next archive unnoticed.

const tmp = mkdtempSync(join(tmpdir(), "packsmith-stray-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const HELLO = "tutorials/hello-universe-pack";
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const strays = (fs: readonly Finding[]): Finding[] =>
  fs.filter((f) => f.code === "FILE_STRAY");

async function read(dir: string): Promise<PackFiles> {
  const r = await readSource(dir);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.files;
}

/** A copy of the hello-universe fixture made a Git repository with one commit, as an author's. */
function helloWithGit(): string {
  const dir = join(tmp, `git-${Math.random().toString(36).slice(2)}`);
  cpSync(join(FIXTURES, HELLO), dir, { recursive: true });
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
  return dir;
}

describe("version-control folders", () => {
  it("validatePack (which scans file by file) names a real .git/ once, with its file count, and none of its files", async () => {
    const files = await read(helloWithGit());
    const n = [...files.keys()].filter((p) => p.startsWith(".git/")).length;
    expect(strays(validatePack(files).findings)).toEqual([
      expect.objectContaining({
        severity: "info",
        file: ".git/",
        message: expect.stringContaining(
          `\`.git/\` (${n} files)`,
        ) as unknown as string,
      }),
    ]);
  });

  it("a real .git/ in a real pack is one FILE_STRAY naming the folder and its file count", async () => {
    const files = await read(helloWithGit());
    const inGit = [...files.keys()].filter((p) => p.startsWith(".git/"));
    expect(inGit.length).toBeGreaterThan(10);
    expect(strayFolderFindings(files.keys())).toEqual([
      {
        code: "FILE_STRAY",
        severity: "info",
        file: ".git/",
        message: `\`.git/\` (${inGit.length} files) is a Git repository; it should not ship in the pack: delete it before packaging`,
      },
    ]);
    // Not one finding per file: the per-file scan leaves the folder's files to the folder.
    expect(strays(secretFindings(files))).toEqual([]);
  });

  it.each([
    [".svn/wc.db", ".svn/", /Subversion/],
    [".hg/store/data/pack.json.i", ".hg/", /Mercurial/],
    ["__MACOSX/manifests/._hello-universe.yaml", "__MACOSX/", /macOS/],
    ["charts/app/.git/HEAD", "charts/app/.git/", /Git repository/],
    [".GIT/config", ".GIT/", /Git repository/],
  ])("%s gives one finding for %s", (path, folder, what) => {
    const paths = [path, `${folder}second`, "pack.json", "values.yaml"];
    const [f, ...more] = strayFolderFindings(paths, { prefix: "p/" });
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      code: "FILE_STRAY",
      severity: "info",
      file: `p/${folder}`,
    });
    expect(f!.message).toMatch(what);
    expect(f!.message).toMatch(/\(2 files\).*should not ship/);
  });

  it("a folder inside another stray folder counts toward the outer one", () => {
    expect(
      strayFolderFindings([
        "__MACOSX/.git/HEAD",
        "__MACOSX/._pack.json",
        ".git/HEAD",
      ]).map((f) => f.message.slice(0, f.message.indexOf(")") + 1)),
    ).toEqual(["`__MACOSX/` (2 files)", "`.git/` (1 file)"]);
  });

  it.each([
    ".gitignore",
    ".helmignore",
    ".git",
    "charts/x/.gitkeep",
    "a.git/x",
  ])("no finding for %s", (path) => {
    expect(strayFolderFindings([path])).toEqual([]);
    expect(strays(secretFindings(new Map([[path, enc("x")]])))).toEqual([]);
  });

  it("a credential inside .git/ is still reported: the folder finding does not hide it", () => {
    // Made at run time, like every credential in these tests.
    const token = `ghp_${randomBytes(27).toString("base64url").replace(/[-_]/g, "A")}`;
    const f = secretFindings(
      new Map([
        [
          ".git/config",
          enc(`[http]\n  extraHeader = Authorization: token ${token}\n`),
        ],
      ]),
    );
    expect(f.map((x) => `${x.code}@${x.line ?? "-"}`)).toEqual([
      "SECRET_TOKEN@2",
    ]);
  });
});

describe("pack archives inside a pack", () => {
  it.each([
    ["hellouniverse-1.0.0.tar.gz"],
    ["out/x.zip"],
    ["x.tgz"],
    ["OLD.ZIP"],
  ])("%s is FILE_STRAY", (path) => {
    const [f, ...more] = secretFindings(new Map([[path, enc("x")]]));
    expect(more).toEqual([]);
    expect(f).toMatchObject({ code: "FILE_STRAY", severity: "info" });
    expect(f!.message).toMatch(/an archive outside charts\/.*packsmith pack/);
  });

  it.each([
    ["charts/prometheus-grafana.tgz", ""],
    ["charts/app/charts/sub-1.0.0.tgz", ""],
    ["app/charts/sub-1.0.0.tgz", "charts/app-1.0.0.tgz/"],
    ["app/files/dashboards.zip", "charts/app-1.0.0.tgz/"],
    ["harden_os/files/agent.tar.gz", ""],
  ])("%s (prefix %j) is not", (path, prefix) => {
    expect(secretFindings(new Map([[path, enc("x")]]), { prefix })).toEqual([]);
  });

  it("a real `packsmith pack` output left in a real pack folder is reported by validate", async () => {
    const dir = join(tmp, "hello-with-output");
    cpSync(join(FIXTURES, HELLO), dir, { recursive: true });
    expect(
      (await runMain("pack", dir, "--out", join(tmp, "h.tar.gz"))).code,
    ).toBe(0);
    cpSync(join(tmp, "h.tar.gz"), join(dir, "hellouniverse-1.0.0.tar.gz"));
    const { findings } = validatePack(await read(dir));
    expect(strays(findings)).toEqual([
      expect.objectContaining({
        severity: "info",
        file: "hellouniverse-1.0.0.tar.gz",
      }),
    ]);
  });

  it("no real fixture holds a pack archive or a version-control folder: no new finding", async () => {
    for (const dir of fixtureDirsOnDisk()) {
      const files = await loadFixture(dir);
      const found = [
        ...strays(secretFindings(files)),
        ...strayFolderFindings(files.keys()),
      ].map((f) => `${dir} ${f.file ?? ""}`);
      // kubevious's `.tgz.orig` was a leftover before this change and stays one.
      expect(found).toEqual(
        dir === "pack-central/kubevious-1.0.10"
          ? [`${dir} charts/kubevious-1.0.10.tgz.orig`]
          : [],
      );
    }
  }, 60_000);
});
