import { describe, expect, it } from "vitest";

import { valuesJsonSchema } from "@/features/wizard/model/values-json-schema";

describe("valuesJsonSchema", () => {
  it("has the pack section, one block per chart and per manifest", () => {
    const s = valuesJsonSchema({
      charts: new Map([
        [
          "demo",
          { type: "object", properties: { replicaCount: { type: "integer" } } },
        ],
      ]),
      manifests: new Map([
        ["app", { path: "manifests/app.yaml", refs: ["image.tag", "name"] }],
      ]),
    }) as {
      properties: Record<string, { properties: Record<string, unknown> }>;
    };
    expect(Object.keys(s.properties.pack!.properties)).toContain("namespace");
    expect(s.properties.charts!.properties.demo).toMatchObject({
      properties: { replicaCount: { type: "integer" } },
    });
    expect(s.properties.manifests!.properties.app).toMatchObject({
      properties: {
        image: {
          properties: {
            tag: {
              description:
                "Used by manifests/app.yaml as {{ .Values.image.tag }}",
            },
          },
        },
        name: {},
      },
    });
  });

  it("moves a chart schema's definitions to the root and rewrites its references", () => {
    const s = valuesJsonSchema({
      charts: new Map([
        [
          "demo",
          {
            $schema: "http://json-schema.org/draft-07/schema#",
            $id: "https://example.com/demo",
            definitions: { port: { type: "integer" } },
            properties: {
              service: { properties: { port: { $ref: "#/definitions/port" } } },
            },
          },
        ],
      ]),
      manifests: new Map(),
    }) as Record<string, unknown> & { definitions: Record<string, unknown> };
    expect(s.definitions["chart--demo--port"]).toEqual({ type: "integer" });
    const demo = (
      s.properties as Record<
        string,
        { properties: Record<string, Record<string, unknown>> }
      >
    ).charts!.properties.demo!;
    expect(demo.$schema).toBeUndefined();
    expect(demo.$id).toBeUndefined();
    expect(JSON.stringify(demo)).toContain(
      '"$ref":"#/definitions/chart--demo--port"',
    );
  });

  it("matches a Kubernetes namespace or a macro, and nothing else", () => {
    const s = valuesJsonSchema({ charts: new Map(), manifests: new Map() }) as {
      properties: { pack: { properties: { namespace: { pattern: string } } } };
    };
    const re = new RegExp(s.properties.pack.properties.namespace.pattern);
    expect(
      ["demo", "my-ns", "{{ .spectro.system.cluster.name }}"].every((n) =>
        re.test(n),
      ),
    ).toBe(true);
    expect(["Bad_NS", "-x"].some((n) => re.test(n))).toBe(false);
  });
});
