import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Finding } from "../pack/finding";
import type { PackFiles } from "../pack/pack-files";
import { err, ok, type Result } from "../pack/result";
import { TARGETS } from "../pack/targets";
import {
  TEMPLATE_FILE,
  templateInfo,
  templatePack,
  type TemplateInfo,
} from "../pack/template-info";
import { findingLines } from "./format";
import type { Io } from "./io";
import { readSource } from "./read-source";

/**
 * The package's `templates/` folder, two folders up from this module: from `src/cli/` (tsx) and
 * from `build/node/` (the esbuild bundle, whose chunks sit flat there) alike.
 */
export const TEMPLATES_DIR = fileURLToPath(
  new URL("../../templates/", import.meta.url),
);

/** Every template in `dir`, in folder-name order; a folder that is not a valid template is an error. */
export function listTemplates(
  dir = TEMPLATES_DIR,
): Result<TemplateInfo[], string> {
  let ids: string[];
  try {
    ids = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch (e) {
    return err(
      `cannot read the templates folder ${dir}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const read = (id: string, file: string) => {
    const path = join(dir, id, file);
    return existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined;
  };
  const out: TemplateInfo[] = [];
  for (const id of ids) {
    const r = templateInfo(id, read(id, TEMPLATE_FILE), read(id, "pack.json"));
    if (!r.ok) return err(r.error);
    out.push(r.value);
  }
  return ok(out);
}

/** The pack of template `id` (template.json left out), read with the core's folder rules. */
export async function readTemplate(
  id: string,
  dir = TEMPLATES_DIR,
): Promise<Result<PackFiles, string>> {
  const list = listTemplates(dir);
  if (!list.ok) return list;
  if (!list.value.some((t) => t.id === id))
    return err(
      `there is no template \`${id}\`; the templates are ${list.value.map((t) => t.id).join(", ")} (packsmith init --list)`,
    );
  const r = await readSource(join(dir, id));
  if (!r.ok) return err(`template ${id}: ${r.error.message}`);
  return ok(templatePack(r.value.files));
}

function printList(list: TemplateInfo[], json: boolean, io: Io): void {
  if (json) {
    io.out(`${JSON.stringify(list, null, 2)}\n`);
    return;
  }
  const width = Math.max(...list.map((t) => t.id.length));
  for (const t of list)
    io.out(
      `${t.id.padEnd(width)}  ${t.layer.padEnd(5)}  ${t.title}\n${" ".repeat(width + 9)}${t.description}\n`,
    );
}

/** Write every file of `pack` under `dir`, each with the mode `modeOf` gives its path. */
function writeFiles(
  pack: PackFiles,
  dir: string,
  modeOf: (path: string) => number,
): void {
  for (const [path, bytes] of pack) {
    const out = join(dir, path);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, bytes);
    chmodSync(out, modeOf(path));
  }
}

/** Remove `path` and what is under it; a failure to clean up must not hide why the write failed. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Left behind: the write's own error is the one to report.
  }
}

/**
 * Write `pack` into `target` whole or not at all, so a failed write (a full disk, a file size
 * limit) never leaves a half-written pack that the retry then refuses as "not empty".
 *
 * A new folder is written beside it under a hidden name and renamed into place in one step; on
 * failure the hidden folder goes, and so do the parent folders made for it. An existing empty
 * folder stays where it is, the same folder (its mode and owner, a shell standing in it): the
 * files go straight in and, on failure, every top-level entry written is removed again.
 */
function writePack(
  pack: PackFiles,
  target: string,
  existing: boolean,
  modeOf: (path: string) => number,
): void {
  if (existing) {
    try {
      writeFiles(pack, target, modeOf);
    } catch (e) {
      const tops = new Set([...pack.keys()].map((p) => p.split("/")[0]!));
      for (const top of tops) removeQuietly(join(target, top));
      throw e;
    }
    return;
  }
  const madeParent = mkdirSync(dirname(target), { recursive: true });
  const hidden = join(
    dirname(target),
    `.${basename(target)}.packsmith-init-${process.pid}`,
  );
  try {
    mkdirSync(hidden);
    writeFiles(pack, hidden, modeOf);
    renameSync(hidden, target);
  } catch (e) {
    removeQuietly(hidden);
    if (madeParent !== undefined) removeQuietly(madeParent);
    throw e;
  }
}

/**
 * The values each template copies from the documentation's example (test/fixtures/seed-examples):
 * the example author's AMI, account, region, vCenter paths, image and passwords. They parse and
 * validate, so no finding names them, but they are the author's, not the user's. Each key is
 * found in the written file by its name, for its line.
 */
const SAMPLE_VALUES: Readonly<
  Record<string, { file: string; keys: readonly string[] }>
> = {
  "centos-aws": {
    file: "pack.json",
    keys: ["cloudRegion", "imageId", "imageOwner"],
  },
  "centos-azure": {
    file: "pack.json",
    keys: ["imageOffer", "imagePublisher", "imageSKU"],
  },
  "centos-vsphere-template": {
    file: "pack.json",
    keys: ["folder", "imageId", "sshPassword"],
  },
  "ubuntu-vsphere-ova": { file: "pack.json", keys: ["folder", "imageId"] },
  "permission-manager": { file: "values.yaml", keys: ["authPassword"] },
};

/** `pack.json:4 imageId, …`: each sample value of template `id` where `pack` holds it. */
function sampleValues(id: string, pack: PackFiles): string[] {
  const sample = SAMPLE_VALUES[id];
  const bytes = sample && pack.get(sample.file);
  if (!sample || !bytes) return [];
  const lines = new TextDecoder().decode(bytes).split("\n");
  return sample.keys.flatMap((key) => {
    const at = lines.findIndex((l) =>
      new RegExp(`^\\s*"?${key}"?\\s*:`).test(l),
    );
    return at < 0 ? [] : [`${sample.file}:${at + 1} ${key}`];
  });
}

/**
 * What a pack written from template `id` still needs, as init prints it: every error, then every
 * warning, as `validate` (an OCI registry) reports them, each warning saying which other targets
 * make it an error (IMAGES_MISSING for pack-central: a target only raises a warning to an error),
 * then the sample values to replace. "" when it needs nothing.
 */
async function stillNeeds(id: string, pack: PackFiles): Promise<string> {
  const { validatePack } = await import("../pack/validate");
  const key = (f: Finding): string =>
    JSON.stringify([f.code, f.file, f.line, f.path]);
  const errorFor = new Map<string, string[]>();
  for (const target of TARGETS.filter((t) => t !== "oci"))
    for (const f of validatePack(pack, { target }).findings)
      if (f.severity === "error")
        errorFor.set(key(f), [...(errorFor.get(key(f)) ?? []), target]);
  const oci = validatePack(pack).findings;
  const marked = oci.map((f) => {
    const targets = errorFor.get(key(f));
    return targets
      ? {
          ...f,
          message: `${f.message} (an error for --target ${targets.join(", ")})`,
        }
      : f;
  });
  const found = findingLines(oci, "error") + findingLines(marked, "warning");
  const samples = sampleValues(id, pack);
  const replace = samples.length
    ? `Replace the documentation's sample values with your own: ${samples.join(", ")}\n`
    : "";
  return found || replace ? `What it still needs:\n${found}${replace}` : "";
}

/**
 * `packsmith init <template> <folder>`: write the template's pack into a new (or empty) folder,
 * whole or not at all (writePack), then say what the pack still needs (stillNeeds: its errors,
 * its warnings and the sample values it copies from the documentation).
 * `packsmith init --list [--json]`: the templates, `[{id, title, layer, description}]` as JSON.
 * Exit 0 when written or listed, 2 when it cannot be.
 */
export async function initCommand(
  args: readonly string[],
  o: { list: boolean; json: boolean },
  io: Io,
): Promise<number> {
  if (o.list) {
    const list = listTemplates();
    if (!list.ok) {
      io.err(`packsmith init: ${list.error}\n`);
      return 2;
    }
    printList(list.value, o.json, io);
    return 0;
  }
  const [id, folder, ...rest] = args;
  if (!id || !folder || rest.length) {
    io.err(
      "packsmith init: give a template and a folder: packsmith init <template> <folder> (packsmith init --list names the templates)\n",
    );
    return 2;
  }
  const target = resolve(folder);
  const existing = existsSync(target);
  if (existing) {
    let entries: string[];
    try {
      entries = readdirSync(target);
    } catch {
      io.err(`packsmith init: ${folder} exists and is not a folder\n`);
      return 2;
    }
    if (entries.length) {
      io.err(
        `packsmith init: ${folder} is not empty; give a new or empty folder, nothing was written\n`,
      );
      return 2;
    }
  }
  const pack = await readTemplate(id);
  if (!pack.ok) {
    io.err(`packsmith init: ${pack.error}\n`);
    return 2;
  }
  try {
    // The executable bit of a role's script is kept.
    writePack(
      pack.value,
      target,
      existing,
      (path) => statSync(join(TEMPLATES_DIR, id, path)).mode & 0o777,
    );
  } catch (e) {
    io.err(
      `packsmith init: writing ${folder} failed: ${e instanceof Error ? e.message : String(e)}; ${existing ? `${folder} is left empty` : "nothing was left behind"}\n`,
    );
    return 2;
  }
  io.out(`Wrote the template ${id} to ${folder} (${pack.value.size} files).\n`);
  io.out(await stillNeeds(id, pack.value));
  return 0;
}
