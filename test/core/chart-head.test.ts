// readChartHead: Chart.yaml and values.yaml as soon as their tar entries are expanded, with
// every safety rule of readChart holding for what it reads on the way.
import { describe, expect, it } from "vitest";
import { readChart, readChartHead, readChartYaml } from "../../src/pack/chart";
import { Budget } from "../../src/pack/limits";
import { noise, utf8 } from "../gen/bytes";
import { tarGzBomb } from "../gen/bombs";
import { chartTgz } from "../gen/pack";
import { buildTarGz, gzip, buildTar } from "../gen/tar";
import { fixtureChartArchives, fixtureFileBytes } from "../helpers/fixtures";

const fixtureCharts = fixtureChartArchives();

describe("readChartHead on real charts", () => {
  it("finds chart archives among the fixtures", () => {
    expect(fixtureCharts.length).toBeGreaterThan(20);
  });

  it.each(fixtureCharts)(
    "%s %s: the same name, version and values as readChart",
    async (dir, file) => {
      const bytes = await fixtureFileBytes(dir, file);
      const full = readChart(bytes, { name: file });
      const head = readChartHead(bytes, { name: file });
      if (!full.ok) {
        expect(head.ok).toBe(false);
        return;
      }
      if (!head.ok) throw new Error(head.error.message);
      expect(head.value.name).toBe(full.value.name);
      expect(head.value.version).toBe(full.value.version);
      expect(head.value.appVersion).toBe(full.value.appVersion);
      expect(head.value.valuesText).toBe(full.value.valuesText);
      expect(head.value.consumed).toBeLessThanOrEqual(bytes.length);
    },
  );

  it("stops after Chart.yaml and values.yaml when they come first (kyverno, 320 KB)", async () => {
    const file = "charts/kyverno-3.2.3.tgz";
    const bytes = await fixtureFileBytes("kyverno-1.12.2", file);
    const head = readChartHead(bytes, { name: file });
    if (!head.ok) throw new Error(head.error.message);
    expect(head.value.name).toBe("kyverno");
    expect(head.value.version).toBe("3.2.3");
    expect(head.value.valuesText).toContain("admissionController:");
    expect(head.value.complete).toBe(false);
    expect(head.value.consumed).toBeGreaterThan(0);
    expect(head.value.consumed).toBeLessThan(bytes.length / 2);
  });
});

describe("readChartHead on generated charts", () => {
  it("reads to the end when values.yaml comes last, and then checks the gzip trailer", () => {
    const bytes = buildTarGz([
      {
        name: "late/Chart.yaml",
        data: utf8("apiVersion: v2\nname: late\nversion: 1.0.0\n"),
      },
      { name: "late/templates/big.bin", data: noise(300 * 1024) },
      { name: "late/values.yaml", data: utf8("a: 1\n") },
    ]);
    const head = readChartHead(bytes, { name: "late.tgz" });
    if (!head.ok) throw new Error(head.error.message);
    expect(head.value).toMatchObject({
      name: "late",
      valuesText: "a: 1\n",
      complete: true,
      consumed: bytes.length,
    });
  });

  it("stops early on a large generated chart, and so never sees a corrupt end", () => {
    const bytes = chartTgz({
      name: "early",
      extra: { "templates/big.bin": noise(400 * 1024) },
    });
    const broken = bytes.slice(0, bytes.length - 8); // no gzip trailer
    const head = readChartHead(broken, { name: "early.tgz" });
    if (!head.ok) throw new Error(head.error.message);
    expect(head.value.complete).toBe(false);
    expect(head.value.consumed).toBeLessThan(broken.length);
    // The full read still refuses it.
    expect(readChart(broken, { name: "early.tgz" }).ok).toBe(false);
  });

  it("a chart without values.yaml gives '' after reading all of it", () => {
    const bytes = buildTarGz([
      {
        name: "bare/Chart.yaml",
        data: utf8("apiVersion: v2\nname: bare\nversion: 0.1.0\n"),
      },
    ]);
    const head = readChartHead(bytes, { name: "bare.tgz" });
    if (!head.ok) throw new Error(head.error.message);
    expect(head.value).toMatchObject({ valuesText: "", complete: true });
  });

  it("refuses an archive that is not gzip, and one without Chart.yaml", () => {
    const notGzip = readChartHead(buildTar([{ name: "a", data: utf8("x") }]), {
      name: "a.tgz",
    });
    expect(notGzip).toMatchObject({
      ok: false,
      error: { kind: "not-a-chart" },
    });
    const noChart = readChartHead(chartTgz({ noChartYaml: true }), {
      name: "b.tgz",
    });
    expect(noChart).toMatchObject({
      ok: false,
      error: {
        kind: "not-a-chart",
        message: expect.stringContaining("Chart.yaml"),
      },
    });
  });
});

