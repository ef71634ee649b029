/**
 * Deterministic test data for the benches: a seeded PRNG, realistic-looking YAML/Markdown/JSON,
 * a valid PNG, Helm chart .tgz files and a whole pack folder. Same seed, same bytes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync, zlibSync } from "fflate";
import { parse as parseYaml } from "yaml";
import { crc32 } from "../../../src/pack/crc32";
import type { PackFiles } from "../../../src/pack/pack-files";
import { writeTar } from "../../../src/pack/tar-write";

const enc = new TextEncoder();

/** mulberry32: small, fast, good enough for test data (not for anything secret). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  u32(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return this.u32() % n;
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]!;
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const v = this.u32();
      out[i] = v;
      out[i + 1] = v >>> 8;
      out[i + 2] = v >>> 16;
      out[i + 3] = v >>> 24;
    }
    for (; i < n; i++) out[i] = this.u32();
    return out;
  }
  /** Random bytes as base64, wrapped at 76 columns, each line prefixed by `indent`; about `chars` long. */
  base64Block(chars: number, indent: string): string {
    const perLine = 57; // 57 bytes → 76 base64 characters
    const lines = Math.max(1, Math.round(chars / (76 + indent.length + 1)));
    const b64 = Buffer.from(this.bytes(lines * perLine)).toString("base64");
    const out: string[] = [];
    for (let i = 0; i < b64.length; i += 76)
      out.push(indent + b64.slice(i, i + 76));
    return out.join("\n") + "\n";
  }
}

const WORDS = [
  "controller",
  "webhook",
  "metrics",
  "gateway",
  "scheduler",
  "exporter",
  "agent",
  "operator",
  "proxy",
  "server",
  "worker",
  "cache",
  "ingester",
  "querier",
  "compactor",
  "alertmanager",
  "collector",
  "sidecar",
  "relay",
  "admission",
];
const REGISTRIES = [
  "registry.k8s.io",
  "quay.io/jetstack",
  "docker.io/bitnami",
  "ghcr.io/fluxcd",
  "us-docker.pkg.dev/palette-images/packs",
  "public.ecr.aws/eks",
];
const SENTENCES = [
  "Number of replicas to run; set to 1 for single-node clusters.",
  "Resource requests and limits; tune these for your workload.",
  "Annotations added to every pod of this component.",
  "Node labels that pods of this component must match.",
  "Tolerations for tainted nodes (for example control-plane nodes).",
  "Extra command-line arguments passed to the container.",
  "When true, a ServiceMonitor is created for Prometheus Operator.",
  "The image pull policy; IfNotPresent avoids pulling on every restart.",
  "Security context applied to the container; runs as non-root by default.",
  "Liveness probe settings; increase the delay on slow storage.",
];

const ver = (r: Rng): string =>
  `${r.range(0, 3)}.${r.range(0, 30)}.${r.range(0, 12)}`;

