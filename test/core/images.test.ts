import { describe, expect, it } from "vitest";
import { parseImageRef, type ImageScan } from "../../src/pack/images";
import type { PackFiles } from "../../src/pack/pack-files";
import { validatePack } from "../../src/pack/validate";
import { utf8 } from "../gen/bytes";
import { chartTgz, goodPackFiles } from "../gen/pack";
import { loadFixture } from "../helpers/fixtures";
import { scanImages } from "../helpers/images";

const scan = scanImages;

const fixture = async (dir: string) => scan(await loadFixture(dir));
const refs = (s: ImageScan) => s.images.map((i) => i.ref);
const codes = (s: ImageScan) => s.findings.map((f) => [f.code, f.file, f.line]);

const BLOCK =
  "inside a block of the template (`if`, `with` or `range`): pulled when it renders";

describe("parseImageRef", () => {
  it.each([
    ["redis", "docker.io", "library/redis", undefined, undefined],
    [
      "redis:6.2.4-alpine",
      "docker.io",
      "library/redis",
      "6.2.4-alpine",
      undefined,
    ],
    [
      "bitnami/kubectl:1.28.5",
      "docker.io",
      "bitnami/kubectl",
      "1.28.5",
      undefined,
    ],
    [
      "index.docker.io/nginx",
      "docker.io",
      "library/nginx",
      undefined,
      undefined,
    ],
    [
      "quay.io/argoproj/argocd:v2.1.6",
      "quay.io",
      "argoproj/argocd",
      "v2.1.6",
      undefined,
    ],
    ["localhost/app", "localhost", "app", undefined, undefined],
    ["localhost:5000/team/app:1", "localhost:5000", "team/app", "1", undefined],
    ["[::1]:5000/app:1", "[::1]:5000", "app", "1", undefined],
    [
      "k8s_agent:55eb9b34",
      "docker.io",
      "library/k8s_agent",
      "55eb9b34",
      undefined,
    ],
    [
      "registry.k8s.io/sig-storage/livenessprobe@sha256:57dba2ee519e49afacf899af7e265d977b02ec4c1f60c9b636ab0e575612dbfd",
      "registry.k8s.io",
      "sig-storage/livenessprobe",
      undefined,
      "sha256:57dba2ee519e49afacf899af7e265d977b02ec4c1f60c9b636ab0e575612dbfd",
    ],
    [
      "public.ecr.aws/karpenter/controller:1.5.1@sha256:bbdd68c4b0841987ef5fa5e2da40d63e61a76ade930297e21f380b3614c21078",
      "public.ecr.aws",
      "karpenter/controller",
      "1.5.1",
      "sha256:bbdd68c4b0841987ef5fa5e2da40d63e61a76ade930297e21f380b3614c21078",
    ],
  ])("%s", (ref, registry, repository, tag, digest) => {
    const r = parseImageRef(ref);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toEqual({
      registry,
      repository,
      ...(tag !== undefined ? { tag } : {}),
      ...(digest !== undefined ? { digest } : {}),
    });
  });

  it.each([
    ["", /empty/],
    ["nginx:", /tag ``/],
    ["nginx:-1", /tag `-1`/],
    ["nginx:a+b", /tag `a\+b`/],
    ["Nginx:1", /lower-case/],
    ["team/App:1", /lower-case/],
    ["redis@sha256:abc", /digest `sha256:abc`/],
    ["has space:1", /white space/],
    ["/sig-storage/csi-provisioner:v6.1.0", /repository name/],
    ["a//b", /repository name/],
    ["bad_host!/x:1", /repository name|registry host/],
    ["my.registry:port/x", /registry host/],
    ["a".repeat(256), /longer than 255/],
    ["0123456789abcdef".repeat(4), /image ID/],
  ])("refuses %j, saying why", (ref, why) => {
    const r = parseImageRef(ref);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe("image-ref-invalid");
      expect(r.error.message).toMatch(why);
      // Shown as written (capped for very long input).
      expect(r.error.message).toContain(`\`${ref.slice(0, 200)}`);
    }
  });
});

