import {
  OCI_MANIFEST_MEDIA_TYPE,
  ORAS_CONFIG_MEDIA_TYPE,
  ORAS_LAYER_MEDIA_TYPE,
} from "../../src/pack/oci-manifest";
import { DIGEST_RE } from "./reference";

/** The one layer of a pack artifact: the `<name>-<version>.tar.gz`. */
export interface PackLayer {
  digest: string;
  size: number;
  /** `org.opencontainers.image.title`, `""` when the layer has none. */
  title: string;
}

/** The parts of an ORAS manifest a pack store reads; anything else in it is ignored. */
export interface PackManifest {
  layer: PackLayer;
  /** `org.opencontainers.image.created`, or the epoch when absent or not RFC 3339. */
  created: string;
}

/** Why a manifest is not a pack, decided from the manifest alone (no blob is fetched). */
export interface NotAPackError {
  kind:
    | "not-json"
    | "manifest-type"
    | "artifact-type"
    | "config"
    | "layer-count"
    | "layer"
    | "layer-size";
  message: string;
}

export type PackManifestResult =
  { ok: true; value: PackManifest } | { ok: false; error: NotAPackError };

const DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
/** ORAS ≥ 1.1 writes the empty config and this default artifact type (pack-format §G.4). */
export const OCI_EMPTY_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
const ORAS_UNKNOWN_ARTIFACT = "application/vnd.unknown.artifact.v1";
/** What ORAS (and hand-made pushes of one tar.gz) give the layer of a file. */
const LAYER_TYPES = new Set([
  ORAS_LAYER_MEDIA_TYPE,
  "application/vnd.oci.image.layer.v1.tar+gzip",
  "application/gzip",
  "application/x-gzip",
  "application/tar+gzip",
  "application/octet-stream",
]);
/** The ORAS config of a pack is the 2 bytes `{}`; a container image's config is kilobytes. */
const MAX_CONFIG_BYTES = 1024;
const EPOCH = "1970-01-01T00:00:00Z";
const RFC3339 =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : null;
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/**
 * Read a manifest as a pack artifact (pack-format §G.3: an OCI image manifest, the ORAS config,
 * exactly one layer titled `*.tar.gz`), or say why it is something else: an image index, a
 * container image, a Helm chart, a signature, an artifact of several files or one too large to
 * be a pack. Everything is decided from the manifest's own bytes, so a foreign artifact's blobs
 * are never downloaded.
 *
 * @param bytes the manifest as the registry sent it
 * @param opts.where the tag, for messages (`host/repo:tag`)
 * @param opts.mediaType the `Content-Type` the registry sent, used when the body names none
 * @param opts.maxLayerBytes the largest pack archive the store reads
 */
export function readPackManifest(
  bytes: Uint8Array,
  opts: { where: string; mediaType?: string; maxLayerBytes: number },
): PackManifestResult {
  const { where } = opts;
  const fail = (
    kind: NotAPackError["kind"],
    message: string,
  ): PackManifestResult => ({ ok: false, error: { kind, message } });
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return fail("not-json", `the manifest of ${where} is not JSON`);
  }
  const m = obj(parsed);
  if (!m) return fail("not-json", `the manifest of ${where} is not an object`);
  const mediaType = str(m.mediaType) || (opts.mediaType ?? "");
  if (
    mediaType !== OCI_MANIFEST_MEDIA_TYPE &&
    mediaType !== DOCKER_MANIFEST &&
    !(mediaType === "" && Array.isArray(m.layers))
  )
    return fail(
      "manifest-type",
      `${where} is ${mediaType ? `a ${mediaType}` : "not an image manifest"}, not a pack (an OCI image manifest)`,
    );
  const artifactType = str(m.artifactType);
  if (artifactType && artifactType !== ORAS_UNKNOWN_ARTIFACT)
    return fail(
      "artifact-type",
      `${where} is a ${artifactType} artifact, not a pack`,
    );
  const config = obj(m.config);
  const configType = str(config?.mediaType);
  const configSize = typeof config?.size === "number" ? config.size : -1;
  if (
    configType !== ORAS_CONFIG_MEDIA_TYPE &&
    configType !== OCI_EMPTY_MEDIA_TYPE
  )
    return fail(
      "config",
      `${where} has a ${configType || "missing"} config (a pack has ${ORAS_CONFIG_MEDIA_TYPE}): it is not a pack`,
    );
  if (configSize > MAX_CONFIG_BYTES)
    return fail(
      "config",
      `${where} has a ${configSize}-byte config; a pack's is the 2 bytes {}`,
    );
  const layers = Array.isArray(m.layers) ? m.layers : [];
  if (layers.length !== 1)
    return fail(
      "layer-count",
      `${where} has ${layers.length} layers; a pack has one (<name>-<version>.tar.gz)`,
    );
  const l = obj(layers[0]);
  const layer: PackLayer = {
    digest: str(l?.digest),
    size: typeof l?.size === "number" ? l.size : -1,
    title: str(obj(l?.annotations)?.["org.opencontainers.image.title"]),
  };
  const layerType = str(l?.mediaType);
  if (
    !DIGEST_RE.test(layer.digest) ||
    !Number.isSafeInteger(layer.size) ||
    layer.size < 0 ||
    !LAYER_TYPES.has(layerType) ||
    (layer.title !== "" && !/\.(tar\.gz|tgz)$/.test(layer.title))
  )
    return fail(
      "layer",
      `${where} has no pack archive layer (<name>-<version>.tar.gz): its layer is ${layer.title ? `${layer.title}, ` : ""}${layerType || "untyped"}`,
    );
  if (layer.size > opts.maxLayerBytes)
    return fail(
      "layer-size",
      `the layer of ${where} is ${layer.size} bytes, more than the ${opts.maxLayerBytes} a pack may be`,
    );
  const created = str(obj(m.annotations)?.["org.opencontainers.image.created"]);
  return {
    ok: true,
    value: { layer, created: RFC3339.test(created) ? created : EPOCH },
  };
}
