import type { FileDigest } from "./digest";
import type { Finding } from "./finding";

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

/** registry-api.md `PackDetail`. */
export interface PackDetail extends PackSummary {
  files: FileDigest[];
  findings: Finding[];
  readme?: string;
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