describe("images of real packs", () => {
  it("argocd: the pack's overrides win, switched-off blocks and subcharts say so", async () => {
    const s = await fixture("pack-central/argocd-3.26.7");
    expect(s.images).toEqual([
      // The chart's default global.image.tag is "" (appVersion); the pack sets it on line 23.
      {
        ref: "quay.io/argoproj/argocd:v2.1.6",
        source: "values.yaml",
        line: 23,
      },
      { ref: "ghcr.io/dexidp/dex:v2.30.0", source: "values.yaml", line: 336 },
      { ref: "redis:6.2.4-alpine", source: "values.yaml", line: 489 },
      {
        ref: "quay.io/bitnami/redis-exporter:1.26.0-debian-10-r2",
        source: "values.yaml",
        line: 594,
        note: "`redis.metrics.enabled` is false: pulled only when it is turned on",
      },
      {
        ref: "haproxy:2.4.2",
        source: "charts/argo-cd.tgz/charts/redis-ha/values.yaml",
        line: 65,
        note: "subchart `redis-ha` is off (`redis-ha.enabled` is false)",
      },
      {
        ref: "docker.io/busybox:1.31.1",
        source: "charts/argo-cd.tgz/charts/redis-ha/values.yaml",
        line: 195,
        note: "subchart `redis-ha` is off (`redis-ha.enabled` is false)",
      },
      // `exporter: {image, tag}`: the tag sits beside the image, on line 425.
      {
        ref: "oliver006/redis_exporter:v1.27.0",
        source: "charts/argo-cd.tgz/charts/redis-ha/values.yaml",
        line: 424,
        note: "subchart `redis-ha` is off (`redis-ha.enabled` is false)",
      },
      // Written in redis-ha's templates: restore jobs inside `{{ if }}`, and a `helm test` pod.
      ...(
        [
          [183, "s3cmd/s3cmd:latest"],
          [210, "lgatica/openssh-client:latest"],
        ] as const
      ).map(([line, ref]) => ({
        ref,
        source:
          "charts/argo-cd.tgz/charts/redis-ha/templates/redis-ha-statefulset.yaml",
        line,
        note: `written in the template; ${BLOCK}; subchart \`redis-ha\` is off (\`redis-ha.enabled\` is false)`,
      })),
      {
        ref: "koalaman/shellcheck:v0.5.0",
        source:
          "charts/argo-cd.tgz/charts/redis-ha/templates/tests/test-redis-ha-configmap.yaml",
        line: 12,
        note: "written in the template; a `helm test` pod: pulled only when the chart's tests run; subchart `redis-ha` is off (`redis-ha.enabled` is false)",
      },
    ]);
    // No pack.content.images list: IMAGES_MISSING covers that, not one note per image.
    expect(s.findings).toEqual([]);
  });

  it("kyverno: chart images resolve to the listed ones; two the list misses are named with file and line", async () => {
    const s = await fixture("pack-central/kyverno-1.12.2");
    expect(refs(s)).toEqual([
      "ghcr.io/kyverno/background-controller:v1.12.2",
      "ghcr.io/kyverno/kyvernopre:v1.12.2",
      "ghcr.io/kyverno/cleanup-controller:v1.12.2",
      "ghcr.io/kyverno/reports-controller:v1.12.2",
      "ghcr.io/kyverno/kyverno-cli:v1.12.2",
      "ghcr.io/kyverno/kyverno:v1.12.2",
      "busybox:1.35",
      "bitnami/kubectl:1.28.5",
    ]);
    expect(codes(s)).toEqual([
      ["IMAGES_UNLISTED", "values.yaml", 450],
      ["IMAGES_UNLISTED", "values.yaml", 493],
    ]);
    expect(s.findings[0]).toMatchObject({
      severity: "info",
      message: expect.stringContaining("`busybox:1.35` (values.yaml line 450)"),
    });
  });

  it("piraeus: its four charts add nothing beyond the 23 listed images", async () => {
    const files = await loadFixture("pack-central/piraeus-operator-2.9.0");
    const s = scan(files);
    expect(s.images).toHaveLength(23);
    expect(s.images.every((i) => i.source === "values.yaml")).toBe(true);
    expect(s.images[0]).toEqual({
      ref: "quay.io/piraeusdatastore/piraeus-operator:v2.9.0",
      source: "values.yaml",
      line: 5,
    });
    expect(s.findings).toEqual([]);
  });

  it("karpenter: a tag with a digest is covered by the listed tag", async () => {
    const s = await fixture("pack-central/karpenter-1.5.1");
    expect(refs(s)).toEqual([
      "public.ecr.aws/karpenter/controller:1.5.1",
      "public.ecr.aws/karpenter/controller:1.5.1@sha256:bbdd68c4b0841987ef5fa5e2da40d63e61a76ade930297e21f380b3614c21078",
    ]);
    expect(s.findings).toEqual([]);
  });

  it("splunk: {registry, name, tag} objects in each subchart's block, under any key", async () => {
    const s = await fixture("pack-central/splunk-1.4.3");
    expect(s.images).toEqual([
      {
        ref: "docker.io/splunk/fluentd-hec:1.2.4",
        source: "values.yaml",
        line: 337,
      },
      {
        ref: "docker.io/splunk/k8s-metrics:1.1.4",
        source: "values.yaml",
        line: 795,
      },
      {
        ref: "docker.io/splunk/k8s-metrics-aggr:1.1.4",
        source: "values.yaml",
        line: 810,
      },
      {
        ref: "docker.io/splunk/kube-objects:1.1.4",
        source: "values.yaml",
        line: 624,
      },
    ]);
  });

  it("ambassador: the chart's own defaults, found in the chart archive's values.yaml", async () => {
    const s = await fixture("pack-central/ambassador-6.6.0");
    const source = "charts/ingress-ambassador.tgz/values.yaml";
    expect(s.images).toEqual([
      {
        ref: "busybox",
        source,
        line: 22,
        note: "no tag: the container runtime pulls `latest`",
      },
      { ref: "docker.io/datawire/aes:1.12.1", source, line: 122 },
      { ref: "redis:5.0.1", source, line: 356 },
      {
        ref: "prom/statsd-exporter:v0.8.1",
        source,
        line: 439,
        note: "`prometheusExporter.enabled` is false: pulled only when it is turned on",
      },
      {
        ref: "buoyantio/kubectl",
        source: "charts/ingress-ambassador.tgz/templates/crd-delete.yaml",
        line: 117,
        note: `written in the template; ${BLOCK}; no tag: the container runtime pulls \`latest\``,
      },
      // `containers:` with its items at the key's own indentation.
      {
        ref: "registry:2",
        source: "charts/ingress-ambassador.tgz/templates/projects.yaml",
        line: 153,
        note: `written in the template; ${BLOCK}`,
      },
    ]);
  });

  it("nvidia packs: listed images, and an image the chart composes from the pack's values", async () => {
    expect(
      refs(await fixture("pack-central/nvidia-dpf-operator-25.10.1")),
    ).toEqual([
      "nvcr.io/nvidia/doca/dpf-system:v25.10.1",
      "ghcr.io/ahrtr/etcd-defrag:v0.22.0",
    ]);
    expect(
      (await fixture("pack-central/nvidia-ovn-kubernetes-25.7.0")).images,
    ).toEqual([
      {
        ref: "ghcr.io/nvidia/ovn-kubernetes:v25.7.0",
        source: "values.yaml",
        line: 29,
      },
    ]);
  });

  it("antrea: a missing tag falls back to the chart's appVersion, with a note", async () => {
    expect((await fixture("pack-central/antrea-1.9.0")).images).toEqual([
      {
        ref: "projects.registry.vmware.com/antrea/antrea-ubuntu:1.9.0",
        source: "values.yaml",
        line: 10,
        note: "no tag in the values: the chart's appVersion 1.9.0 is assumed",
      },
      // The simulator's StatefulSet, inside `{{- if .Values.testing.simulator.enable }}`.
      ...(
        [
          [35, "projects.registry.vmware.com/library/busybox:latest"],
          [48, "antrea/antrea-ubuntu-simulator:latest"],
          [71, "projects.registry.vmware.com/antrea/kubemark:v1.18.4"],
        ] as const
      ).map(([line, ref]) => ({
        ref,
        source: "charts/antrea-1.9.0.tgz/templates/simulator/statefulset.yaml",
        line,
        note: `written in the template; ${BLOCK}`,
      })),
    ]);
  });

  it("csi-driver-nfs: `baseRepo` + `/sig-storage/…` repositories compose into the listed images", async () => {
    const s = await fixture("pack-central/csi-driver-nfs");
    expect(refs(s)).toHaveLength(7);
    expect(refs(s)).toContain(
      "registry.k8s.io/sig-storage/csi-provisioner:v6.1.0",
    );
    expect(s.findings).toEqual([]);
  });

  it("stormforge: the pack pins a controller tag other than the one it lists", async () => {
    const s = await fixture("pack-central/stormforge-optimize-live-0.7.8");
    expect(s.findings).toContainEqual(
      expect.objectContaining({
        code: "IMAGES_UNLISTED",
        file: "values.yaml",
        line: 62,
        message: expect.stringContaining(
          "registry.stormforge.io/optimize-live/controller:0.0.25",
        ),
      }),
    );
  });

  it("manifests: plain image: fields, and simple .Values refs resolved from manifests.<name>", async () => {
    expect((await fixture("tutorials/hello-universe-pack")).images).toEqual([
      {
        ref: "ghcr.io/spectrocloud/hello-universe:1.2.0",
        source: "manifests/hello-universe.yaml",
        line: 33,
        note: "resolved from values.yaml `manifests.hello-universe`",
      },
    ]);
    const kubevirt = await fixture("pack-central/kubevirt-0.55.0");
    expect(kubevirt.images).toEqual([
      {
        ref: "quay.io/kubevirt/virt-operator:v0.55.0",
        source: "manifests/kubevirt-operator.yaml",
        line: 6364,
      },
    ]);
  });

  it("manifests: the line of each image: field, whatever else says image on the lines around it", () => {
    const manifest = [
      "image: first.io/a:1", // line 1
      "# an image: in a comment, imagePullPolicy below",
      "imagePullPolicy: Always",
      "",
      "  - image: second.io/b:2 # image image",
      "    imageTag: x",
      '\timage: "third.io/c:3"',
      "image: last.io/d:4", // no newline after it
    ].join("\n");
    const files: PackFiles = new Map([
      ["manifests/m.yaml", utf8(manifest)],
      ["values.yaml", utf8("manifests: {}\n")],
    ]);
    expect(scan(files).images.map((i) => [i.ref, i.source, i.line])).toEqual([
      ["first.io/a:1", "manifests/m.yaml", 1],
      ["second.io/b:2", "manifests/m.yaml", 5],
      ["third.io/c:3", "manifests/m.yaml", 7],
      ["last.io/d:4", "manifests/m.yaml", 8],
    ]);
  });
});

