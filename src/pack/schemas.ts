import { z } from "zod";

/** pack-format §A.2: the layers Palette knows. */
export const LAYERS = ["kernel", "os", "k8s", "cni", "csi", "addon"] as const;

/** pack-format §A.2: the 13 addon types of the newest docs. */
export const ADDON_TYPES = [
  "logging",
  "monitoring",
  "load balancer",
  "authentication",
  "ingress",
  "security",
  "ai",
  "app services",
  "network",
  "storage",
  "registry",
  "servicemesh",
  "system app",
] as const;

/** pack-format §A.3: the list pack-central's CI enforces. */
export const CLOUD_TYPES = [
  "all",
  "aws",
  "azure",
  "gcp",
  "vsphere",
  "openstack",
  "baremetal",
  "maas",
  "aks",
  "eks",
  "tencent",
  "tke",
  "edge",
  "edge-native",
  "libvirt",
  "coxedge",
  "custom",
] as const;
/** Known to Palette's API but not to pack-central's CI: a warning, not an error (§A.3). */
export const CLOUD_TYPES_API_ONLY = [
  "gke",
  "nested",
  "apache-cloudstack",
  "generic",
] as const;

export const DEPENDENCY_TYPES = [
  "required",
  "optional",
  "notSupported",
  "upgrade",
] as const;
export const RESOURCE_TYPES = ["cpu", "memory", "diskSize"] as const;
export const SCHEDULE_TYPES = [
  "all",
  "worker",
  "master",
  "control-plane",
] as const;

/** pack-format §A.5. */
export const dependencySchema = z.object({
  packName: z.string().min(1),
  layer: z.string().min(1),
  type: z.enum(DEPENDENCY_TYPES),
  minVersion: z.string().optional(),
  maxVersion: z.string().optional(),
});

export const resourceComponentSchema = z.object({
  scheduleType: z.enum(SCHEDULE_TYPES),
  resourceRequestParamRef: z.string().optional(),
  replicaCountParamRef: z.string().optional(),
});

export const resourceSchema = z.object({
  type: z.enum(RESOURCE_TYPES),
  minLimit: z.number(),
  components: z.array(resourceComponentSchema).optional(),
});

export const constraintsSchema = z.object({
  dependencies: z.array(dependencySchema).optional(),
  resources: z.array(resourceSchema).optional(),
});

/**
 * The shape of pack.json (pack-format §A.2). Value rules whose severity depends on context
 * (enum membership of layer, addonType and cloudTypes, name and version formats) are checked by
 * validatePack so that each gets its documented severity; this schema checks types and presence.
 * Unknown keys are kept (real packs carry `commit_msg`, `kubeVersion`, `readme`).
 */
export const packJsonSchema = z.looseObject({
  name: z.string().min(1),
  displayName: z.string().min(1),
  version: z.string().min(1),
  layer: z.string().min(1),
  addonType: z.string().optional(),
  addonSubType: z.string().optional(),
  cloudTypes: z.array(z.string()).optional(),
  cloudType: z.string().optional(),
  group: z.string().optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  eol: z.string().optional(),
  kubeManifests: z.array(z.string()).optional(),
  charts: z.array(z.string()).optional(),
  ansibleRoles: z.array(z.string()).optional(),
  constraints: constraintsSchema.optional(),
  commit_msg: z.string().optional(),
  kubeVersion: z.string().optional(),
  readme: z.string().optional(),
});
export type PackJson = z.infer<typeof packJsonSchema>;

/** Fields pack-format §A.2 documents; anything else gets an informational finding. */
export const KNOWN_PACK_JSON_KEYS: ReadonlySet<string> = new Set([
  "name",
  "displayName",
  "version",
  "layer",
  "addonType",
  "addonSubType",
  "cloudTypes",
  "cloudType",
  "group",
  "annotations",
  "eol",
  "kubeManifests",
  "charts",
  "ansibleRoles",
  "constraints",
  "commit_msg",
]);

/** pack-format §B.6. `add` is a YAML string merged into values. */
export const presetSchema = z.object({
  name: z.string().min(1),
  displayName: z.string().min(1),
  group: z.string().min(1),
  remove: z.array(z.string()).nullish(),
  add: z.string().nullish(),
});
export const presetsFileSchema = z.object({ presets: z.array(presetSchema) });

/** OCI distribution-spec path component (§G.1, §H rule 4). */
export const OCI_NAME = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$/;
/** Recommended stricter name (all 102 real pack names comply). */
export const STYLE_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
/** OCI tag (§G.1, §H rule 7). */
export const OCI_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** A version written with a leading `v` (`v1.2.3`): an error (§H rule 5). */
export const LEADING_V = /^[vV]\d/;

/**
 * What is wrong with `text` as a date `YYYY-MM-DD` (§H rule 11: `eol`, when not blank), said
 * after the text (`is not a date: February 2028 has 29 days`), or null when it is a real
 * calendar date. The one rule for both: validation warns with it, and the lifecycle reads an eol
 * as a date only where this gives null. The calendar is the Date object's (leap years included).
 */
export function isoDateProblem(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return "is not a date written YYYY-MM-DD";
  const [, yyyy = "", mm = "", dd = ""] = m;
  const month = Number(mm);
  if (month < 1 || month > 12) return `is not a date: there is no month ${mm}`;
  if (Number(dd) === 0) return `is not a date: there is no day ${dd}`;
  // Day 0 of the next month is this month's last day; setUTCFullYear keeps years below 100.
  const last = new Date(0);
  last.setUTCFullYear(Number(yyyy), month, 0);
  const days = last.getUTCDate();
  if (Number(dd) <= days) return null;
  const name = last.toLocaleString("en-US", { month: "long", timeZone: "UTC" });
  return `is not a date: ${name} ${yyyy} has ${days} days`;
}

/** SemVer MAJOR.MINOR.PATCH[-pre][+build] (§H rule 6). */
export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
/** Kubernetes namespace (§H rule 17). */
export const K8S_NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** The length cap security.md sets on pack names. */
export const MAX_NAME_LENGTH = 63;
