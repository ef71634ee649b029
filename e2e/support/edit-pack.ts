import { expect, type Page } from "@playwright/test";

import { readChartArchive } from "../../src/pack/chart";
import type { PackFiles } from "../../src/pack/pack-files";

export const text = (s: string): Uint8Array => new TextEncoder().encode(s);
export const read = (b: Uint8Array | undefined): string =>
  new TextDecoder().decode(b);

/** Replace `from` in `s`, failing when it is not there (so the fixture still says what we expect). */
export function replaced(s: string, from: string, to: string): string {
  expect(s, `contains ${from}`).toContain(from);
  return s.replace(from, to);
}

/** Edit one text file of a pack (or of a chart's inner files) in place: {@link replaced} on it. */
export function editText(
  files: PackFiles,
  path: string,
  from: string,
  to: string,
): void {
  files.set(path, text(replaced(read(files.get(path)), from, to)));
}

/** Every request the page makes that could carry a pack away (anything but a GET). */
export function watchUploads(page: Page): string[] {
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.method() !== "GET") sent.push(`${r.method()} ${r.url()}`);
  });
  return sent;
}

/** A chart archive's inner files (by path below its root), to edit and pack again with writePackTarGz. */
export function chartFiles(files: PackFiles, archive: string): PackFiles {
  const chart = readChartArchive(files.get(archive)!, { name: archive });
  if (!chart.ok) throw new Error(chart.error.message);
  return new Map(chart.value.files);
}