/** One component block of a values file, indented by `ind`. */
function componentYaml(r: Rng, name: string, ind: string): string {
  const i2 = ind + "  ";
  const i3 = i2 + "  ";
  const i4 = i3 + "  ";
  const lines: string[] = [];
  lines.push(`${ind}# -- ${r.pick(SENTENCES)}`);
  lines.push(`${ind}${name}:`);
  lines.push(`${i2}enabled: ${r.int(4) !== 0}`);
  lines.push(`${i2}# -- ${r.pick(SENTENCES)}`);
  lines.push(`${i2}replicaCount: ${r.range(1, 5)}`);
  lines.push(`${i2}image:`);
  lines.push(`${i3}repository: ${r.pick(REGISTRIES)}/${name}`);
  lines.push(`${i3}tag: "v${ver(r)}"`);
  lines.push(`${i3}pullPolicy: IfNotPresent`);
  lines.push(`${i2}# -- ${r.pick(SENTENCES)}`);
  lines.push(`${i2}resources:`);
  lines.push(`${i3}requests:`);
  lines.push(`${i4}cpu: ${r.range(10, 500)}m`);
  lines.push(`${i4}memory: ${r.range(16, 1024)}Mi`);
  lines.push(`${i3}limits:`);
  lines.push(`${i4}cpu: ${r.range(500, 4000)}m`);
  lines.push(`${i4}memory: ${r.range(256, 8192)}Mi`);
  lines.push(`${i2}podAnnotations: {}`);
  lines.push(`${i2}nodeSelector:`);
  lines.push(`${i3}kubernetes.io/os: linux`);
  lines.push(`${i2}tolerations:`);
  for (let k = r.range(0, 3); k > 0; k--) {
    lines.push(`${i3}- key: node-role.kubernetes.io/${r.pick(WORDS)}-${k}`);
    lines.push(`${i3}  operator: Exists`);
    lines.push(
      `${i3}  effect: ${r.pick(["NoSchedule", "NoExecute", "PreferNoSchedule"])}`,
    );
  }
  if (lines[lines.length - 1]!.endsWith("tolerations:"))
    lines[lines.length - 1] += " []";
  lines.push(`${i2}extraArgs:`);
  for (let k = r.range(1, 6); k > 0; k--)
    lines.push(
      `${i3}- --${r.pick(WORDS)}-${r.pick(WORDS)}=${r.range(1, 9999)}`,
    );
  lines.push(`${i2}service:`);
  lines.push(`${i3}type: ${r.pick(["ClusterIP", "NodePort", "LoadBalancer"])}`);
  lines.push(`${i3}port: ${r.range(1024, 65000)}`);
  lines.push(`${i2}config: |`);
  for (let k = r.range(3, 12); k > 0; k--)
    lines.push(
      `${i3}${r.pick(WORDS)}.${r.pick(WORDS)}.timeout = ${r.range(1, 600)}s`,
    );
  return lines.join("\n") + "\n";
}

/** A Palette pack values.yaml (`pack:` plus one `charts.<name>:` section per chart), about `target` bytes. */
export function packValuesYaml(
  r: Rng,
  charts: readonly string[],
  target: number,
): string {
  let out =
    "# spectrocloud.com/enabled-presets: Monitoring:enable-servicemonitors\n" +
    "pack:\n  # The namespace (on the target cluster) to install this pack\n" +
    '  namespace: "bench-system"\n  content:\n    images:\n';
  for (let i = 0; i < 40; i++)
    out += `      - image: ${r.pick(REGISTRIES)}/${r.pick(WORDS)}:v${ver(r)}\n`;
  out += "\ncharts:\n";
  const perChart = (target - out.length) / charts.length;
  for (const c of charts) {
    out += `  ${c}:\n`;
    const start = out.length;
    for (let i = 0; out.length - start < perChart; i++)
      out += componentYaml(r, `${r.pick(WORDS)}${i}`, "    ");
  }
  return out;
}

/** A chart's own values.yaml, about `target` bytes. */
export function chartValuesYaml(r: Rng, target: number): string {
  let out =
    '# Default values for this chart.\n\nglobal:\n  imageRegistry: ""\n  imagePullSecrets: []\n\n';
  for (let i = 0; out.length < target; i++)
    out += componentYaml(r, `${r.pick(WORDS)}${i}`, "") + "\n";
  return out;
}

export const chartYaml = (
  name: string,
  version: string,
  appVersion: string,
): string =>
  `apiVersion: v2\nname: ${name}\ndescription: A Helm chart for ${name} (generated for the Packsmith bench)\n` +
  `type: application\nversion: ${version}\nappVersion: "${appVersion}"\nkubeVersion: ">=1.25.0-0"\n` +
  `home: https://example.com/${name}\nsources:\n  - https://github.com/example/${name}\n` +
  `maintainers:\n  - name: bench\n    email: bench@example.com\nkeywords:\n  - ${name}\n  - bench\n`;

/** A Go-templated Kubernetes manifest of the kind found in charts/<c>/templates/. */
export function templateYaml(r: Rng, chart: string, kind: string): string {
  const comp = r.pick(WORDS);
  return `{{- if .Values.${comp}.enabled }}
apiVersion: ${kind === "Deployment" ? "apps/v1" : kind === "Service" ? "v1" : "rbac.authorization.k8s.io/v1"}
kind: ${kind}
metadata:
  name: {{ include "${chart}.fullname" . }}-${comp}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "${chart}.labels" . | nindent 4 }}
    app.kubernetes.io/component: ${comp}
  {{- with .Values.${comp}.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  replicas: {{ .Values.${comp}.replicaCount }}
  selector:
    matchLabels:
      {{- include "${chart}.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "${chart}.selectorLabels" . | nindent 8 }}
    spec:
      serviceAccountName: {{ include "${chart}.serviceAccountName" . }}
      containers:
        - name: ${comp}
          image: "{{ .Values.${comp}.image.repository }}:{{ .Values.${comp}.image.tag | default .Chart.AppVersion }}"
          imagePullPolicy: {{ .Values.${comp}.image.pullPolicy }}
          args:
            {{- range .Values.${comp}.extraArgs }}
            - {{ . | quote }}
            {{- end }}
          ports:
            - name: http
              containerPort: ${r.range(1024, 65000)}
          resources:
            {{- toYaml .Values.${comp}.resources | nindent 12 }}
{{- end }}
`;
}

