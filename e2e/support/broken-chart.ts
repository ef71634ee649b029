import { writeFile } from "node:fs/promises";

import type { TestInfo } from "@playwright/test";
import { gzipSync } from "fflate";

import { loadFixture } from "../../test/helpers/fixtures";
import { zipPack } from "./upload-fixtures";

/**
 * A real pack (hello-universe 1.3.1) with `charts/broken-1.0.0.tgz` added: gzip around bytes that
 * are no tar, so it looks like a chart until it is opened. Written as a .zip to open locally.
 */
export async function brokenChartPackZip(testInfo: TestInfo): Promise<string> {
  const files = await loadFixture("pack-central/hello-universe-1.3.1");
  files.set(
    "charts/broken-1.0.0.tgz",
    gzipSync(new TextEncoder().encode("not a tar")),
  );
  const zip = testInfo.outputPath("broken-chart.zip");
  await writeFile(zip, await zipPack(files, "hello-universe-1.3.1"));
  return zip;
}
