import type { ChartInfo, SubchartInfo } from "./chart";
import type { ChartDependency } from "./chart-meta";
import type { Finding } from "./finding";
import {
  imageRefString,
  namesRegistry,
  parseImageRef,
  type ImageRef,
} from "./image-ref";
import { compareBytes, type PackFiles } from "./pack-files";
import { IMAGE_LINE, linesWith, scalarOfLine } from "./template-images";
import { manifestKey } from "./values";
import { decodeText, parseYamlLimited, type ParsedYaml } from "./yaml-text";

export { parseImageRef } from "./image-ref";

/** registry-api.md `PackDetail.images[]`: one container image the pack pulls. */
export interface PackImage {
  /** As written, or as composed from chart values (`registry/repository:tag`). */
  ref: string;
  /** The file it was found in: `values.yaml`, `manifests/x.yaml`, `charts/x.tgz/values.yaml`. */
  source: string;
  /** 1-based line in `source`, when known. */
  line?: number;
  /** How it was found when that is not plain: a tag from appVersion, a disabled block, a global registry. */
  note?: string;
}

/** What {@link packImages} reads. */
export interface ImageSources {
  files: PackFiles;
  /** The pack's values.yaml, parsed (null when it is missing or broken). */
  values: ParsedYaml | null;
  /** Every chart archive that could be read, by its path in the pack. */
  charts: readonly { file: string; info: ChartInfo }[];
}

export interface ImageScan {
  /** Deduplicated by reference (Docker's normalised form); the first place found wins. */
  images: PackImage[];
  /** IMAGES_UNLISTED (info) and IMAGE_REF_INVALID (warning). */
  findings: Finding[];
}

type Obj = Record<string, unknown>;
type Path = (string | number)[];

const isObj = (v: unknown): v is Obj =>
  !!v && typeof v === "object" && !Array.isArray(v);

interface Found extends PackImage {
  origin: "listed" | "manifest" | "chart";
  /** In a block or subchart that is switched off: found, but not necessarily pulled. */
  conditional: boolean;
}

/**
 * Every container image a pack pulls (registry-api.md version 2): the `pack.content.images` list
 * of values.yaml, `image:` fields of the manifests under `manifests/` (simple `{{ .Values.x }}`
 * references resolved from `manifests.<name>`), and image-shaped values of each chart and its
 * subcharts, the chart's defaults overridden by the pack's `charts.<name>`. Findings name images
 * the list misses and references that are malformed. Never throws.
 */
export function packImages(src: ImageSources): ImageScan {
  const found: Found[] = [];
  const root = src.values?.values[0];
  found.push(...listedImages(src.values));
  found.push(...manifestImages(src.files, isObj(root) ? root : {}));
  for (const chart of src.charts)
    found.push(...chartImages(chart.file, chart.info, src.values));
  return collect(found);
}

function listedImages(values: ParsedYaml | null): Found[] {
  const root = values?.values[0];
  const pack = isObj(root) ? root.pack : undefined;
  const content = isObj(pack) ? pack.content : undefined;
  const list = isObj(content) ? content.images : undefined;
  if (!Array.isArray(list) || !values) return [];
  return list.flatMap((item: unknown, i): Found[] => {
    const image = isObj(item) ? item.image : undefined;
    if (typeof image !== "string" || image.trim() === "") return [];
    const where = locate(
      [packLayer(values, [])],
      [["pack", "content", "images", i, "image"]],
    );
    return [
      { ref: image.trim(), ...where, origin: "listed", conditional: false },
    ];
  });
}

