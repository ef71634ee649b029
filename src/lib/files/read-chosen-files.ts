import { getPackWorker } from "@/lib/pack-worker/client";
import { err, ok, type Result } from "@/pack/result";

/**
 * The bytes of files the user chose (charts, manifests, a role's files), read in the pack worker,
 * which keeps them: the draft's next check and a chart's read name them by id, so the page's
 * thread neither reads nor copies them. They are not remembered as Blobs to store
 * (byte-blobs.ts): a chosen file changed on disk afterwards can no longer be read, and every
 * later save of the draft would fail on it. Fails with a message naming a file it cannot read.
 */
export async function readChosenFiles(
  files: readonly File[],
): Promise<Result<Uint8Array[], string>> {
  let r;
  try {
    r = await getPackWorker().readBlobs(
      files.map((file, i) => [String(i), file]),
      { twins: false },
    );
  } catch (e) {
    // The worker stopped (out of memory, say): its message says so.
    return err(e instanceof Error ? e.message : String(e));
  }
  if (!r.ok) {
    const file = files[Number(r.error.entry)];
    return err(
      `${file ? `“${file.name}”` : "A file"} could not be read: was it moved, changed or removed after it was chosen?`,
    );
  }
  return ok(files.map((_, i) => r.value.get(String(i))!));
}
