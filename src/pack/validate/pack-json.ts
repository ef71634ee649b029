import { packJsonElsewhere, type PackFiles } from "../pack-files";
import { decodeText } from "../yaml-text";
import {
  parseJsonLocated,
  JsonSyntaxError,
  type LocatedJson,
} from "../json-locate";
import {
  KNOWN_PACK_JSON_KEYS,
  ADDON_TYPES,
  CLOUD_TYPES,
  CLOUD_TYPES_API_ONLY,
  isoDateProblem,
  LAYERS,
  LEADING_V,
  MAX_NAME_LENGTH,
  OCI_NAME,
  OCI_TAG,
  SEMVER,
  STYLE_NAME,
  packJsonSchema,
  type PackJson,
} from "../schemas";
import {
  isStr,
  PACK_JSON,
  typeName,
  type Add,
  type BaseContext,
  type PackJsonDoc,
} from "./context";

/**
 * What validation made of pack.json: `valid` only when it passed the schema, so `pack` is typed
 * only then; `invalid` is a JSON object that did not (its fields are unknown); `missing` is no
 * pack.json, or one that is not a JSON object.
 */
export type PackJsonRead =
  | { packStatus: "valid"; pack: PackJson }
  | { packStatus: "invalid"; pack: Readonly<Record<string, unknown>> }
  | { packStatus: "missing"; pack: null };

/**
 * pack.json as a located JSON object (rule 1), with its syntax problems and duplicate keys
 * reported; undefined when it is missing, not UTF-8, not JSON or not an object.
 */
export function readPackJsonDoc(ctx: BaseContext): PackJsonDoc | undefined {
  const json = readPackJson(ctx);
  if (!json) return undefined;
  const raw = json.value as Record<string, unknown>;
  const at = (path: string): { file: string; line?: number; path: string } => {
    const line =
      json.lines.get(path) ??
      json.lines.get(path.split(".").slice(0, -1).join("."));
    return line ? { file: PACK_JSON, line, path } : { file: PACK_JSON, path };
  };
  return { json, raw, at };
}

/**
 * The fields of pack.json: presence and types, the schema, name and version, layer, cloud types
 * and add-on type, unknown fields, and what changed since the previous version.
 */
export function checkPackJson(
  ctx: BaseContext,
  doc: PackJsonDoc,
): PackJsonRead {
  const { add, targetSeverity, previous } = ctx;
  const { raw, at } = doc;
  checkShape(doc, add);
  const parsed = packJsonSchema.safeParse(raw);
  const read: PackJsonRead = parsed.success
    ? { packStatus: "valid", pack: parsed.data }
    : { packStatus: "invalid", pack: raw };
  checkIdentityFields(doc, add);
  checkClassification(doc, add, targetSeverity);
  for (const key of Object.keys(raw)) {
    if (!KNOWN_PACK_JSON_KEYS.has(key))
      add(
        "info",
        "PACK_JSON_UNKNOWN_FIELD",
        `pack.json field \`${key}\` is not part of the documented format; Palette may ignore it`,
        at(key),
      );
  }
  if (previous) {
    if (typeof raw.name === "string" && raw.name !== previous.name) {
      add(
        "warning",
        "NAME_CHANGED",
        `name changed from \`${previous.name}\` to \`${raw.name}\`: Palette will show a different pack`,
        at("name"),
      );
    }
    if (
      typeof raw.displayName === "string" &&
      raw.displayName !== previous.displayName
    ) {
      add(
        "warning",
        "DISPLAY_NAME_CHANGED",
        `displayName changed from "${previous.displayName}" to "${raw.displayName}": keep it identical across versions`,
        at("displayName"),
      );
    }
  }
  return read;
}

/**
 * Why pack.json is not at the root, saying where the files are when that explains it (two packs
 * side by side, a pack one folder down); the builder's import says the same.
 */
export function packJsonMissing(files: PackFiles): string {
  const { topFolders, nested } = packJsonElsewhere(files);
  if (topFolders.length)
    return `pack.json is missing at the root: the files sit in ${topFolders.length} top folders (${few(topFolders.map((t) => `${t}/`))})${nested.length ? `, with ${few(nested)},` : ""} and none at the root. A pack archive holds its files at its root or inside one top folder: archive each pack on its own`;
  if (nested.length)
    return `pack.json is missing at the root; there ${nested.length === 1 ? "is" : "are"} ${few(nested)}: every pack needs it at its root, so move the pack's files up to the top`;
  return "pack.json is missing: every pack needs it at its root";
}