const SIMPLE_REF =
  /\{\{-?\s*\.Values\.([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*-?\}\}/g;

function manifestImages(files: PackFiles, root: Obj): Found[] {
  const out: Found[] = [];
  const manifests = isObj(root.manifests) ? root.manifests : {};
  const paths = [...files.keys()]
    .filter((p) => p.startsWith("manifests/") && /\.ya?ml$/i.test(p))
    .sort(compareBytes);
  for (const path of paths) {
    const text = decodeText(files.get(path)!);
    if (text === null) continue;
    const values = manifests[manifestKey(path)];
    for (const { line, number } of linesWith(text, "image")) {
      const m = IMAGE_LINE.exec(line);
      if (!m) continue;
      let value = scalarOfLine(m[3] ?? "");
      if (value === null) continue;
      const notes: string[] = [];
      if (value.includes("{{")) {
        const resolved = resolveSimpleRefs(value, values);
        if (resolved === null) continue;
        value = resolved;
        notes.push(
          `resolved from values.yaml \`manifests.${manifestKey(path)}\``,
        );
      }
      notes.push(...untagged(value));
      const note = notes.join("; ");
      out.push({
        ref: value,
        source: path,
        line: number,
        ...(note ? { note } : {}),
        origin: "manifest",
        conditional: false,
      });
    }
  }
  return out;
}

/** Replace each `{{ .Values.a.b }}` with its scalar value; null when anything else is templated. */
function resolveSimpleRefs(text: string, values: unknown): string | null {
  let failed = false;
  const out = text.replace(SIMPLE_REF, (_m, path: string) => {
    const v = getPath(values, path.split("."));
    if (typeof v === "string" || typeof v === "number") return String(v);
    failed = true;
    return "";
  });
  return failed || out.includes("{{") || out.trim() === "" ? null : out.trim();
}

function getPath(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const k of path) {
    if (!v || typeof v !== "object") return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Obj)[k];
  }
  return v;
}

/**
 * One file whose values take part in a chart's effective values, highest priority first. `prefix`
 * locates the chart's values inside the file; `globalPrefix` its `global` values.
 */
interface Layer {
  file: string;
  /** The file's parse (its first document is the one read). */
  parsed: ParsedYaml;
  prefix: Path;
  globalPrefix: Path;
}

function packLayer(values: ParsedYaml, prefix: Path): Layer {
  return {
    file: "values.yaml",
    parsed: values,
    prefix,
    globalPrefix: prefix,
  };
}

/** Helm's coalescing: maps merge key by key, the override wins, `null` in the override removes a key. */
function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isObj(base) || !isObj(over)) return over;
  const out: Obj = {};
  const put = (k: string, v: unknown): void => {
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  };
  for (const k of Object.keys(base)) put(k, base[k]);
  for (const k of Object.keys(over)) {
    if (over[k] === null) delete out[k];
    else put(k, merge(out[k], over[k]));
  }
  return out;
}

/**
 * A chart's (or subchart's) default values.yaml parsed, once per `owner` (its ChartInfo or
 * SubchartInfo): a validation that re-uses an opened chart (ValidateOptions.chartCache) does not
 * parse its defaults again. The parse is only read, never changed.
 */
const parsedDefaults = new WeakMap<
  object,
  { text: string; label: string; parsed: ParsedYaml | null }
>();

function parseValues(
  owner: object,
  text: string,
  label: string,
): ParsedYaml | null {
  const hit = parsedDefaults.get(owner);
  if (hit?.text === text && hit.label === label) return hit.parsed;
  let parsed: ParsedYaml | null = null;
  if (text.trim() !== "") {
    const p = parseYamlLimited(text, label);
    parsed = p.findings.some((f) => f.severity === "error") ? null : p;
  }
  parsedDefaults.set(owner, { text, label, parsed });
  return parsed;
}

/** A chart, or one use of a subchart inside it, with the values it renders with. */
interface Instance {
  /** "" for the chart itself, else the subchart's path inside the chart. */
  path: string;
  /** Its effective values: defaults, then the parent's block, then the pack's. */
  values: unknown;
  /** Its own default values.yaml, which decides which values are its own. */
  own: unknown;
  layers: Layer[];
  deps: ChartDependency[];
  appVersion?: string;
  /** Why the whole subchart is switched off, or null. */
  off: string | null;
  /** Subcharts by the values key they read. */
  children: Map<string, unknown>;
}

function chartImages(
  file: string,
  info: ChartInfo,
  packValues: ParsedYaml | null,
): Found[] {
  const packRoot = packValues?.values[0];
  const charts = isObj(packRoot) ? packRoot.charts : undefined;
  const override = isObj(charts) ? charts[info.name] : undefined;
  const own = parseValues(info, info.valuesText, `${file}/values.yaml`);
  const layers: Layer[] = [];
  if (packValues?.values.length && override !== undefined)
    layers.push(packLayer(packValues, ["charts", info.name]));
  if (own?.values.length)
    layers.push({
      file: `${file}/values.yaml`,
      parsed: own,
      prefix: [],
      globalPrefix: [],
    });
  const root: Instance = {
    path: "",
    values: merge(own?.values[0] ?? {}, override),
    own: own?.values[0] ?? {},
    layers,
    deps: info.dependencies,
    ...(info.appVersion !== undefined ? { appVersion: info.appVersion } : {}),
    off: null,
    children: new Map(),
  };
  const instances = [root, ...subchartInstances(file, info, root)];
  // Values under a subchart's key that the subchart itself declares belong to the subchart (its
  // appVersion, its switch); the rest of the block is read by the parent's templates.
  const fromValues = instances.flatMap((inst) =>
    walkChart(inst, (path) => {
      if (inst.path !== "" && getPath(inst.own, path) === undefined)
        return false;
      const [first, ...rest] = path;
      const child =
        typeof first === "string" ? inst.children.get(first) : undefined;
      return child === undefined || getPath(child, rest) === undefined;
    }),
  );
  return [...fromValues, ...writtenImages(file, info, instances)];
}