/** A CustomResourceDefinition whose bulk is random base64 (an embedded bundle): compresses ~25%. */
export function blobCrdYaml(
  r: Rng,
  group: string,
  kind: string,
  target: number,
): string {
  const plural = kind.toLowerCase() + "s";
  const head = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.${group}
  annotations:
    controller-gen.kubebuilder.io/version: v0.${r.range(10, 16)}.0
    bench.packsmith.dev/embedded-bundle: |
`;
  const tail = `spec:
  group: ${group}
  names:
    kind: ${kind}
    plural: ${plural}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
`;
  return (
    head + r.base64Block(target - head.length - tail.length, "      ") + tail
  );
}

/** A CRD with a large, repetitive OpenAPI schema (what real CRD bundles look like): compresses ~10×. */
export function schemaCrdYaml(
  r: Rng,
  group: string,
  kind: string,
  target: number,
): string {
  const plural = kind.toLowerCase() + "s";
  let out = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.${group}
spec:
  group: ${group}
  names:
    kind: ${kind}
    listKind: ${kind}List
    plural: ${plural}
    singular: ${kind.toLowerCase()}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          description: ${kind} is the Schema for the ${plural} API.
          type: object
          properties:
`;
  const ind = "            ";
  for (let i = 0; out.length < target; i++) {
    const w = `${r.pick(WORDS)}${r.pick(["Spec", "Status", "Config", "Policy", "Ref"])}${i}`;
    out +=
      `${ind}${w}:\n` +
      `${ind}  description: ${r.pick(SENTENCES)}\n` +
      `${ind}  type: object\n` +
      `${ind}  properties:\n` +
      `${ind}    name:\n${ind}      description: Name of the referent.\n${ind}      type: string\n` +
      `${ind}    namespace:\n${ind}      description: Namespace of the referent; defaults to the object's namespace.\n${ind}      type: string\n` +
      `${ind}    ${r.pick(WORDS)}Seconds:\n${ind}      format: int32\n${ind}      minimum: ${r.range(0, 10)}\n${ind}      type: integer\n` +
      `${ind}    enabled:\n${ind}      default: ${r.int(2) === 0}\n${ind}      type: boolean\n` +
      `${ind}  required:\n${ind}    - name\n`;
  }
  return out;
}

/** A ConfigMap of Grafana-style dashboards (JSON inside YAML): compresses well. */
export function dashboardsConfigMap(
  r: Rng,
  name: string,
  target: number,
): string {
  let out = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels:\n    grafana_dashboard: "1"\ndata:\n`;
  for (let d = 0; out.length < target; d++) {
    const panels = [];
    for (let p = 0; p < 40; p++) {
      const w = r.pick(WORDS);
      panels.push({
        id: p + 1,
        type: r.pick(["timeseries", "stat", "gauge", "table"]),
        title: `${w} ${r.pick(["latency", "errors", "throughput", "saturation"])}`,
        gridPos: { h: 8, w: 12, x: (p % 2) * 12, y: Math.floor(p / 2) * 8 },
        targets: [
          {
            expr: `sum(rate(${w}_requests_total{job="$job",namespace="$namespace"}[$__rate_interval])) by (${r.pick(["pod", "code", "method"])})`,
            legendFormat: "{{pod}}",
            refId: "A",
          },
        ],
        fieldConfig: {
          defaults: { unit: r.pick(["s", "reqps", "bytes", "percent"]) },
        },
      });
    }
    const json = JSON.stringify(
      { title: `${name} ${d}`, uid: `bench-${d}`, panels },
      null,
      2,
    );
    out += `  dashboard-${d}.json: |\n` + json.replace(/^/gm, "    ") + "\n";
  }
  return out;
}

/** A ConfigMap with binaryData (base64): compresses ~25%. */
export function binaryConfigMap(r: Rng, name: string, target: number): string {
  const head = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\nbinaryData:\n  bundle.bin: >-\n`;
  return head + r.base64Block(target - head.length, "    ");
}

