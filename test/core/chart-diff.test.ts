import { describe, expect, it } from "vitest";
import { readChartArchive } from "../../src/pack/chart";
import {
  countFiles,
  diffChart,
  diffCharts,
  diffDependencies,
  diffFileDigests,
  type ChartComparison,
  type ChartSide,
  type DependencyField,
} from "../../src/pack/chart-diff";
import type { ChartDependency } from "../../src/pack/chart-meta";
import { fileDigests } from "../../src/pack/digest";
import type { PackFiles } from "../../src/pack/pack-files";
import { writePackTarGz } from "../../src/pack/tar-write";
import { utf8 } from "../gen/bytes";
import { loadFixture } from "../helpers/fixtures";

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

/** A chart archive's inner files, from a real fixture pack. */
async function fixtureChartFiles(dir: string, file: string) {
  const pack = await loadFixture(`pack-central/${dir}`);
  const bytes = pack.get(file);
  if (!bytes) throw new Error(`${dir} has no ${file}`);
  const r = readChartArchive(bytes, { name: file });
  if (!r.ok) throw new Error(`${dir} ${file}: ${r.error.message}`);
  return r.value.files;
}

/**
 * What the API lists for a chart archive (registry-api.md `PackDetail.charts[]`): the archive is
 * written with the core's tar writer and read back, so the side is what the server would list.
 */
async function side(
  file: string,
  files: PackFiles,
  top: string,
): Promise<ChartSide> {
  const r = readChartArchive(writePackTarGz(files, top), { name: file });
  if (!r.ok)
    return {
      file,
      name: "",
      version: "",
      dependencies: [],
      files: [],
      error: r.error.message,
    };
  return { file, ...r.value.info, files: await fileDigests(r.value.files) };
}

/** A copy of `files` with `edit` applied to the text of `path`, which must change. */
function edited(
  files: PackFiles,
  path: string,
  edit: (s: string) => string,
): PackFiles {
  const before = text(files.get(path));
  const after = edit(before);
  expect(after, `${path} is edited`).not.toBe(before);
  return new Map(files).set(path, utf8(after));
}

const compared = (d: ReturnType<typeof diffChart>): ChartComparison => {
  if (d.status !== "compared")
    throw new Error(`not compared: ${JSON.stringify(d.problems)}`);
  return d;
};

describe("diffChart over the crossplane chart of pack-central", () => {
  it("an identical archive has no change at all", async () => {
    const files = await fixtureChartFiles(
      "crossplane-2.3.0",
      "charts/crossplane-2.3.0.tgz",
    );
    const a = await side("charts/crossplane-2.3.0.tgz", files, "crossplane");
    const d = compared(diffChart(a, a));
    expect(d.fields).toEqual([]);
    expect(d.dependencies).toEqual([]);
    expect(countFiles(d.files)).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
      unchanged: files.size,
    });
  });

  it("a changed template, an added file, a removed file and a new version, values.yaml listed first", async () => {
    const files = await fixtureChartFiles(
      "crossplane-2.3.0",
      "charts/crossplane-2.3.0.tgz",
    );
    expect(files.has("templates/service.yaml")).toBe(true);
    let next = edited(files, "templates/deployment.yaml", (s) =>
      s.replace("spec:", "spec:\n  minReadySeconds: 5"),
    );
    next = edited(next, "Chart.yaml", (s) =>
      s
        .replace("version: 2.3.0", "version: 2.4.0")
        .replace("appVersion: 2.3.0", "appVersion: 2.4.0")
        .replace("apiVersion: v1", "apiVersion: v2\nkubeVersion: '>=1.30.0'"),
    );
    next = edited(next, "values.yaml", (s) => `${s}\nnewKey: true\n`);
    next.set("templates/pdb.yaml", utf8("kind: PodDisruptionBudget\n"));
    next.delete("templates/service.yaml");

    const d = compared(
      diffChart(
        await side("charts/crossplane-2.3.0.tgz", files, "crossplane"),
        await side("charts/crossplane-2.4.0.tgz", next, "crossplane"),
      ),
    );
    expect(d.fields).toEqual([
      { field: "apiVersion", before: "v1", after: "v2" },
      { field: "version", before: "2.3.0", after: "2.4.0" },
      { field: "kubeVersion", after: ">=1.30.0" },
      { field: "appVersion", before: "2.3.0", after: "2.4.0" },
    ]);
    const changed = d.files.filter((f) => f.status !== "unchanged");
    expect(changed.map((f) => [f.path, f.status])).toEqual([
      ["values.yaml", "changed"],
      ["Chart.yaml", "changed"],
      ["templates/deployment.yaml", "changed"],
      ["templates/pdb.yaml", "added"],
      ["templates/service.yaml", "removed"],
    ]);
    expect(countFiles(d.files)).toMatchObject({
      added: 1,
      removed: 1,
      changed: 3,
      unchanged: files.size - 4,
    });
  });
});