/** A template of Helm's test hooks: its pods run only on `helm test`. */
const TEST_TEMPLATE = /(?:^|\/)templates\/tests\//;

/**
 * The images the chart's templates write literally (chart.ts templateImages): no value changes
 * them, and the values scan never sees them. One inside a block of its template, of a `helm test`
 * pod or of a switched-off subchart folder is noted as such (conditional: not necessarily pulled).
 */
function writtenImages(
  file: string,
  info: ChartInfo,
  instances: readonly Instance[],
): Found[] {
  return info.templateImages.map((t) => {
    // The deepest subchart folder the template belongs to.
    const inst = instances
      .filter((i) => i.path !== "" && t.path.startsWith(`${i.path}/`))
      .reduce<Instance | undefined>(
        (a, i) => (a && a.path.length > i.path.length ? a : i),
        undefined,
      );
    const test = TEST_TEMPLATE.test(t.path);
    const notes = ["written in the template"];
    if (test)
      notes.push("a `helm test` pod: pulled only when the chart's tests run");
    else if (t.inBlock)
      notes.push(
        "inside a block of the template (`if`, `with` or `range`): pulled when it renders",
      );
    if (inst?.off) notes.push(inst.off);
    notes.push(...untagged(t.ref));
    return {
      ref: t.ref,
      source: `${file}/${t.path}`,
      line: t.line,
      note: notes.join("; "),
      origin: "chart",
      conditional: test || t.inBlock || Boolean(inst?.off),
    };
  });
}

function subchartInstances(
  file: string,
  info: ChartInfo,
  root: Instance,
): Instance[] {
  const out: Instance[] = [];
  // Shallow first: a subchart folder's own subcharts (`charts/a/charts/b`) need `a`'s values.
  // Archives inside the chart archive are never opened (security.md), so they carry an error.
  const byPath = new Map<string, Instance>([["", root]]);
  const subs = [...info.subcharts]
    .filter((s) => !s.error && s.name)
    .sort((a, b) => a.path.split("/").length - b.path.split("/").length);
  for (const sub of subs) {
    const parentPath = sub.path.includes("/charts/")
      ? sub.path.slice(0, sub.path.lastIndexOf("/charts/"))
      : "";
    const parent = byPath.get(parentPath);
    if (!parent) continue;
    const deps = parent.deps.filter((d) => d.name === sub.name);
    // The same chart may be used twice under two aliases.
    for (const dep of deps.length ? deps : [{ name: sub.name! }]) {
      const inst = subchartInstance(file, sub, dep, parent);
      if (deps.length <= 1) byPath.set(sub.path, inst);
      out.push(inst);
    }
  }
  return out;
}

function subchartInstance(
  file: string,
  sub: SubchartInfo,
  dep: ChartDependency,
  parent: Instance,
): Instance {
  const key = dep.alias ?? dep.name;
  const label = `${file}/${sub.path}/values.yaml`;
  const own = parseValues(sub, sub.valuesText ?? "", label);
  const ownValues = own?.values[0] ?? {};
  parent.children.set(key, ownValues);
  const parentValues = isObj(parent.values) ? parent.values : {};
  let values = merge(ownValues, parentValues[key]);
  // Helm copies the parent's globals into every subchart; the parent's win.
  if (parentValues.global !== undefined)
    values = merge(values, { global: parentValues.global });
  const layers: Layer[] = parent.layers.map((l) => ({
    ...l,
    prefix: [...l.prefix, key],
  }));
  if (own?.values.length)
    layers.push({
      file: label,
      parsed: own,
      prefix: [],
      globalPrefix: [],
    });
  let off = parent.off;
  if (off === null && dep.condition) {
    for (const cond of dep.condition.split(",").map((c) => c.trim())) {
      const v = getPath(parentValues, cond.split("."));
      if (typeof v !== "boolean") continue;
      if (!v) off = `subchart \`${key}\` is off (\`${cond}\` is false)`;
      break;
    }
  }
  return {
    path: sub.path,
    values,
    own: ownValues,
    layers,
    deps: sub.dependencies ?? [],
    ...(sub.appVersion !== undefined ? { appVersion: sub.appVersion } : {}),
    off,
    children: new Map(),
  };
}

