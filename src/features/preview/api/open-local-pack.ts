import type { DroppedItems } from "@/lib/files";
import { getPackWorker } from "@/lib/pack-worker/client";

import type { OpenedPack } from "../types";

/** Why a local pack could not be opened, in words for the user. */
export class OpenPackError extends Error {
  override name = "OpenPackError";
}

/**
 * Read what the user dropped or chose (one archive, or one folder) and check it, all in the pack
 * worker: nothing leaves the browser, and the page's thread never reads or copies the bytes (the
 * worker keeps what it read, so the check and later downloads name the files by id). Throws
 * OpenPackError with the reader's message.
 */
export async function openLocalPack(items: DroppedItems): Promise<OpenedPack> {
  const worker = getPackWorker();
  let files;
  let fileName;
  if (items.kind === "folder") {
    const r = await worker.fromEntries(items.entries);
    if (!r.ok) throw new OpenPackError(r.error.message);
    files = r.value;
    fileName = `${items.name}/`;
  } else {
    const [file, ...more] = items.files;
    if (!file) throw new OpenPackError("No file was chosen.");
    if (more.length)
      throw new OpenPackError("Open one archive at a time, or drop a folder.");
    const r = await worker.readArchive(file, file.name, { keep: true });
    if (!r.ok) throw new OpenPackError(r.error.message);
    files = r.value.files;
    fileName = file.name;
  }
  const report = await worker.validate(files);
  return {
    files,
    findings: report.findings,
    // The same core scan the server stores as PackDetail.images.
    images: report.images,
    source: { kind: "local", fileName },
  };
}
