import type {
  DraftBlobs,
  WizardValues,
} from "@/features/wizard/model/draft-schema";
import { mergeEdits } from "@/features/wizard/model/merge-edits";
import { typedOsKeys } from "@/features/wizard/model/os-keys";
import { utf8Bytes } from "@/pack/bytes";
import type { PackFiles } from "@/pack/pack-files";

/** The last text encoded for each file the wizard writes, and its bytes. */
const lastEncoded = new Map<string, { text: string; bytes: Uint8Array }>();

/**
 * UTF-8 of a file's text, re-encoded only when the text changed: the same string gives the same
 * bytes object, so a render that did not touch a 1 MB values.yaml neither re-encodes it nor
 * gives the worker new bytes to send. The bytes are shared: never write into them.
 */
function encodeText(path: string, text: string): Uint8Array {
  const last = lastEncoded.get(path);
  if (last?.text === text) return last.bytes;
  const bytes = utf8Bytes(text);
  lastEncoded.set(path, { text, bytes });
  return bytes;
}

/** Annotations as written: typed OS fields (os layer only) first, then the free rows in order. */
export function annotationsOf(v: WizardValues): Record<string, string> {
  const out: Record<string, string> = {};
  if (v.basics.layer === "os") {
    for (const key of typedOsKeys(v.basics.cloudTypes)) {
      const value = v.os[key];
      if (value !== "") out[key] = value;
    }
  }
  for (const row of v.annotations) {
    if (row.key === "" && row.value === "") continue;
    out[row.key] = row.value;
  }
  return out;
}

function constraintsOf(v: WizardValues): Record<string, unknown> | undefined {
  const { dependencies, resources } = v.constraints;
  const keep = v.extras.keep;
  const out: Record<string, unknown> = {};
  if (dependencies.length || keep.includes("constraints.dependencies"))
    out.dependencies = dependencies.map((d) => ({
      packName: d.packName,
      layer: d.layer,
      minVersion: d.minVersion,
      maxVersion: d.maxVersion,
      type: d.type,
    }));
  if (resources.length || keep.includes("constraints.resources"))
    out.resources = resources.map((r) => {
      const trimmed = r.minLimit.trim();
      const n = Number(trimmed);
      const res: Record<string, unknown> = {
        type: r.type,
        // A number when it is one; otherwise the text, so the core names the problem.
        minLimit: trimmed !== "" && Number.isFinite(n) ? n : r.minLimit,
      };
      if (r.components.length)
        res.components = r.components.map((c) => {
          const comp: Record<string, string> = {};
          if (c.resourceRequestParamRef)
            comp.resourceRequestParamRef = c.resourceRequestParamRef;
          if (c.replicaCountParamRef)
            comp.replicaCountParamRef = c.replicaCountParamRef;
          comp.scheduleType = c.scheduleType;
          return comp;
        });
      return res;
    });
  if (Object.keys(out).length === 0 && !keep.includes("constraints"))
    return undefined;
  return out;
}

/**
 * pack.json as written from the draft: the wizard's rendering (`renderPackJson`), applied onto the
 * pack.json the draft started from, if any, so that untouched fields keep the author's value and
 * form (`""`, `" "`, `{}`, `[]`, key order).
 */
export function packJsonOf(v: WizardValues): Record<string, unknown> {
  const now = renderPackJson(v);
  const authored = v.extras.authored;
  if (!authored) return now;
  return mergeEdits(authored.original, authored.rendered, now) as Record<
    string,
    unknown
  >;
}

/**
 * pack.json as the wizard renders its fields, in the order of pack-format's examples (§A.6):
 * identity, classification, then contents. Optional fields appear when they hold something, or
 * when an imported pack had them (`extras.keep`); pack.json fields the wizard has no field for
 * follow.
 */
export function renderPackJson(v: WizardValues): Record<string, unknown> {
  const b = v.basics;
  const keep = (k: string) => v.extras.keep.includes(k);
  const json: Record<string, unknown> = {
    name: b.name,
    displayName: b.displayName,
    version: b.version,
    layer: b.layer,
  };
  if (b.layer === "addon" && b.addonType !== "") json.addonType = b.addonType;
  json.cloudTypes = [...b.cloudTypes];
  if (b.group !== "" || keep("group")) json.group = b.group;
  if (b.eol !== "" || keep("eol")) json.eol = b.eol;
  const annotations = annotationsOf(v);
  const charts = v.charts.map((c) => c.path);
  const manifests = v.manifests.map((m) => m.path);
  const writeManifests =
    manifests.length > 0 || keep("kubeManifests") || b.layer === "os";
  // The documented OS example lists kubeManifests before annotations; add-on examples put
  // annotations first.
  if (b.layer === "os" && writeManifests) json.kubeManifests = manifests;
  if (Object.keys(annotations).length || keep("annotations"))
    json.annotations = annotations;
  if (charts.length || keep("charts")) json.charts = charts;
  if (b.layer !== "os" && writeManifests) json.kubeManifests = manifests;
  if (v.roles.length || keep("ansibleRoles"))
    json.ansibleRoles = v.roles.map((r) => r.name);
  const constraints = constraintsOf(v);
  if (constraints) json.constraints = constraints;
  for (const [k, value] of Object.entries(v.extras.packJson))
    if (!(k in json)) json[k] = value;
  return json;
}

/** pack.json text: two-space JSON with a final newline, as editors and `jq` write it. */
export const packJsonText = (v: WizardValues): string =>
  `${JSON.stringify(packJsonOf(v), null, 2)}\n`;

/**
 * The pack a draft describes: pack.json, the text files and every stored file. A file the draft
 * references but whose bytes are gone is left out (the core then reports the listed path as missing).
 */
export function draftToPackFiles(
  v: WizardValues,
  blobs: DraftBlobs,
): PackFiles {
  const files: PackFiles = new Map();
  const put = (path: string, blob: string | null) => {
    const bytes = blob === null ? undefined : blobs.get(blob);
    if (bytes) files.set(path, bytes);
  };
  for (const e of v.extras.files) put(e.path, e.blob);
  files.set("pack.json", encodeText("pack.json", packJsonText(v)));
  const text = v.files;
  if (text.values !== null)
    files.set("values.yaml", encodeText("values.yaml", text.values));
  if (text.readme !== null)
    files.set("README.md", encodeText("README.md", text.readme));
  if (text.presets !== null)
    files.set("presets.yaml", encodeText("presets.yaml", text.presets));
  if (text.schema !== null)
    files.set("schema.yaml", encodeText("schema.yaml", text.schema));
  for (const c of v.charts) put(c.path, c.blob);
  for (const m of v.manifests) put(m.path, m.blob);
  for (const r of v.roles)
    for (const f of r.files) put(`${r.name}/${f.path}`, f.blob);
  if (v.logo) put("logo.png", v.logo.blob);
  return files;
}

/** The archive's top folder and file stem: `<name>-<version>`. */
export const packStem = (v: WizardValues): string =>
  `${v.basics.name || "pack"}-${v.basics.version || "0.0.0"}`;
