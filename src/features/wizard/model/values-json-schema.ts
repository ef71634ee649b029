import { K8S_NAMESPACE } from "@/pack/schemas";

/** A JSON Schema object, as monaco-yaml takes it. */
export type JsonSchema = Record<string, unknown>;

const str = (description: string): JsonSchema => ({
  type: "string",
  description,
});
const stringMap = (description: string): JsonSchema => ({
  type: "object",
  description,
  additionalProperties: { type: "string" },
});

/** `pack:` keys Palette reads (pack-format §B.2). */
const PACK_SECTION: JsonSchema = {
  type: "object",
  description: "Palette's settings for this pack (pack-format §B.2).",
  properties: {
    namespace: {
      type: "string",
      description:
        "Namespace the pack installs into; created when missing. Lower-case letters, digits and '-'.",
      // A macro ({{ … }}) is resolved at deploy time, so it is accepted as is.
      pattern: `^(${K8S_NAMESPACE.source.slice(1, -1)}|.*\\{\\{.*)$`,
    },
    content: {
      type: "object",
      description:
        "What the pack pulls: used for air-gapped installs and image scanning.",
      properties: {
        images: {
          type: "array",
          description: "Every container image the pack pulls.",
          items: {
            type: "object",
            required: ["image"],
            properties: {
              image: str("Image reference, e.g. ghcr.io/org/app:1.2.3"),
            },
          },
        },
        charts: {
          type: "array",
          description: "Upstream coordinates of the charts.",
          items: {
            type: "object",
            properties: {
              name: str("Chart name"),
              repo: str("Chart repository URL"),
              version: str("Chart version"),
            },
          },
        },
      },
    },
    releaseNameOverride: stringMap(
      "Helm release name per chart: <chart name>: <release name>.",
    ),
    namespaceLabels: stringMap(
      'Labels per namespace: <namespace>: "k=v,k2=v2".',
    ),
    namespaceAnnotations: stringMap(
      'Annotations per namespace: <namespace>: "k=v".',
    ),
    additionalNamespaces: {
      type: "array",
      description: "Extra namespaces to create.",
    },
    "spectrocloud.com/install-priority": {
      type: ["string", "number"],
      description: "Lower numbers install earlier.",
    },
    "spectrocloud.com/display-name": str(
      "Display name of the layer in a profile.",
    ),
    osImageOverride: str("BYOOS: the image id in the target infrastructure."),
    osName: str("BYOOS: the OS name, e.g. rhel."),
    osVersion: str("BYOOS: the OS version, e.g. 8."),
  },
};

/** Nest dotted `.Values` paths into object schemas, each leaf describing where it is used. */
function refsSchema(refs: readonly string[], file: string): JsonSchema {
  const root: JsonSchema = { type: "object", properties: {} };
  for (const ref of refs) {
    let node = root;
    const parts = ref.split(".");
    parts.forEach((part, i) => {
      const props = (node.properties ??= {}) as Record<string, JsonSchema>;
      const leaf = i === parts.length - 1;
      props[part] ??= leaf
        ? { description: `Used by ${file} as {{ .Values.${ref} }}` }
        : { type: "object", properties: {} };
      node = props[part];
    });
  }
  return root;
}

export interface ValuesSchemaInput {
  /** Chart name → its values.schema.json (or null when it has none). */
  charts: ReadonlyMap<string, unknown>;
  /** Manifest key → its file path and the .Values paths it uses. */
  manifests: ReadonlyMap<string, { path: string; refs: readonly string[] }>;
}

/**
 * The JSON Schema values.yaml is checked against as the user types: the `pack` section, one
 * `charts.<name>` per chart (its own values.schema.json when it has one) and one
 * `manifests.<key>` per manifest with the values its template uses.
 */
/**
 * A chart's values.schema.json placed under `charts.<name>`: its local references
 * (`#/definitions/x`, `#/$defs/x`) would now point at the root, so its definitions move to the
 * root under a prefix and the references follow.
 */
function embedChartSchema(
  name: string,
  schema: unknown,
): { schema: JsonSchema; defs: Record<string, unknown> } {
  if (!schema || typeof schema !== "object" || Array.isArray(schema))
    return { schema: { type: "object" }, defs: {} };
  // `$schema` and `$id` name a root document; under charts.<name> this is a sub-schema.
  const rest: JsonSchema = { ...(schema as JsonSchema) };
  const { definitions, $defs } = rest;
  for (const k of ["$schema", "$id", "definitions", "$defs"]) delete rest[k];
  const prefix = `chart--${name}--`;
  const defs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries({
    ...(definitions as object),
    ...($defs as object),
  }))
    defs[prefix + k] = v;
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!node || typeof node !== "object") return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") {
        const m = /^#\/(?:definitions|\$defs)\/(.+)$/.exec(v);
        out[k] = m
          ? `#/definitions/${encodeURIComponent(prefix + decodeURIComponent(m[1]!))}`
          : v === "#"
            ? `#/properties/charts/properties/${name}`
            : v;
      } else out[k] = rewrite(v);
    }
    return out;
  };
  const rewritten: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(defs)) rewritten[k] = rewrite(v);
  return { schema: rewrite(rest) as JsonSchema, defs: rewritten };
}

export function valuesJsonSchema(input: ValuesSchemaInput): JsonSchema {
  const charts: Record<string, JsonSchema> = {};
  const definitions: Record<string, unknown> = {};
  for (const [name, schema] of input.charts) {
    const embedded = embedChartSchema(name, schema);
    Object.assign(definitions, embedded.defs);
    charts[name] = {
      ...embedded.schema,
      description: `Values for the chart ${name}, merged over its defaults.`,
    };
  }
  const manifests: Record<string, JsonSchema> = {};
  for (const [key, { path, refs }] of input.manifests)
    manifests[key] = {
      ...refsSchema(refs, path),
      description: `Values for ${path}, seen there as .Values.`,
    };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "values.yaml",
    type: ["object", "null"],
    definitions,
    properties: {
      pack: PACK_SECTION,
      charts: {
        type: ["object", "null"],
        description:
          "One block per chart, keyed by the name in its Chart.yaml.",
        properties: charts,
      },
      manifests: {
        type: ["object", "null"],
        description:
          "One block per manifest, keyed by its file name without .yaml.",
        properties: manifests,
      },
    },
  };
}
