// The one-call gunzip path (a gzip trailer's ISIZE within the caps → one buffer, one call) over
// real fixture charts, and what it does when the trailer lies or the gzip has several members:
// through the core's own inflater (browsers) and through the server's zlib codec, same verdicts.
import { deflateRawSync } from "node:zlib";
import { gunzipSync, inflateSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readChart, readChartArchive } from "../../src/pack/chart";
import { inflateBounded } from "../../src/pack/inflate";
import { inflateInto, InflateIntoError } from "../../src/pack/inflate-into";
import { Budget, HELM_LIMITS, withLimits } from "../../src/pack/limits";
import { gzipMember, repeatDeflated, ZERO_MIB } from "../gen/bombs";
import { concatBytes, MiB } from "../gen/bytes";
import { crc32 } from "../gen/crc32";
import { gzip } from "../gen/tar";
import { fixtureChartArchives, fixtureFileBytes } from "../helpers/fixtures";
import { zlibFlate } from "../../server/workers/zlib-flate";
import type { NativeFlate } from "../../src/pack/inflate";
import { expectSameFiles } from "../helpers/same-files";

const fixtureCharts = fixtureChartArchives();

const KYVERNO = ["kyverno-1.12.2", "charts/kyverno-3.2.3.tgz"] as const;

/** `tgz` with its trailer replaced: CRC-32 and ISIZE as given. */
function withTrailer(tgz: Uint8Array, crc: number, size: number): Uint8Array {
  const out = tgz.slice();
  const v = new DataView(out.buffer);
  v.setUint32(out.length - 8, crc >>> 0, true);
  v.setUint32(out.length - 4, size >>> 0, true);
  return out;
}

const expectRefused = (
  r: ReturnType<typeof readChart>,
  kind: string,
  message: RegExp,
): void => {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error).toMatchObject({
    kind,
    message: expect.stringMatching(message),
  });
};

describe("inflateInto", () => {
  it.each(fixtureCharts)(
    "%s %s: zlib's raw deflate of the chart's tar decodes byte for byte",
    async (dir, file) => {
      const tar = gunzipSync(await fixtureFileBytes(dir, file));
      for (const level of [1, 9]) {
        const raw = new Uint8Array(deflateRawSync(tar, { level }));
        const out = new Uint8Array(tar.length);
        expect(inflateInto(raw, out)).toEqual({
          written: tar.length,
          end: raw.length,
        });
        expect(Buffer.from(out).equals(Buffer.from(tar))).toBe(true);
      }
    },
  );

  it("decodes stored blocks (level 0)", () => {
    const data = new Uint8Array(200_000).map((_, i) => (i * 7) % 251);
    const raw = new Uint8Array(deflateRawSync(data, { level: 0 }));
    const out = new Uint8Array(data.length);
    expect(inflateInto(raw, out).written).toBe(data.length);
    expect(out).toEqual(data);
  });

  it("stops at the end of its buffer on a bomb, where fflate's inflateSync decodes on and drops the rest", () => {
    // One zlib stream of 64 MiB of zeros: Huffman blocks only (no stored block, on which fflate
    // would throw a RangeError instead).
    const bomb = new Uint8Array(deflateRawSync(new Uint8Array(64 * MiB)));
    const out = new Uint8Array(MiB);
    // What the fast path must not rely on: fflate fills the buffer and says nothing.
    expect(inflateSync(bomb, { out: new Uint8Array(MiB) }).length).toBe(MiB);
    const e = catchError(() => inflateInto(bomb, out));
    expect(e).toBeInstanceOf(InflateIntoError);
    expect((e as InflateIntoError).reason).toBe("overflow");
  });

  it("says where the stream ended when more data follows it, and reports data that ends early", () => {
    const data = new TextEncoder().encode("hello ".repeat(10_000));
    const raw = new Uint8Array(deflateRawSync(data));
    const out = new Uint8Array(data.length);
    const tail = concatBytes([raw, Uint8Array.of(0x1f, 0x8b, 8, 0)]);
    expect(inflateInto(tail, out)).toEqual({
      written: data.length,
      end: raw.length,
    });
    const e = catchError(() =>
      inflateInto(raw.subarray(0, raw.length >> 1), out),
    );
    expect((e as InflateIntoError).reason).toBe("eof");
    expect(
      (
        catchError(() =>
          inflateInto(Uint8Array.of(0xff, 0xff), out),
        ) as InflateIntoError
      ).reason,
    ).toBe("invalid");
  });
});

