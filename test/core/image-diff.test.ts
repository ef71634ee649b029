import { describe, expect, it } from "vitest";
import { diffImages, imageVersion } from "../../src/pack/image-diff";
import type { PackImage } from "../../src/pack/images";
import { validatePack } from "../../src/pack/validate";
import { utf8 } from "../gen/bytes";
import { loadFixture } from "../helpers/fixtures";

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
const at = (ref: string, source = "values.yaml"): PackImage => ({
  ref,
  source,
});

describe("diffImages over the images of real packs", () => {
  it("kyverno's values: a chart value retagged, a listed image dropped, one added, the rest unchanged", async () => {
    const files = await loadFixture("pack-central/kyverno-1.12.2");
    const values = text(files.get("values.yaml"));
    const next = values
      .replace(
        "repository: busybox\n",
        "repository: docker.io/library/busybox\n",
      )
      .replace("tag: '1.35'", "tag: '1.36'")
      .replace(
        "- image: ghcr.io/kyverno/kyverno-cli:v1.12.2\n",
        "- image: ghcr.io/kyverno/policy-reporter:2.0.0\n",
      );
    expect(next).toContain("policy-reporter");
    expect(next).toContain("tag: '1.36'");
    const before = validatePack(files).images;
    const after = validatePack(
      new Map(files).set("values.yaml", utf8(next)),
    ).images;

    const d = diffImages(before, after);
    const changed = d
      .filter((x) => x.status !== "unchanged")
      .map((x) => [x.repository, x.status]);
    expect(changed).toEqual([
      ["docker.io/library/busybox", "retagged"],
      ["ghcr.io/kyverno/policy-reporter", "added"],
    ]);
    expect(d.find((x) => x.status === "retagged")).toMatchObject({
      before: { ref: "busybox:1.35" },
      after: { ref: "docker.io/library/busybox:1.36" },
    });
    // kyverno-cli is no longer listed, but the chart's defaults still pull it (appVersion tag).
    expect(
      d.find((x) => x.repository === "ghcr.io/kyverno/kyverno-cli"),
    ).toMatchObject({
      status: "unchanged",
      after: { note: expect.stringContaining("appVersion") },
    });
    expect(d.filter((x) => x.status === "unchanged")).toHaveLength(
      before.length - 1,
    );
  });

  it("the same pack against itself: every image unchanged", async () => {
    const files = await loadFixture("pack-central/hello-universe-1.3.1");
    const images = validatePack(files).images;
    // The right side read again on its own, not the same array.
    const again = validatePack(
      await loadFixture("pack-central/hello-universe-1.3.1"),
    ).images;
    expect(images.length).toBeGreaterThan(3);
    const d = diffImages(images, again);
    expect(d).toHaveLength(images.length);
    expect(d.every((x) => x.status === "unchanged")).toBe(true);
  });
});

describe("diffImages", () => {
  it("one name written two ways is one image; a digest change is a retag", () => {
    expect(
      diffImages(
        [at("redis:7"), at("quay.io/a/b@sha256:" + "1".repeat(64))],
        [
          at("docker.io/library/redis:7"),
          at("quay.io/a/b@sha256:" + "2".repeat(64)),
        ],
      ).map((x) => [x.repository, x.status]),
    ).toEqual([
      ["docker.io/library/redis", "unchanged"],
      ["quay.io/a/b", "retagged"],
    ]);
  });

  it("several tags of one repository: equal ones match, the rest pair in order, extras are added", () => {
    const d = diffImages(
      [at("nginx:1.0"), at("nginx:2.0")],
      [at("nginx:2.0"), at("nginx:3.0"), at("nginx:4.0")],
    );
    expect(d.map((x) => x.status)).toEqual(["unchanged", "retagged", "added"]);
    expect(d[1]).toMatchObject({
      before: { ref: "nginx:1.0" },
      after: { ref: "nginx:3.0" },
    });
  });

  it("a malformed reference is compared as written and never throws", () => {
    expect(
      diffImages([at("Bad Ref!")], [at("Bad Ref!"), at("::")]).map((x) => [
        x.repository,
        x.status,
      ]),
    ).toEqual([
      ["::", "added"],
      ["Bad Ref!", "unchanged"],
    ]);
  });

  it("imageVersion gives the tag and the digest as written", () => {
    expect(imageVersion("redis:7.2")).toBe("7.2");
    expect(imageVersion("a/b:1@sha256:" + "a".repeat(64))).toBe(
      `1 @sha256:${"a".repeat(64)}`,
    );
    expect(imageVersion("busybox")).toBe("");
    expect(imageVersion("not valid")).toBe("");
  });
});
