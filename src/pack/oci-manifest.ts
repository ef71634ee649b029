import { sha256Hex } from "./digest";

export const OCI_MANIFEST_MEDIA_TYPE =
  "application/vnd.oci.image.manifest.v1+json";
export const ORAS_CONFIG_MEDIA_TYPE = "application/vnd.unknown.config.v1+json";
export const ORAS_LAYER_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar";
/** ORAS 1.0 pushes the two bytes `{}` as the config blob. */
export const ORAS_EMPTY_CONFIG = new TextEncoder().encode("{}");
export const ORAS_EMPTY_CONFIG_DIGEST =
  "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

export interface LayerInfo {
  /** `sha256:<hex>` of the tar.gz bytes. */
  digest: string;
  size: number;
  /** The layer title: the bare `<name>-<version>.tar.gz`. */
  title: string;
  /** RFC 3339 UTC time; truncated to seconds like ORAS. Defaults to now. */
  created?: Date | string;
}

/** Go's encoding/json escapes these where JSON.stringify does not. */
const goJson = (o: unknown): string =>
  JSON.stringify(o)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

export function rfc3339Seconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The manifest `oras push <ref> <name>-<version>.tar.gz` (ORAS 1.0.0) writes, byte for byte
 * (pack-format §G.3): an OCI image manifest with the `{}` config and one layer titled with the
 * bare file name. Returns the exact bytes and their digest.
 */
export async function orasManifest(
  layer: LayerInfo,
): Promise<{ bytes: Uint8Array; text: string; digest: string }> {
  if (!/^[\x20-\x7e]+$/.test(layer.title) || layer.title.includes("/")) {
    throw new Error(
      `layer title ${JSON.stringify(layer.title)} must be a bare ASCII file name`,
    );
  }
  const created =
    typeof layer.created === "string"
      ? layer.created
      : rfc3339Seconds(layer.created ?? new Date());
  const text = goJson({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST_MEDIA_TYPE,
    config: {
      mediaType: ORAS_CONFIG_MEDIA_TYPE,
      digest: ORAS_EMPTY_CONFIG_DIGEST,
      size: 2,
    },
    layers: [
      {
        mediaType: ORAS_LAYER_MEDIA_TYPE,
        digest: layer.digest,
        size: layer.size,
        annotations: { "org.opencontainers.image.title": layer.title },
      },
    ],
    annotations: { "org.opencontainers.image.created": created },
  });
  const bytes = new TextEncoder().encode(text);
  return { bytes, text, digest: `sha256:${await sha256Hex(bytes)}` };
}
