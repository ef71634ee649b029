import type {
  AnnotationRow,
  ChartRow,
  DraftBlobs,
  OsFields,
  WizardValues,
} from "@/features/wizard/model/draft-schema";
import { renderPackJson } from "@/features/wizard/model/draft-to-pack-files";
import { EMPTY_OS } from "@/features/wizard/model/empty-values";
import { typedOsKeys } from "@/features/wizard/model/os-keys";
import { readChartYaml } from "@/pack/chart";
import { parseJsonLocated } from "@/pack/json-locate";
import { imageInfo } from "@/pack/png";
import { isFinderMetadata, type PackFiles } from "@/pack/pack-files";
import { err, ok, type Result } from "@/pack/result";
import { packJsonMissing } from "@/pack/validate";
import { decodeText } from "@/pack/yaml-text";

/** What the wizard needs from a chart archive: its Chart.yaml's name and version. */
export interface ChartFacts {
  name: string;
  version: string;
}

export interface ImportOptions {
  /** Blob ids; random by default. */
  newId?: () => string;
  /** Chart facts already read elsewhere (a Worker), by path; otherwise read here. */
  charts?: ReadonlyMap<string, ChartFacts | null>;
}

export type ImportError =
  | { kind: "no-pack-json"; message: string }
  | { kind: "bad-pack-json"; message: string };

export interface ImportedDraft {
  values: WizardValues;
  blobs: DraftBlobs;
}

const FIELDS_WITH_EDITORS = new Set([
  "name",
  "displayName",
  "version",
  "layer",
  "addonType",
  "cloudTypes",
  "group",
  "eol",
  "annotations",
  "charts",
  "kubeManifests",
  "ansibleRoles",
  "constraints",
]);

const asString = (v: unknown): string =>
  typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
const asStrings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};

function chartFacts(bytes: Uint8Array, path: string): ChartFacts | null {
  const r = readChartYaml(bytes, { name: path });
  return r.ok ? { name: r.value.name, version: r.value.version } : null;
}

/**
 * Turn an existing pack into wizard state, so it can be edited into a new version. Every file is
 * kept: those the wizard has an editor for go to their step, the rest ride along untouched.
 * Fields of the wrong JSON type are kept verbatim (the core reports them) rather than dropped.
 */
