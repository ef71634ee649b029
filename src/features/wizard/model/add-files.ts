import type { ChartRow, FileRow } from "@/features/wizard/model/draft-schema";
import { showName } from "@/pack/archive-error";
import type { ChartError, ChartInfo } from "@/pack/chart";
import { foldName } from "@/pack/pack-files";
import { err, ok, type Result } from "@/pack/result";
import {
  addChartValues,
  addManifestValues,
  manifestKey,
  manifestValueRefs,
} from "@/pack/values";
import { decodeText, parseYamlLimited } from "@/pack/yaml-text";

/** The last values.yaml text read for its `charts.<name>` blocks, and their names. */
let lastChartBlocks: { text: string; names: readonly string[] } | undefined;
const NO_NAMES: readonly string[] = Object.freeze([]);

/**
 * The names of values.yaml's `charts.<name>` blocks, from the last call's answer when the text is
 * the same: the Content step asks on every render (each report, each keystroke in another field)
 * and a 1 MB values.yaml takes ~300 ms to parse on the page's thread, so it is parsed once per
 * change of its text (values.yaml is not typed on that step). One entry, so memory stays one text.
 */
export function chartBlockNames(valuesText: string | null): readonly string[] {
  if (!valuesText) return NO_NAMES;
  if (lastChartBlocks?.text === valuesText) return lastChartBlocks.names;
  const root = parseYamlLimited(valuesText, "values.yaml").values[0] as
    { charts?: Record<string, unknown> | null } | null | undefined;
  const charts = root?.charts;
  const names =
    !charts || typeof charts !== "object" || Array.isArray(charts)
      ? NO_NAMES
      : Object.freeze(Object.keys(charts));
  lastChartBlocks = { text: valuesText, names };
  return names;
}

/**
 * The chart names values.yaml has a `charts.<name>` block for that no chart in `have` is named:
 * the charts it expects (a template's, whose archive the user still has to add).
 */
export function expectedCharts(
  valuesText: string | null,
  have: readonly string[],
): string[] {
  return chartBlockNames(valuesText).filter((k) => !have.includes(k));
}

/**
 * Why a name is taken when it differs from the one in the pack only in case: both cannot be
 * written to one folder where names ignore case (every reader refuses such an archive).
 */
export const caseNote = (taken: string, wanted: string): string =>
  taken === wanted
    ? ""
    : ` (${wanted} differs from it only in case, and macOS and Windows would keep one of the two)`;

/** What happened to each dropped file, in words for the user. */
export interface AddOutcome {
  added: string[];
  refused: string[];
  notes: string[];
}

/** A file name made safe for a pack path (the core's allow-list is `[A-Za-z0-9._-]`). */
export const safeFileName = (name: string): string =>
  name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "") || "file";

export interface ChartCandidate {
  fileName: string;
  bytes: Uint8Array;
  /** The core's readChart on the bytes (run in the worker). */
  read: Result<ChartInfo, ChartError>;
}

/** The file name `helm package` gives a chart: `charts/<name>-<version>.tgz`. */
export const helmChartPath = (name: string, version: string): string =>
  `charts/${safeFileName(`${name}-${version}`)}.tgz`;

/**
 * Add dropped chart archives: each must be a readable Helm chart whose name is not in the pack
 * yet, or another version of one that is, which takes its place (values.yaml's block is kept).
 * It keeps its file name (`charts/<file name>`; renaming to `<name>-<version>.tgz` is offered,
 * `renameChart`), and fills an entry pack.json lists whose file is missing: the one under that
 * file name, else (a template's `charts/prometheus-grafana.tgz`, which `helm pull` never names so)
 * one whose chart values.yaml expects by this chart's name (`charts.<name>` with no chart named
 * so), its path then the chart's own. Its own values seed `charts.<name>` in values.yaml unless
 * that block exists.
 */
