import type { OsFields } from "@/features/wizard/model/draft-schema";
import { OS_ANNOTATIONS } from "@/pack/validate";

/** Clouds with a typed OS form; the core's OS_ANNOTATIONS says which annotations each needs. */
export const OS_CLOUDS = ["aws", "vsphere", "azure"] as const;

export type OsAnnotationKey = Exclude<keyof OsFields, "vsphereSource">;

/** The common OS annotations, in the order of the documented example (pack-format §A.6). */
export const COMMON_OS_KEYS: readonly OsAnnotationKey[] = [
  "osName",
  "os_spectro_version",
  "sshUsername",
  "sshPassword",
  "skipK8sInstall",
];

const isOsKey = (k: string): k is OsAnnotationKey =>
  k !== "vsphereSource" && k !== "common";

/** The typed cloud annotations for the chosen clouds, each once (aws and vSphere share imageId). */
export function cloudOsKeys(cloudTypes: readonly string[]): OsAnnotationKey[] {
  const keys: OsAnnotationKey[] = [];
  for (const cloud of OS_CLOUDS) {
    if (!cloudTypes.includes(cloud)) continue;
    for (const k of OS_ANNOTATIONS[cloud] ?? [])
      if (isOsKey(k) && !keys.includes(k)) keys.push(k);
  }
  return keys;
}

/** Every annotation an OS pack for these clouds has a typed field for, in writing order. */
export function typedOsKeys(cloudTypes: readonly string[]): OsAnnotationKey[] {
  return [...cloudOsKeys(cloudTypes), ...COMMON_OS_KEYS];
}
