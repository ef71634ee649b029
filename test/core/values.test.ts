import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readChart } from "../../src/pack/chart";
import {
  addChartValues,
  addManifestValues,
  manifestKey,
  manifestValueRefs,
  manifestValueSeeds,
  removeValuesBlock,
  restoreValuesBlock,
} from "../../src/pack/values";
import { parseYamlLimited } from "../../src/pack/yaml-text";
import { loadFixture } from "../helpers/fixtures";

const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

/** A real pack-central chart, read by the core: its name and its own values.yaml. */
async function fixtureChart(pack: string, path: string) {
  const files = await loadFixture(`pack-central/${pack}`);
  const chart = readChart(files.get(path)!, { name: path });
  if (!chart.ok) throw new Error(chart.error.message);
  return chart;
}

describe("values composition", () => {
  it("adding a real chart seeds charts.<Chart.yaml name> from its values, comments kept, pack section untouched", async () => {
    const chart = await fixtureChart("argocd-3.26.7", "charts/argo-cd.tgz");
    const base = "# my pack\npack:\n  namespace: argocd # where it goes\n";
    const r = addChartValues(base, chart.value.name, chart.value.valuesText);
    expect(r.added).toBe(true);
    expect(r.text).toContain("# my pack");
    expect(r.text).toContain("namespace: argocd # where it goes");
    const composed = parse(r.text) as { charts: Record<string, unknown> };
    expect(composed.charts["argo-cd"]).toEqual(parse(chart.value.valuesText));
    // A comment from the chart's own values.yaml survives the move.
    const chartComment = chart.value.valuesText
      .split("\n")
      .find((l) => /^\s+#\s+\S/.test(l))!
      .trim();
    expect(r.text).toContain(chartComment);
    // Adding again leaves the user's block alone.
    const again = addChartValues(
      r.text.replace("argo-cd:", "argo-cd:\n    mine: true"),
      "argo-cd",
      chart.value.valuesText,
    );
    expect(again.added).toBe(false);
    expect(removeValuesBlock(r.text, "charts", "argo-cd")).not.toContain(
      "argo-cd:",
    );
  });

  // Removing the last chart left `charts: {}`, a flow map, and the next chart added was written
  // into it in flow style: `{ replicas: 1, … }` with its comments out of line (found by trying
  // the builder: remove a chart, add it again).
  it("a chart removed and added again, or put back by undo, is written as it was first, in block style", async () => {
    const chart = await fixtureChart(
      "crossplane-2.3.0",
      "charts/crossplane-2.3.0.tgz",
    );
    const base = "pack:\n  namespace: crossplane-system\n";
    const first = addChartValues(
      base,
      "crossplane",
      chart.value.valuesText,
    ).text;
    const removed = removeValuesBlock(first, "charts", "crossplane");
    expect(removed).toBe(`${base}charts: {}\n`);
    const again = addChartValues(removed, "crossplane", chart.value.valuesText);
    expect(again.text).toBe(first);
    // Undo after another edit puts the block back into the edited text, in block style too.
    const edited = removed.replace("crossplane-system", "xp");
    const back = restoreValuesBlock(
      edited,
      first,
      removed,
      "charts",
      "crossplane",
    );
    expect(back).toBe(first.replace("crossplane-system", "xp"));
    // A flow map with entries is the user's own style and stays.
    expect(addChartValues("charts: {a: {x: 1}}\n", "b", "y: 2\n").text).toBe(
      "charts: { a: { x: 1 }, b: { y: 2 } }\n",
    );
  });

  it("a values.yaml that does not parse is refused as the problem list says it: the core's message and line", async () => {
    const files = await loadFixture("pack-central/crossplane-2.3.0");
    const broken = "pack:\n  a: 1\nbad: [unclosed\ncharts:\n";
    const flow =
      "Flow sequence in block collection must be sufficiently indented and end with a ]";
    const [problem] = parseYamlLimited(broken, "values.yaml").findings;
    expect(problem).toMatchObject({
      line: 3,
      message: `values.yaml: ${flow}`,
    });
    const expected = `values.yaml: ${flow} (line 3)`;
    expect(() => addChartValues(broken, "crossplane", "")).toThrow(
      new Error(expected),
    );
    expect(() => removeValuesBlock(broken, "charts", "x")).toThrow(
      new Error(expected),
    );
    expect(() =>
      addManifestValues(broken, "manifests/a.yaml", "a: {{ .Values.x }}\n"),
    ).toThrow(new Error(expected));
    // The chart's own values.yaml, named as such.
    expect(() =>
      addChartValues(text(files.get("values.yaml")), "x", "a: [1\n"),
    ).toThrow(new Error(`the chart's values.yaml: ${flow} (line 1)`));
  });

  it("an empty values.yaml (as in cks-kubebench) takes a chart block", () => {
    expect(parse(addChartValues("", "x", "a: 1\n").text)).toEqual({
      charts: { x: { a: 1 } },
    });
  });

  it("an empty or comment-only values.yaml takes nested manifest values", () => {
    const manifest =
      "image: {{ .Values.image.repo }}:{{ .Values.image.tag }}\n";
    for (const values of ["", "# nothing yet\n"])
      expect(
        parse(addManifestValues(values, "manifests/app.yaml", manifest).text),
      ).toEqual({ manifests: { app: { image: { repo: "", tag: "" } } } });
  });

  it("finds .Values references in the tutorial manifest and seeds the missing ones under manifests.<basename>", async () => {
    const files = await loadFixture("tutorials/hello-universe-pack");
    const manifest = text(files.get("manifests/hello-universe.yaml"));
    const refs = manifestValueRefs(manifest);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(manifest).toContain(`.Values.${r}`);
    expect(manifestKey("manifests/hello-universe.yaml")).toBe("hello-universe");
    const seeded = addManifestValues(
      "pack:\n  namespace: x\n",
      "manifests/hello-universe.yaml",
      manifest,
    );
    expect(seeded.added).toBe(true);
    const tree = parse(seeded.text) as {
      manifests: Record<string, Record<string, unknown>>;
    };
    expect(
      Object.keys(tree.manifests["hello-universe"]!).length,
    ).toBeGreaterThan(0);
    // The tutorial's own values already define them all: nothing to add.
    expect(
      addManifestValues(
        text(files.get("values.yaml")),
        "manifests/hello-universe.yaml",
        manifest,
      ).added,
    ).toBe(false);
  });

  it("keeps nested references, drops prefixes used in conditions, ignores text outside {{ }}", () => {
    const m =
      "{{ if .Values.ingress }}host: {{ .Values.ingress.host | quote }}{{ end }}\n# .Values.notInTemplate\n{{- .Values.a-b.c -}}";
    expect(manifestValueRefs(m)).toEqual(["ingress.host", "a-b.c"]);
  });

  it("seeds typed defaults read from the template, the way permission-manager's own values are typed", async () => {
    const files = await loadFixture("pack-central/permission-manager-1.0.0");
    const manifest = text(files.get("manifests/permission-manager.yaml"));
    const seeded = addManifestValues(
      "pack:\n  namespace: x\n",
      "manifests/permission-manager.yaml",
      manifest,
    );
    const ours = (parse(seeded.text) as { manifests: Record<string, unknown> })
      .manifests["permission-manager"] as Record<string, unknown>;
    const theirs = (
      parse(text(files.get("values.yaml"))) as {
        manifests: Record<string, Record<string, unknown>>;
      }
    ).manifests["permission-manager"]!;
    // Same keys and, key by key, the same JSON type as the pack's author wrote.
    const kind = (v: unknown) =>
      Array.isArray(v) ? "list" : v === null ? "map" : typeof v;
    const ingress = ours.ingress as Record<string, unknown>;
    const theirIngress = theirs.ingress as Record<string, unknown>;
    expect(Object.keys(ingress).sort()).toEqual(
      Object.keys(theirIngress).sort(),
    );
    for (const k of ["enabled", "hosts", "path", "tls"])
      expect([k, kind(ingress[k])]).toEqual([k, kind(theirIngress[k])]);
    expect(ingress.annotations).toEqual({});
    expect(kind(ours.namespace)).toBe(kind(theirs.namespace));
  });

  it("writes block style under an empty flow map, with defaults from default/int/range", () => {
    const m =
      '{{ .Values.replicas }} {{ default 3 .Values.size }} {{ .Values.n | int }} {{ range .Values.items }}{{ end }} {{ default "web" .Values.name }}';
    const r = addManifestValues("manifests: {}\n", "manifests/app.yaml", m);
    expect(r.text).toBe(
      "manifests:\n  app:\n    replicas: 0\n    size: 3\n    n: 0\n    items: []\n    name: web\n",
    );
    expect(manifestValueSeeds("{{ if .Values.on }}{{ end }}").get("on")).toBe(
      false,
    );
  });

  it("restores a removed block: the same bytes when nothing changed since, else the block with its comments", () => {
    const before =
      "# mine\npack:\n  namespace: demo   # where\nmanifests:\n  app:\n    # the image\n    repo: 'nginx'\n";
    const removed = removeValuesBlock(before, "manifests", "app");
    expect(removed).not.toContain("app:");
    expect(
      restoreValuesBlock(removed, before, removed, "manifests", "app"),
    ).toBe(before);
    const edited = removed.replace("demo", "other");
    const back = restoreValuesBlock(
      edited,
      before,
      removed,
      "manifests",
      "app",
    );
    expect(back).toContain("namespace: other");
    expect(back).toContain("# the image");
    expect(parse(back)).toEqual({
      pack: { namespace: "other" },
      manifests: { app: { repo: "nginx" } },
    });
  });
});
