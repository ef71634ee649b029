/**
 * Byte helpers for the test-input generator. Everything here is deterministic: the same call
 * always gives the same bytes, so every generated archive is reproducible.
 */

const encoder = new TextEncoder();

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as in every encoder). */
export const utf8 = (s: string): Uint8Array => encoder.encode(s);

/** One byte per character, for names that must hold exact raw bytes (NUL, 0x80–0xff). */
export function latin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

export { concatBytes } from "../../src/pack/bytes";

/** A little-endian record builder, for zip headers. */
export class LeWriter {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private at = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  u16(v: number): this {
    this.view.setUint16(this.at, v & 0xffff, true);
    this.at += 2;
    return this;
  }

  u32(v: number): this {
    this.view.setUint32(this.at, v >>> 0, true);
    this.at += 4;
    return this;
  }

  u64(v: number): this {
    this.view.setBigUint64(this.at, BigInt(v), true);
    this.at += 8;
    return this;
  }

  raw(b: Uint8Array): this {
    this.bytes.set(b, this.at);
    this.at += b.length;
    return this;
  }

  done(): Uint8Array {
    if (this.at !== this.bytes.length) {
      throw new Error(
        `record is ${this.at} bytes, expected ${this.bytes.length}`,
      );
    }
    return this.bytes;
  }
}

/**
 * Seeded pseudo-random bytes (xorshift32): incompressible data that is the same on every run,
 * for inputs whose compression ratio must stay near 1:1.
 */
export function noise(length: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export const MiB = 1024 * 1024;
