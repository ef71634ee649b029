import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contentDigest } from "../../src/pack/digest";
import {
  ORAS_EMPTY_CONFIG,
  ORAS_EMPTY_CONFIG_DIGEST,
  orasManifest,
} from "../../src/pack/oci-manifest";
import { readPackArchive } from "../../src/pack/read-archive";
import { FIXTURES, loadFixture } from "../helpers/fixtures";

const example = (f: string): Buffer =>
  readFileSync(`${FIXTURES}oci-example/${f}`);
const digests = JSON.parse(example("digests.json").toString()) as {
  layer: { file: string; digest: string; size: number };
  manifest: { digest: string; size: number };
  created: string;
};

describe("ORAS 1.0 manifest", () => {
  it("reproduces the example manifest byte for byte from layer digest, size, title and created time", async () => {
    const m = await orasManifest({
      digest: digests.layer.digest,
      size: digests.layer.size,
      title: digests.layer.file,
      created: digests.created,
    });
    expect(m.text).toBe(example("manifest.json").toString());
    expect(m.bytes.length).toBe(digests.manifest.size);
    expect(m.digest).toBe(digests.manifest.digest);
  });

  it("the layer digest and size are those of the example tarball, and the config blob is `{}`", () => {
    const tgz = example(digests.layer.file);
    expect(`sha256:${createHash("sha256").update(tgz).digest("hex")}`).toBe(
      digests.layer.digest,
    );
    expect(tgz.length).toBe(digests.layer.size);
    expect(Buffer.from(ORAS_EMPTY_CONFIG).toString()).toBe(
      example("config.json").toString(),
    );
    expect(
      `sha256:${createHash("sha256").update(ORAS_EMPTY_CONFIG).digest("hex")}`,
    ).toBe(ORAS_EMPTY_CONFIG_DIGEST);
  });

  it("truncates a Date to whole seconds in UTC and escapes like Go", async () => {
    const m = await orasManifest({
      digest: "sha256:00",
      size: 1,
      title: "a&b<c>.tar.gz",
      created: new Date("2024-05-06T07:08:09.999Z"),
    });
    expect(m.text).toContain(
      '"org.opencontainers.image.created":"2024-05-06T07:08:09Z"',
    );
    expect(m.text).toContain("a\\u0026b\\u003cc\\u003e.tar.gz");
    await expect(
      orasManifest({ digest: "sha256:00", size: 1, title: "dir/x.tar.gz" }),
    ).rejects.toThrow(/bare/);
  });

  it("the example tarball holds the tutorial pack, file for file", async () => {
    const r = readPackArchive(new Uint8Array(example(digests.layer.file)));
    if (!r.ok) throw new Error(r.error.message);
    expect(await contentDigest(r.value.files)).toBe(
      await contentDigest(await loadFixture("tutorials/hello-universe-pack")),
    );
  });
});
