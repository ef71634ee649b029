import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readChart, readChartArchive } from "../../src/pack/chart";
import { validatePack } from "../../src/pack/validate";
import { Budget } from "../../src/pack/limits";
import { utf8 } from "../gen/bytes";
import { chartTgz, goodPackFiles } from "../gen/pack";
import { tarGzFiles } from "../gen/tar";
import { loadFixture } from "../helpers/fixtures";

const tmp = mkdtempSync(join(tmpdir(), "packsmith-chart-archive-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function fixtureChart(dir: string, file: string) {
  const files = await loadFixture(`pack-central/${dir}`);
  const bytes = files.get(file);
  if (!bytes) throw new Error(`${dir} has no ${file}`);
  const r = readChartArchive(bytes, { name: file });
  if (!r.ok) throw new Error(`${dir} ${file}: ${r.error.message}`);
  return { bytes, ...r.value };
}

/** Every file as the system tar unpacks it, relative to the chart's top folder. */
function systemTar(bytes: Uint8Array, name: string): Map<string, Buffer> {
  const out = join(tmp, name);
  execFileSync("mkdir", ["-p", out]);
  writeFileSync(join(out, "c.tgz"), bytes);
  execFileSync("tar", ["xzf", "c.tgz"], { cwd: out });
  const [top] = readdirSync(out).filter((d) => d !== "c.tgz");
  const root = join(out, top!);
  const files = new Map<string, Buffer>();
  for (const p of readdirSync(root, { recursive: true }) as string[]) {
    const full = join(root, p);
    if (statSync(full).isFile())
      files.set(relative(root, full), readFileSync(full));
  }
  return files;
}

describe("readChartArchive on real charts", () => {
  it("argo-cd: all of Chart.yaml, its redis-ha subchart folder, its CRDs, and every inner file", async () => {
    const c = await fixtureChart("argocd-3.26.7", "charts/argo-cd.tgz");
    expect(c.info).toMatchObject({
      name: "argo-cd",
      version: "3.26.7",
      appVersion: "v2.1.6",
      apiVersion: "v2",
      home: "https://github.com/argoproj/argo-helm",
      icon: "https://argo-cd.readthedocs.io/en/stable/assets/logo.png",
      keywords: ["argoproj", "argocd", "gitops"],
      maintainers: [
        { name: "alexec" },
        { name: "alexmt" },
        { name: "jessesuen" },
        { name: "seanson" },
      ],
      dependencies: [
        {
          name: "redis-ha",
          version: "4.12.17",
          repository: "https://dandydeveloper.github.io/charts/",
          condition: "redis-ha.enabled",
        },
      ],
      hasValuesSchema: false,
    });
    expect(Object.keys(c.info.annotations)).toEqual(["artifacthub.io/changes"]);
    expect(c.info.subcharts).toHaveLength(1);
    expect(c.info.subcharts[0]).toMatchObject({
      path: "charts/redis-ha",
      name: "redis-ha",
      version: "4.14.7",
      appVersion: "6.2.5",
      description: expect.stringMatching(
        /^This Helm chart provides a highly available Redis/,
      ),
    });
    expect(c.info.subcharts[0]!.valuesText).toContain("haproxy:");
    expect(c.info.crds).toEqual([
      "crds/crd-application.yaml",
      "crds/crd-project.yaml",
    ]);

    // Keyed by the path relative to the chart's root folder, byte for byte what tar unpacks.
    const tar = systemTar(c.bytes, "argo-cd");
    expect([...c.files.keys()].sort()).toEqual([...tar.keys()].sort());
    for (const [path, bytes] of tar)
      expect(Buffer.from(c.files.get(path)!).equals(bytes), path).toBe(true);
    expect(c.info.paths).toEqual([...c.files.keys()]);
    expect(c.files.has("templates/argocd-server/deployment.yaml")).toBe(true);
  });

  it("piraeus: each of its four charts with name, version, appVersion and CRDs", async () => {
    const expected = [
      ["charts/linstor-gui-1.9.5.tgz", "linstor-gui", "1.9.5", "v1.9.5", []],
      [
        "charts/piraeus-2.9.0.tgz",
        "piraeus",
        "2.9.0",
        "v2.9.0",
        ["templates/crds.yaml"],
      ],
      [
        "charts/piraeus-cluster-1.0.1.tgz",
        "piraeus-cluster",
        "1.0.1",
        "v1.0.1",
        [],
      ],
      [
        "charts/piraeus-dashboard-1.0.0.tgz",
        "piraeus-dashboard",
        "1.0.0",
        "v1.0.0",
        [],
      ],
    ] as const;
    for (const [file, name, version, appVersion, crds] of expected) {
      const c = await fixtureChart("piraeus-operator-2.9.0", file);
      expect(c.info, file).toMatchObject({
        name,
        version,
        appVersion,
        type: "application",
        apiVersion: "v2",
        dependencies: [],
        subcharts: [],
        hasValuesSchema: false,
      });
      expect(c.info.crds, file).toEqual(crds);
    }
  });

  it("finds CRDs under crds/, in templates by their kind line, and in subchart folders", async () => {
    const karpenterCrd = await fixtureChart(
      "karpenter-1.5.1",
      "charts/karpenter-crd-1.5.1.tgz",
    );
    expect(karpenterCrd.info.crds).toEqual([
      "templates/karpenter.k8s.aws_ec2nodeclasses.yaml",
      "templates/karpenter.sh_nodeclaims.yaml",
      "templates/karpenter.sh_nodepools.yaml",
    ]);
    // Templates full of {{ }} that do not parse as YAML still count.
    expect(
      new TextDecoder().decode(
        karpenterCrd.files.get(karpenterCrd.info.crds[0]!),
      ),
    ).toContain("{{");

    const kyverno = await fixtureChart(
      "kyverno-1.12.2",
      "charts/kyverno-3.2.3.tgz",
    );
    expect(kyverno.info.crds).toHaveLength(15);
    // Only the crds subchart's templates: RBAC rules naming customresourcedefinitions are not CRDs.
    expect(
      kyverno.info.crds.every((p) => p.startsWith("charts/crds/templates/")),
    ).toBe(true);
    expect(kyverno.info.subcharts.map((s) => [s.path, s.name])).toEqual([
      ["charts/crds", "crds"],
      ["charts/grafana", "grafana"],
    ]);

    const ambassador = await fixtureChart(
      "ambassador-6.6.0",
      "charts/ingress-ambassador.tgz",
    );
    expect(ambassador.info.apiVersion).toBe("v1");
    expect(ambassador.info.crds).toHaveLength(19);
    expect(ambassador.info.crds).toContain(
      "crds/getambassador.io_mappings.yaml",
    );

    // A placeholder that is not a manifest is not a CRD.
    const weka = await fixtureChart(
      "weka-operator-v1.12.0",
      "charts/weka-operator-v1.12.0.tgz",
    );
    expect(weka.info.crds).not.toContain("crds/.gitkeep");
    expect(weka.info.hasValuesSchema).toBe(true);
  });

  it("readChart gives the same metadata as readChartArchive", async () => {
    const c = await fixtureChart(
      "splunk-1.4.3",
      "charts/splunk-connect-for-kubernetes.tgz",
    );
    const r = readChart(c.bytes, {
      name: "charts/splunk-connect-for-kubernetes.tgz",
    });
    expect(r.ok && r.value).toEqual(c.info);
    expect(c.info.subcharts.map((s) => s.name)).toEqual([
      "splunk-kubernetes-logging",
      "splunk-kubernetes-metrics",
      "splunk-kubernetes-objects",
    ]);
  });
});

const chartYaml = (text: string, extra: Record<string, Uint8Array> = {}) =>
  chartTgz({
    name: "demo",
    noChartYaml: true,
    extra: { "Chart.yaml": utf8(text), ...extra },
  });

describe("readChartArchive on generated charts", () => {
  it("keeps the well-typed fields of a Chart.yaml whose other fields are malformed", () => {
    const r = readChartArchive(
      chartYaml(
        [
          "apiVersion: v2",
          "name: demo",
          "version: 1.10",
          "appVersion: 2.0",
          "kubeVersion: '>=1.25.0-0'",
          "maintainers: bob",
          "keywords: [1, ok, '']",
          "sources: https://example.com",
          "dependencies:",
          "  - name: sub",
          "    version: 1.2",
          "    alias: other",
          "    tags: [a, 3]",
          "  - just a string",
          "  - version: 2.0.0",
          "annotations:",
          "  a: 1",
          "  b: {c: d}",
          "  __proto__: kept",
          "deprecated: 'yes'",
          "home: [not, a, string]",
          "",
        ].join("\n"),
      ),
      { name: "charts/demo.tgz" },
    );
    if (!r.ok) throw new Error(r.error.message);
    const info = r.value.info;
    // Numbers read as written: `1.10` is not the number 1.1.
    expect(info.version).toBe("1.10");
    expect(info.appVersion).toBe("2.0");
    expect(info.kubeVersion).toBe(">=1.25.0-0");
    expect(info.maintainers).toEqual([]);
    expect(info.keywords).toEqual(["ok"]);
    expect(info.sources).toEqual([]);
    expect(info.dependencies).toEqual([
      { name: "sub", version: "1.2", alias: "other", tags: ["a"] },
    ]);
    expect(Object.keys(info.annotations)).toEqual(["a", "__proto__"]);
    expect(info.annotations.a).toBe("1");
    expect(Object.getPrototypeOf(info.annotations)).toBe(Object.prototype);
    expect(info.deprecated).toBeUndefined();
    expect(info.home).toBeUndefined();
  });

  it("refuses a Chart.yaml that does not parse or lacks its name, naming the archive", () => {
    const broken = readChartArchive(chartYaml("name: [unclosed\n"), {
      name: "charts/x.tgz",
    });
    expect(broken).toMatchObject({
      ok: false,
      error: {
        kind: "not-a-chart",
        message: expect.stringMatching(
          /charts\/x\.tgz.*Chart\.yaml is not valid YAML/,
        ),
      },
    });
    const nameless = readChartArchive(chartYaml("version: 1.0.0\n"), {
      name: "charts/x.tgz",
    });
    expect(nameless).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/lacks name/) },
    });
  });

  it("reads dependencies from requirements.yaml for apiVersion v1 charts", () => {
    const r = readChartArchive(
      chartYaml("apiVersion: v1\nname: demo\nversion: 0.1.0\n", {
        "requirements.yaml": utf8(
          "dependencies:\n  - name: redis\n    version: 10.5.7\n    repository: https://charts.example.com\n    condition: redis.enabled\n",
        ),
      }),
      { name: "charts/demo.tgz" },
    );
    expect(r.ok && r.value.info.dependencies).toEqual([
      {
        name: "redis",
        version: "10.5.7",
        repository: "https://charts.example.com",
        condition: "redis.enabled",
      },
    ]);
  });

  it("lists a subchart archive without opening it, and a broken subchart folder with its error", () => {
    const sub = chartTgz({ name: "redis", version: "10.5.7" });
    const budget = new Budget(256 * 1024 * 1024);
    const chart = chartTgz({
      name: "app",
      version: "1.0.0",
      extra: {
        "requirements.yaml": utf8(""),
        "charts/redis-10.5.7.tgz": sub,
        "charts/broken/Chart.yaml": utf8("name: [\n"),
        "charts/broken/values.yaml": utf8("image: x\n"),
      },
    });
    const r = readChartArchive(chart, { name: "charts/app-1.0.0.tgz", budget });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.info.subcharts).toEqual([
      {
        path: "charts/broken",
        error: expect.stringMatching(
          /charts\/app-1\.0\.0\.tgz\/charts\/broken`: Chart\.yaml is not valid YAML/,
        ),
      },
      {
        path: "charts/redis-10.5.7.tgz",
        error: expect.stringMatching(
          /chart archive inside a chart archive: not opened/,
        ),
      },
    ]);
    // Only the outer archive was expanded.
    expect(budget.used).toBeLessThan(64 * 1024);
    // Still one of the chart's files, servable by its path.
    expect(r.value.files.get("charts/redis-10.5.7.tgz")).toEqual(sub);
  });

  it("names a subchart archive after the dependency it was built from", () => {
    const chart = tarGzFiles(
      [
        [
          "Chart.yaml",
          utf8(
            "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 10.5.7\n",
          ),
        ],
        [
          "charts/redis-10.5.7.tgz",
          chartTgz({ name: "redis", version: "10.5.7" }),
        ],
      ],
      { top: "app" },
    );
    const r = readChartArchive(chart, { name: "charts/app.tgz" });
    expect(r.ok && r.value.info.subcharts).toEqual([
      {
        path: "charts/redis-10.5.7.tgz",
        name: "redis",
        version: "10.5.7",
        error: expect.any(String),
      },
    ]);
  });
});

describe("validatePack looks inside chart archives", () => {
  it("reports a private key shipped inside a chart at its pack-wide path and line, never the key", () => {
    const { privateKey } = generateKeyPairSync("ec", {
      namedCurve: "P-256",
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const files = goodPackFiles({
      chart: {
        name: "x",
        version: "1.0.0",
        extra: { "cert/tls.key": utf8(privateKey) },
      },
    });
    const report = validatePack(files);
    const found = report.findings.filter(
      (f) => f.code === "SECRET_PRIVATE_KEY",
    );
    expect(found).toEqual([
      expect.objectContaining({
        severity: "warning",
        file: "charts/x-1.0.0.tgz/cert/tls.key",
        line: 1,
      }),
    ]);
    const body = privateKey.split("\n")[1]!;
    expect(JSON.stringify(report.findings)).not.toContain(body.slice(0, 16));
    // The archive's files come back with the report, keyed by their path in the chart.
    expect(
      report.chartArchives.get("charts/x-1.0.0.tgz")?.files.has("cert/tls.key"),
    ).toBe(true);
  });
});
