// security.md part A, cases 21 and 28 again, for the server's path: the upload check expands
// deflated zip entries with Node's zlib (readPackArchive's `native`: the pool's own codec), bounded
// up front by the same rules. Each bomb must be refused before the expander writes past its bound.
import { describe, expect, test } from "vitest";
import { Budget, DEFAULT_LIMITS } from "../../src/pack/limits";
import { readPackArchive } from "../../src/pack/read-archive";
import type { NativeFlate } from "../../src/pack/inflate";
import { zlibFlate } from "../../server/workers/zlib-flate";
import { MiB } from "../gen/bytes";
import { zipBomb } from "../gen/bombs";
import { goodPackFiles } from "../gen/pack";
import { zipFiles } from "../gen/zip";
import { expectRefused, measure } from "./expect-refused";

let calls = 0;
const zlib: NativeFlate = {
  ...zlibFlate,
  inflateRaw: (data, maxOutputLength) => {
    calls++;
    return zlibFlate.inflateRaw(data, maxOutputLength);
  },
};

describe("zip bombs through the native expander", () => {
  test("A21 a 512 MiB bomb (~1000:1) is refused by the ratio bound, nothing taken from the budget", () => {
    const budget = new Budget(DEFAULT_LIMITS.maxTotalBytes);
    const m = measure(() =>
      readPackArchive(zipBomb([{ name: "bomb.bin", mib: 512 }]), {
        name: "bomb.zip",
        budget,
        native: zlib,
      }),
    );
    expectRefused(m.value, ["too-large", "ratio-exceeded"], "bomb.bin");
    expect(budget.used).toBe(0);
    expect(m.rssGrowthMiB).toBeLessThan(64);
  });

  test("A21 a bomb that declares 1 MiB stops at 1 MiB + 1 byte: size mismatch", () => {
    const budget = new Budget(DEFAULT_LIMITS.maxTotalBytes);
    const before = calls;
    const m = measure(() =>
      readPackArchive(
        zipBomb([{ name: "bomb.bin", mib: 512, declaredSize: MiB }]),
        { name: "bomb.zip", budget, native: zlib },
      ),
    );
    expectRefused(m.value, ["size-mismatch"], "bomb.bin");
    expect(calls).toBe(before + 1);
    expect(budget.used).toBe(0);
    expect(m.rssGrowthMiB).toBeLessThan(64);
  });

  // The native path refused only output longer than declared: an entry holding less than it
  // declares was accepted, and its copy in the stored zip (which keeps the declared size) could
  // then be opened by no reader. Refused as the stepped path refuses it.
  test("an entry holding less than it declares is a size mismatch, as without the native expander", () => {
    const zip = zipBomb([
      { name: "short.bin", mib: 1, declaredSize: MiB + MiB / 2 },
    ]);
    for (const native of [zlib, undefined]) {
      const r = readPackArchive(zip, { name: "short.zip", native });
      expectRefused(r, ["size-mismatch"], "short.bin");
    }
  });

  test("A28 a flipped byte is refused, a good pack reads the same as with fflate", () => {
    const files = goodPackFiles();
    const good = zipFiles(files);
    const viaZlib = readPackArchive(good, { native: zlib });
    const viaFflate = readPackArchive(good);
    if (!viaZlib.ok || !viaFflate.ok)
      throw new Error("the good pack did not read");
    expect([...viaZlib.value.files]).toEqual([...viaFflate.value.files]);
    const flipped = good.slice();
    // The first entry's data starts after its 30-byte header and name: flip a byte in it.
    const nameLength = flipped[26]! | (flipped[27]! << 8);
    const at = 30 + nameLength + 2;
    flipped[at] = flipped[at]! ^ 0xff;
    expectRefused(readPackArchive(flipped, { native: zlib }), [
      "crc-mismatch",
      "truncated",
      "size-mismatch",
    ]);
  });
});
