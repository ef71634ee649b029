import type { PackFiles } from "@/pack/pack-files";
import { decodeText } from "@/pack/yaml-text";

/** One `constraints.dependencies` entry, as text for a table row. */
export interface DependencyRow {
  packName: string;
  layer: string;
  type: string;
  minVersion: string;
  maxVersion: string;
}

/** One `constraints.resources` entry, as text for a table row. */
export interface ResourceRow {
  type: string;
  minLimit: string;
  components: {
    scheduleType: string;
    resourceRequestParamRef: string;
    replicaCountParamRef: string;
  }[];
}

/**
 * What the summary shows of pack.json. Every field is read defensively: pack.json is untrusted,
 * so a field of the wrong type is left out (validation reports it) instead of breaking the page.
 */
export interface PackMeta {
  name?: string;
  displayName?: string;
  version?: string;
  layer?: string;
  addonType?: string;
  cloudTypes: string[];
  group?: string;
  eol?: string;
  annotations: [string, string][];
  charts: string[];
  kubeManifests: string[];
  /** Role folder names (an OS pack's `harden_os`), not paths. */
  ansibleRoles: string[];
  dependencies: DependencyRow[];
  resources: ResourceRow[];
}

export type PackMetaResult =
  { ok: true; meta: PackMeta } | { ok: false; message: string };

const str = (v: unknown): string | undefined =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap((x) => str(x) ?? []) : [];
const record = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === "object" && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
const records = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v)
    ? v.flatMap((x: unknown) => {
        const r = record(x);
        return r ? [r] : [];
      })
    : [];

/** Read pack.json from a pack's files for display. Never throws. */
export function readPackMeta(files: PackFiles): PackMetaResult {
  const bytes = files.get("pack.json");
  if (!bytes) return { ok: false, message: "the pack has no pack.json" };
  const text = decodeText(bytes);
  if (text === null)
    return { ok: false, message: "pack.json is not UTF-8 text" };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, message: "pack.json is not valid JSON" };
  }
  const o = record(raw);
  if (!o) return { ok: false, message: "pack.json is not a JSON object" };
  const constraints = record(o.constraints);
  const meta: PackMeta = {
    cloudTypes: strings(o.cloudTypes),
    annotations: Object.entries(record(o.annotations) ?? {}).flatMap(
      ([k, v]) => {
        const s = str(v) ?? (typeof v === "boolean" ? String(v) : undefined);
        return s === undefined ? [] : [[k, s] as [string, string]];
      },
    ),
    charts: strings(o.charts),
    kubeManifests: strings(o.kubeManifests),
    ansibleRoles: strings(o.ansibleRoles),
    dependencies: records(constraints?.dependencies).map((d) => ({
      packName: str(d.packName) ?? "",
      layer: str(d.layer) ?? "",
      type: str(d.type) ?? "",
      minVersion: str(d.minVersion) ?? "",
      maxVersion: str(d.maxVersion) ?? "",
    })),
    resources: records(constraints?.resources).map((r) => ({
      type: str(r.type) ?? "",
      minLimit: str(r.minLimit) ?? "",
      components: records(r.components).map((c) => ({
        scheduleType: str(c.scheduleType) ?? "",
        resourceRequestParamRef: str(c.resourceRequestParamRef) ?? "",
        replicaCountParamRef: str(c.replicaCountParamRef) ?? "",
      })),
    })),
  };
  for (const key of [
    "name",
    "displayName",
    "version",
    "layer",
    "addonType",
    "group",
    "eol",
  ] as const) {
    const v = str(o[key]);
    if (v !== undefined) meta[key] = v;
  }
  return { ok: true, meta };
}
