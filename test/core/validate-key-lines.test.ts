// A finding about a YAML key (a chart's or manifest's values block, a schema path, a preset's
// field) sits at the line where the key is written, not where its value starts: a block mapping's
// value starts at its first child, often lines below after comments (a review found ambassador's
// `charts.ingress-ambassador` reported at line 15 for a key on line 7). A finding about a value
// (a schema template, a line inside a preset's `add: |`) stays at the value. Real fixture packs,
// some with small mutations.
import { beforeAll, describe, expect, it } from "vitest";
import type { PackFiles } from "../../src/pack/pack-files";
import { validatePack } from "../../src/pack/validate";
import { loadFixture } from "../helpers/fixtures";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

let ambassador: PackFiles;
let gridlight: PackFiles;
let citrix: PackFiles;
let hello: PackFiles;
let argo: PackFiles;
let snapshotter: PackFiles;
let kubeflow: PackFiles;
beforeAll(async () => {
  ambassador = await loadFixture("pack-central/ambassador-6.6.0");
  gridlight = await loadFixture("pack-central/gridlight-1.1.3");
  citrix = await loadFixture("pack-central/citrix-adc-1.7.6");
  hello = await loadFixture("pack-central/hello-universe-1.3.1");
  argo = await loadFixture("pack-central/argocd-3.26.7");
  snapshotter = await loadFixture("pack-central/external-snapshotter-4.0.1");
  kubeflow = await loadFixture("pack-central/kubeflow-pipelines-1.5.0");
});

/** `[file:line, path]` of each finding with `code`. */
const at = (files: PackFiles, code: string): [string, string | undefined][] =>
  validatePack(files)
    .findings.filter((f) => f.code === code)
    .map((f) => [`${f.file ?? ""}:${f.line ?? ""}`, f.path]);

/** 1-based line of the first line of `file` that is `text` once trimmed. */
const lineOf = (files: PackFiles, file: string, text: string): number =>
  dec(files.get(file))
    .split("\n")
    .findIndex((l) => l.trim() === text) + 1;

describe("findings about YAML keys are at the key's line", () => {
  it("ambassador: charts.ingress-ambassador, whose block starts after 7 comment lines", () => {
    expect(lineOf(ambassador, "values.yaml", "ingress-ambassador:")).toBe(7);
    expect(at(ambassador, "CHART_VALUES_KEY")).toEqual([
      ["values.yaml:7", "charts.ingress-ambassador"],
    ]);
  });

  it("gridlight: each schema.yaml path at its key, a template's note at the template", () => {
    const keys = [
      "postgresPassword",
      "neo4jPassword",
      "gatewayToken",
      "agentToken",
      "licenseId",
      "signingSecret",
      "huggingFaceToken",
    ].map((k) => `charts.gridlight-palette.auth.${k}`);
    expect(at(gridlight, "SCHEMA_PATH_UNKNOWN")).toEqual(
      keys.map((k, i) => [`schema.yaml:${6 + 3 * i}`, k]),
    );
    for (const [i, k] of keys.entries())
      expect(lineOf(gridlight, "schema.yaml", `${k}:`)).toBe(6 + 3 * i);
    // The note is about the template's text, on the line below its key.
    expect(at(gridlight, "SCHEMA_TEMPLATE_UNDOCUMENTED")).toEqual([
      ["schema.yaml:19", "charts.gridlight-palette.auth.licenseId"],
    ]);
  });

  it("citrix-adc: a manifests key followed by a blank line and a comment", () => {
    const pj = JSON.parse(dec(citrix.get("pack.json"))) as Record<
      string,
      unknown
    >;
    const files = new Map(citrix);
    files.set(
      "pack.json",
      enc(JSON.stringify({ ...pj, kubeManifests: ["manifests/vip.yaml"] })),
    );
    expect(lineOf(files, "values.yaml", "citrix-k8s-ingress-controller:")).toBe(
      10,
    );
    expect(at(files, "MANIFEST_VALUES_KEY")).toEqual([
      ["values.yaml:10", "manifests.citrix-k8s-ingress-controller"],
    ]);
  });

  it("hello-universe: a preset's field at its key, a broken `add: |` line at that line", () => {
    const text = dec(hello.get("presets.yaml"))
      .replace(
        "    remove: []\n",
        "    remove:\n      # a mapping, not a list\n      replicas: 1\n",
      )
      // A comment after the header: the text's lines still count from the `|`.
      .replace(
        "    add: |\n      manifests:\n        hello-universe:\n          images:\n            hellouniverse: ghcr.io/spectrocloud/hello-universe:1.3.2-proxy",
        "    add: | # merged into values.yaml\n      manifests:\n        hello-universe:\n          images:\n            hellouniverse: ghcr.io/spectrocloud/hello-universe:1.3.2-proxy",
      )
      .replace("          apiEnabled: true\n", "          apiEnabled: [true\n");
    const files = new Map(hello).set("presets.yaml", enc(text));
    const lines = text.split("\n");
    const line = (s: string) => lines.findIndex((l) => l.startsWith(s)) + 1;
    expect(line("    remove:")).toBe(5);
    expect(at(files, "PRESETS_INVALID")).toEqual([
      ["presets.yaml:5", "presets.0.remove"],
      ["presets.yaml:" + line("          apiEnabled: [true"), "presets.1.add"],
    ]);
  });
});