export function readmeMd(
  r: Rng,
  name: string,
  charts: readonly string[],
): string {
  let out = `# ${name}\n\nA generated pack for the Packsmith benchmark. It bundles ${charts.length} Helm charts.\n\n`;
  out += "## Charts\n\n| Chart | Version |\n| --- | --- |\n";
  for (const c of charts) out += `| ${c} | ${ver(r)} |\n`;
  for (let s = 0; s < 30; s++) {
    out += `\n## ${r.pick(WORDS)} ${r.pick(["settings", "upgrade notes", "troubleshooting"])}\n\n`;
    for (let p = 0; p < 4; p++)
      out += `${r.pick(SENTENCES)} ${r.pick(SENTENCES)} ${r.pick(SENTENCES)}\n`;
    out += "\n```yaml\n" + componentYaml(r, r.pick(WORDS), "") + "```\n";
  }
  return out;
}

/** A valid RGBA PNG of noise (so it is stored, not deflated, by zip -n .png and the core). */
export function pngBytes(r: Rng, width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Uint8Array => {
    const out = new Uint8Array(12 + data.length);
    const v = new DataView(out.buffer);
    v.setUint32(0, data.length);
    out.set(enc.encode(type), 4);
    out.set(data, 8);
    v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  const hv = new DataView(ihdr.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  const raw = new Uint8Array(height * (1 + width * 4));
  const noise = r.bytes(width * height * 4);
  for (let y = 0; y < height; y++)
    raw.set(
      noise.subarray(y * width * 4, (y + 1) * width * 4),
      y * (1 + width * 4) + 1,
    );
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlibSync(raw, { level: 6 })),
    chunk("IEND", new Uint8Array()),
  ];
  return Buffer.concat(parts);
}

export interface ChartSpec {
  name: string;
  /** Bytes of random-base64 CRDs (files of at most 4 MiB: Helm refuses files over 5 MiB). */
  crdBytes: number;
  /** Bytes of random binary under files/. */
  binBytes: number;
  /** Size of the chart's values.yaml. */
  valuesBytes: number;
  templates: number;
}

const FILE_MAX = 4 * 1024 * 1024;

/** The files of a Helm chart (paths relative to the chart folder). */
export function chartFiles(r: Rng, s: ChartSpec): PackFiles {
  const files: PackFiles = new Map();
  const text = (p: string, t: string): void => void files.set(p, enc.encode(t));
  text("Chart.yaml", chartYaml(s.name, ver(r), ver(r)));
  text("values.yaml", chartValuesYaml(r, s.valuesBytes));
  text(
    "templates/_helpers.tpl",
    `{{- define "${s.name}.fullname" -}}\n{{- .Release.Name | trunc 63 | trimSuffix "-" }}\n{{- end }}\n`,
  );
  const kinds = ["Deployment", "Service", "ClusterRole"];
  for (let i = 0; i < s.templates; i++)
    text(
      `templates/${kinds[i % 3]!.toLowerCase()}-${i}.yaml`,
      templateYaml(r, s.name, kinds[i % 3]!),
    );
  for (let i = 0, left = s.crdBytes; left > 0; i++, left -= FILE_MAX) {
    const kind = `${r.pick(WORDS)[0]!.toUpperCase()}Resource${i}`;
    text(
      `crds/crd-${i}.yaml`,
      blobCrdYaml(r, `${s.name}.bench.dev`, kind, Math.min(left, FILE_MAX)),
    );
  }
  for (let i = 0, left = s.binBytes; left > 0; i++, left -= FILE_MAX)
    files.set(`files/blob-${i}.bin`, r.bytes(Math.min(left, FILE_MAX)));
  return files;
}

/** A chart .tgz as Helm packages it: a gzip'd tar with everything under `<name>/`. */
export function chartTgz(
  r: Rng,
  s: ChartSpec,
): { tgz: Uint8Array; expanded: number } {
  const files = chartFiles(r, s);
  let expanded = 0;
  for (const b of files.values()) expanded += b.length;
  return {
    tgz: gzipSync(writeTar(files, s.name), { level: 6, mtime: 0 }),
    expanded,
  };
}

