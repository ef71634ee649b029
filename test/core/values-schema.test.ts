import { describe, expect, it } from "vitest";

import { readChartArchive } from "../../src/pack/chart";
import {
  valuesSchemaRows,
  type ValuesSchemaRow,
} from "../../src/pack/values-schema";
import { decodeText } from "../../src/pack/yaml-text";
import { loadFixture } from "../helpers/fixtures";

/** A values.schema.json inside a real fixture chart, parsed. */
async function schemaOf(
  dir: string,
  chart: string,
  inner = "values.schema.json",
): Promise<unknown> {
  const files = await loadFixture(`pack-central/${dir}`);
  const r = readChartArchive(files.get(chart)!, { name: chart });
  if (!r.ok) throw new Error(r.error.message);
  const bytes = r.value.files.get(inner);
  if (!bytes) throw new Error(`${chart} has no ${inner}`);
  return JSON.parse(decodeText(bytes) ?? "");
}

function rowsOf(schema: unknown): ValuesSchemaRow[] {
  const r = valuesSchemaRows(schema);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.rows;
}

const row = (rows: ValuesSchemaRow[], path: string) => {
  const found = rows.find((r) => r.path === path);
  if (!found) throw new Error(`no row ${path}`);
  return found;
};

describe("valuesSchemaRows over real charts", () => {
  it("gridlight: nested properties, required, defaults, enums, one level of $ref in array items", async () => {
    const schema = await schemaOf(
      "gridlight-1.1.3",
      "charts/gridlight-palette-1.1.3.tgz",
    );
    // The chart reader gives the same parsed schema the panel shows.
    const files = await loadFixture("pack-central/gridlight-1.1.3");
    const info = readChartArchive(
      files.get("charts/gridlight-palette-1.1.3.tgz")!,
      { name: "charts/gridlight-palette-1.1.3.tgz" },
    );
    expect(info.ok && info.value.info.valuesSchema).toEqual(schema);

    const table = valuesSchemaRows(schema);
    if (!table.ok) throw new Error(table.error.message);
    expect(table.value.title).toBe("Gridlight AI Platform");
    expect(table.value.truncated).toBe(false);
    const rows = table.value.rows;
    expect(row(rows, "auth")).toMatchObject({
      types: ["object"],
      title: "Authentication",
      required: false,
    });
    expect(row(rows, "auth.postgresPassword")).toMatchObject({
      types: ["string"],
      required: true,
      constraints: ["length ≥ 1"],
      title: "PostgreSQL Password",
    });
    expect(row(rows, "auth.gatewayToken")).toMatchObject({
      default: '"dev-token"',
      required: false,
    });
    expect(row(rows, "global.imagePullPolicy").enum).toEqual([
      '"IfNotPresent"',
      '"Always"',
      '"Never"',
    ]);
    expect(row(rows, "llmAgent.nodeSelector.*").types).toEqual(["string"]);
    // `items: {$ref: "#/definitions/agentInstance"}` is followed, and its properties flattened.
    expect(row(rows, "llmAgents[]")).toMatchObject({
      ref: "#/definitions/agentInstance",
      title: "Agent Instance",
    });
    expect(row(rows, "llmAgents[]").refUnresolved).toBeUndefined();
    expect(row(rows, "llmAgents[].name")).toMatchObject({
      required: true,
      constraints: ["length ≤ 40", "pattern ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"],
    });
    expect(row(rows, "llmAgents[].storage.mode").default).toBe('"shared"');
    // A keyword without a column (JSON Forms' enumNames) stays visible, raw.
    expect(row(rows, "models.image.preset").raw).toMatch(/^\{"enumNames":\[/);
    // Definitions are reached only through references, never listed on their own.
    expect(rows.some((r) => r.path.startsWith("definitions"))).toBe(false);
    expect(new Set(rows.map((r) => r.path)).size).toBe(rows.length);
  });

  it("weka: required inside nested objects and numeric checks", async () => {
    const rows = rowsOf(
      await schemaOf(
        "weka-operator-v1.12.0",
        "charts/weka-operator-v1.12.0.tgz",
      ),
    );
    expect(rows.map((r) => r.path)).toEqual([
      "driveSharing",
      "driveSharing.driveTypesRatio",
      "driveSharing.driveTypesRatio.tlc",
      "driveSharing.driveTypesRatio.qlc",
      "computeMaxHugepagesMiB",
    ]);
    expect(row(rows, "driveSharing.driveTypesRatio.tlc")).toMatchObject({
      types: ["integer"],
      required: true,
      constraints: ["≥ 1"],
    });
    expect(row(rows, "computeMaxHugepagesMiB")).toMatchObject({
      required: false,
      constraints: ["≥ 0", "multiple of 2"],
      description:
        "Maximum hugepages (MiB) for compute containers. Must be even. 0 = no cap.",
    });
  });

  it("stormforge: array items flattened, x- extensions raw", async () => {
    const rows = rowsOf(
      await schemaOf(
        "stormforge-optimize-live-0.7.8",
        "charts/optimize-live-0.7.8.tgz",
      ),
    );
    expect(rows.map((r) => [r.path, r.types.join("|")])).toEqual([
      ["debug", "boolean"],
      ["extraEnvVars", "array"],
      ["extraEnvVars[].name", "string"],
      ["extraEnvVars[].value", "string"],
    ]);
    expect(JSON.parse(row(rows, "extraEnvVars").raw!)).toEqual({
      "x-kubernetes-patch-merge-key": "name",
      "x-kubernetes-patch-strategy": "merge",
    });
  });

  it("appdynamics db collector: a document that is one $ref starts at its target; deeper refs are named, not followed", async () => {
    const schema = await schemaOf(
      "appdynamics-collector-1.13.684",
      "charts/appdynamics-collectors-1.13.684.tgz",
      "charts/appdynamics-cloud-db-collector/values.schema.json",
    );
    const table = valuesSchemaRows(schema);
    if (!table.ok) throw new Error(table.error.message);
    expect(table.value.title).toBe("Core");
    const rows = table.value.rows;
    expect(row(rows, "install")).toMatchObject({
      ref: "#/definitions/Install",
      required: true,
      constraints: ["no other keys"],
    });
    expect(row(rows, "install.dbCollector")).toMatchObject({
      types: ["boolean"],
      required: true,
    });
    expect(row(rows, "appdCloudAuth.clientSecretEnvVar")).toMatchObject({
      ref: "#/definitions/ClientSecretEnvVar",
      refUnresolved: "a reference inside a referenced definition",
      types: [],
    });
    expect(
      rows.some((r) => r.path.startsWith("appdCloudAuth.clientSecretEnvVar.")),
    ).toBe(false);
    expect(row(rows, "appdCloudAuth").raw).toContain('"anyOf"');
    expect(row(rows, "dbMonitoringConfigs[].hostport").types).toEqual([
      "null",
      "integer",
    ]);
  });

  it("bitnami postgresql (inside a subchart): form hints stay raw on their rows", async () => {
    const rows = rowsOf(
      await schemaOf(
        "appdynamics-collector-1.13.684",
        "charts/appdynamics-collectors-1.13.684.tgz",
        "charts/appdynamics-security-collector/charts/panoptica/charts/postgresql/values.schema.json",
      ),
    );
    expect(row(rows, "persistence.size")).toMatchObject({ types: ["string"] });
    expect(JSON.parse(row(rows, "persistence.size").raw!)).toMatchObject({
      render: "slider",
      sliderUnit: "Gi",
    });
  });
});

describe("valuesSchemaRows on odd and hostile input", () => {
  it.each([
    [null, "null"],
    [[], "an array"],
    ["{}", "a string"],
    [42, "a number"],
  ])("refuses %j at the top", (input, what) => {
    expect(valuesSchemaRows(input)).toEqual({
      ok: false,
      error: {
        kind: "not-a-schema",
        message: `values.schema.json is ${what}, not a JSON Schema object`,
      },
    });
  });

  it("a self-referencing definition is followed once and then named", () => {
    const rows = rowsOf({
      properties: { tree: { $ref: "#/definitions/node" } },
      definitions: {
        node: {
          type: "object",
          properties: { child: { $ref: "#/definitions/node" } },
        },
      },
    });
    expect(rows).toEqual([
      {
        path: "tree",
        types: ["object"],
        required: false,
        constraints: [],
        ref: "#/definitions/node",
      },
      {
        path: "tree.child",
        types: [],
        required: false,
        constraints: [],
        ref: "#/definitions/node",
        refUnresolved: "a reference inside a referenced definition",
      },
    ]);
  });

  it("names references outside the document and those that lead nowhere", () => {
    const rows = rowsOf({
      properties: {
        remote: { $ref: "https://example.com/s.json#/x" },
        missing: { $ref: "#/definitions/nope" },
        escaped: { $ref: "#/definitions/a~1b" },
      },
      definitions: { "a/b": { type: "integer", default: 3 } },
    });
    expect(row(rows, "remote").refUnresolved).toBe("outside this document");
    expect(row(rows, "missing").refUnresolved).toBe("not found");
    expect(row(rows, "escaped")).toMatchObject({
      types: ["integer"],
      default: "3",
    });
  });

  it("shows tuple items, boolean schemas and combinators raw; draft-4 flags as words", () => {
    const rows = rowsOf({
      properties: {
        pair: {
          type: "array",
          items: [{ type: "string" }, { type: "integer" }],
        },
        anything: true,
        nothing: false,
        either: { oneOf: [{ type: "string" }, { type: "integer" }] },
        port: { type: "integer", minimum: 0, exclusiveMinimum: true },
        legacy: { type: "string", required: true },
      },
    });
    expect(JSON.parse(row(rows, "pair").raw!)).toEqual({
      items: [{ type: "string" }, { type: "integer" }],
    });
    expect(row(rows, "anything")).toEqual({
      path: "anything",
      types: [],
      required: false,
      constraints: [],
    });
    expect(row(rows, "nothing").constraints).toEqual(["no value allowed"]);
    expect(row(rows, "either").raw).toBe(
      '{"oneOf":[{"type":"string"},{"type":"integer"}]}',
    );
    expect(row(rows, "port").constraints).toEqual(["≥ 0", "> 0 (exclusive)"]);
    expect(row(rows, "legacy").required).toBe(true);
  });

  it("keeps a __proto__ key as an ordinary property", () => {
    const rows = rowsOf(
      JSON.parse(
        '{"properties":{"__proto__":{"type":"string","default":"x"}}}',
      ),
    );
    expect(rows).toEqual([
      {
        path: "__proto__",
        types: ["string"],
        default: '"x"',
        required: false,
        constraints: [],
      },
    ]);
  });

  it("stops at the row and depth limits and says so", () => {
    const wide = {
      properties: Object.fromEntries(
        Array.from({ length: 50 }, (_, i) => [`k${i}`, { type: "string" }]),
      ),
    };
    const capped = valuesSchemaRows(wide, { maxRows: 10 });
    expect(capped.ok && capped.value.rows.length).toBe(10);
    expect(capped.ok && capped.value.truncated).toBe(true);

    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 200; i++) deep = { properties: { d: deep } };
    const r = valuesSchemaRows(deep);
    expect(r.ok && r.value.truncated).toBe(true);
    expect(r.ok && r.value.rows.length).toBe(32);
  });

  it("shortens a huge default instead of copying it", () => {
    const rows = rowsOf({
      properties: { big: { default: "x".repeat(10_000) } },
    });
    expect(row(rows, "big").default).toHaveLength(201);
    expect(row(rows, "big").default!.endsWith("…")).toBe(true);
  });
});