// A finding about a part of values.yaml that is missing (CHART_VALUES_MISSING, IMAGES_MISSING)
// once had no line at all: the editor opened values.yaml at its top and left the user to look.
// It is at the key of the deepest part that exists, where the missing block goes (`charts:`,
// `pack:`); at the document's first key when no part does; at line 1 of an empty values.yaml.
describe("a missing values.yaml part is reported where it belongs", () => {
  it.each([
    [
      "ambassador: charts.ambassador at `charts:`, just above the mismatched key",
      () => ambassador,
      "CHART_VALUES_MISSING",
      "charts:",
      6,
      "charts.ambassador",
    ],
    [
      "gridlight: no `charts:` at all, so at the first key after the comment header",
      () => gridlight,
      "CHART_VALUES_MISSING",
      "pack:",
      10,
      "charts.gridlight-palette",
    ],
    [
      "argo-cd: pack.content.images at `pack:`, which has no `content:`",
      () => argo,
      "IMAGES_MISSING",
      "pack:",
      2,
      "pack.content.images",
    ],
    [
      "external-snapshotter: no `pack:` at all, so at `manifests:`, the first key",
      () => snapshotter,
      "IMAGES_MISSING",
      "manifests:",
      3,
      "pack.content.images",
    ],
  ])("%s", (_, pack, code, key, line, path) => {
    expect(lineOf(pack(), "values.yaml", key)).toBe(line);
    expect(at(pack(), code)).toEqual([[`values.yaml:${line}`, path]]);
  });

  it("argo-cd: at `content:` or at `images:` when they are there but hold no image", () => {
    const text = dec(argo.get("values.yaml"));
    const ns = '  namespace: "argocd"\n';
    expect(text).toContain(ns);
    for (const [added, key] of [
      ["  content:\n    charts: []\n", "content:"],
      ["  content:\n    # none yet\n    images: []\n", "images: []"],
    ] as const) {
      const files = new Map(argo).set(
        "values.yaml",
        enc(text.replace(ns, ns + added)),
      );
      const line = lineOf(files, "values.yaml", key);
      expect(line).toBeGreaterThan(2);
      expect(at(files, "IMAGES_MISSING")).toEqual([
        [`values.yaml:${line}`, "pack.content.images"],
      ]);
    }
  });

  it("external-snapshotter: no `pack:` at all, so at `manifests:`, the first key", () => {
    expect(lineOf(snapshotter, "values.yaml", "manifests:")).toBe(3);
    expect(at(snapshotter, "IMAGES_MISSING")).toEqual([
      ["values.yaml:3", "pack.content.images"],
    ]);
  });

  it("an empty values.yaml (kubeflow-pipelines ships one) lacks both, at line 1", () => {
    expect(kubeflow.get("values.yaml")?.length).toBe(0);
    expect(at(kubeflow, "IMAGES_MISSING")).toEqual([
      ["values.yaml:1", "pack.content.images"],
    ]);
    const emptied = new Map(argo).set("values.yaml", enc("# nothing yet\n"));
    expect(at(emptied, "CHART_VALUES_MISSING")).toEqual([
      ["values.yaml:1", "charts.argo-cd"],
    ]);
    expect(at(emptied, "IMAGES_MISSING")).toEqual([
      ["values.yaml:1", "pack.content.images"],
    ]);
  });
});
