import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { FIXTURES } from "../../../../test/helpers/fixtures";
import {
  addCharts,
  addManifests,
  chartBlockNames,
  expectedCharts,
  renameChart,
} from "@/features/wizard/model/add-files";
import { readChart, readChartArchive } from "@/pack/chart";
import { writePackTarGz } from "@/pack/tar-write";
import { parseYamlLimited } from "@/pack/yaml-text";

const chartPath =
  "pack-central/akuity-agent-0.30.0-5.5.2026/charts/akuity-agent-0.30.0-5.5.2026.tgz";
const bytes = new Uint8Array(readFileSync(join(FIXTURES, chartPath)));
const candidate = (fileName: string, b = bytes) => ({
  fileName,
  bytes: b,
  read: readChart(b, { name: fileName }),
});
let n = 0;
const newBlob = () => `b${++n}`;

describe("the charts values.yaml expects", () => {
  it("are its charts.<name> blocks no chart is named after", () => {
    const text = "charts:\n  prometheus-operator: {}\n  grafana:\n    x: 1\n";
    expect(expectedCharts(text, [])).toEqual([
      "prometheus-operator",
      "grafana",
    ]);
    expect(expectedCharts(text, ["grafana"])).toEqual(["prometheus-operator"]);
    for (const none of [null, "", "pack: {}\n", "charts: []\n", "charts: [\n"])
      expect(expectedCharts(none, [])).toEqual([]);
  });

  it("parses a text once however often the Content step renders", () => {
    const text = "charts:\n  a: {}\n  b: {}\n";
    const first = chartBlockNames(text);
    // The very same answer: the text was not parsed again.
    expect(chartBlockNames(text)).toBe(first);
    expect(chartBlockNames(`${text}`)).toBe(first);
    // Another text is parsed, and the answer follows the text.
    expect(chartBlockNames("charts:\n  c: {}\n")).toEqual(["c"]);
    expect(chartBlockNames(text)).not.toBe(first);
    expect(chartBlockNames(text)).toEqual(first);
  });
});

