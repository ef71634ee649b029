import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { PackFiles } from "../pack/pack-files";
import { err, ok, type Result } from "../pack/result";
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

/**
 * `packsmith init <template> <folder>`: write the template's pack into a new (or empty) folder,
 * then say what the pack still needs (the core's errors: a chart the template cannot ship).
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
  if (existsSync(target)) {
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
    for (const [path, bytes] of pack.value) {
      const out = join(target, path);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, bytes);
      // The executable bit of a role's script is kept.
      chmodSync(out, statSync(join(TEMPLATES_DIR, id, path)).mode & 0o777);
    }
  } catch (e) {
    io.err(
      `packsmith init: writing ${folder} failed: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 2;
  }
  io.out(`Wrote the template ${id} to ${folder} (${pack.value.size} files).\n`);
  const { validatePack } = await import("../pack/validate");
  const todo = findingLines(validatePack(pack.value).findings, "error");
  if (todo) io.out(`Before it can be pushed:\n${todo}`);
  return 0;
}
