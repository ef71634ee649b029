import { rename, rm, writeFile } from "node:fs/promises";
import { hasErrors } from "../pack/finding";
import type { PackFiles } from "../pack/pack-files";
import { writePackTarGz } from "../pack/tar-write";
import { packTopFolder } from "../pack/top-folder";
import type { ValidationReport } from "../pack/validate";
import { writePackZip } from "../pack/zip-write";
import { findingLines } from "./format";
import type { Io } from "./io";

/** `packsmith pack <src> --out <file>`: the deterministic zip or the OCI-ready tarball. */
export async function packCommand(
  files: PackFiles,
  report: ValidationReport,
  out: string | undefined,
  force: boolean,
  src: string,
  io: Io,
): Promise<number> {
  if (!out || !/\.(zip|tar\.gz|tgz)$/.test(out)) {
    io.err("packsmith pack: give --out <file.zip> or --out <file.tar.gz>\n");
    return 2;
  }
  if (hasErrors(report.findings) && !force) {
    io.err(
      `${findingLines(report.findings, "error")}packsmith pack: ${src} has errors; fix them or pass --force to write it anyway\n`,
    );
    return 1;
  }
  const top = packTopFolder(report.pack?.name, report.pack?.version);
  const bytes = out.endsWith(".zip")
    ? await writePackZip(files, top)
    : writePackTarGz(files, top);
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
  io.out(`wrote ${out} (${bytes.length} bytes, top folder ${top}/${why})\n`);
  return 0;
}
