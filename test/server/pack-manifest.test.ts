import { describe, expect, it } from "vitest";
import { orasManifest } from "../../src/pack/oci-manifest";
import { readPackManifest } from "../../server/oci/pack-manifest";

const D = (c: string): string => `sha256:${c.repeat(64)}`;
const MiB = 1024 * 1024;
const where = "registry.example.com/spectro-packs/archive/x:1.0.0";
const read = (m: unknown, maxLayerBytes = 512 * MiB, mediaType?: string) =>
  readPackManifest(new TextEncoder().encode(JSON.stringify(m)), {
    where,
    maxLayerBytes,
    ...(mediaType ? { mediaType } : {}),
  });

/** The shape ORAS 1.0 writes for a pack (pack-format §G.3), with edits. */
const oras = (edit: Record<string, unknown> = {}): Record<string, unknown> => ({
  schemaVersion: 2,
  mediaType: "application/vnd.oci.image.manifest.v1+json",
  config: {
    mediaType: "application/vnd.unknown.config.v1+json",
    digest: D("4"),
    size: 2,
  },
  layers: [
    {
      mediaType: "application/vnd.oci.image.layer.v1.tar",
      digest: D("a"),
      size: 20_089,
      annotations: { "org.opencontainers.image.title": "x-1.0.0.tar.gz" },
    },
  ],
  annotations: { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" },
  ...edit,
});

describe("readPackManifest: a pack artifact", () => {
  it("reads the exact bytes orasManifest writes", async () => {
    const m = await orasManifest({
      digest: D("b"),
      size: 1234,
      title: "hellouniverse-1.0.0.tar.gz",
      created: "2025-03-04T05:06:07Z",
    });
    const r = readPackManifest(m.bytes, { where, maxLayerBytes: 512 * MiB });
    expect(r).toEqual({
      ok: true,
      value: {
        layer: {
          digest: D("b"),
          size: 1234,
          title: "hellouniverse-1.0.0.tar.gz",
        },
        created: "2025-03-04T05:06:07Z",
      },
    });
  });

  it("accepts the ORAS 1.1 shape, a lone untitled layer and a missing created time", () => {
    const v11 = read(
      oras({
        artifactType: "application/vnd.unknown.artifact.v1",
        config: {
          mediaType: "application/vnd.oci.empty.v1+json",
          digest: D("4"),
          size: 2,
        },
        annotations: {},
      }),
    );
    expect(v11.ok && v11.value.created).toBe("1970-01-01T00:00:00Z");
    const untitled = read(
      oras({
        layers: [
          {
            mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
            digest: D("c"),
            size: 10,
          },
        ],
      }),
    );
    expect(untitled.ok && untitled.value.layer.title).toBe("");
  });
});

describe("readPackManifest: a foreign artifact, told from its manifest alone", () => {
  it.each([
    ["not JSON", "not-json", null],
    [
      "an image index",
      "manifest-type",
      {
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.index.v1+json",
        manifests: [],
      },
    ],
    [
      "a container image",
      "config",
      oras({
        config: {
          mediaType: "application/vnd.oci.image.config.v1+json",
          digest: D("5"),
          size: 1469,
        },
        layers: [
          {
            mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
            digest: D("6"),
            size: 200 * MiB,
          },
        ],
      }),
    ],
    [
      "a Helm chart",
      "config",
      oras({
        config: {
          mediaType: "application/vnd.cncf.helm.config.v1+json",
          digest: D("5"),
          size: 300,
        },
      }),
    ],
    [
      "a cosign signature",
      "artifact-type",
      oras({ artifactType: "application/vnd.dev.cosign.artifact.sig.v1+json" }),
    ],
    [
      "an ORAS push of two files",
      "layer-count",
      oras({
        layers: [
          {
            mediaType: "application/vnd.oci.image.layer.v1.tar",
            digest: D("a"),
            size: 1,
            annotations: { "org.opencontainers.image.title": "a.tar.gz" },
          },
          {
            mediaType: "application/vnd.oci.image.layer.v1.tar",
            digest: D("b"),
            size: 1,
            annotations: { "org.opencontainers.image.title": "b.txt" },
          },
        ],
      }),
    ],
    [
      "an ORAS push of one other file",
      "layer",
      oras({
        layers: [
          {
            mediaType: "application/vnd.oci.image.layer.v1.tar",
            digest: D("a"),
            size: 1,
            annotations: { "org.opencontainers.image.title": "model.bin" },
          },
        ],
      }),
    ],
    [
      "a config of kilobytes under the ORAS type",
      "config",
      oras({
        config: {
          mediaType: "application/vnd.unknown.config.v1+json",
          digest: D("5"),
          size: 4096,
        },
      }),
    ],
  ])("%s → %s", (_what, kind, manifest) => {
    const r =
      manifest === null
        ? readPackManifest(new TextEncoder().encode("<html>"), {
            where,
            maxLayerBytes: 512 * MiB,
          })
        : read(manifest);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe(kind);
      expect(r.error.message).toContain(where);
    }
  });

  it("a pack-shaped artifact whose layer is larger than a pack may be", () => {
    const r = read(oras(), 10_000);
    expect(r).toEqual({
      ok: false,
      error: {
        kind: "layer-size",
        message: `the layer of ${where} is 20089 bytes, more than the 10000 a pack may be`,
      },
    });
  });
});
