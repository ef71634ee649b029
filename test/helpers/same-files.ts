import { expect } from "vitest";

/**
 * `actual` holds exactly `expected`'s paths in the same order, each with the same bytes. Compared
 * with Buffer.equals, not a deep equality: vitest's toEqual walks a byte array element by element,
 * which over kyverno's chart (CRDs of several MB) took 20 s.
 */
export function expectSameFiles(
  actual: Iterable<[string, Uint8Array]>,
  expected: Iterable<[string, Uint8Array]>,
): void {
  const a = new Map(actual);
  const e = new Map(expected);
  expect([...a.keys()]).toEqual([...e.keys()]);
  for (const [path, bytes] of e)
    expect(Buffer.from(a.get(path)!).equals(Buffer.from(bytes)), path).toBe(
      true,
    );
}
