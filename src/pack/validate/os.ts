import { isStr, type BaseContext, type PackJsonDoc } from "./context";

/** pack-format §C.1: documented annotations per cloud for OS packs (rule 26). */
export const OS_ANNOTATIONS: Readonly<Record<string, readonly string[]>> = {
  common: ["osName", "sshUsername", "skipK8sInstall"],
  aws: ["cloudRegion", "imageId", "imageOwner"],
  azure: ["imagePublisher", "imageOffer", "imageSKU"],
  vsphere: ["folder", "imageId"],
};

/** OS packs carry the annotations their clouds need (rule 26). */
export function checkOsAnnotations(
  { add }: BaseContext,
  { raw, at }: PackJsonDoc,
): void {
  if (raw.layer !== "os") return;
  const ann = (
    raw.annotations && typeof raw.annotations === "object"
      ? raw.annotations
      : {}
  ) as Record<string, unknown>;
  const clouds = Array.isArray(raw.cloudTypes)
    ? raw.cloudTypes.filter(isStr)
    : [];
  const need = new Set(OS_ANNOTATIONS.common);
  for (const c of clouds) for (const k of OS_ANNOTATIONS[c] ?? []) need.add(k);
  for (const k of need) {
    if (!isStr(ann[k]) || ann[k] === "")
      add(
        "warning",
        "OS_ANNOTATION_MISSING",
        `OS packs for ${clouds.join(", ") || "this cloud"} need the annotation \`${k}\``,
        at(`annotations.${k}`),
      );
  }
  const skip = ann.skipK8sInstall;
  if (skip !== undefined && skip !== "true" && skip !== "false")
    add(
      "warning",
      "SKIP_K8S_INSTALL_INVALID",
      '`skipK8sInstall` must be "true" or "false"',
      at("annotations.skipK8sInstall"),
    );
}
