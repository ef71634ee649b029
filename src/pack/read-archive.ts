import { fail, showName, type ArchiveError } from "./archive-error";
import { Budget, withLimits, type Limits } from "./limits";
import { asArchiveResult, assemblePack, type PackFiles } from "./pack-files";
import { ok, type Result } from "./result";
import { describeSniffed, sniff } from "./sniff";
import { gunzipBounded, readTarEntries } from "./tar-read";
import type { NativeFlate } from "./inflate";
import { readZipEntries, type CompressedForms } from "./zip-read";

export interface ReadOptions {
  /** The file name, for messages only: the format is decided by the bytes. */
  name?: string;
  limits?: Partial<Limits>;
  /** Share one budget with later reads (e.g. the charts inside the pack). */
  budget?: Budget;
  /** For a zip: record each file's compressed form here (the server copies them into the stored zip). */
  compressed?: CompressedForms;
  /** Expand and check with this native codec (the server's zlib) instead of fflate. */
  native?: NativeFlate;
}

export type ArchiveFormat = "zip" | "tar.gz" | "tar";

/**
 * Open a pack archive (.zip, .tar.gz or plain .tar; files at the root or inside one top folder)
 * with every safety rule of security.md part A. Never throws.
 */
export function readPackArchive(
  bytes: Uint8Array,
  opts: ReadOptions = {},
): Result<{ files: PackFiles; format: ArchiveFormat }, ArchiveError> {
  const limits = withLimits(opts.limits);
  const budget = opts.budget ?? new Budget(limits.maxTotalBytes);
  const name = opts.name ?? "the archive";
  try {
    const kind = sniff(bytes);
    switch (kind) {
      case "zip":
        return ok({
          files: assemblePack(
            readZipEntries(
              bytes,
              name,
              limits,
              budget,
              opts.compressed,
              opts.native,
            ),
          ),
          format: "zip",
        });
      case "gzip": {
        const tar = gunzipBounded(bytes, name, limits, budget, {
          native: opts.native,
        });
        return ok({
          files: assemblePack(readTarEntries(tar, name, limits)),
          format: "tar.gz",
        });
      }
      case "tar":
        if (!budget.take(bytes.length))
          fail(
            "too-large",
            `${showName(name)} is larger than ${budget.limit} bytes`,
          );
        return ok({
          files: assemblePack(readTarEntries(bytes, name, limits)),
          format: "tar",
        });
      case "empty":
        return fail(
          "empty-file",
          `${showName(name)} is an empty file, not an archive`,
        );
      default:
        return fail(
          "not-an-archive",
          // Named once, then what it is instead, as a chart's refusal says it (chart.ts).
          kind === "unknown"
            ? `${showName(name)} is not a zip or tar.gz archive: its bytes are neither`
            : `${showName(name)} is not a zip or tar.gz archive: it is ${describeSniffed(kind)}`,
        );
    }
  } catch (e) {
    return asArchiveResult(e);
  }
}