export interface GeneratedPack {
  /** The pack folder (`<parent>/<top>`). */
  dir: string;
  top: string;
  files: number;
  totalBytes: number;
  textBytes: number;
  chartBytes: number;
  binaryBytes: number;
}

const MB = 1e6;

/**
 * Write a ~100 MB pack: pack.json, values.yaml (~1 MB), logo.png, README.md, manifests (~25 MB of
 * text: compressible CRD schemas and dashboards plus base64 ConfigMaps) and six chart .tgz files
 * (~73 MB, mostly incompressible).
 */
export function writeBenchPack(parent: string, seed = 20240601): GeneratedPack {
  const r = new Rng(seed);
  const top = "bench-pack-1.0.0";
  const dir = path.join(parent, top);
  const charts: ChartSpec[] = [
    ["cert-manager", 19],
    ["kube-prometheus-stack", 15.5],
    ["loki", 13.5],
    ["argo-cd", 11],
    ["external-secrets", 9],
    ["velero", 7],
  ].map(([name, mb]) => ({
    name: name as string,
    // Compressed size ≈ base64 × 0.76 + binary: split the target half and half.
    crdBytes: Math.round(((mb as number) * MB * 0.5) / 0.76),
    binBytes: Math.round((mb as number) * MB * 0.5),
    valuesBytes: 60_000,
    templates: 12,
  }));
  const out = new Map<
    string,
    { bytes: Uint8Array; kind: "text" | "chart" | "binary" }
  >();
  const text = (p: string, t: string): void =>
    void out.set(p, { bytes: enc.encode(t), kind: "text" });

  const values = packValuesYaml(
    r,
    charts.map((c) => c.name),
    1 * MB,
  );
  parseYaml(values); // must stay valid YAML (throws otherwise)
  text(
    "pack.json",
    JSON.stringify(
      {
        addonType: "monitoring",
        annotations: { source: "community", contributor: "packsmith-bench" },
        cloudTypes: ["all"],
        displayName: "Bench Pack",
        layer: "addon",
        name: "bench-pack",
        version: "1.0.0",
        charts: charts.map((c) => `charts/${c.name}.tgz`),
        constraints: {
          dependencies: [
            {
              packName: "bench-pack",
              layer: "addon",
              maxVersion: "1.0.0",
              type: "upgrade",
            },
          ],
        },
      },
      null,
      2,
    ) + "\n",
  );
  text("values.yaml", values);
  text(
    "README.md",
    readmeMd(
      r,
      "Bench Pack",
      charts.map((c) => c.name),
    ),
  );
  out.set("logo.png", { bytes: pngBytes(r, 256, 256), kind: "binary" });
  text(
    "manifests/00-namespace.yaml",
    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench-system\n",
  );
  for (let i = 0; i < 3; i++)
    text(
      `manifests/crds/schema-${i}.yaml`,
      schemaCrdYaml(r, "bench.packsmith.dev", `Widget${i}`, 3 * MB),
    );
  for (let i = 0; i < 2; i++)
    text(
      `manifests/dashboards/dashboards-${i}.yaml`,
      dashboardsConfigMap(r, `bench-dashboards-${i}`, 3 * MB),
    );
  for (let i = 0; i < 3; i++)
    text(
      `manifests/bundles/bundle-${i}.yaml`,
      binaryConfigMap(r, `bench-bundle-${i}`, 3.3 * MB),
    );
  for (const c of charts)
    out.set(`charts/${c.name}.tgz`, {
      bytes: chartTgz(r, c).tgz,
      kind: "chart",
    });

  const g: GeneratedPack = {
    dir,
    top,
    files: 0,
    totalBytes: 0,
    textBytes: 0,
    chartBytes: 0,
    binaryBytes: 0,
  };
  for (const [p, { bytes, kind }] of out) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), bytes);
    g.files++;
    g.totalBytes += bytes.length;
    if (kind === "text") g.textBytes += bytes.length;
    else if (kind === "chart") g.chartBytes += bytes.length;
    else g.binaryBytes += bytes.length;
  }
  return g;
}
