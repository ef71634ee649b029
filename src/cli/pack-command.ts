import { readFileSync, realpathSync, statSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { hasErrors } from "../pack/finding";
import type { PackFiles } from "../pack/pack-files";
import { readPackArchive } from "../pack/read-archive";
import { writePackTarGz } from "../pack/tar-write";
import { packTopFolder } from "../pack/top-folder";
import type { ValidationReport } from "../pack/validate";
import { writePackZip } from "../pack/zip-write";
import { findingLines } from "./format";
import type { Io } from "./io";

/**
 * The pack path of `out` when `src` is a folder that holds it (`pack c6 --out c6/x.zip` run a
 * second time): the source was read before the archive is written, so the earlier output is
 * among its files. Found by its path relative to the folder, or without the top folder the
 * reader removed when everything sat in one, and then only when it holds the bytes on disk.
 */
function ownOutput(files: PackFiles, src: string, out: string): string | null {
  let rel: string;
  let bytes: Buffer;
  try {
    if (!statSync(src).isDirectory()) return null;
    const at = join(realpathSync(dirname(out)), basename(out));
    rel = relative(realpathSync(src), at);
    if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`)) return null;
    if (isAbsolute(rel)) return null; // another drive
    bytes = readFileSync(at);
  } catch {
    return null; // Not there yet (or not readable): then it was not read into the pack either.
  }
  const path = rel.split(sep).join("/");
  const inTop = path.slice(path.indexOf("/") + 1);
  for (const p of [path, inTop]) {
    const held = files.get(p);
    if (held && bytes.equals(held)) return p;
  }
  return null;
}

/**
 * `packsmith pack <src> --out <file>`: the deterministic zip or the OCI-ready tarball. An `out`
 * inside the source folder is never packed into itself.
 */
export async function packCommand(
  all: PackFiles,
  validated: ValidationReport,
  out: string | undefined,
  force: boolean,
  src: string,
  io: Io,
): Promise<number> {
  if (!out || !/\.(zip|tar\.gz|tgz)$/.test(out)) {
    io.err("packsmith pack: give --out <file.zip> or --out <file.tar.gz>\n");
    return 2;
  }
  let files = all;
  let report = validated;
  const own = ownOutput(all, src, out);
  if (own !== null) {
    files = new Map(all);
    files.delete(own);
    const about = (f: string | undefined): boolean =>
      f === own || (f?.startsWith(`${own}/`) ?? false);
    report = {
      ...validated,
      findings: validated.findings.filter((f) => !about(f.file)),
    };
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
  // Never write what a reader refuses: the registry, the builder and this command read archives
  // with the same limits (a 20 MiB run of one repeated line deflates past their 100:1 ratio).
  const back = readPackArchive(bytes, { name: basename(out) });
  if (!back.ok) {
    io.err(
      `packsmith pack: ${out} not written: it would be refused when read back (${back.error.message})\n`,
    );
    return 1;
  }
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
  if (own !== null)
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