describe("gunzip in one call, over real charts", () => {
  it.each(fixtureCharts)(
    "%s %s: the same bytes as fflate's gunzipSync, and the budget charged once",
    async (dir, file) => {
      const tgz = await fixtureFileBytes(dir, file);
      const budget = new Budget(HELM_LIMITS.maxTotalBytes);
      const out = inflateBounded(tgz, "gzip", {
        name: file,
        limits: withLimits(HELM_LIMITS),
        budget,
      });
      const ref = gunzipSync(tgz);
      expect(Buffer.from(out).equals(Buffer.from(ref))).toBe(true);
      expect(budget.used).toBe(ref.length);
    },
  );

  it("reads a real chart whole", async () => {
    const r = readChartArchive(await fixtureFileBytes(...KYVERNO), {
      name: KYVERNO[1],
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.info).toMatchObject({ name: "kyverno", version: "3.2.3" });
  });

  it.each(fixtureCharts)(
    "%s %s: through the server's zlib codec, the same files and budget as through fflate",
    async (dir, file) => {
      const tgz = await fixtureFileBytes(dir, file);
      let calls = 0;
      const counted: NativeFlate = {
        ...zlibFlate,
        inflateRaw: (d, max) => (calls++, zlibFlate.inflateRaw(d, max)),
      };
      const read = (native?: NativeFlate) => {
        const budget = new Budget(HELM_LIMITS.maxTotalBytes);
        const r = readChartArchive(tgz, { name: file, budget, native });
        if (!r.ok) throw new Error(r.error.message);
        return { files: r.value.files, used: budget.used };
      };
      const native = read(counted);
      const js = read();
      expectSameFiles(native.files, js.files);
      expect(native.used).toBe(js.used);
      expect(calls).toBe(1);
    },
  );
});

/** Each chart case below, through the core's inflater and through the server's zlib codec. */
const INFLATERS: [string, NativeFlate | undefined][] = [
  ["fflate", undefined],
  ["zlib", zlibFlate],
];

describe.each(INFLATERS)(
  "%s: a gzip trailer that lies (security.md A29, A22)",
  (_, native) => {
    it("a smaller ISIZE with a CRC-32 that matches the prefix it names: truncated or corrupt", async () => {
      const tgz = await fixtureFileBytes(...KYVERNO);
      const tar = gunzipSync(tgz);
      // The strongest lie: a tar prefix (whole entries, the end blocks cut) that checks out by
      // itself, hiding the rest of the archive, which Helm would read.
      const size = tar.length - 4096;
      const lying = withTrailer(tgz, crc32(tar.subarray(0, size)), size);
      expectRefused(
        readChart(lying, { name: KYVERNO[1], native }),
        "truncated",
        /truncated or corrupt/,
      );
    });

    it("a larger ISIZE: truncated or corrupt", async () => {
      const tgz = await fixtureFileBytes(...KYVERNO);
      const tar = gunzipSync(tgz);
      for (const extra of [1, 512, 4 * MiB]) {
        const lying = withTrailer(tgz, crc32(tar), tar.length + extra);
        expectRefused(
          readChart(lying, { name: KYVERNO[1], native }),
          "truncated",
          /truncated or corrupt/,
        );
      }
    });

    it("an ISIZE beyond the caps: no buffer of that size, the stepped path reads and refuses it", async () => {
      const tgz = await fixtureFileBytes(...KYVERNO);
      const tar = gunzipSync(tgz);
      const lying = withTrailer(tgz, crc32(tar), 0xffff_fff0);
      expectRefused(
        readChart(lying, { name: KYVERNO[1], native }),
        "truncated",
        /does not end where the file does/,
      );
    });

    it("a one-byte flip in the CRC-32: corrupt", async () => {
      const tgz = await fixtureFileBytes(...KYVERNO);
      const tar = gunzipSync(tgz);
      const lying = withTrailer(tgz, crc32(tar) ^ 1, tar.length);
      expectRefused(
        readChart(lying, { name: KYVERNO[1], native }),
        "crc-mismatch",
        /checksum does not match/,
      );
    });

    it("a bomb behind a real chart whose trailer names only the chart: refused as a bomb, the budget intact", async () => {
      const tar = gunzipSync(await fixtureFileBytes(...KYVERNO));
      // The chart's tar, then 300 MiB of zeros; the trailer describes the tar alone.
      const bomb = repeatDeflated(ZERO_MIB, 300, tar);
      const lying = gzipMember({
        raw: bomb.raw,
        size: tar.length,
        crc: crc32(tar),
      });
      const budget = new Budget(HELM_LIMITS.maxTotalBytes * 2);
      const r = readChart(lying, { name: KYVERNO[1], budget, native });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/expands beyond 100/);
      // What the fast path took was given back before the stepped path read it again.
      expect(budget.used).toBeLessThanOrEqual(
        HELM_LIMITS.maxTotalBytes + 64 * MiB,
      );
    });
  },
);