/** Up to three names in backticks, then how many more. */
function few(names: readonly string[]): string {
  const shown = names
    .slice(0, 3)
    .map((n) => `\`${n}\``)
    .join(", ");
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

function readPackJson(ctx: BaseContext): LocatedJson | null {
  const { files, add } = ctx;
  const bytes = files.get(PACK_JSON);
  if (!bytes) {
    add("error", "PACK_JSON_MISSING", packJsonMissing(files), {
      file: PACK_JSON,
    });
    return null;
  }
  const text = decodeText(bytes);
  if (text === null) {
    add("error", "PACK_JSON_SYNTAX", "pack.json is not UTF-8 text", {
      file: PACK_JSON,
    });
    return null;
  }
  try {
    const json = parseJsonLocated(text);
    if (
      !json.value ||
      typeof json.value !== "object" ||
      Array.isArray(json.value)
    ) {
      add(
        "error",
        "PACK_JSON_SYNTAX",
        "pack.json must hold a JSON object ({ … })",
        { file: PACK_JSON, line: 1 },
      );
      return null;
    }
    for (const d of json.duplicates) {
      add(
        "warning",
        "PACK_JSON_DUPLICATE_KEY",
        `pack.json sets \`${d.path}\` twice; only the last value counts`,
        { file: PACK_JSON, line: d.line, path: d.path },
      );
    }
    return json;
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      add(
        "error",
        "PACK_JSON_SYNTAX",
        `pack.json is not valid JSON: ${e.message}`,
        { file: PACK_JSON, line: e.line },
      );
      return null;
    }
    throw e;
  }
}

/** Presence and JSON types of every documented field (rules 2, 10, 23, 24 — types only). */
function checkShape({ raw, at }: PackJsonDoc, add: Add): void {
  for (const key of ["name", "displayName", "version", "layer"] as const) {
    const v = raw[key];
    if (v === undefined)
      add("error", "FIELD_REQUIRED", `pack.json lacks \`${key}\``, at(key));
    else if (!isStr(v))
      add(
        "error",
        "FIELD_TYPE",
        `\`${key}\` must be a string, not ${typeName(v)}`,
        at(key),
      );
    else if (v.trim() === "")
      add("error", "FIELD_REQUIRED", `\`${key}\` must not be empty`, at(key));
  }
  for (const key of [
    "addonType",
    "addonSubType",
    "cloudType",
    "group",
    "eol",
    "commit_msg",
  ] as const) {
    if (raw[key] !== undefined && !isStr(raw[key]))
      add(
        "error",
        "FIELD_TYPE",
        `\`${key}\` must be a string, not ${typeName(raw[key])}`,
        at(key),
      );
  }
  for (const key of [
    "cloudTypes",
    "kubeManifests",
    "charts",
    "ansibleRoles",
  ] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (!Array.isArray(v))
      add(
        "error",
        "FIELD_TYPE",
        `\`${key}\` must be an array of strings, not ${typeName(v)}`,
        at(key),
      );
    else
      v.forEach(
        (item, i) =>
          !isStr(item) &&
          add(
            "error",
            "FIELD_TYPE",
            `\`${key}[${i}]\` must be a string, not ${typeName(item)}`,
            at(`${key}.${i}`),
          ),
      );
  }
  const ann = raw.annotations;
  if (ann !== undefined) {
    if (!ann || typeof ann !== "object" || Array.isArray(ann))
      add(
        "error",
        "ANNOTATIONS_INVALID",
        `\`annotations\` must be an object of strings, not ${typeName(ann)}`,
        at("annotations"),
      );
    else
      for (const [k, v] of Object.entries(ann)) {
        // An annotation is read by its key; a blank key names nothing Palette could read.
        if (k.trim() === "")
          add(
            "error",
            "ANNOTATIONS_INVALID",
            "an annotation has no key: name it or remove it",
            at("annotations"),
          );
        else if (!isStr(v))
          add(
            "error",
            "ANNOTATIONS_INVALID",
            `annotation \`${k}\` must be a string (write "${String(v)}" in quotes), not ${typeName(v)}`,
            at(`annotations.${k}`),
          );
      }
  }
}

