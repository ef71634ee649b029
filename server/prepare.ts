import { contentDigest, fileDigests } from "../src/pack/digest";
import type { Finding } from "../src/pack/finding";
import type { PackFiles } from "../src/pack/pack-files";
import { validatePack, type ValidateOptions } from "../src/pack/validate";
import { decodeText } from "../src/pack/yaml-text";
import type { PackDetail } from "./store/store";

/**
 * Validate a pack and compute everything the API shows about it. The detail is complete only
 * when `errors` is empty (the pack.json identity fields are then known to be strings).
 */
export async function describePack(
  files: PackFiles,
  meta: { uploadedBy: string; createdAt: string },
  opts: ValidateOptions = {},
): Promise<{ detail: PackDetail; errors: Finding[] }> {
  const report = validatePack(files, opts);
  const list = await fileDigests(files);
  const p = report.pack;
  const str = (v: unknown): string => (typeof v === "string" ? v : "");
  const detail: PackDetail = {
    name: str(p?.name),
    version: str(p?.version),
    displayName: str(p?.displayName),
    layer: str(p?.layer),
    cloudTypes: Array.isArray(p?.cloudTypes)
      ? p.cloudTypes.filter((c): c is string => typeof c === "string")
      : [],
    digest: await contentDigest(list),
    size: list.reduce((n, f) => n + f.size, 0),
    createdAt: meta.createdAt,
    uploadedBy: meta.uploadedBy,
    files: list,
    findings: report.findings,
  };
  if (typeof p?.addonType === "string") detail.addonType = p.addonType;
  const readme = files.get("README.md");
  const text = readme ? decodeText(readme) : null;
  if (text !== null) detail.readme = text;
  return {
    detail,
    errors: report.findings.filter((f) => f.severity === "error"),
  };
}
