import { isMap, parseDocument, YAMLMap, type Document } from "yaml";
import { hasPath, parseYamlLimited } from "./yaml-text";

/** The `manifests.<key>` a manifest file's values live under: its base name without `.yaml`/`.yml`. */
export function manifestKey(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return base.replace(/\.ya?ml$/i, "");
}

/**
 * Each `.Values.<path>` inside a template action (`{{ … }}`) of a Go-template manifest, in order,
 * with the action's text before and after it: the one reading of the grammar that
 * {@link manifestValueRefs} and {@link manifestValueSeeds} share.
 */
function* valuesUses(
  text: string,
): Generator<{ path: string; before: string; after: string }> {
  for (const action of text.matchAll(/\{\{-?([\s\S]*?)-?\}\}/g)) {
    const body = action[1] ?? "";
    for (const m of body.matchAll(
      /(?<![\w$])\.Values((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)/g,
    )) {
      yield {
        path: (m[1] ?? "").slice(1),
        before: body.slice(0, m.index),
        after: body.slice((m.index ?? 0) + m[0].length),
      };
    }
  }
}

/**
 * The `.Values` paths a Go-template manifest uses, e.g. `{{ .Values.image.tag }}` → `image.tag`,
 * in order of first use. A path that is a prefix of another (used in an `if`) is dropped: the
 * longer one seeds it.
 */
export function manifestValueRefs(text: string): string[] {
  const found: string[] = [];
  for (const { path } of valuesUses(text))
    if (!found.includes(path)) found.push(path);
  return found.filter(
    (p) => !found.some((q) => q !== p && q.startsWith(`${p}.`)),
  );
}

/**
 * A typed default for each `.Values` path a manifest uses (see {@link manifestValueRefs}), read from
 * how the template uses it: `range $k, $v := .Values.x` or `toYaml`/`with` → `{}`, `range` → `[]`,
 * `if`/`not`/`and`/`or` → `false`, `| int` or a count-like name (`replicas`, `port`) → `0`,
 * `default <literal> .Values.x` → that literal; anything else `""`.
 */
export function manifestValueSeeds(text: string): Map<string, unknown> {
  const guess = new Map<string, unknown>();
  const rank = (v: unknown): number =>
    Array.isArray(v) ? 4 : typeof v === "object" && v !== null ? 3 : 1;
  const put = (path: string, v: unknown, strong: boolean): void => {
    const had = guess.get(path);
    // Collections win over scalars (`if .Values.tls` then `range .Values.tls` is a list).
    if (!guess.has(path) || strong || rank(v) > rank(had)) guess.set(path, v);
  };
  for (const { path, before, after } of valuesUses(text)) {
    const literal =
      /\bdefault\s+("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false)\s*$/.exec(
        before,
      );
    if (literal?.[1] !== undefined) put(path, JSON.parse(literal[1]), true);
    else if (/\brange\s+\$\w+\s*,\s*\$\w+\s*:=\s*$/.test(before))
      put(path, {}, false);
    else if (/\brange\s+(?:\$\w+\s*:=\s*)?$/.test(before)) put(path, [], false);
    else if (/\b(?:toYaml|with)\s+$/.test(before)) put(path, {}, false);
    else if (/^\s*\|\s*(?:int|int64|float64)\b/.test(after))
      put(path, 0, false);
    else if (/\b(?:if|not|and|or)\s+$/.test(before)) put(path, false, false);
    else if (
      /(?:^|\.)(?:replicas|replicaCount|[A-Za-z]*[pP]ort|[A-Za-z]*Seconds)$/.test(
        path,
      )
    )
      put(path, 0, false);
    else put(path, "", false);
  }
  return guess;
}

/**
 * Why `text` does not parse, as the problem list says it: the core's first YAML finding, its
 * message and its line. The parser's own message carries a code excerpt, and the line where it
 * gave up (an unclosed `[` is reported on a later line). `doc` is the parser's answer, for the
 * case the core saw no error.
 */
function notParsed(text: string, file: string, doc: Document): Error {
  const first = parseYamlLimited(text, file).findings.find(
    (f) => f.severity === "error",
  );
  return new Error(
    first
      ? `${first.message}${first.line ? ` (line ${first.line})` : ""}`
      : `${file}: ${doc.errors[0]?.message ?? "it does not parse"}`,
  );
}

function docOf(text: string): Document {
  const doc = parseDocument(text, {
    keepSourceTokens: false,
    prettyErrors: false,
  });
  if (doc.errors.length) throw notParsed(text, "values.yaml", doc);
  if (doc.contents === null)
    // createNode gives the map the document's schema, which setIn needs to create nested keys.
    doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  if (!isMap(doc.contents))
    throw new Error("values.yaml must be a mapping at the top level");
  return doc;
}

/**
 * Make the empty map at `path` block style: a removal leaves `charts: {}`, a flow map, and what is
 * added into a flow map is written in flow style too (`{ replicas: 1, … }`, comments out of line).
 * A flow map with entries is the user's and stays as written.
 */
function unflowEmpty(doc: Document, path: readonly string[]): void {
  const node = doc.getIn(path, true);
  if (isMap(node) && node.flow && node.items.length === 0) node.flow = false;
}

export interface Composed {
  text: string;
  /** False when the block already existed and was left untouched. */
  added: boolean;
}

/**
 * Add `charts.<chartName>` seeded from the chart's own values.yaml, keeping the comments of both
 * files. An existing block is never overwritten. Throws when either text is not valid YAML.
 */
export function addChartValues(
  valuesText: string,
  chartName: string,
  chartValuesText: string,
): Composed {
  const doc = docOf(valuesText);
  if (doc.hasIn(["charts", chartName]))
    return { text: valuesText, added: false };
  const chartDoc = parseDocument(chartValuesText, { prettyErrors: false });
  if (chartDoc.errors.length)
    throw notParsed(chartValuesText, "the chart's values.yaml", chartDoc);
  const node = isMap(chartDoc.contents) ? chartDoc.contents : new YAMLMap();
  if (chartDoc.commentBefore && isMap(node))
    node.commentBefore = chartDoc.commentBefore;
  if (!doc.hasIn(["charts"])) doc.setIn(["charts"], new YAMLMap());
  unflowEmpty(doc, ["charts"]);
  doc.setIn(["charts", chartName], node);
  return { text: doc.toString({ lineWidth: 0 }), added: true };
}

/** Remove `charts.<chartName>` (when the chart is removed from the pack). */
export function removeValuesBlock(
  valuesText: string,
  section: "charts" | "manifests",
  key: string,
): string {
  const doc = docOf(valuesText);
  if (!doc.hasIn([section, key])) return valuesText;
  doc.deleteIn([section, key]);
  return doc.toString({ lineWidth: 0 });
}

/**
 * Put back `<section>.<key>` as `before` had it (comments included) into `current`, after
 * {@link removeValuesBlock}: `before` itself when nothing else changed since, so an undo gives
 * the same bytes. Throws when either text is not valid YAML.
 */
export function restoreValuesBlock(
  current: string,
  before: string,
  removed: string,
  section: "charts" | "manifests",
  key: string,
): string {
  if (current === removed) return before;
  const old = docOf(before);
  const node = old.getIn([section, key], true);
  if (node === undefined) return current;
  const doc = docOf(current);
  if (!doc.hasIn([section])) doc.setIn([section], new YAMLMap());
  unflowEmpty(doc, [section]);
  doc.setIn([section, key], node);
  return doc.toString({ lineWidth: 0 });
}

/**
 * Add `manifests.<key>` with a typed default ({@link manifestValueSeeds}) for each `.Values` path
 * the manifest uses that the values do not have yet, in block style. Existing values are kept.
 */
export function addManifestValues(
  valuesText: string,
  manifestPath: string,
  manifestText: string,
): Composed {
  const doc = docOf(valuesText);
  const key = manifestKey(manifestPath);
  const refs = manifestValueRefs(manifestText);
  const seeds = manifestValueSeeds(manifestText);
  const existing = (doc.toJS() ?? {}) as unknown;
  // Written block style whatever the file had (`manifests: {}` would make a one-line flow map).
  unflowEmpty(doc, ["manifests"]);
  unflowEmpty(doc, ["manifests", key]);
  let added = false;
  for (const ref of refs) {
    if (hasPath(existing, `manifests.${key}.${ref}`)) continue;
    const parts = ref.split(".");
    // Only seed into maps: a scalar in the way belongs to the user.
    let ok = true;
    for (let i = 1; i < parts.length; i++) {
      const v = doc.getIn(["manifests", key, ...parts.slice(0, i)], true);
      if (v !== undefined && !isMap(v)) ok = false;
    }
    if (!ok) continue;
    const seed = seeds.get(ref) ?? "";
    doc.setIn(
      ["manifests", key, ...parts],
      doc.createNode(seed, { flow: false }),
    );
    added = true;
  }
  if (!added && refs.length === 0 && !doc.hasIn(["manifests", key]))
    return { text: valuesText, added: false };
  return added
    ? { text: doc.toString({ lineWidth: 0 }), added }
    : { text: valuesText, added };
}