describe("images of generated packs", () => {
  const valuesWith = (
    chartBlock: string[],
    images = ["docker.io/library/nginx:1.27.0"],
  ) =>
    [
      "pack:",
      "  content:",
      "    images:",
      ...images.map((i) => `      - image: ${JSON.stringify(i)}`),
      "charts:",
      "  demo:",
      ...chartBlock.map((l) => `    ${l}`),
      "",
    ].join("\n");

  it("the pack's charts.<name> values override the chart's defaults, down to the line", () => {
    // chartTgz's own values: image {repository: nginx, tag: 1.27.0}.
    const files = goodPackFiles({
      valuesYaml: valuesWith(["image:", "  tag: 1.28.0"]),
    });
    const s = scan(files);
    expect(s.images).toEqual([
      { ref: "docker.io/library/nginx:1.27.0", source: "values.yaml", line: 4 },
      { ref: "nginx:1.28.0", source: "values.yaml", line: 8 },
    ]);
    expect(codes(s)).toEqual([["IMAGES_UNLISTED", "values.yaml", 8]]);
    // Without the override the chart's default is found in the chart archive, and it is listed.
    const plain = scan(goodPackFiles());
    expect(plain.images).toEqual([
      { ref: "docker.io/library/nginx:1.27.0", source: "values.yaml", line: 5 },
    ]);
    expect(plain.findings).toEqual([]);
  });

  it("a malformed reference is kept as written, with a warning at its line", () => {
    const files = goodPackFiles({
      valuesYaml: valuesWith(
        ["sidecar:", '  image: "Registry.Example/App:1"'],
        ["nginx:"],
      ),
    });
    const s = scan(files);
    expect(refs(s)).toEqual([
      "nginx:",
      "nginx:1.27.0",
      "Registry.Example/App:1",
    ]);
    expect(s.findings.filter((f) => f.code === "IMAGE_REF_INVALID")).toEqual([
      expect.objectContaining({
        severity: "warning",
        file: "values.yaml",
        line: 4,
        message: expect.stringContaining("`nginx:`"),
      }),
      expect.objectContaining({
        file: "values.yaml",
        line: 8,
        message: expect.stringContaining("`Registry.Example/App:1`"),
      }),
    ]);
  });

  it("subcharts use their own appVersion, read their block of the parent, and follow global registries", () => {
    const chart = chartTgz({
      name: "demo",
      noChartYaml: true,
      extra: {
        "Chart.yaml": utf8(
          "apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: 9.9.9\ndependencies:\n  - name: cache\n    version: 2.0.0\n    alias: redis\n    condition: redis.enabled\n",
        ),
        "charts/cache/Chart.yaml": utf8(
          "apiVersion: v2\nname: cache\nversion: 2.0.0\nappVersion: 7.2.4\n",
        ),
        "charts/cache/values.yaml": utf8(
          "image:\n  registry: docker.io\n  repository: bitnami/redis\n  tag: ''\nmetrics:\n  image:\n    repository: bitnami/redis-exporter\n    tag: 1.5\n",
        ),
      },
    });
    const files = goodPackFiles({
      valuesYaml: valuesWith([
        "global:",
        "  imageRegistry: mirror.example.com",
        "redis:",
        "  enabled: true",
        "  metrics:",
        "    image:",
        "      tag: 1.50",
      ]),
    });
    const [chartPath] = [...files.keys()].filter((p) => p.endsWith(".tgz"));
    files.set(chartPath!, chart);
    const s = scan(files);
    expect(s.images).toEqual([
      { ref: "docker.io/library/nginx:1.27.0", source: "values.yaml", line: 4 },
      {
        ref: "mirror.example.com/nginx:1.27.0",
        source: `${chartPath}/values.yaml`,
        line: 4,
        note: "registry from `global.imageRegistry`",
      },
      {
        ref: "mirror.example.com/bitnami/redis:7.2.4",
        source: `${chartPath}/charts/cache/values.yaml`,
        line: 4,
        note: "registry from `global.imageRegistry`; no tag in the values: the chart's appVersion 7.2.4 is assumed",
      },
      // `tag: 1.50` is read as written, not as the number 1.5.
      {
        ref: "mirror.example.com/bitnami/redis-exporter:1.50",
        source: "values.yaml",
        line: 13,
        note: "registry from `global.imageRegistry`",
      },
    ]);
  });
});

describe("validatePack and images", () => {
  it("reports images and their findings, the same as packImages", async () => {
    const files = await loadFixture("pack-central/kyverno-1.12.2");
    const report = validatePack(files);
    const direct = scan(files);
    expect(report.images).toEqual(direct.images);
    for (const f of direct.findings) expect(report.findings).toContainEqual(f);
    expect([...report.chartArchives.keys()]).toEqual([
      "charts/kyverno-3.2.3.tgz",
    ]);
    expect(
      report.chartArchives
        .get("charts/kyverno-3.2.3.tgz")!
        .files.has("Chart.yaml"),
    ).toBe(true);
  });
});
