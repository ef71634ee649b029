import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { readSource } from "../../src/cli/read-source";
import { noise } from "../gen/bytes";
import { runMain as run } from "../helpers/cli";
import { REPEATED_MANIFEST, repetitiveFolder } from "../helpers/packs";

// A review packed a pack holding a 20 MiB manifest of one repeated line: the folder validated
// and the archive was written, and then every reader (this command, the registry, the builder)
// refused it as a compression bomb. The writer now refuses it, naming the file, its ratio and the
// limit: the readers judge the same thing, so nothing needs reading back.

const tmp = mkdtempSync(join(tmpdir(), "packsmith-read-back-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it("an archive its readers would refuse is not written; the message names the file, its ratio and the limit", async () => {
  const src = repetitiveFolder(join(tmp, "repetitive"));
  const file = "`hellouniverse-1\\.0\\.0/manifests/repeated\\.yaml`";
  const limit = "beyond the 100:1 readers allow past 1 MiB";
  for (const [out, said] of [
    [
      "rep.zip",
      `not written: ${file} compresses \\d+:1 \\(19\\.7 MiB.*${limit}`,
    ],
    [
      "rep.tar.gz",
      `not written: the tar\\.gz compresses \\d+:1 .*${limit}.*${file}`,
    ],
  ] as const) {
    const target = join(tmp, out);
    const r = await run("pack", src, "--out", target);
    expect(r.code, out).toBe(1);
    expect(r.stderr, out).toMatch(new RegExp(said));
    expect(existsSync(target), out).toBe(false);
  }
  // The same pack without that file is written as before.
  rmSync(join(src, REPEATED_MANIFEST));
  const ok = await run("pack", src, "--out", join(tmp, "ok.zip"));
  expect(ok.code, ok.stderr).toBe(0);
});

// Every reader judges a deflated zip entry on the whole entry, as the writer does: a file whose
// start is far more repetitive than its rest (42:1 as a whole) used to pass the registry's reader
// and be refused halfway by this command's and the builder's, which held it to the ratio while it
// expanded. Now both formats are written, and both read back whole with the readers' limits.
it("a file far more repetitive at its start than as a whole is written, and every reader reads it back", async () => {
  const src = repetitiveFolder(join(tmp, "front-loaded"));
  writeFileSync(
    join(src, REPEATED_MANIFEST),
    "# one line, many times\n".repeat(900_000) +
      Buffer.from(noise(450_000)).toString("base64"),
  );
  for (const out of ["front.zip", "front.tar.gz"]) {
    const target = join(tmp, out);
    const written = await run("pack", src, "--out", target);
    expect(written.code, written.stderr).toBe(0);
    const back = await readSource(target);
    expect(back.ok, out).toBe(true);
  }
});