/** A key whose string value is an image reference: `image`, `initImage`, `kube_rbac_proxy_image`. */
const IMAGE_KEY = /(?:^|[a-z0-9_])image$/i;
/** A key whose mapping may describe an image: also `imageAgg`, `images`, `imageConfig`. */
const IMAGE_OBJECT_KEY = /image/i;

/** Walk a chart's effective values for the image conventions real charts use. */
function walkChart(inst: Instance, accept: (path: Path) => boolean): Found[] {
  const { layers, appVersion, off } = inst;
  const out: Found[] = [];
  const values = inst.values;
  const globals = isObj(values) && isObj(values.global) ? values.global : {};
  const globalImage = isObj(globals.image) ? globals.image : {};
  // `global.imageRegistry` (Bitnami) and `global.image.registry` replace an image's registry;
  // `global.registry` only fills in for an image that names none.
  const override =
    nonEmpty(globals.imageRegistry) !== undefined
      ? {
          value: nonEmpty(globals.imageRegistry)!,
          from: "global.imageRegistry",
        }
      : nonEmpty(globalImage.registry) !== undefined
        ? {
            value: nonEmpty(globalImage.registry)!,
            from: "global.image.registry",
          }
        : null;
  const fallback =
    nonEmpty(globals.registry) !== undefined
      ? { value: nonEmpty(globals.registry)!, from: "global.registry" }
      : null;

  const found = (
    ref: string,
    fields: Path[],
    extra: string[],
    disabled: string | null,
  ): Found => {
    const notes = [...extra];
    if (off) notes.push(off);
    else if (disabled)
      notes.push(`\`${disabled}\` is false: pulled only when it is turned on`);
    return {
      ref,
      ...locate(layers, fields),
      ...(notes.length ? { note: notes.join("; ") } : {}),
      origin: "chart",
      conditional: off !== null || disabled !== null,
    };
  };

  const compose = (
    o: Obj,
    repoKey: string,
    at: Path,
    ancestors: Obj[],
  ): { ref: string; extra: string[]; fields: Path[] } | null => {
    let repo = nonEmpty(o[repoKey]);
    if (repo === undefined || repo.includes("{{")) return null;
    const extra: string[] = [];
    let registry = nonEmpty(o.registry)?.replace(/\/+$/, "");
    const isGlobal = at[0] === "global";
    if (repo.startsWith("/") && registry === undefined) {
      // kubernetes-csi charts: `image.baseRepo` + `/sig-storage/csi-provisioner`.
      const base = ancestors
        .map((a) => nonEmpty(a.baseRepo))
        .find((b) => b !== undefined);
      if (base !== undefined) {
        repo = `${base.replace(/\/+$/, "")}${repo}`;
        extra.push("registry from `baseRepo`");
      }
    } else if (!namesRegistry(repo) && !isGlobal) {
      const g = override ?? (registry === undefined ? fallback : null);
      if (g) {
        registry = g.value.replace(/\/+$/, "");
        extra.push(`registry from \`${g.from}\``);
      }
    }
    let tag = scalarText(o.tag, layers, [...at, "tag"]);
    const digest = nonEmpty(o.digest);
    if (tag === undefined && digest === undefined) {
      if (appVersion) {
        tag = appVersion;
        extra.push(
          `no tag in the values: the chart's appVersion ${appVersion} is assumed`,
        );
      } else extra.push("no tag in the values and no appVersion in Chart.yaml");
    }
    if (tag?.includes("{{") || registry?.includes("{{")) return null;
    const ref = `${registry ? `${registry}/` : ""}${repo}${tag !== undefined ? `:${tag}` : ""}${digest !== undefined ? `@${digest}` : ""}`;
    return {
      ref,
      extra,
      fields: [
        [...at, "tag"],
        [...at, "digest"],
        [...at, repoKey],
      ],
    };
  };

  /**
   * `image: repo` whose tag or digest sits in a sibling key (redis-ha's `exporter: {image, tag}`,
   * trident's `tridentImage` + `tridentImageTag`). Only a reference with neither tag nor digest
   * takes one; "pulls `latest`" is said only when no sibling key names a tag at all, since a
   * templated or empty one leaves the tag to the chart's templates.
   */
  const withSiblingTag = (
    o: Obj,
    key: string,
    ref: string,
    path: Path,
  ): { ref: string; extra: string[]; fields: Path[] } => {
    const parsed = parseImageRef(ref);
    if (!parsed.ok || parsed.value.tag !== undefined || parsed.value.digest)
      return { ref, extra: [], fields: [[...path, key]] };
    const tagKey = siblingKey(o, key, "tag");
    const digestKey = siblingKey(o, key, "digest");
    const read = (
      k: string | undefined,
      text: (raw: unknown, at: Path) => string | undefined,
    ): { value?: string; why?: string } => {
      if (k === undefined) return {};
      const at = [...path, k];
      const raw = o[k];
      const name = `\`${at.join(".")}\``;
      if (typeof raw === "string" && raw.includes("{{"))
        return { why: `${name} is templated` };
      const value = text(raw, at);
      if (value !== undefined) return { value };
      const empty = raw === null || typeof raw === "string";
      return { why: `${name} is ${empty ? "empty" : "not a string"}` };
    };
    const tag = read(tagKey, (raw, at) => scalarText(raw, layers, at));
    const digest = read(digestKey, nonEmpty);
    const fields: Path[] = [key, tagKey, digestKey].flatMap((k) =>
      k === undefined ? [] : [[...path, k]],
    );
    if (tag.value !== undefined || digest.value !== undefined) {
      const pinned = `${ref}${tag.value !== undefined ? `:${tag.value}` : ""}${digest.value !== undefined ? `@${digest.value}` : ""}`;
      return { ref: pinned, extra: [], fields };
    }
    // Only a key that names a tag makes it unknown; `digest: ""` beside no tag key leaves none.
    const why =
      tag.why ?? (digest.why?.endsWith("templated") ? digest.why : undefined);
    return {
      ref,
      extra:
        why === undefined
          ? untagged(ref)
          : [`the tag could not be determined: ${why}`],
      fields,
    };
  };

  const visit = (
    v: unknown,
    path: Path,
    ancestors: Obj[],
    disabled: string | null,
  ): void => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, [...path, i], ancestors, disabled));
      return;
    }
    if (!isObj(v)) return;
    const here =
      disabled ?? (v.enabled === false ? [...path, "enabled"].join(".") : null);
    const chain = [v, ...ancestors];
    for (const k of Object.keys(v)) {
      const child = v[k];
      const at = [...path, k];
      const imageKey = IMAGE_KEY.test(k);
      if (imageKey && typeof child === "string") {
        const ref = child.trim();
        if (ref !== "" && !ref.includes("{{") && accept(at)) {
          const c = withSiblingTag(v, k, ref, path);
          out.push(found(c.ref, c.fields, c.extra, here));
        }
        continue;
      }
      const repoKey = isObj(child)
        ? imageObject(child, IMAGE_OBJECT_KEY.test(k))
        : null;
      if (isObj(child) && repoKey) {
        const c = accept(at) ? compose(child, repoKey, at, chain) : null;
        // `{enabled: false, repository, tag}` switches off its own image.
        const switched =
          here ??
          (child.enabled === false ? [...at, "enabled"].join(".") : null);
        if (c) out.push(found(c.ref, c.fields, c.extra, switched));
        continue;
      }
      visit(child, at, chain, here);
    }
  };
  visit(values, [], [], null);
  return out;
}