describe("addCharts", () => {
  it("adds a real chart and seeds its values under charts.<name>", () => {
    const r = addCharts(
      [],
      [candidate("akuity.tgz")],
      "pack:\n  namespace: akuity\n",
      newBlob,
    );
    expect(r.outcome.refused).toEqual([]);
    expect(r.rows).toEqual([
      expect.objectContaining({
        name: "akuity-agent",
        // The file keeps the name it came with (issue 9 item 3).
        path: "charts/akuity.tgz",
      }),
    ]);
    expect(r.outcome.added).toEqual([
      "akuity-agent 0.30.0-5.5.2026 as charts/akuity.tgz",
    ]);
    const values = parseYamlLimited(r.valuesText!, "values.yaml")
      .values[0] as Record<string, Record<string, unknown>>;
    expect(values.charts?.["akuity-agent"]).toBeTruthy();
    expect(values.pack).toEqual({ namespace: "akuity" });
  });

  it("refuses a duplicate chart and a file that is not a chart, saying why", () => {
    const first = addCharts([], [candidate("a.tgz")], "", newBlob);
    const png = Uint8Array.of(
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      0,
      0,
    );
    const r = addCharts(
      first.rows,
      [candidate("again.tgz"), candidate("logo.tgz", png)],
      first.valuesText,
      newBlob,
    );
    expect(r.rows).toHaveLength(1);
    expect(r.outcome.refused).toEqual([
      expect.stringMatching(
        /^again\.tgz: the chart akuity-agent \S+ is already in the pack \(charts\/a\.tgz\)$/,
      ),
      "logo.tgz is not a Helm chart: it is a PNG image",
    ]);
  });

  it("says once what a refused file is, naming it as it was dropped", () => {
    const readme = new Uint8Array(
      readFileSync(join(FIXTURES, "tutorials/hello-universe-pack/README.md")),
    );
    const r = addCharts(
      [],
      [
        candidate("corrupt.tgz", readme),
        candidate("cut.tgz", bytes.subarray(0, bytes.length - 100)),
      ],
      "",
      newBlob,
    );
    expect(r.outcome.refused).toEqual([
      "corrupt.tgz is not a Helm chart: its bytes are not a gzip archive",
      "cut.tgz is truncated or corrupt (unexpected EOF)",
    ]);
  });

  it("fills the entry pack.json lists under the file's name, in its place", () => {
    const missing = {
      blob: null,
      path: "charts/prometheus-grafana.tgz",
      name: "",
      version: "",
    };
    const r = addCharts(
      [missing],
      [candidate("prometheus-grafana.tgz")],
      "",
      newBlob,
    );
    expect(r.outcome.refused).toEqual([]);
    expect(r.rows).toEqual([
      expect.objectContaining({
        path: "charts/prometheus-grafana.tgz",
        name: "akuity-agent",
        blob: expect.any(String),
      }),
    ]);
    // Another name is added beside it; the missing entry stays for the user to remove.
    const other = addCharts([missing], [candidate("x.tgz")], "", newBlob);
    expect(other.rows.map((x) => x.path)).toEqual([
      "charts/prometheus-grafana.tgz",
      "charts/x.tgz",
    ]);
  });

  it("fills a missing entry whose chart values.yaml expects by name, taking the chart's path", () => {
    // A template lists charts/prometheus-grafana.tgz and has values for charts.<its chart>;
    // helm pull names the archive <name>-<version>.tgz, never the template's file name.
    const missing = {
      blob: null,
      path: "charts/prometheus-grafana.tgz",
      name: "",
      version: "",
    };
    const values = "charts:\n  akuity-agent:\n    mine: true\n";
    const r = addCharts(
      [missing],
      [candidate("akuity-agent-0.30.0-5.5.2026.tgz")],
      values,
      newBlob,
    );
    expect(r.outcome.refused).toEqual([]);
    expect(r.rows).toEqual([
      expect.objectContaining({
        path: "charts/akuity-agent-0.30.0-5.5.2026.tgz",
        name: "akuity-agent",
        blob: expect.any(String),
      }),
    ]);
    expect(r.outcome.added).toEqual([
      "akuity-agent 0.30.0-5.5.2026 as charts/akuity-agent-0.30.0-5.5.2026.tgz, in place of the missing charts/prometheus-grafana.tgz",
    ]);
    expect(r.outcome.notes[0]).toContain(
      "It fills the entry pack.json listed as charts/prometheus-grafana.tgz",
    );
    // The block values.yaml has for the chart is the chart's: kept, not doubled.
    expect(r.valuesText).toBe(values);
    // A chart values.yaml does not expect leaves the missing entry alone.
    const other = addCharts(
      [missing],
      [candidate("akuity-agent-0.30.0-5.5.2026.tgz")],
      "charts:\n  prometheus-operator: {}\n",
      newBlob,
    );
    expect(other.rows.map((x) => x.path)).toEqual([
      "charts/prometheus-grafana.tgz",
      "charts/akuity-agent-0.30.0-5.5.2026.tgz",
    ]);
  });

  it("renames a chart to <name>-<version>.tgz on request, refusing a taken name", () => {
    const { rows } = addCharts([], [candidate("akuity.tgz")], "", newBlob);
    const r = renameChart(rows, 0);
    expect(r.ok && r.value[0]?.path).toBe(
      "charts/akuity-agent-0.30.0-5.5.2026.tgz",
    );
    expect(r.ok && r.value[0]?.blob).toBe(rows[0]?.blob);
    const taken = [
      ...rows,
      {
        ...rows[0]!,
        name: "x",
        path: "charts/akuity-agent-0.30.0-5.5.2026.tgz",
      },
    ];
    expect(renameChart(taken, 0)).toEqual({
      ok: false,
      error: "charts/akuity-agent-0.30.0-5.5.2026.tgz is already in the pack",
    });
  });

  it("keeps an existing charts.<name> block", () => {
    const r = addCharts(
      [],
      [candidate("a.tgz")],
      "charts:\n  akuity-agent:\n    mine: true\n",
      newBlob,
    );
    expect(r.valuesText).toBe("charts:\n  akuity-agent:\n    mine: true\n");
    expect(r.outcome.notes[0]).toContain("kept as it was");
  });

  it("still adds the chart when values.yaml is broken, and says so", () => {
    const r = addCharts([], [candidate("a.tgz")], "pack: [", newBlob);
    expect(r.rows).toHaveLength(1);
    expect(r.valuesText).toBe("pack: [");
    expect(r.outcome.notes[0]).toContain("Fix values.yaml");
  });

  it("names the values.yaml problem with the problem list's message and line", () => {
    const broken = "pack:\n  a: 1\nbad: [unclosed\ncharts:\n";
    const [problem] = parseYamlLimited(broken, "values.yaml").findings;
    const r = addCharts([], [candidate("a.tgz")], broken, newBlob);
    expect(r.outcome.notes).toEqual([
      `charts.akuity-agent was not added: ${problem!.message} (line 3). Fix values.yaml on the Values step.`,
    ]);
  });
  // Upgrading a chart meant removing it first, which took its values block, and adding the new
  // version seeded the chart's defaults: the user's settings were lost (found by trying it).
  it("takes another version of a chart in the pack in its place, keeping the user's values", () => {
    const crossplane = new Uint8Array(
      readFileSync(
        join(
          FIXTURES,
          "pack-central/crossplane-2.3.0/charts/crossplane-2.3.0.tgz",
        ),
      ),
    );
    const opened = readChartArchive(crossplane, { name: "crossplane.tgz" });
    if (!opened.ok) throw new Error(opened.error.message);
    const files = new Map(opened.value.files);
    files.set(
      "Chart.yaml",
      new TextEncoder().encode(
        new TextDecoder()
          .decode(files.get("Chart.yaml"))
          .replace(/^version: 2\.3\.0$/m, "version: 2.3.1"),
      ),
    );
    const newer = new Uint8Array(writePackTarGz(files, "crossplane"));
    const first = addCharts(
      [],
      [candidate("crossplane-2.3.0.tgz", crossplane)],
      "pack:\n  namespace: crossplane-system\n",
      newBlob,
    );
    const mine = first.valuesText!.replace(
      /^ {4}replicas: 1$/m,
      "    replicas: 9",
    );
    expect(mine).not.toBe(first.valuesText);
    const r = addCharts(
      first.rows,
      [candidate("crossplane-2.3.1.tgz", newer)],
      mine,
      newBlob,
    );
    expect(r.rows).toEqual([
      expect.objectContaining({
        path: "charts/crossplane-2.3.1.tgz",
        name: "crossplane",
        version: "2.3.1",
      }),
    ]);
    expect(r.rows[0]!.blob).not.toBe(first.rows[0]!.blob);
    expect(r.valuesText).toBe(mine);
    expect(r.outcome).toEqual({
      added: [
        "crossplane 2.3.1 as charts/crossplane-2.3.1.tgz, in place of 2.3.0 (charts/crossplane-2.3.0.tgz)",
      ],
      refused: [],
      notes: [
        "values.yaml keeps charts.crossplane as it was: compare it with the defaults of 2.3.1 on the Values step.",
      ],
    });
  });

  it("refuses a chart whose file name differs from one in the pack only in case", () => {
    const first = addCharts([], [candidate("agent.tgz")], null, newBlob);
    const other = new Uint8Array(
      readFileSync(
        join(
          FIXTURES,
          "pack-central/crossplane-2.3.0/charts/crossplane-2.3.0.tgz",
        ),
      ),
    );
    const r = addCharts(
      first.rows,
      [candidate("Agent.tgz", other)],
      null,
      newBlob,
    );
    expect(r.rows.map((row) => row.path)).toEqual(["charts/agent.tgz"]);
    expect(r.outcome.refused).toEqual([
      "Agent.tgz: charts/agent.tgz is already in the pack (charts/Agent.tgz differs from it only in case, and macOS and Windows would keep one of the two)",
    ]);
  });
});