export function packFilesToDraft(
  files: PackFiles,
  opts: ImportOptions = {},
): Result<ImportedDraft, ImportError> {
  const newId = opts.newId ?? (() => crypto.randomUUID());
  const packBytes = files.get("pack.json");
  if (!packBytes)
    return err({
      kind: "no-pack-json",
      message: packJsonMissing(files),
    });
  let raw: Record<string, unknown>;
  try {
    const value = parseJsonLocated(decodeText(packBytes) ?? "\u0000").value;
    if (!value || typeof value !== "object" || Array.isArray(value))
      return err({
        kind: "bad-pack-json",
        message: "pack.json must hold a JSON object",
      });
    raw = value as Record<string, unknown>;
  } catch (e) {
    return err({
      kind: "bad-pack-json",
      message: `pack.json is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    });
  }

  const blobs: DraftBlobs = new Map();
  const used = new Set<string>(["pack.json"]);
  const take = (path: string): string | null => {
    const bytes = files.get(path);
    if (!bytes || used.has(path)) return null;
    used.add(path);
    const id = newId();
    blobs.set(id, bytes);
    return id;
  };
  const text = (path: string): string | null => {
    const bytes = files.get(path);
    if (!bytes) return null;
    const t = decodeText(bytes);
    if (t !== null) used.add(path);
    return t;
  };

  const extrasJson: Record<string, unknown> = {};
  const keep: string[] = [];
  const typeOk = (key: string, ok: boolean) => {
    if (raw[key] !== undefined && !ok) extrasJson[key] = raw[key];
    return raw[key] !== undefined && ok;
  };

  const layer = asString(raw.layer);
  const cloudTypes = asStrings(raw.cloudTypes);
  for (const k of ["group", "eol"])
    if (raw[k] === "" && typeOk(k, true)) keep.push(k);
  for (const k of ["charts", "kubeManifests", "ansibleRoles"])
    if (Array.isArray(raw[k]) && raw[k].length === 0) keep.push(k);
  for (const k of [
    "name",
    "displayName",
    "version",
    "layer",
    "group",
    "eol",
    "addonType",
  ])
    typeOk(k, typeof raw[k] === "string");
  typeOk("cloudTypes", Array.isArray(raw.cloudTypes));
  for (const k of ["charts", "kubeManifests", "ansibleRoles"])
    typeOk(
      k,
      Array.isArray(raw[k]) && raw[k].every((x) => typeof x === "string"),
    );

  // Annotations: on an OS pack the documented keys of its clouds get typed fields.
  const os: OsFields = { ...EMPTY_OS };
  const annotations: AnnotationRow[] = [];
  const ann = raw.annotations;
  const annOk =
    ann !== undefined &&
    typeOk(
      "annotations",
      typeof ann === "object" &&
        ann !== null &&
        !Array.isArray(ann) &&
        Object.values(ann).every((x) => typeof x === "string"),
    );
  if (annOk) {
    const typed = layer === "os" ? typedOsKeys(cloudTypes) : [];
    const entries = Object.entries(ann as Record<string, string>);
    if (entries.length === 0) keep.push("annotations");
    for (const [key, value] of entries) {
      const k = typed.find((t) => t === key);
      if (
        k &&
        (k !== "skipK8sInstall" || value === "true" || value === "false")
      )
        (os as Record<string, string>)[k] = value;
      else annotations.push({ key, value });
    }
    if (os.imageId.startsWith("https://")) os.vsphereSource = "ova";
  }

  let addonType = "";
  if (typeof raw.addonType === "string") {
    if (layer === "addon") addonType = raw.addonType;
    else extrasJson.addonType = raw.addonType;
  }

  const charts: ChartRow[] = [];
  if (Array.isArray(raw.charts) && !("charts" in extrasJson))
    for (const path of asStrings(raw.charts)) {
      const blob = take(path);
      const bytes = files.get(path);
      const facts = bytes
        ? opts.charts?.has(path)
          ? (opts.charts.get(path) ?? null)
          : chartFacts(bytes, path)
        : null;
      charts.push({
        blob,
        path,
        name: facts?.name ?? "",
        version: facts?.version ?? "",
      });
    }
  const manifests =
    Array.isArray(raw.kubeManifests) && !("kubeManifests" in extrasJson)
      ? asStrings(raw.kubeManifests).map((path) => ({ blob: take(path), path }))
      : [];
  const roles =
    Array.isArray(raw.ansibleRoles) && !("ansibleRoles" in extrasJson)
      ? asStrings(raw.ansibleRoles).map((name) => {
          const prefix = `${name}/`;
          const roleFiles: { blob: string; path: string }[] = [];
          for (const path of files.keys()) {
            if (!path.startsWith(prefix) || name.includes("/")) continue;
            const blob = take(path);
            if (blob) roleFiles.push({ blob, path: path.slice(prefix.length) });
          }
          return { name, files: roleFiles };
        })
      : [];

  const constraints = importConstraints(raw, extrasJson, keep);

  const values = text("values.yaml");
  const readme = text("README.md");
  const presets = text("presets.yaml");
  const schema = text("schema.yaml");
  const logoBytes = files.get("logo.png");
  const logoBlob = take("logo.png");
  let logo: WizardValues["logo"] = null;
  if (logoBlob && logoBytes) {
    // Dimensions from the core's PNG header reader; 0 when logo.png is not a PNG at all.
    const info = imageInfo(logoBytes);
    logo = { blob: logoBlob, width: info.width ?? 0, height: info.height ?? 0 };
  }

  for (const [k, value] of Object.entries(raw))
    if (!FIELDS_WITH_EDITORS.has(k)) extrasJson[k] = value;
  const extraFiles: { blob: string; path: string }[] = [];
  for (const path of files.keys()) {
    // Finder's metadata (a zip made with Compress, a folder dragged from Finder) is left out:
    // the builder has no way to delete a file it carries, and the check would ask for it.
    if (used.has(path) || isFinderMetadata(path)) continue;
    const blob = take(path);
    if (blob) extraFiles.push({ blob, path });
  }

  const draft: WizardValues = {
    basics: {
      layer,
      addonType,
      name: asString(raw.name),
      displayName: asString(raw.displayName),
      version: asString(raw.version),
      group: typeof raw.group === "string" ? raw.group : "",
      eol: typeof raw.eol === "string" ? raw.eol : "",
      cloudTypes,
    },
    os,
    annotations,
    constraints,
    charts,
    manifests,
    roles,
    logo,
    files: { values, readme, presets, schema },
    extras: { files: extraFiles, packJson: extrasJson, keep },
  };
  // Remember what the author wrote and how the wizard renders it, so that pack.json is written
  // back with only the user's edits applied (merge-edits.ts).
  draft.extras.authored = {
    original: structuredClone(raw),
    rendered: renderPackJson(draft),
  };
  return ok({ values: draft, blobs });
}

function importConstraints(
  raw: Record<string, unknown>,
  extrasJson: Record<string, unknown>,
  keep: string[],
): WizardValues["constraints"] {
  const empty = { dependencies: [], resources: [] };
  const c = raw.constraints;
  if (c === undefined) return empty;
  const obj = asRecord(c);
  const deps = obj.dependencies;
  const res = obj.resources;
  const depsOk =
    deps === undefined ||
    (Array.isArray(deps) &&
      deps.every(
        (d) =>
          d &&
          typeof d === "object" &&
          ["packName", "layer", "type", "minVersion", "maxVersion"].every(
            (k) =>
              (d as Record<string, unknown>)[k] === undefined ||
              typeof (d as Record<string, unknown>)[k] === "string",
          ) &&
          Object.keys(d).every((k) =>
            ["packName", "layer", "type", "minVersion", "maxVersion"].includes(
              k,
            ),
          ),
      ));
  const resOk =
    res === undefined ||
    (Array.isArray(res) &&
      res.every((r) => {
        const o = asRecord(r);
        const comps = o.components;
        return (
          typeof o.type === "string" &&
          typeof o.minLimit === "number" &&
          Object.keys(o).every((k) =>
            ["type", "minLimit", "components"].includes(k),
          ) &&
          (comps === undefined ||
            (Array.isArray(comps) &&
              comps.length > 0 &&
              comps.every((x) => {
                const co = asRecord(x);
                return (
                  typeof co.scheduleType === "string" &&
                  Object.entries(co).every(
                    ([k, v]) =>
                      typeof v === "string" &&
                      [
                        "scheduleType",
                        "resourceRequestParamRef",
                        "replicaCountParamRef",
                      ].includes(k),
                  )
                );
              })))
        );
      }));
  const otherKeys = Object.keys(obj).some(
    (k) => k !== "dependencies" && k !== "resources",
  );
  // A shape the form cannot hold exactly is kept verbatim; the core reports what is wrong with it.
  if (
    c === null ||
    typeof c !== "object" ||
    Array.isArray(c) ||
    !depsOk ||
    !resOk ||
    otherKeys
  ) {
    extrasJson.constraints = c;
    return empty;
  }
  if (Object.keys(obj).length === 0) keep.push("constraints");
  if (Array.isArray(deps) && deps.length === 0)
    keep.push("constraints.dependencies");
  if (Array.isArray(res) && res.length === 0)
    keep.push("constraints.resources");
  return {
    dependencies: (Array.isArray(deps) ? deps : []).map((d) => {
      const o = asRecord(d);
      return {
        packName: asString(o.packName),
        layer: asString(o.layer),
        type: asString(o.type),
        minVersion: asString(o.minVersion),
        maxVersion: asString(o.maxVersion),
      };
    }),
    resources: (Array.isArray(res) ? res : []).map((r) => {
      const o = asRecord(r);
      return {
        type: asString(o.type),
        minLimit: String(o.minLimit),
        components: (Array.isArray(o.components) ? o.components : []).map(
          (x) => {
            const co = asRecord(x);
            return {
              scheduleType: asString(co.scheduleType),
              resourceRequestParamRef: asString(co.resourceRequestParamRef),
              replicaCountParamRef: asString(co.replicaCountParamRef),
            };
          },
        ),
      };
    }),
  };
}