function checkIdentityFields({ raw, at }: PackJsonDoc, add: Add): void {
  const { name, version } = raw;
  if (isStr(name) && name !== "") {
    if (!OCI_NAME.test(name))
      add(
        "error",
        "NAME_OCI_INVALID",
        `name \`${name}\` is not a legal OCI repository name: use lower-case letters, digits and single separators (. _ -)`,
        at("name"),
      );
    else if (!STYLE_NAME.test(name))
      add(
        "warning",
        "NAME_STYLE",
        `name \`${name}\` should use only lower-case letters, digits and \`-\` between words`,
        at("name"),
      );
    if (name.length > MAX_NAME_LENGTH)
      add(
        "error",
        "NAME_TOO_LONG",
        `name is ${name.length} characters; the limit is ${MAX_NAME_LENGTH}`,
        at("name"),
      );
  }
  if (isStr(version) && version !== "") {
    if (LEADING_V.test(version))
      add(
        "error",
        "VERSION_LEADING_V",
        `version \`${version}\` must not start with \`v\` (write \`${version.slice(1)}\`)`,
        at("version"),
      );
    if (!OCI_TAG.test(version)) {
      const hint = version.includes("+")
        ? ` (\`+\` is not allowed in OCI tags; Helm's convention is \`${version.replace(/\+/g, "_")}\`)`
        : "";
      add(
        "error",
        "VERSION_OCI_INVALID",
        `version \`${version}\` is not a legal OCI tag${hint}`,
        at("version"),
      );
    } else if (!SEMVER.test(version.replace(/^[vV]/, ""))) {
      add(
        "warning",
        "VERSION_NOT_SEMVER",
        `version \`${version}\` is not semantic versioning (MAJOR.MINOR.PATCH[-pre])`,
        at("version"),
      );
    }
  }
}

function checkClassification(
  { raw, at }: PackJsonDoc,
  add: Add,
  targetSeverity: BaseContext["targetSeverity"],
): void {
  const { layer, addonType, cloudTypes, eol } = raw;
  if (
    isStr(layer) &&
    layer !== "" &&
    !(LAYERS as readonly string[]).includes(layer)
  ) {
    add(
      "error",
      "LAYER_INVALID",
      `layer \`${layer}\` is not one of ${LAYERS.join(", ")}`,
      at("layer"),
    );
  }
  if (cloudTypes === undefined)
    add(
      "error",
      "CLOUD_TYPES_MISSING",
      'pack.json lacks `cloudTypes` (use ["all"] for every cloud)',
      at("cloudTypes"),
    );
  else if (Array.isArray(cloudTypes)) {
    if (cloudTypes.length === 0)
      add(
        "error",
        "CLOUD_TYPES_MISSING",
        '`cloudTypes` is empty (use ["all"] for every cloud)',
        at("cloudTypes"),
      );
    const all = cloudTypes.indexOf("all");
    if (all !== -1 && cloudTypes.some((c) => isStr(c) && c !== "all"))
      add(
        "warning",
        "CLOUD_TYPES_ALL_MIXED",
        `\`cloudTypes\` lists \`all\` beside ${cloudTypes
          .filter((c) => isStr(c) && c !== "all")
          .map((c) => `\`${String(c)}\``)
          .join(
            ", ",
          )}: \`all\` already means every cloud, so list either \`all\` or the clouds the pack runs on`,
        at(`cloudTypes.${all}`),
      );
    cloudTypes.forEach((c, i) => {
      if (!isStr(c)) return;
      if ((CLOUD_TYPES_API_ONLY as readonly string[]).includes(c))
        add(
          "warning",
          "CLOUD_TYPE_UNSUPPORTED",
          `cloud type \`${c}\` is known to Palette's API but not accepted by pack-central's CI`,
          at(`cloudTypes.${i}`),
        );
      else if (!(CLOUD_TYPES as readonly string[]).includes(c))
        add(
          "error",
          "CLOUD_TYPE_UNKNOWN",
          `cloud type \`${c}\` is not one of ${CLOUD_TYPES.join(", ")}`,
          at(`cloudTypes.${i}`),
        );
    });
  }
  if (layer === "addon") {
    if (addonType === undefined || addonType === "")
      add(
        targetSeverity("ADDON_TYPE_MISSING"),
        "ADDON_TYPE_MISSING",
        'add-on packs should set `addonType` (e.g. "system app", "monitoring")',
        at("addonType"),
      );
    else if (addonType === "app-services")
      add(
        "warning",
        "ADDON_TYPE_HYPHEN",
        "addonType `app-services` is a variant of the documented `app services` (with a space)",
        at("addonType"),
      );
    else if (
      isStr(addonType) &&
      !(ADDON_TYPES as readonly string[]).includes(addonType)
    )
      add(
        "warning",
        "ADDON_TYPE_UNKNOWN",
        `addonType \`${addonType}\` is not one of the documented values: ${ADDON_TYPES.join(", ")}`,
        at("addonType"),
      );
  } else if (addonType !== undefined && isStr(layer)) {
    add(
      "warning",
      "ADDON_TYPE_UNEXPECTED",
      `addonType is only meaningful for the addon layer, not \`${layer}\``,
      at("addonType"),
    );
  }
  const eolProblem =
    isStr(eol) && eol.trim() !== "" ? isoDateProblem(eol) : null;
  if (eolProblem)
    add("warning", "EOL_FORMAT", `eol \`${eol}\` ${eolProblem}`, at("eol"));
}