describe("readChartHead keeps the safety rules for what it reads", () => {
  const chartYaml = {
    name: "c/Chart.yaml",
    data: utf8("apiVersion: v2\nname: c\nversion: 1.0.0\n"),
  };
  const values = { name: "c/values.yaml", data: utf8("a: 1\n") };

  it.each([
    [
      "a symbolic link",
      { name: "c/link", type: "2" as const, linkname: "/etc/passwd" },
      "link-not-allowed",
    ],
    ["a `..` name", { name: "c/../evil", data: utf8("x") }, "unsafe-path"],
    ["a FIFO", { name: "c/fifo", type: "6" as const }, "special-file"],
    ["a duplicate Chart.yaml", chartYaml, "duplicate-entry"],
  ])("refuses %s before values.yaml", (_what, bad, kind) => {
    const bytes = buildTarGz([chartYaml, bad, values]);
    expect(readChartHead(bytes, { name: "c.tgz" })).toMatchObject({
      ok: false,
      error: { kind },
    });
  });

  it("stops a tar.gz bomb at Helm's limit, drawing from the shared budget", () => {
    const budget = new Budget(256 * 1024 * 1024);
    const head = readChartHead(tarGzBomb(512, { entryName: "c/zeros.bin" }), {
      name: "bomb.tgz",
      budget,
    });
    expect(head.ok).toBe(false);
    if (head.ok) return;
    expect(["too-large", "ratio-exceeded"]).toContain(head.error.kind);
    expect(budget.used).toBeLessThan(256 * 1024 * 1024);
  });

  it("refuses a file beyond Helm's 5 MiB per file before values.yaml", () => {
    const bytes = gzip(
      buildTar([
        chartYaml,
        { name: "c/huge.bin", data: noise(6 * 1024 * 1024) },
        values,
      ]),
    );
    expect(readChartHead(bytes, { name: "c.tgz" })).toMatchObject({
      ok: false,
      error: { kind: "too-large" },
    });
  });
});

describe("readChartYaml: Chart.yaml only", () => {
  it.each(fixtureCharts)(
    "%s %s: the same metadata as readChart, also from the archive's first 256 KiB when Chart.yaml is in it",
    async (dir, file) => {
      const bytes = await fixtureFileBytes(dir, file);
      const full = readChart(bytes, { name: file });
      const yaml = readChartYaml(bytes, { name: file });
      if (!full.ok) return;
      if (!yaml.ok) throw new Error(yaml.error.message);
      expect(yaml.value.name).toBe(full.value.name);
      expect(yaml.value.version).toBe(full.value.version);
      expect(yaml.value.appVersion).toBe(full.value.appVersion);
      const part = readChartYaml(bytes.slice(0, 256 * 1024), { name: file });
      if (part.ok) expect(part.value.name).toBe(full.value.name);
      else expect(part.error.kind).toBe("truncated");
    },
  );

  it("reads no further than Chart.yaml: a chart cut short after it still names itself", () => {
    const bytes = chartTgz({
      name: "early",
      version: "2.3.4",
      extra: { "templates/big.bin": noise(400 * 1024) },
    });
    const cut = bytes.slice(0, 256 * 1024);
    expect(readChartYaml(cut, { name: "early.tgz" })).toMatchObject({
      ok: true,
      value: { name: "early", version: "2.3.4" },
    });
    // The full read refuses the same bytes, and the head read (which wants values.yaml) too.
    expect(readChart(cut, { name: "early.tgz" }).ok).toBe(false);
  });

  it("says truncated when the bytes end before Chart.yaml, and refuses what is not a chart", () => {
    const bytes = buildTarGz([
      { name: "late/templates/big.bin", data: noise(300 * 1024) },
      {
        name: "late/Chart.yaml",
        data: utf8("apiVersion: v2\nname: late\nversion: 1.0.0\n"),
      },
    ]);
    expect(
      readChartYaml(bytes.slice(0, 256 * 1024), { name: "late.tgz" }),
    ).toMatchObject({ ok: false, error: { kind: "truncated" } });
    expect(readChartYaml(bytes, { name: "late.tgz" })).toMatchObject({
      ok: true,
      value: { name: "late" },
    });
    expect(
      readChartYaml(chartTgz({ noChartYaml: true }), { name: "b.tgz" }),
    ).toMatchObject({ ok: false, error: { kind: "not-a-chart" } });
    expect(
      readChartYaml(buildTar([{ name: "a", data: utf8("x") }]), {
        name: "a.tgz",
      }),
    ).toMatchObject({ ok: false, error: { kind: "not-a-chart" } });
  });

  it("holds the safety rules for what it reads before Chart.yaml", () => {
    const bytes = buildTarGz([
      { name: "c/link", type: "2", linkname: "/etc/passwd" },
      {
        name: "c/Chart.yaml",
        data: utf8("apiVersion: v2\nname: c\nversion: 1.0.0\n"),
      },
    ]);
    expect(readChartYaml(bytes, { name: "c.tgz" })).toMatchObject({
      ok: false,
      error: { kind: "link-not-allowed" },
    });
  });
});