describe("addManifests", () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it("seeds the .Values a template uses under manifests.<file name>", () => {
    const r = addManifests(
      [],
      [
        {
          fileName: "app.yaml",
          bytes: enc(
            "image: {{ .Values.image.repo }}:{{ .Values.image.tag }}\n",
          ),
        },
      ],
      "",
      newBlob,
    );
    expect(r.rows).toEqual([
      { blob: expect.any(String), path: "manifests/app.yaml" },
    ]);
    expect(parseYamlLimited(r.valuesText!, "v").values[0]).toEqual({
      manifests: { app: { image: { repo: "", tag: "" } } },
    });
  });

  it("refuses broken YAML, binary files, other extensions, a second file with the same key and one whose name differs only in case", () => {
    const first = addManifests(
      [],
      [{ fileName: "app.yaml", bytes: enc("kind: A\n") }],
      "",
      newBlob,
    );
    const r = addManifests(
      first.rows,
      [
        { fileName: "broken.yaml", bytes: enc("kind: [\n") },
        { fileName: "bin.yaml", bytes: Uint8Array.of(0xff, 0xfe, 0) },
        { fileName: "notes.txt", bytes: enc("x") },
        { fileName: "app.yml", bytes: enc("kind: B\n") },
        { fileName: "App.yaml", bytes: enc("kind: C\n") },
      ],
      "",
      newBlob,
    );
    expect(r.rows).toHaveLength(1);
    expect(r.outcome.refused).toEqual([
      expect.stringMatching(/^broken\.yaml is not valid YAML: .*line/),
      expect.stringContaining("not text"),
      expect.stringContaining("not a .yaml"),
      expect.stringContaining("manifests.app"),
      "App.yaml: manifests/app.yaml is already in the pack (manifests/App.yaml differs from it only in case, and macOS and Windows would keep one of the two)",
    ]);
  });
});
