/**
 * One-call raw DEFLATE decoding into a buffer of a known size, for {@link inflateSteps}' fast path.
 *
 * This is fflate 0.8.3's `inflt` (MIT, © 2023 Arjun Barrett, https://github.com/101arrowz/fflate),
 * reduced to its single-call, no-dictionary case, with two changes that fflate's public
 * `inflateSync(data, { out })` lacks and the fast path needs:
 * - it stops the moment the output would pass the end of `out`. fflate never grows a given
 *   buffer, but it decodes on to the end of the stream, dropping the bytes past the buffer, so a
 *   gzip trailer that under-states the size of a bomb cost 1032 bytes of work per input byte
 *   (measured: 0.8 s for a 256 KiB bomb, minutes for a 50 MiB one);
 * - it says where the stream ended, so data after it (a second gzip member, which Helm's reader
 *   would expand and this one would not) is caught.
 * Everything else (tables, bit readers, the decoding loop) is fflate's, unchanged in behaviour.
 */

/** Why {@link inflateInto} stopped short. */
export class InflateIntoError extends Error {
  constructor(
    readonly reason: "overflow" | "eof" | "invalid",
    message: string,
  ) {
    super(message);
  }
}

const u8 = Uint8Array;
const u16 = Uint16Array;

// Extra bits of the length and distance codes, and the code-length alphabet's order (RFC 1951).
const fleb = new u8([
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5,
  5, 5, 0, 0, 0, 0,
]);
const fdeb = new u8([
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11,
  11, 12, 12, 13, 13, 0, 0,
]);
const clim = new u8([
  16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
]);

function bases(eb: Uint8Array, start: number): Uint16Array {
  const b = new u16(31);
  for (let i = 0; i < 31; ++i) b[i] = start += 1 << eb[i - 1]!;
  return b;
}
const fl = bases(fleb, 2);
fl[28] = 258;
const fd = bases(fdeb, 0);

const rev = new u16(32768);
for (let i = 0; i < 32768; ++i) {
  let x = ((i & 0xaaaa) >> 1) | ((i & 0x5555) << 1);
  x = ((x & 0xcccc) >> 2) | ((x & 0x3333) << 2);
  x = ((x & 0xf0f0) >> 4) | ((x & 0x0f0f) << 4);
  rev[i] = (((x & 0xff00) >> 8) | ((x & 0x00ff) << 8)) >> 1;
}

/** Decoding table of a Huffman code: index = the next `mb` bits, value = symbol << 4 | code length. */
function hMap(cd: Uint8Array, mb: number): Uint16Array {
  const s = cd.length;
  const l = new u16(mb);
  for (let i = 0; i < s; ++i) if (cd[i]) ++l[cd[i]! - 1]!;
  const le = new u16(mb);
  for (let i = 1; i < mb; ++i) le[i] = (le[i - 1]! + l[i - 1]!) << 1;
  const co = new u16(1 << mb);
  const rvb = 15 - mb;
  for (let i = 0; i < s; ++i) {
    const len = cd[i]!;
    if (!len) continue;
    const sv = (i << 4) | len;
    const r = mb - len;
    let v = le[len - 1]!++ << r;
    for (const m = v | ((1 << r) - 1); v <= m; ++v) co[rev[v]! >> rvb] = sv;
  }
  return co;
}

const flt = new u8(288);
for (let i = 0; i < 144; ++i) flt[i] = 8;
for (let i = 144; i < 256; ++i) flt[i] = 9;
for (let i = 256; i < 280; ++i) flt[i] = 7;
for (let i = 280; i < 288; ++i) flt[i] = 8;
const fdt = new u8(32).fill(5);
const flrm = hMap(flt, 9);
const fdrm = hMap(fdt, 5);

function max(a: Uint8Array): number {
  let m = a[0]!;
  for (let i = 1; i < a.length; ++i) if (a[i]! > m) m = a[i]!;
  return m;
}
// Bits read past the end of `d` are zeros (undefined in a bitwise operation), as in fflate; the
// position checks below turn such a read into "eof".
function bits(d: Uint8Array, p: number, m: number): number {
  const o = (p / 8) | 0;
  return ((d[o]! | (d[o + 1]! << 8)) >> (p & 7)) & m;
}
function bits16(d: Uint8Array, p: number): number {
  const o = (p / 8) | 0;
  return (d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16)) >> (p & 7);
}
function shft(p: number): number {
  return ((p + 7) / 8) | 0;
}

