import { rename, rm, writeFile } from "node:fs/promises";
import { hasErrors } from "../pack/finding";
import { packTopFolder } from "../pack/top-folder";
import type { ValidationReport } from "../pack/validate";
import { writePackArchive } from "../pack/write-archive";
import { findingLines } from "./format";
import type { Io } from "./io";
import type { Source } from "./read-source";

/**
 * `packsmith pack <src> --out <file>`: the deterministic zip or the OCI-ready tarball. An `out`
 * inside the source folder was left out when the folder was read (`source.skipped`), so it is
 * never packed into itself.
 */
export async function packCommand(
  source: Source,
  report: ValidationReport,
  out: string | undefined,
  force: boolean,
  io: Io,
): Promise<number> {
  if (!out || !/\.(zip|tar\.gz|tgz)$/.test(out)) {
    io.err("packsmith pack: give --out <file.zip> or --out <file.tar.gz>\n");
    return 2;
  }
  const { files, label: src } = source;
  if (hasErrors(report.findings) && !force) {
    io.err(
      `${findingLines(report.findings, "error")}packsmith pack: ${src} has errors; fix them or pass --force to write it anyway\n`,
    );
    return 1;
  }
  const top = packTopFolder(report.pack?.name, report.pack?.version);
  const zip = out.endsWith(".zip");
  // Never write what a reader refuses: the registry, the builder and this command read archives
  // with the limits the writer checks (a 20 MiB run of one repeated line deflates past their
  // 100:1 ratio), each deflated file judged as a whole.
  const written = await writePackArchive(files, top, zip ? "zip" : "tar.gz");
  if (!written.ok) {
    io.err(`packsmith pack: ${out} not written: ${written.error.message}\n`);
    return 1;
  }
  const bytes = written.value;
  // Write beside the target and rename, so an interrupted run never leaves half an archive.
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if (typeof code !== "string") throw e;
    await rm(tmp, { force: true });
    io.err(
      `packsmith pack: cannot write ${out}: ${code === "EISDIR" ? "it is a folder" : code === "ENOENT" ? "its folder does not exist" : (e as Error).message} (${code})\n`,
    );
    return 2;
  }
  const p = report.pack;
  const why =
    top === "pack" &&
    p &&
    (typeof p.name === "string" || typeof p.version === "string")
      ? `: ${JSON.stringify(`${String(p.name)}-${String(p.version)}`)} from pack.json is not a safe folder name`
      : "";
  if (source.skipped !== undefined)
    io.out(
      `left ${out} out of the archive: it is this command's own output, from an earlier run\n`,
    );
  io.out(`wrote ${out} (${bytes.length} bytes, top folder ${top}/${why})\n`);
  // Forced past its errors: say which, on stderr, so the archive is not taken for a clean one.
  const errors = report.findings.filter((f) => f.severity === "error");
  if (errors.length)
    io.err(
      `${findingLines(report.findings, "error")}packsmith pack: ${out} was written with ${errors.length} ${errors.length === 1 ? "error" : "errors"} (--force); Palette or the Spectro CLI may refuse it\n`,
    );
  return 0;
}
