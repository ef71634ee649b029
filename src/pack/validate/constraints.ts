import { LAYERS } from "../schemas";
import { hasPath } from "../yaml-text";
import {
  isStr,
  typeName,
  type PackJsonDoc,
  type ValidateContext,
} from "./context";

/** `constraints` (rule 22): dependencies and resources, and resource paths into values.yaml. */
export function checkConstraints(
  { add, valuesRoot }: ValidateContext,
  { raw, at }: PackJsonDoc,
): void {
  const c = raw.constraints;
  if (c === undefined) return;
  if (!c || typeof c !== "object" || Array.isArray(c)) {
    add(
      "error",
      "FIELD_TYPE",
      `\`constraints\` must be an object, not ${typeName(c)}`,
      at("constraints"),
    );
    return;
  }
  const { dependencies, resources } = c as Record<string, unknown>;
  if (dependencies !== undefined && !Array.isArray(dependencies))
    add(
      "error",
      "DEPENDENCY_INVALID",
      "`constraints.dependencies` must be an array",
      at("constraints.dependencies"),
    );
  (Array.isArray(dependencies) ? dependencies : []).forEach((d: unknown, i) => {
    const base = `constraints.dependencies.${i}`;
    if (!d || typeof d !== "object")
      return add(
        "error",
        "DEPENDENCY_INVALID",
        `dependency ${i + 1} must be an object`,
        at(base),
      );
    const dep = d as Record<string, unknown>;
    for (const k of ["packName", "layer", "type"] as const) {
      if (!isStr(dep[k]) || dep[k] === "")
        add(
          "error",
          "DEPENDENCY_INVALID",
          `dependency ${i + 1}${isStr(dep.packName) ? ` (\`${dep.packName}\`)` : ""} lacks \`${k}\``,
          at(`${base}.${k}`),
        );
    }
    if (
      isStr(dep.type) &&
      dep.type !== "" &&
      !["required", "optional", "notSupported", "upgrade"].includes(dep.type)
    ) {
      add(
        "error",
        "DEPENDENCY_INVALID",
        `dependency type \`${dep.type}\` is not one of required, optional, notSupported, upgrade`,
        at(`${base}.type`),
      );
    }
    if (
      isStr(dep.layer) &&
      dep.layer !== "" &&
      !(LAYERS as readonly string[]).includes(dep.layer)
    ) {
      add(
        "error",
        "DEPENDENCY_INVALID",
        `dependency layer \`${dep.layer}\` is not one of ${LAYERS.join(", ")}`,
        at(`${base}.layer`),
      );
    }
    for (const k of ["minVersion", "maxVersion"] as const) {
      if (dep[k] !== undefined && !isStr(dep[k]))
        add(
          "error",
          "DEPENDENCY_INVALID",
          `dependency \`${k}\` must be a string`,
          at(`${base}.${k}`),
        );
    }
  });
  if (resources !== undefined && !Array.isArray(resources))
    add(
      "error",
      "RESOURCE_INVALID",
      "`constraints.resources` must be an array",
      at("constraints.resources"),
    );
  // The first entry of each type, by type: a later one is named as repeating it.
  const firstOfType = new Map<string, number>();
  (Array.isArray(resources) ? resources : []).forEach((r: unknown, i) => {
    const base = `constraints.resources.${i}`;
    if (!r || typeof r !== "object")
      return add(
        "error",
        "RESOURCE_INVALID",
        `resource ${i + 1} must be an object`,
        at(base),
      );
    const res = r as Record<string, unknown>;
    if (!["cpu", "memory", "diskSize"].includes(String(res.type)))
      add(
        "error",
        "RESOURCE_INVALID",
        `resource type \`${String(res.type)}\` is not one of cpu, memory, diskSize`,
        at(`${base}.type`),
      );
    if (typeof res.minLimit !== "number")
      add(
        "error",
        "RESOURCE_INVALID",
        `resource \`minLimit\` must be a number, not ${typeName(res.minLimit)}`,
        at(`${base}.minLimit`),
      );
    // The schemas ask for a number only; a minimum below zero is never meant (a typo's sign).
    else if (res.minLimit < 0)
      add(
        "warning",
        "RESOURCE_MIN_NEGATIVE",
        `resource \`${String(res.type)}\` has a \`minLimit\` of ${res.minLimit}: a minimum below zero asks for nothing; use 0 or more`,
        at(`${base}.minLimit`),
      );
    // Palette checks each type against the cluster: a second entry of one type is a second,
    // different minimum, of which one is wrong.
    if (typeof res.type === "string") {
      const first = firstOfType.get(res.type);
      if (first === undefined) firstOfType.set(res.type, i);
      else
        add(
          "warning",
          "RESOURCE_DUPLICATE",
          `resource \`${res.type}\` is listed again (first as resource ${first + 1}): keep one minimum per type`,
          at(`${base}.type`),
        );
    }
    const comps = res.components;
    if (comps !== undefined && !Array.isArray(comps))
      add(
        "error",
        "RESOURCE_INVALID",
        "`components` must be an array",
        at(`${base}.components`),
      );
    (Array.isArray(comps) ? comps : []).forEach((comp: unknown, j) => {
      const cb = `${base}.components.${j}`;
      const o = (comp && typeof comp === "object" ? comp : {}) as Record<
        string,
        unknown
      >;
      if (
        !["all", "worker", "master", "control-plane"].includes(
          String(o.scheduleType),
        )
      )
        add(
          "error",
          "RESOURCE_INVALID",
          `component scheduleType \`${String(o.scheduleType)}\` is not one of all, worker, master, control-plane`,
          at(`${cb}.scheduleType`),
        );
      for (const k of [
        "resourceRequestParamRef",
        "replicaCountParamRef",
      ] as const) {
        const ref = o[k];
        if (isStr(ref) && ref !== "" && valuesRoot && !hasPath(valuesRoot, ref))
          add(
            "warning",
            "PARAM_REF_UNRESOLVED",
            `\`${k}\` \`${ref}\` is not a path in values.yaml`,
            at(`${cb}.${k}`),
          );
      }
    });
  });
}