describe("diffCharts pairs charts by Chart.yaml name", () => {
  it("pairs an archive renamed with its version (crossplane-2.3.0.tgz → crossplane-2.4.0.tgz)", async () => {
    const files = await fixtureChartFiles(
      "crossplane-2.3.0",
      "charts/crossplane-2.3.0.tgz",
    );
    const next = edited(files, "Chart.yaml", (s) =>
      s.replace("version: 2.3.0", "version: 2.4.0"),
    );
    const d = diffCharts(
      [await side("charts/crossplane-2.3.0.tgz", files, "crossplane")],
      [await side("charts/crossplane-2.4.0.tgz", next, "crossplane")],
    );
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.pairs).toHaveLength(1);
    const p = compared(d.pairs[0]!);
    expect([p.before.file, p.after.file]).toEqual([
      "charts/crossplane-2.3.0.tgz",
      "charts/crossplane-2.4.0.tgz",
    ]);
    expect(p.fields).toEqual([
      { field: "version", before: "2.3.0", after: "2.4.0" },
    ]);
  });

  it("a chart only on one side is added or removed, never paired with another chart at the same path", async () => {
    const crossplane = await fixtureChartFiles(
      "crossplane-2.3.0",
      "charts/crossplane-2.3.0.tgz",
    );
    const nfs = await fixtureChartFiles(
      "csi-driver-nfs",
      "charts/csi-driver-nfs-4.13.2.tgz",
    );
    const d = diffCharts(
      [await side("charts/app.tgz", crossplane, "crossplane")],
      [await side("charts/app.tgz", nfs, "csi-driver-nfs")],
    );
    expect(d.pairs).toEqual([]);
    expect(d.added.map((c) => c.name)).toEqual(["csi-driver-nfs"]);
    expect(d.removed.map((c) => c.name)).toEqual(["crossplane"]);
  });

  // piraeus 2.9.1 renamed linstor-gui to linstor-web in Chart.yaml, keeping the archive's name:
  // the compare showed one chart removed and another added, and its changes nowhere.
  it("a chart renamed in its Chart.yaml at the same path pairs, the name a changed field", async () => {
    const files = await fixtureChartFiles(
      "crossplane-2.3.0",
      "charts/crossplane-2.3.0.tgz",
    );
    const renamed = new Map(files);
    const chartYaml = new TextDecoder()
      .decode(files.get("Chart.yaml"))
      .replace(/^name: crossplane$/m, "name: crossplane-core");
    renamed.set("Chart.yaml", new TextEncoder().encode(chartYaml));
    const d = diffCharts(
      [await side("charts/crossplane-2.3.0.tgz", files, "crossplane")],
      [await side("charts/crossplane-2.3.0.tgz", renamed, "crossplane-core")],
    );
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.pairs).toHaveLength(1);
    const pair = d.pairs[0]!;
    if (pair.status === "unreadable") throw new Error("unreadable");
    expect(pair.fields).toContainEqual({
      field: "name",
      before: "crossplane",
      after: "crossplane-core",
    });
  });

  it("an unreadable archive pairs by path and carries its error; nothing throws", async () => {
    const files = await fixtureChartFiles(
      "crossplane-2.3.0",
      "charts/crossplane-2.3.0.tgz",
    );
    const broken = new Map(files);
    broken.delete("Chart.yaml");
    const good = await side("charts/crossplane.tgz", files, "crossplane");
    const bad = await side("charts/crossplane.tgz", broken, "crossplane");
    expect(bad.error).toMatch(/no Chart\.yaml/);
    const d = diffCharts([good], [bad]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.pairs[0]).toMatchObject({
      status: "unreadable",
      problems: [
        {
          side: "after",
          file: "charts/crossplane.tgz",
          message: bad.error,
        },
      ],
    });
  });

  it("two archives of one chart name: the same path pairs first", async () => {
    const files = await fixtureChartFiles(
      "crossplane-2.3.0",
      "charts/crossplane-2.3.0.tgz",
    );
    const a = await side("charts/a.tgz", files, "crossplane");
    const b = await side("charts/b.tgz", files, "crossplane");
    const d = diffCharts([a, b], [b, a]);
    expect(d.pairs.map((p) => [p.before.file, p.after.file])).toEqual([
      ["charts/a.tgz", "charts/a.tgz"],
      ["charts/b.tgz", "charts/b.tgz"],
    ]);
  });
});