/** A note for a reference with neither tag nor digest. */
function untagged(ref: string): string[] {
  const r = parseImageRef(ref);
  return r.ok && r.value.tag === undefined && r.value.digest === undefined
    ? ["no tag: the container runtime pulls `latest`"]
    : [];
}

/**
 * The key beside image key `key` that holds its `tag` or `digest`: `tag`/`imageTag` beside
 * `image`, `<key>Tag` or `<key>_tag` beside any image key (`initImageTag`, `proxy_image_tag`).
 */
function siblingKey(
  o: Obj,
  key: string,
  what: "tag" | "digest",
): string | undefined {
  const cap = `${what[0]!.toUpperCase()}${what.slice(1)}`;
  const candidates = [
    ...(key.toLowerCase() === "image" ? [what] : []),
    `${key}${cap}`,
    `${key}_${what}`,
  ];
  return candidates.find((c) => Object.prototype.hasOwnProperty.call(o, c));
}

/** The key holding the repository when `o` is an image object, else null. */
function imageObject(o: Obj, imageKey: boolean): string | null {
  const pinned = "tag" in o || "digest" in o;
  if (typeof o.repository === "string")
    return imageKey || pinned ? "repository" : null;
  // `{registry, name, tag}` (Splunk) is an image under any key; a bare `name` only under an image key.
  if (typeof o.name === "string" && "registry" in o && pinned) return "name";
  if (!imageKey) return null;
  if (typeof o.name === "string" && ("tag" in o || "registry" in o))
    return "name";
  if (typeof o.image === "string") return "image";
  return null;
}

