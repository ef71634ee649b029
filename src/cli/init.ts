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
import { constants } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { PackFiles } from "../pack/pack-files";
import { err, ok, type Result } from "../pack/result";
import { raisedBy, TARGETS } from "../pack/targets";
import {
  sampleValueLines,
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

/**
 * Template `id`: its description and its pack (template.json left out), read with the core's
 * folder rules.
 */
export async function readTemplate(
  id: string,
  dir = TEMPLATES_DIR,
): Promise<Result<{ info: TemplateInfo; pack: PackFiles }, string>> {
  const list = listTemplates(dir);
  if (!list.ok) return list;
  const info = list.value.find((t) => t.id === id);
  if (!info)
    return err(
      `there is no template \`${id}\`; the templates are ${list.value.map((t) => t.id).join(", ")} (packsmith init --list)`,
    );
  const r = await readSource(join(dir, id));
  if (!r.ok) return err(`template ${id}: ${r.error.message}`);
  return ok({ info, pack: templatePack(r.value.files) });
}

function printList(list: TemplateInfo[], json: boolean, io: Io): void {
  if (json) {
    const shown = list.map(({ id, title, layer, description }) => ({
      id,
      title,
      layer,
      description,
    }));
    io.out(`${JSON.stringify(shown, null, 2)}\n`);
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

/** `.<name>.packsmith-init-`: the hidden folder a new `<name>` is written in, before the pid. */
const hiddenPrefix = (target: string): string =>
  `.${basename(target)}.packsmith-init-`;

/** Whether process `pid` exists (EPERM: it does, as another user's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Remove the hidden folders an earlier init of `target` left beside it when it was killed where
 * nothing runs to clean up (SIGKILL, a crash of the machine): those whose process is gone, and
 * those with this process's pid, which can only be a dead one's reused (a container's process
 * often has the same pid on every run, and mkdir would refuse the name). A live process's folder
 * is its write in progress and stays.
 */
function removeStale(target: string): void {
  const parent = dirname(target);
  const prefix = hiddenPrefix(target);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return; // No parent yet: nothing was left in it.
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) ? name.slice(prefix.length) : "";
    if (!/^[1-9]\d*$/.test(pid)) continue;
    if (Number(pid) === process.pid || !alive(Number(pid)))
      removeQuietly(join(parent, name));
  }
}

/**
 * Write `pack` into `target` whole or not at all, so a failed write (a full disk, a file size
 * limit) never leaves a half-written pack that the retry then refuses as "not empty". Returns what
 * takes the written pack back again (for a signal that came during the write, see holdingSignals).
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
): () => void {
  if (existing) {
    const undo = () => {
      const tops = new Set([...pack.keys()].map((p) => p.split("/")[0]!));
      for (const top of tops) removeQuietly(join(target, top));
    };
    try {
      writeFiles(pack, target, modeOf);
    } catch (e) {
      undo();
      throw e;
    }
    return undo;
  }
  removeStale(target);
  const madeParent = mkdirSync(dirname(target), { recursive: true });
  const hidden = `${join(dirname(target), hiddenPrefix(target))}${process.pid}`;
  const removeWithParent = (folder: string) => {
    removeQuietly(folder);
    if (madeParent !== undefined) removeQuietly(madeParent);
  };
  try {
    mkdirSync(hidden);
    writeFiles(pack, hidden, modeOf);
    renameSync(hidden, target);
  } catch (e) {
    removeWithParent(hidden);
    throw e;
  }
  return () => removeWithParent(target);
}

/** The signals that ask init to stop: Ctrl-C, and `kill`'s default. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** The next task of the event loop's check phase. */
const nextTurn = () => new Promise((done) => setImmediate(done));

/**
 * Run the synchronous `write` with SIGINT and SIGTERM held: its result, and the signal that came
 * during it, if one did.
 *
 * Without a listener either signal ends the process at once, and one that came while writePack
 * wrote its hidden folder left that folder beside the target. Node runs a listener only between
 * tasks, so a signal that comes during `write` waits until it has ended: the hidden folder is then
 * renamed into place or removed, and the caller takes the write back. The listeners stay for two
 * turns of the event loop: libuv reads a signal in the poll phase, and the first turn may end in
 * the check phase of the turn whose poll has passed; a signal still unread when its last listener
 * goes is dropped, and Ctrl-C would be lost.
 *
 * SIGKILL cannot be held or caught: the hidden folder stays until the next init of the same
 * folder removes it (removeStale), as it does after a crash of the machine.
 */
async function holdingSignals<T>(
  write: () => T,
): Promise<{ signal?: NodeJS.Signals; result: Result<T, unknown> }> {
  let signal: NodeJS.Signals | undefined;
  const hold = (s: NodeJS.Signals) => {
    signal ??= s;
  };
  for (const s of STOP_SIGNALS) process.on(s, hold);
  let result: Result<T, unknown>;
  try {
    result = ok(write());
  } catch (e) {
    result = err(e);
  }
  await nextTurn();
  await nextTurn();
  for (const s of STOP_SIGNALS) process.off(s, hold);
  return signal ? { signal, result } : { result };
}

/**
 * What a pack written from template `info` still needs, as init prints it: every error, then every
 * warning, as `validate` (an OCI registry) reports them, each warning saying which other targets
 * make it an error (IMAGES_MISSING for pack-central: TARGET_ERRORS, so one validation tells every
 * target), then the documentation's sample values to replace, each at its line. "" when it needs
 * nothing.
 */
async function stillNeeds(
  info: TemplateInfo,
  pack: PackFiles,
): Promise<string> {
  const { validatePack } = await import("../pack/validate");
  const findings = validatePack(pack).findings;
  const marked = findings.map((f) => {
    const targets = TARGETS.filter((t) => raisedBy(t, f.code));
    return targets.length
      ? {
          ...f,
          message: `${f.message} (an error for --target ${targets.join(", ")})`,
        }
      : f;
  });
  const found =
    findingLines(findings, "error") + findingLines(marked, "warning");
  const samples = sampleValueLines(info.sampleValues, pack)
    .map(
      (s) =>
        `  ${s.file}${s.line ? `:${s.line}` : ""}  ${s.path}: ${s.replaceWith}\n`,
    )
    .join("");
  const replace = samples
    ? `Replace the documentation's sample values with your own:\n${samples}`
    : "";
  return found || replace ? `What it still needs:\n${found}${replace}` : "";
}

/**
 * `packsmith init <template> <folder>`: write the template's pack into a new (or empty) folder,
 * whole or not at all (writePack), then say what the pack still needs (stillNeeds: its errors,
 * its warnings and the sample values it copies from the documentation).
 * `packsmith init --list [--json]`: the templates, `[{id, title, layer, description}]` as JSON.
 * Exit 0 when written or listed, 2 when it cannot be, 128 + the signal's number when SIGINT or
 * SIGTERM stopped the write (holdingSignals), which is then taken back.
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
  const template = await readTemplate(id);
  if (!template.ok) {
    io.err(`packsmith init: ${template.error}\n`);
    return 2;
  }
  const { info, pack } = template.value;
  const { signal, result } = await holdingSignals(() =>
    writePack(
      pack,
      target,
      existing,
      // The executable bit of a role's script is kept.
      (path) => statSync(join(TEMPLATES_DIR, id, path)).mode & 0o777,
    ),
  );
  const left = existing ? `${folder} is left empty` : "nothing was left behind";
  if (signal) {
    if (result.ok) result.value(); // Take the write back: the user asked to stop.
    io.err(`packsmith init: stopped by ${signal}; ${left}\n`);
    return 128 + constants.signals[signal];
  }
  if (!result.ok) {
    const why = result.error;
    io.err(
      `packsmith init: writing ${folder} failed: ${why instanceof Error ? why.message : String(why)}; ${left}\n`,
    );
    return 2;
  }
  io.out(`Wrote the template ${id} to ${folder} (${pack.size} files).\n`);
  io.out(await stillNeeds(info, pack));
  return 0;
}