describe("dependency changes over the kyverno chart (grafana and crds subcharts)", () => {
  it("a version bump, an added and a removed dependency", async () => {
    const files = await fixtureChartFiles(
      "kyverno-1.12.2",
      "charts/kyverno-3.2.3.tgz",
    );
    const next = edited(files, "Chart.yaml", (s) =>
      s
        .replace(
          '- condition: grafana.enabled\n  name: grafana\n  repository: ""\n  version: 3.2.3\n',
          '- condition: grafana.enabled\n  name: grafana\n  repository: ""\n  version: 3.3.0\n',
        )
        .replace(
          '- condition: crds.install\n  name: crds\n  repository: ""\n  version: 3.2.3\n',
          "- condition: policies.install\n  name: policies\n  repository: https://kyverno.github.io/kyverno/\n  version: 3.3.0\n",
        ),
    );
    const d = compared(
      diffChart(
        await side("charts/kyverno-3.2.3.tgz", files, "kyverno"),
        await side("charts/kyverno-3.2.3.tgz", next, "kyverno"),
      ),
    );
    expect(d.dependencies).toEqual([
      {
        status: "changed",
        key: "grafana",
        fields: ["version"],
        before: expect.objectContaining({ version: "3.2.3" }),
        after: expect.objectContaining({ version: "3.3.0" }),
      },
      {
        status: "added",
        key: "policies",
        after: {
          name: "policies",
          version: "3.3.0",
          repository: "https://kyverno.github.io/kyverno/",
          condition: "policies.install",
        },
      },
      {
        status: "removed",
        key: "crds",
        before: {
          name: "crds",
          version: "3.2.3",
          repository: "",
          condition: "crds.install",
        },
      },
    ]);
    expect(d.files.filter((f) => f.status !== "unchanged")).toEqual([
      expect.objectContaining({ path: "Chart.yaml", status: "changed" }),
    ]);
  });

  it.each<[DependencyField, Partial<ChartDependency>]>([
    ["repository", { repository: "oci://ghcr.io/x" }],
    ["condition", { condition: "x.on" }],
    ["tags", { tags: ["monitoring"] }],
  ])("a changed %s is named", (field, change) => {
    const dep = { name: "x", version: "1.0.0", repository: "", condition: "" };
    expect(diffDependencies([dep], [{ ...dep, ...change }])).toEqual([
      {
        status: "changed",
        key: "x",
        fields: [field],
        before: dep,
        after: { ...dep, ...change },
      },
    ]);
  });

  it("keys an aliased dependency by its alias, so one chart used twice stays two entries", () => {
    const redis = { name: "redis", version: "1.0.0" };
    expect(
      diffDependencies(
        [
          { ...redis, alias: "cache" },
          { ...redis, alias: "queue" },
        ],
        [
          { ...redis, alias: "cache" },
          { ...redis, alias: "queue", version: "2.0.0" },
        ],
      ),
    ).toEqual([
      {
        status: "changed",
        key: "queue",
        fields: ["version"],
        before: { ...redis, alias: "queue" },
        after: { ...redis, alias: "queue", version: "2.0.0" },
      },
    ]);
  });
});

describe("diffFileDigests", () => {
  const f = (path: string, sha256: string) => ({ path, sha256, size: 1 });
  it("lists every path once, the named ones first, then by path", () => {
    expect(
      diffFileDigests(
        [f("b", "1"), f("values.yaml", "1"), f("gone", "1")],
        [f("b", "2"), f("values.yaml", "1"), f("a", "1")],
        ["values.yaml"],
      ).map((d) => [d.path, d.status]),
    ).toEqual([
      ["values.yaml", "unchanged"],
      ["a", "added"],
      ["b", "changed"],
      ["gone", "removed"],
    ]);
  });
});