const nonEmpty = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;

/** A tag as written: `tag: 1.10` is the number 1.1 once parsed, so the source text is used. */
function scalarText(
  v: unknown,
  layers: Layer[],
  path: Path,
): string | undefined {
  if (typeof v === "string") return nonEmpty(v);
  if (typeof v !== "number") return undefined;
  for (const l of layers) {
    const scalar = l.parsed.node(0, full(l, path))?.scalar;
    if (scalar && scalar.value === v) return scalar.source;
  }
  return String(v);
}

const full = (l: Layer, path: Path): Path =>
  path[0] === "global" ? [...l.globalPrefix, ...path] : [...l.prefix, ...path];

/** The file (and line) of the highest-priority layer that sets any of `fields`. */
function locate(
  layers: Layer[],
  fields: Path[],
): { source: string; line?: number } {
  for (const l of layers) {
    for (const f of fields) {
      const node = l.parsed.node(0, full(l, f));
      if (!node) continue;
      return node.start !== undefined
        ? { source: l.file, line: l.parsed.line(node.start) }
        : { source: l.file };
    }
  }
  return { source: layers[layers.length - 1]?.file ?? "values.yaml" };
}

/** The comparable form of a reference: Docker's normalised spelling, or the text when it does not parse. */
function keyOf(ref: string): { key: string } {
  const r = parseImageRef(ref);
  return { key: r.ok ? imageRefString(r.value) : ref };
}

/** A listed reference covers a found one: same image, and the same tag or digest where both have one. */
function covers(listed: ImageRef, found: ImageRef): boolean {
  if (
    listed.registry !== found.registry ||
    listed.repository !== found.repository
  )
    return false;
  const tagOk =
    listed.tag === undefined || found.tag === undefined
      ? undefined
      : listed.tag === found.tag;
  const digestOk =
    listed.digest === undefined || found.digest === undefined
      ? undefined
      : listed.digest === found.digest;
  if (tagOk === false || digestOk === false) return false;
  return tagOk === true || digestOk === true;
}

function collect(found: Found[]): ImageScan {
  const images: PackImage[] = [];
  const findings: Finding[] = [];
  const listed = found.flatMap((f) => {
    if (f.origin !== "listed") return [];
    const p = parseImageRef(f.ref);
    return p.ok ? [p.value] : [];
  });
  const hasList = found.some((f) => f.origin === "listed");
  const where = (f: Found) => ({
    file: f.source,
    ...(f.line !== undefined ? { line: f.line } : {}),
  });
  const groups = new Map<string, Found[]>();
  for (const f of found) {
    const key = keyOf(f.ref).key;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const all of groups.values()) {
    // The first place that pulls it for sure stands for it; a switched-off block only when no other does.
    const f = all.find((x) => !x.conditional) ?? all[0]!;
    const image: PackImage = { ref: f.ref, source: f.source };
    if (f.line !== undefined) image.line = f.line;
    if (f.note !== undefined) image.note = f.note;
    images.push(image);
    const parsed = parseImageRef(f.ref);
    if (!parsed.ok) {
      findings.push({
        code: "IMAGE_REF_INVALID",
        severity: "warning",
        ...where(f),
        message: parsed.error.message,
      });
      continue;
    }
    const unlisted = all.find(
      (x) =>
        x.origin !== "listed" &&
        !x.conditional &&
        !listed.some((l) => covers(l, parsed.value)),
    );
    if (hasList && unlisted && !all.some((x) => x.origin === "listed")) {
      findings.push({
        code: "IMAGES_UNLISTED",
        severity: "info",
        ...where(unlisted),
        message: `image \`${unlisted.ref}\` (${unlisted.source}${unlisted.line !== undefined ? ` line ${unlisted.line}` : ""}) is not in values.yaml \`pack.content.images\`: air-gapped installs will not mirror it`,
      });
    }
  }
  return { images, findings };
}
