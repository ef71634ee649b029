import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import {
  describeToken,
  enabledPresets,
  readPresets,
  readSchemaRows,
} from "./presets";

const fixture = (pack: string, file: string): string =>
  readFileSync(`test/fixtures/pack-central/${pack}/${file}`, "utf8");

describe("readPresets", () => {
  it("groups hello-universe's presets and marks the default from values.yaml", () => {
    const r = readPresets(
      fixture("hello-universe-1.3.1", "presets.yaml"),
      fixture("hello-universe-1.3.1", "values.yaml"),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.map((g) => g.group)).toEqual(["Backend"]);
    const [backend] = r.rows;
    expect(backend?.presets.map((p) => [p.name, p.enabledByDefault])).toEqual([
      ["disable-api", true],
      ["enable-api", false],
    ]);
    expect(backend?.presets[1]?.add).toContain("apiEnabled: true");
  });

  it("treats kyverno's empty presets.yaml as an empty table", () => {
    expect(readPresets(fixture("kyverno-1.12.2", "presets.yaml"))).toEqual({
      ok: true,
      rows: [],
    });
  });

  it.each([
    ["broken YAML", "presets: [", /presets\.yaml/],
    ["wrong shape", "presets: 3", /shape/],
  ])("reports %s instead of throwing", (_label, text, message) => {
    const r = readPresets(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("reads several groups in order of first appearance", () => {
    const r = readPresets(
      [
        "presets:",
        "  - {name: a, displayName: A, group: G2, remove: [x.y]}",
        "  - {name: b, displayName: B, group: G1, add: 'k: v'}",
        "  - {name: c, displayName: C, group: G2}",
      ].join("\n"),
      "# spectrocloud.com/enabled-presets: G1:b, G2:c\n",
    );
    expect(
      r.ok &&
        r.rows.map((g) => [
          g.group,
          g.presets.map((p) => `${p.name}${p.enabledByDefault ? "*" : ""}`),
        ]),
    ).toEqual([
      ["G2", ["a", "c*"]],
      ["G1", ["b*"]],
    ]);
  });
});

describe("enabledPresets", () => {
  it("reads the comment anywhere at a line start, trimmed", () => {
    expect([
      ...enabledPresets(
        "x: 1\n#  spectrocloud.com/enabled-presets: A:b , C:d\n",
      ),
    ]).toEqual(["A:b", "C:d"]);
    expect(enabledPresets("a: 1").size).toBe(0);
  });
});

describe("readSchemaRows", () => {
  it("shapes hello-universe's schema.yaml into one row per path", () => {
    const r = readSchemaRows(fixture("hello-universe-1.3.1", "schema.yaml"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toHaveLength(21);
    expect(r.rows[0]).toMatchObject({
      path: "manifests.hello-universe.namespace",
      required: true,
      readonly: false,
      types: ["string"],
      hints: ["Enter the namespace in which the application will be deployed."],
    });
    const effect = r.rows.find(
      (x) => x.path === "manifests.hello-universe.ui.tolerations.effect",
    );
    expect(effect?.types).toEqual([
      "one of PreferNoSchedule, NoSchedule, NoExecute",
    ]);
    expect(effect?.required).toBe(false);
  });

  it("keeps a row whose template cannot be read, with the reason", () => {
    const r = readSchemaRows("a.b:\n  schema: '{{ shout }}'\nc: 3\n");
    expect(r.ok && r.rows.map((x) => [x.path, x.error !== undefined])).toEqual([
      ["a.b", true],
      ["c", true],
    ]);
  });

  it("reads every real schema.yaml fixture without an unreadable row", () => {
    for (const pack of [
      "akuity-agent-0.30.0-5.5.2026",
      "karpenter-1.5.1",
      "splunk-1.4.3",
      "stormforge-optimize-live-0.7.8",
    ]) {
      const r = readSchemaRows(fixture(pack, "schema.yaml"));
      expect(r.ok, pack).toBe(true);
      if (r.ok)
        expect(
          r.rows.filter((x) => x.error),
          pack,
        ).toEqual([]);
    }
  });

  it("treats an empty file as an empty table and a list as an error", () => {
    expect(readSchemaRows("")).toEqual({ ok: true, rows: [] });
    expect(readSchemaRows("- a").ok).toBe(false);
  });
});

describe("describeToken", () => {
  it.each([
    ["string", undefined, "string"],
    ["number", "[1-65535]", "number in [1-65535]"],
    ["string", "/^a.*$/", "string matching /^a.*$/"],
    ["list", "[A,B]", "one of A, B"],
  ])("%s %s", (type, arg, want) => {
    expect(describeToken(type, arg)).toBe(want);
  });
});
