import type { ChartFacts } from "@/features/wizard/model/pack-files-to-draft";
import {
  nextVersionDraft,
  type NewDraft,
} from "@/features/wizard/model/new-draft";
import type { DroppedItems } from "@/lib/files";
import { getPackWorker } from "@/lib/pack-worker/client";
import type { PackFiles } from "@/pack/pack-files";
import { err, type Result } from "@/pack/result";

/**
 * Each chart's name and version, from its Chart.yaml, in the worker, so the import itself never
 * blocks the page. Only Chart.yaml is read (the first part of each archive): the full read, and
 * its verdict on the rest of the chart, is the check's once the draft is open.
 */
async function chartFacts(
  files: PackFiles,
): Promise<Map<string, ChartFacts | null>> {
  const worker = getPackWorker();
  const charts = [...files].filter(([path]) => path.endsWith(".tgz"));
  const read = await Promise.all(
    charts.map(([path, bytes]) => worker.readChartYaml(bytes, path)),
  );
  return new Map(
    charts.map(([path], i) => {
      const r = read[i]!;
      return [
        path,
        r.ok ? { name: r.value.name, version: r.value.version } : null,
      ];
    }),
  );
}

/**
 * A draft for the next version of a pack read from an archive (a download from the registry, a
 * chosen file), read in the worker, which keeps the files: the draft's first check sends none.
 */
export async function importPackArchive(
  archive: Blob,
  name: string,
): Promise<Result<NewDraft, string>> {
  // Kept, and as Blobs too: the draft is stored next (lib/files/byte-blobs.ts).
  const read = await getPackWorker().readArchive(archive, name, {
    keep: true,
    blobs: true,
  });
  if (!read.ok) return err(`${name} cannot be opened: ${read.error.message}`);
  return nextVersionDraft(
    read.value.files,
    name,
    await chartFacts(read.value.files),
  );
}

/** A draft for the next version of a pack already read (a local pack handed over by the reviewer). */
export async function importPackFiles(
  files: PackFiles,
  name: string,
): Promise<Result<NewDraft, string>> {
  return nextVersionDraft(files, name, await chartFacts(files));
}

/** A draft for the next version of a dropped pack: an archive, or a folder. */
export async function importPackDraft(
  items: DroppedItems,
): Promise<Result<NewDraft, string>> {
  if (items.kind === "folder") {
    // With Blobs: the draft is stored next (lib/files/byte-blobs.ts).
    const r = await getPackWorker().fromEntries(items.entries, { blobs: true });
    if (!r.ok)
      return err(`The folder ${items.name} cannot be used: ${r.error.message}`);
    return nextVersionDraft(r.value, items.name, await chartFacts(r.value));
  }
  const [file, ...rest] = items.files;
  if (!file || rest.length) return err("Drop one pack archive at a time.");
  return importPackArchive(file, file.name);
}
