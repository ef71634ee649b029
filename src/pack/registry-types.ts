import type { ChartDependency, ChartMaintainer } from "./chart-meta";
import type { FileDigest } from "./digest";
import type { Finding } from "./finding";
import type { PackImage } from "./images";

export type { PackImage } from "./images";

/**
 * registry-api.md `PackSummary`, shared by the server and the app. `size` is the sum of the pack's
 * file sizes, the same whatever the archive format or storage driver.
 */
export interface PackSummary {
  name: string;
  version: string;
  displayName: string;
  layer: string;
  addonType?: string;
  cloudTypes: string[];
  digest: string;
  size: number;
  createdAt: string;
  uploadedBy: string;
}

/** A chart bundled inside a chart archive, as `PackChart.subcharts` lists it. */
export interface PackSubchart {
  /** Relative to the chart's root: `charts/redis-ha` (a folder) or `charts/redis-ha-4.12.17.tgz`. */
  path: string;
  name?: string;
  version?: string;
  appVersion?: string;
  description?: string;
  /** Why it could not be read. */
  error?: string;
}

/**
 * registry-api.md version 2 `PackDetail.charts[]`: one chart archive of the pack. The contract's
 * fields come first; the rest of Chart.yaml follows as optional extras.
 */
export interface PackChart {
  /** The archive's path in the pack: `charts/argo-cd-5.51.6.tgz`. */
  file: string;
  name: string;
  version: string;
  appVersion?: string;
  kubeVersion?: string;
  description?: string;
  type?: string;
  dependencies: ChartDependency[];
  /** Every file inside, `path` relative to the chart's root folder (`templates/deployment.yaml`). */
  files: FileDigest[];
  /** Paths (relative to the chart's root) of `crds/` files and CustomResourceDefinition templates. */
  crds: string[];
  hasValuesSchema: boolean;
  apiVersion?: string;
  home?: string;
  icon?: string;
  sources?: string[];
  keywords?: string[];
  maintainers?: ChartMaintainer[];
  annotations?: Record<string, string>;
  deprecated?: boolean;
  subcharts?: PackSubchart[];
  /** Why the archive could not be read (then `name` and `version` are empty and `files` is too). */
  error?: string;
}

/** registry-api.md `PackDetail` (version 2: with `charts` and `images`). */
export interface PackDetail extends PackSummary {
  files: FileDigest[];
  findings: Finding[];
  readme?: string;
  charts: PackChart[];
  images: PackImage[];
}

/** The summary fields of a detail (no files, findings or README). */
export function summaryOf(d: PackDetail): PackSummary {
  const s: PackSummary = {
    name: d.name,
    version: d.version,
    displayName: d.displayName,
    layer: d.layer,
    cloudTypes: d.cloudTypes,
    digest: d.digest,
    size: d.size,
    createdAt: d.createdAt,
    uploadedBy: d.uploadedBy,
  };
  if (d.addonType !== undefined) s.addonType = d.addonType;
  return s;
}
