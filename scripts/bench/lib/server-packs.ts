/**
 * Packs for the server bench: a ~48 MB pack (charts + text) whose zip stays under the server's
 * default 50 MiB upload cap, and tiny valid packs (pack.json, values.yaml, logo.png, README.md) for
 * filling a store with thousands of versions. Built from the generators in gen.ts; the zips are the
 * core's own (`writePackZip`), with `<name>-<version>/` as the top folder, as the app uploads them.
 */
import type { PackFiles } from "../../../src/pack/pack-files";
import { writePackZip } from "../../../src/pack/zip-write";
import {
  binaryConfigMap,
  chartTgz,
  dashboardsConfigMap,
  packValuesYaml,
  pngBytes,
  readmeMd,
  Rng,
  schemaCrdYaml,
  type ChartSpec,
} from "./gen";

const enc = new TextEncoder();
const MB = 1e6;

export interface BigPack {
  name: string;
  /** Every file but pack.json (which carries the version). */
  files: PackFiles;
  charts: string[];
  totalBytes: number;
  textBytes: number;
  chartBytes: number;
}

const packJson = (
  name: string,
  version: string,
  extra: Record<string, unknown> = {},
): Uint8Array =>
  enc.encode(
    JSON.stringify(
      {
        addonType: "monitoring",
        annotations: { source: "community", contributor: "packsmith-bench" },
        cloudTypes: ["all"],
        displayName: "Bench Big Pack",
        layer: "addon",
        name,
        version,
        ...extra,
      },
      null,
      2,
    ) + "\n",
  );

/**
 * A ~57 MB pack: values.yaml (~0.5 MB), README, logo, ~12 MB of text manifests (CRD schemas,
 * dashboards, base64 ConfigMaps) and four chart .tgz files (~45 MB, mostly incompressible). Its zip
 * is ~48.5 MB (the text deflates), just under the default PACKSMITH_MAX_UPLOAD_MIB of 50 (52.4 MB).
 */
export function bigPack(seed = 20240717): BigPack {
  const r = new Rng(seed);
  const name = "bench-big";
  const specs: ChartSpec[] = (
    [
      ["cert-manager", 14.5],
      ["loki", 13],
      ["argo-cd", 10],
      ["velero", 8],
    ] as const
  ).map(([n, mb]) => ({
    name: n,
    crdBytes: Math.round((mb * MB * 0.5) / 0.76),
    binBytes: Math.round(mb * MB * 0.5),
    valuesBytes: 40_000,
    templates: 10,
  }));
  const charts = specs.map((c) => c.name);
  const files: PackFiles = new Map();
  let textBytes = 0;
  let chartBytes = 0;
  const text = (p: string, t: string): void => {
    const b = enc.encode(t);
    files.set(p, b);
    textBytes += b.length;
  };
  text("values.yaml", packValuesYaml(r, charts, 0.5 * MB));
  text("README.md", readmeMd(r, "Bench Big Pack", charts));
  files.set("logo.png", pngBytes(r, 128, 128));
  text(
    "manifests/00-namespace.yaml",
    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench-system\n",
  );
  for (let i = 0; i < 2; i++)
    text(
      `manifests/crds/schema-${i}.yaml`,
      schemaCrdYaml(r, "bench.packsmith.dev", `Widget${i}`, 2.5 * MB),
    );
  text(
    "manifests/dashboards/dashboards-0.yaml",
    dashboardsConfigMap(r, "bench-dashboards-0", 2.5 * MB),
  );
  for (let i = 0; i < 2; i++)
    text(
      `manifests/bundles/bundle-${i}.yaml`,
      binaryConfigMap(r, `bench-bundle-${i}`, 2.3 * MB),
    );
  for (const c of specs) {
    const tgz = chartTgz(r, c).tgz;
    files.set(`charts/${c.name}.tgz`, tgz);
    chartBytes += tgz.length;
  }
  let totalBytes = 0;
  for (const b of files.values()) totalBytes += b.length;
  return { name, files, charts, totalBytes, textBytes, chartBytes };
}

/** The big pack at `version`, as the core's zip. */
export async function bigPackZip(p: BigPack, version: string): Promise<Buffer> {
  const files = new Map(p.files);
  files.set(
    "pack.json",
    packJson(p.name, version, {
      charts: p.charts.map((c) => `charts/${c}.tgz`),
    }),
  );
  return zipBuffer(files, `${p.name}-${version}`);
}