export function addCharts(
  existing: readonly ChartRow[],
  candidates: readonly ChartCandidate[],
  valuesText: string | null,
  newBlob: (bytes: Uint8Array) => string,
): { rows: ChartRow[]; valuesText: string | null; outcome: AddOutcome } {
  const outcome: AddOutcome = { added: [], refused: [], notes: [] };
  const rows = [...existing];
  let text = valuesText;
  for (const c of candidates) {
    if (!c.read.ok) {
      outcome.refused.push(chartRefusal(c.fileName, c.read.error));
      continue;
    }
    const info = c.read.value;
    const path = `charts/${safeFileName(c.fileName)}`;
    const same = rows.find(
      (r) =>
        r.name === info.name ||
        (foldName(r.path) === foldName(path) && r.blob !== null),
    );
    if (same?.name === info.name && same.version !== info.version) {
      // Another version of a chart in the pack: an upgrade (or a step back). The archive is
      // replaced in its place and the user's charts.<name> block kept: removing the chart first
      // took the block with it, and the new chart's defaults came in its place.
      const clash = rows.find(
        (r) => r !== same && foldName(r.path) === foldName(path),
      );
      if (clash) {
        outcome.refused.push(
          `${c.fileName}: ${clash.path} is already in the pack${caseNote(clash.path, path)}`,
        );
        continue;
      }
      rows[rows.indexOf(same)] = {
        blob: newBlob(c.bytes),
        path,
        name: info.name,
        version: info.version,
      };
      outcome.added.push(
        `${info.name} ${info.version} as ${path}, in place of ${same.version}${same.path === path ? "" : ` (${same.path})`}`,
      );
      if (text !== null && chartBlockNames(text).includes(info.name))
        outcome.notes.push(
          `values.yaml keeps charts.${info.name} as it was: compare it with the defaults of ${info.version} on the Values step.`,
        );
      continue;
    }
    if (same) {
      outcome.refused.push(
        same.name === info.name
          ? `${c.fileName}: the chart ${info.name} ${info.version} is already in the pack (${same.path})`
          : `${c.fileName}: ${same.path} is already in the pack${caseNote(same.path, path)}`,
      );
      continue;
    }
    const row: ChartRow = {
      blob: newBlob(c.bytes),
      path,
      name: info.name,
      version: info.version,
    };
    const missing = missingEntryFor(rows, path, info.name, text);
    const placeholder = rows[missing]?.path;
    if (missing === -1) rows.push(row);
    else rows[missing] = row;
    outcome.added.push(
      placeholder === undefined || placeholder === path
        ? `${info.name} ${info.version} as ${path}`
        : `${info.name} ${info.version} as ${path}, in place of the missing ${placeholder}`,
    );
    if (placeholder !== undefined && placeholder !== path)
      outcome.notes.push(
        `It fills the entry pack.json listed as ${placeholder}, whose settings values.yaml has under charts.${info.name}: pack.json now lists ${path}.`,
      );
    if (text === null) continue;
    try {
      const r = addChartValues(text, info.name, info.valuesText);
      text = r.text;
      outcome.notes.push(
        r.added
          ? `values.yaml now has charts.${info.name}, seeded with the chart's defaults.`
          : `values.yaml already had charts.${info.name}: kept as it was.`,
      );
    } catch (e) {
      outcome.notes.push(
        `charts.${info.name} was not added: ${e instanceof Error ? e.message : String(e)}. Fix values.yaml on the Values step.`,
      );
    }
  }
  return { rows, valuesText: text, outcome };
}

/**
 * Why a dropped file is not a chart, naming it once: the reader's messages mostly start with the
 * archive's name (quoted, as the core quotes untrusted names), then say what is wrong with it.
 */
function chartRefusal(fileName: string, error: ChartError): string {
  const quoted = showName(fileName);
  return error.message.startsWith(quoted)
    ? `${fileName}${error.message.slice(quoted.length)}`
    : `${fileName} cannot be read as a Helm chart: ${error.message}`;
}

/**
 * The missing entry (no archive) a chart fills: the one under its file name, else, when values.yaml
 * expects a chart of its name, the missing entry whose file name starts with that name, else the
 * first missing one. -1 when it fills none.
 */
