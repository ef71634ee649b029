import { describe, expect, it } from "vitest";

import { validatePack } from "@/pack/validate";

import { loadFixture } from "../../../test/helpers/fixtures";
import { imageRows } from "./image-rows";

describe("imageRows", () => {
  it("takes apart the images of a real pack, in the core's order, with their notes", async () => {
    const files = await loadFixture("pack-central/argocd-3.26.7");
    const rows = imageRows(validatePack(files).images);
    expect(
      rows.map((r) =>
        r.parsed.ok
          ? [
              r.ref,
              r.parsed.registry,
              r.parsed.registryImplied,
              r.parsed.repository,
              r.parsed.tag,
            ]
          : [r.ref, r.parsed.message],
      ),
    ).toEqual([
      [
        "quay.io/argoproj/argocd:v2.1.6",
        "quay.io",
        false,
        "argoproj/argocd",
        "v2.1.6",
      ],
      ["ghcr.io/dexidp/dex:v2.30.0", "ghcr.io", false, "dexidp/dex", "v2.30.0"],
      [
        "redis:6.2.4-alpine",
        "docker.io",
        true,
        "library/redis",
        "6.2.4-alpine",
      ],
      [
        "quay.io/bitnami/redis-exporter:1.26.0-debian-10-r2",
        "quay.io",
        false,
        "bitnami/redis-exporter",
        "1.26.0-debian-10-r2",
      ],
      ["haproxy:2.4.2", "docker.io", true, "library/haproxy", "2.4.2"],
      [
        "docker.io/busybox:1.31.1",
        "docker.io",
        false,
        "library/busybox",
        "1.31.1",
      ],
      [
        "oliver006/redis_exporter:v1.27.0",
        "docker.io",
        true,
        "oliver006/redis_exporter",
        "v1.27.0",
      ],
      // Written in redis-ha's templates.
      ["s3cmd/s3cmd:latest", "docker.io", true, "s3cmd/s3cmd", "latest"],
      [
        "lgatica/openssh-client:latest",
        "docker.io",
        true,
        "lgatica/openssh-client",
        "latest",
      ],
      [
        "koalaman/shellcheck:v0.5.0",
        "docker.io",
        true,
        "koalaman/shellcheck",
        "v0.5.0",
      ],
    ]);
    expect(rows[4]).toMatchObject({
      source: "charts/argo-cd.tgz/charts/redis-ha/values.yaml",
      line: 65,
      note: "subchart `redis-ha` is off (`redis-ha.enabled` is false)",
    });
  });

  it("keeps a malformed reference exactly as written, with the parser's reason", () => {
    const [row] = imageRows([
      { ref: "Quay.io/Org/App:v1!", source: "values.yaml", line: 3 },
    ]);
    expect(row).toEqual({
      ref: "Quay.io/Org/App:v1!",
      source: "values.yaml",
      line: 3,
      parsed: {
        ok: false,
        message: expect.stringMatching(
          /^`Quay\.io\/Org\/App:v1!` is not a valid image reference: /,
        ),
      },
    });
  });

  it("reads digests and registries with ports", () => {
    const digest = `sha256:${"a".repeat(64)}`;
    const [a, b] = imageRows([
      {
        ref: `registry.local:5000/team/app@${digest}`,
        source: "manifests/x.yaml",
      },
      { ref: `localhost/app:1`, source: "values.yaml" },
    ]);
    expect(a?.parsed).toEqual({
      ok: true,
      registry: "registry.local:5000",
      registryImplied: false,
      repository: "team/app",
      digest,
    });
    expect(a?.line).toBeUndefined();
    expect(b?.parsed).toMatchObject({
      registry: "localhost",
      registryImplied: false,
    });
  });

  it("skips entries that are not images instead of failing", () => {
    expect(
      imageRows([
        null,
        3,
        "nginx",
        { ref: 1, source: "x" },
        { ref: "nginx" },
        { ref: "nginx:1", source: "values.yaml", line: "7", note: 5 },
      ]),
    ).toEqual([
      {
        ref: "nginx:1",
        source: "values.yaml",
        parsed: {
          ok: true,
          registry: "docker.io",
          registryImplied: true,
          repository: "library/nginx",
          tag: "1",
        },
      },
    ]);
  });
});