const eof = (): never => {
  throw new InflateIntoError("eof", "unexpected EOF");
};
const overflow = (): never => {
  throw new InflateIntoError(
    "overflow",
    "the data expands beyond the expected size",
  );
};
const invalid = (what: string): never => {
  throw new InflateIntoError("invalid", what);
};

/**
 * Decode the raw DEFLATE stream at the start of `dat` into `buf`, in one call. Returns the bytes
 * written and the offset in `dat` just past the stream's final block. Throws
 * {@link InflateIntoError}: "overflow" as soon as the output would not fit `buf` (no work is done
 * past it), "eof" when `dat` ends first, "invalid" for malformed data.
 */
export function inflateInto(
  dat: Uint8Array,
  buf: Uint8Array,
): { written: number; end: number } {
  const sl = dat.length;
  const bl = buf.length;
  const tbts = sl * 8;
  let final = 0;
  let pos = 0;
  let bt = 0;
  if (!sl) eof();
  do {
    final = bits(dat, pos, 1);
    const type = bits(dat, pos + 1, 3);
    pos += 3;
    if (!type) {
      // A stored block: LEN, NLEN, then LEN bytes as they are.
      const s = shft(pos) + 4;
      const l = dat[s - 4]! | (dat[s - 3]! << 8);
      const t = s + l;
      if (t > sl) eof();
      if (bt + l > bl) overflow();
      buf.set(dat.subarray(s, t), bt);
      bt += l;
      pos = t * 8;
      continue;
    }
    let lm: Uint16Array;
    let dm: Uint16Array;
    let lbt: number;
    let dbt: number;
    if (type == 1) {
      lm = flrm;
      dm = fdrm;
      lbt = 9;
      dbt = 5;
    } else if (type == 2) {
      const hLit = bits(dat, pos, 31) + 257;
      const hcLen = bits(dat, pos + 10, 15) + 4;
      const tl = hLit + bits(dat, pos + 5, 31) + 1;
      pos += 14;
      const ldt = new u8(tl);
      const clt = new u8(19);
      for (let i = 0; i < hcLen; ++i) clt[clim[i]!] = bits(dat, pos + i * 3, 7);
      pos += hcLen * 3;
      const clb = max(clt);
      const clbmsk = (1 << clb) - 1;
      const clm = hMap(clt, clb);
      for (let i = 0; i < tl;) {
        const r = clm[bits(dat, pos, clbmsk)]!;
        pos += r & 15;
        const s = r >> 4;
        if (s < 16) ldt[i++] = s;
        else {
          let c = 0;
          let n = 0;
          if (s == 16) {
            n = 3 + bits(dat, pos, 3);
            pos += 2;
            c = ldt[i - 1]!;
          } else if (s == 17) {
            n = 3 + bits(dat, pos, 7);
            pos += 3;
          } else if (s == 18) {
            n = 11 + bits(dat, pos, 127);
            pos += 7;
          }
          while (n--) ldt[i++] = c;
        }
      }
      const lt = ldt.subarray(0, hLit);
      const dt = ldt.subarray(hLit);
      lbt = max(lt);
      dbt = max(dt);
      lm = hMap(lt, lbt);
      dm = hMap(dt, dbt);
    } else return invalid("invalid block type");
    if (pos > tbts) eof();
    const lms = (1 << lbt) - 1;
    const dms = (1 << dbt) - 1;
    for (;;) {
      const c = lm[bits16(dat, pos) & lms]!;
      const sym = c >> 4;
      pos += c & 15;
      if (pos > tbts) eof();
      if (!c) invalid("invalid length/literal");
      if (sym < 256) {
        if (bt >= bl) overflow();
        buf[bt++] = sym;
      } else if (sym == 256) break;
      else {
        let add = sym - 254;
        if (sym > 264) {
          const i = sym - 257;
          const b = fleb[i]!;
          add = bits(dat, pos, (1 << b) - 1) + fl[i]!;
          pos += b;
        }
        const d = dm[bits16(dat, pos) & dms]!;
        const dsym = d >> 4;
        if (!d) invalid("invalid distance");
        pos += d & 15;
        let dist = fd[dsym]!;
        if (dsym > 3) {
          const b = fdeb[dsym]!;
          dist += bits16(dat, pos) & ((1 << b) - 1);
          pos += b;
        }
        if (pos > tbts) eof();
        if (bt < dist) invalid("invalid distance");
        const end = bt + add;
        // The check fflate lacks: a bomb's long matches stop here, not at the end of the stream.
        if (end > bl) overflow();
        for (; bt < end; ++bt) buf[bt] = buf[bt - dist]!;
      }
    }
  } while (!final);
  return { written: bt, end: shft(pos) };
}