describe.each(INFLATERS)("%s: multi-member gzip", (_, native) => {
  it("a second member identical to the first (so the trailer matches the first alone): refused", async () => {
    const tgz = await fixtureFileBytes(...KYVERNO);
    expectRefused(
      readChart(concatBytes([tgz, tgz]), { name: KYVERNO[1], native }),
      "truncated",
      /truncated or corrupt/,
    );
  });

  it("a chart's tar split across two members: refused, as before", async () => {
    const tar = gunzipSync(await fixtureFileBytes(...KYVERNO));
    const half = Math.floor(tar.length / 1024) * 512;
    const two = concatBytes([
      gzip(tar.subarray(0, half)),
      gzip(tar.subarray(half)),
    ]);
    expectRefused(
      readChart(two, { name: KYVERNO[1], native }),
      "truncated",
      /truncated or corrupt/,
    );
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an exception");
}

// A zip entry (raw DEFLATE with a declared size) takes the same one-call path as a whole gzip
// stream; anything else is read again by the stepped path. These pin what both paths must give
// alike (bytes, budget, verdicts); which path ran is not observable here, and its speed is the
// reviewer bench's (pack page interactive).
describe("zip entries: bytes, budget and verdicts of the declared-size path", () => {
  const limits = withLimits();
  const entry = async () => {
    const tar = gunzipSync(await fixtureFileBytes(...KYVERNO));
    return { tar, raw: new Uint8Array(deflateRawSync(tar)) };
  };
  const inflate = (raw: Uint8Array, declared: number, budget: Budget) =>
    inflateBounded(raw, "deflate", {
      name: "e.yaml",
      limits,
      budget,
      declared,
    });

  it("an entry of exactly its declared size: byte for byte, the budget charged its size once", async () => {
    const { tar, raw } = await entry();
    const budget = new Budget(limits.maxTotalBytes);
    const out = inflate(raw, tar.length, budget);
    expect(Buffer.from(out).equals(Buffer.from(tar))).toBe(true);
    expect(out.buffer.byteLength).toBe(tar.length);
    expect(budget.used).toBe(tar.length);
  });

  it("an entry that holds more than it declares: size mismatch, the budget given back", async () => {
    const { tar, raw } = await entry();
    const budget = new Budget(limits.maxTotalBytes);
    expect(() => inflate(raw, tar.length - 1, budget)).toThrow(
      /declares \d+ bytes but holds more/,
    );
    expect(budget.used).toBeLessThan(tar.length);
  });

  it("an entry that holds less than it declares: its bytes, for the reader's size check", async () => {
    const { tar, raw } = await entry();
    const budget = new Budget(limits.maxTotalBytes);
    const out = inflate(raw, tar.length + 10, budget);
    expect(out.length).toBe(tar.length);
    expect(budget.used).toBe(tar.length);
  });

  it("bytes after the stream's end: the stream's bytes, as before", async () => {
    const { tar, raw } = await entry();
    const out = inflate(
      concatBytes([raw, new Uint8Array([1, 2, 3])]),
      tar.length,
      new Budget(limits.maxTotalBytes),
    );
    expect(Buffer.from(out).equals(Buffer.from(tar))).toBe(true);
  });

  it("a corrupt entry: truncated or corrupt", async () => {
    const { tar, raw } = await entry();
    expect(() =>
      inflate(
        raw.subarray(0, raw.length >> 1),
        tar.length,
        new Budget(limits.maxTotalBytes),
      ),
    ).toThrow(/truncated or corrupt/);
  });
});