function missingEntryFor(
  rows: readonly ChartRow[],
  path: string,
  name: string,
  valuesText: string | null,
): number {
  const exact = rows.findIndex((r) => r.path === path && r.blob === null);
  if (exact !== -1) return exact;
  const named = rows.filter((r) => r.name !== "").map((r) => r.name);
  if (!expectedCharts(valuesText, named).includes(name)) return -1;
  const byName = rows.findIndex(
    (r) => r.blob === null && r.path.startsWith(`charts/${name}`),
  );
  return byName !== -1 ? byName : rows.findIndex((r) => r.blob === null);
}

/**
 * Rename chart `index` to what `helm package` calls it (`charts/<name>-<version>.tgz`): an error
 * when the chart was not read or another file has that name. The archive is unchanged.
 */
export function renameChart(
  rows: readonly ChartRow[],
  index: number,
): Result<ChartRow[], string> {
  const row = rows[index];
  if (!row || row.blob === null || row.name === "")
    return err("only a chart in the pack can be renamed");
  const path = helmChartPath(row.name, row.version);
  if (rows.some((r, i) => i !== index && r.path === path))
    return err(`${path} is already in the pack`);
  return ok(rows.map((r, i) => (i === index ? { ...r, path } : r)));
}

/**
 * Add dropped manifests: UTF-8 YAML (a plain manifest must parse; a Go template cannot be
 * checked until Palette renders it), stored under `manifests/`, each with a distinct values key.
 * The `.Values` paths a manifest uses are seeded, empty, under `manifests.<key>`.
 */
export function addManifests(
  existing: readonly FileRow[],
  candidates: readonly { fileName: string; bytes: Uint8Array }[],
  valuesText: string | null,
  newBlob: (bytes: Uint8Array) => string,
): { rows: FileRow[]; valuesText: string | null; outcome: AddOutcome } {
  const outcome: AddOutcome = { added: [], refused: [], notes: [] };
  const rows = [...existing];
  let text = valuesText;
  for (const c of candidates) {
    if (!/\.ya?ml$/i.test(c.fileName)) {
      outcome.refused.push(`${c.fileName} is not a .yaml or .yml file`);
      continue;
    }
    const content = decodeText(c.bytes);
    if (content === null) {
      outcome.refused.push(
        `${c.fileName} is not text (UTF-8): a manifest is YAML text`,
      );
      continue;
    }
    const path = `manifests/${safeFileName(c.fileName)}`;
    const key = manifestKey(path);
    const clash = rows.find(
      (r) => manifestKey(r.path) === key || foldName(r.path) === foldName(path),
    );
    if (clash) {
      outcome.refused.push(
        manifestKey(clash.path) === key
          ? `${c.fileName}: ${clash.path} is already in the pack, and both would take their values from manifests.${key}`
          : `${c.fileName}: ${clash.path} is already in the pack${caseNote(clash.path, path)}`,
      );
      continue;
    }
    if (!content.includes("{{")) {
      const bad = parseYamlLimited(content, path, {
        multi: true,
      }).findings.find((f) => f.severity === "error");
      if (bad) {
        outcome.refused.push(
          `${c.fileName} is not valid YAML: ${bad.message}${bad.line ? ` (line ${bad.line})` : ""}`,
        );
        continue;
      }
    }
    rows.push({ blob: newBlob(c.bytes), path });
    outcome.added.push(path);
    const refs = manifestValueRefs(content);
    if (refs.length === 0 || text === null) continue;
    try {
      const r = addManifestValues(text, path, content);
      text = r.text;
      if (r.added)
        outcome.notes.push(
          `${path} uses ${refs.map((x) => `.Values.${x}`).join(", ")}: values.yaml now has them, with defaults, under manifests.${key}. Fill them in on the Values step.`,
        );
    } catch (e) {
      outcome.notes.push(
        `The values ${path} uses were not added: ${e instanceof Error ? e.message : String(e)}. Fix values.yaml on the Values step.`,
      );
    }
  }
  return { rows, valuesText: text, outcome };
}
