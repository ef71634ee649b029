import {
  cpSync,
  existsSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { runMain as run } from "../helpers/cli";
import { FIXTURES } from "../helpers/fixtures";

// A review packed a pack holding a 20 MiB manifest of one repeated line: the folder validated
// and the archive was written, and then every reader (this command, the registry, the builder)
// refused it as a compression bomb. pack now reads its archive back before writing it.

const tmp = mkdtempSync(join(tmpdir(), "packsmith-read-back-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it("an archive its readers would refuse is not written; the message says why", async () => {
  const src = join(tmp, "repetitive");
  cpSync(join(FIXTURES, "tutorials/hello-universe-pack"), src, {
    recursive: true,
  });
  writeFileSync(
    join(src, "manifests", "repeated.yaml"),
    "# one line, many times\n".repeat(900_000),
  );
  for (const out of ["rep.zip", "rep.tar.gz"]) {
    const target = join(tmp, out);
    const r = await run("pack", src, "--out", target);
    expect(r.code, out).toBe(1);
    expect(r.stderr, out).toMatch(
      /not written: it would be refused when read back \(.*100/,
    );
    expect(existsSync(target), out).toBe(false);
  }
  // The same pack without that file is written as before.
  rmSync(join(src, "manifests", "repeated.yaml"));
  const ok = await run("pack", src, "--out", join(tmp, "ok.zip"));
  expect(ok.code, ok.stderr).toBe(0);
});