const LAYERS = ["addon", "addon", "addon", "csi", "cni", "os", "k8s"];
const WORDS = [
  "metrics",
  "gateway",
  "agent",
  "operator",
  "proxy",
  "cache",
  "logging",
  "backup",
  "storage",
  "network",
];

export interface TinySpec {
  name: string;
  version: string;
  layer: string;
}

/** Name and layer of the i-th tiny pack: `names` packs, versions `1.<i / names>.0`. */
export function tinySpec(i: number, names: number): TinySpec {
  const n = i % names;
  return {
    name: `${WORDS[n % WORDS.length]}-pack-${n}`,
    version: `1.${Math.floor(i / names)}.0`,
    layer: LAYERS[n % LAYERS.length]!,
  };
}

/** Shared files of every tiny pack (a 16×16 logo). */
export function tinyCommon(): { logo: Uint8Array } {
  return { logo: pngBytes(new Rng(99), 16, 16) };
}

/** A minimal valid pack: pack.json, values.yaml, logo.png, README.md, zipped by the core. */
export async function tinyPackZip(
  s: TinySpec,
  common: { logo: Uint8Array },
): Promise<Buffer> {
  const files: PackFiles = new Map();
  files.set(
    "pack.json",
    enc.encode(
      JSON.stringify({
        ...(s.layer === "addon" ? { addonType: "monitoring" } : {}),
        annotations: { source: "community" },
        cloudTypes: ["all"],
        displayName: `${s.name} display`,
        layer: s.layer,
        name: s.name,
        version: s.version,
      }) + "\n",
    ),
  );
  files.set(
    "values.yaml",
    enc.encode(
      `pack:\n  namespace: "${s.name}"\n  content:\n    images:\n      - image: registry.example.com/${s.name}:v${s.version}\n`,
    ),
  );
  files.set("logo.png", common.logo);
  files.set(
    "README.md",
    enc.encode(`# ${s.name}\n\nVersion ${s.version} of a bench pack.\n`),
  );
  return zipBuffer(files, `${s.name}-${s.version}`);
}

/**
 * A ~20 MB pack for the tar.gz downloads: the big pack's velero and argo-cd charts (~18 MB), its
 * values, README, logo and namespace manifest.
 */
export async function midPackZip(p: BigPack, version: string): Promise<Buffer> {
  const charts = ["velero", "argo-cd"];
  const files: PackFiles = new Map();
  for (const f of [
    "values.yaml",
    "README.md",
    "logo.png",
    "manifests/00-namespace.yaml",
    ...charts.map((c) => `charts/${c}.tgz`),
  ])
    files.set(f, p.files.get(f)!);
  files.set(
    "pack.json",
    packJson("bench-mid", version, {
      displayName: "Bench Mid Pack",
      charts: charts.map((c) => `charts/${c}.tgz`),
    }),
  );
  return zipBuffer(files, `bench-mid-${version}`);
}

/**
 * A compressible pack: text only (CRD schemas and dashboards, ~24 MB), whose zip is a fraction of
 * that. The PUT rows compare it with a raw blob upload of the same zip bytes.
 */
export async function textPackZip(version: string, seed = 7): Promise<Buffer> {
  const r = new Rng(seed);
  const files: PackFiles = new Map();
  files.set(
    "pack.json",
    packJson("bench-text", version, { displayName: "Bench Text Pack" }),
  );
  files.set("values.yaml", enc.encode(packValuesYaml(r, [], 0.2 * MB)));
  files.set("README.md", enc.encode(readmeMd(r, "Bench Text Pack", [])));
  files.set("logo.png", pngBytes(r, 128, 128));
  for (let i = 0; i < 6; i++)
    files.set(
      `manifests/crds/schema-${i}.yaml`,
      enc.encode(
        schemaCrdYaml(r, "text.packsmith.dev", `Gadget${i}`, 2.5 * MB),
      ),
    );
  for (let i = 0; i < 4; i++)
    files.set(
      `manifests/dashboards/dashboards-${i}.yaml`,
      enc.encode(dashboardsConfigMap(r, `bench-dashboards-${i}`, 2.5 * MB)),
    );
  return zipBuffer(files, `bench-text-${version}`);
}

/** The pack's deterministic zip as a Buffer (what the HTTP helpers send), sharing its bytes. */
async function zipBuffer(files: PackFiles, top: string): Promise<Buffer> {
  const zip = await writePackZip(files, top);
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
