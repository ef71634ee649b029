import { describe, expect, it } from "vitest";
import type { PackImage } from "../../src/pack/images";
import type { PackFiles } from "../../src/pack/pack-files";
import { decodeText } from "../../src/pack/yaml-text";
import { utf8 } from "../gen/bytes";
import { goodPackFiles } from "../gen/pack";
import { loadFixture } from "../helpers/fixtures";
import { scanImages } from "../helpers/images";

/** The images of a pack's own values and every chart archive it holds. */
const scan = (files: PackFiles): PackImage[] => scanImages(files).images;

const ARGOCD = "pack-central/argocd-3.26.7";
const EXPORTER_SOURCE = "charts/argo-cd.tgz/charts/redis-ha/values.yaml";
const OFF = "subchart `redis-ha` is off (`redis-ha.enabled` is false)";

/** argocd with `lines` added to the pack's `charts.argo-cd.redis-ha.exporter` block (line 646 on). */
async function argocdWithExporter(lines: string[]): Promise<PackFiles> {
  const files = await loadFixture(ARGOCD);
  const text = decodeText(files.get("values.yaml")!)!.split("\n");
  // Line 646 is the exporter's `enabled: true`; the added lines start on 647.
  expect(text[645]).toBe("        enabled: true");
  text.splice(646, 0, ...lines.map((l) => `        ${l}`));
  files.set("values.yaml", utf8(text.join("\n")));
  return files;
}

const exporter = (images: PackImage[]) =>
  images.find((i) => i.ref.startsWith("oliver006/redis_exporter"));

describe("a tag beside the image key (argocd's redis-ha exporter)", () => {
  it("the chart's `exporter: {image, tag}` composes into one pinned reference", async () => {
    const images = scan(await loadFixture(ARGOCD));
    expect(exporter(images)).toEqual({
      ref: "oliver006/redis_exporter:v1.27.0",
      source: EXPORTER_SOURCE,
      line: 424,
      note: OFF,
    });
    expect(images.map((i) => i.note ?? "").join("\n")).not.toContain("latest");
  });

  it("a tag the pack sets beside the chart's image wins, found at the pack's line", async () => {
    const images = scan(await argocdWithExporter(["tag: v1.44.0"]));
    expect(exporter(images)).toEqual({
      ref: "oliver006/redis_exporter:v1.44.0",
      source: "values.yaml",
      line: 647,
      note: OFF,
    });
  });

  it("a templated tag is not taken for no tag: the note says it could not be determined", async () => {
    const images = scan(
      await argocdWithExporter(['tag: "{{ .spectro.pack.argo-cd.tag }}"']),
    );
    expect(exporter(images)).toEqual({
      ref: "oliver006/redis_exporter",
      source: "values.yaml",
      line: 647,
      note: `the tag could not be determined: \`exporter.tag\` is templated; ${OFF}`,
    });
  });
});

describe("a tag beside the image key (small values shapes)", () => {
  /** The images found under the pack's `charts.demo` block, without the generated chart's own nginx. */
  const imagesOf = (block: string[]) =>
    scan(
      goodPackFiles({
        valuesYaml: [
          "charts:",
          "  demo:",
          ...block.map((l) => `    ${l}`),
          "",
        ].join("\n"),
      }),
    ).filter((i) => !i.ref.startsWith("nginx"));
  const digest =
    "sha256:57dba2ee519e49afacf899af7e265d977b02ec4c1f60c9b636ab0e575612dbfd";

  // Rows nest the image one level down (line 4) unless its key sits in `charts.demo` itself (line 3).
  it.each<[string, string[], string]>([
    [
      "`tag` beside `image`",
      ["exporter:", "  image: oliver006/redis_exporter", "  tag: v1.27.0"],
      "oliver006/redis_exporter:v1.27.0",
    ],
    [
      "`imageTag` beside `image`, a number kept as written",
      ["proxy:", "  image: envoyproxy/envoy", "  imageTag: 1.10"],
      "envoyproxy/envoy:1.10",
    ],
    [
      "`<key>Tag` beside `<key>`",
      ["tridentImage: netapp/trident", 'tridentImageTag: "26.02"'],
      "netapp/trident:26.02",
    ],
    [
      "`<key>_tag` beside `<key>`",
      ["proxy_image: envoyproxy/envoy", "proxy_image_tag: v1.31.0"],
      "envoyproxy/envoy:v1.31.0",
    ],
    [
      "`digest` beside `image`",
      ["sidecar:", "  image: busybox", `  digest: ${digest}`],
      `busybox@${digest}`,
    ],
    [
      "`tag` and `digest` beside `image`",
      ["sidecar:", "  image: busybox", "  tag: 1.36", `  digest: ${digest}`],
      `busybox:1.36@${digest}`,
    ],
  ])("%s", (_why, block, ref) => {
    const line = block[0]!.endsWith(":") ? 4 : 3;
    expect(imagesOf(block)).toEqual([{ ref, source: "values.yaml", line }]);
  });

  it("an empty or templated sibling tag is undetermined; only a missing one pulls `latest`", () => {
    expect(
      imagesOf([
        "a:",
        "  image: registry.example.com/a",
        '  tag: ""',
        "b:",
        "  image: registry.example.com/b",
        "  tag: '{{ .Values.global.tag }}'",
        "c:",
        "  image: registry.example.com/c",
        "d:",
        "  image: registry.example.com/d",
        '  digest: ""',
        "e:",
        "  initImage: registry.example.com/e",
        "  tag: v1", // `tag` belongs to `image`, not to `initImage`
      ]),
    ).toEqual([
      {
        ref: "registry.example.com/a",
        source: "values.yaml",
        line: 4,
        note: "the tag could not be determined: `a.tag` is empty",
      },
      {
        ref: "registry.example.com/b",
        source: "values.yaml",
        line: 7,
        note: "the tag could not be determined: `b.tag` is templated",
      },
      {
        ref: "registry.example.com/c",
        source: "values.yaml",
        line: 10,
        note: "no tag: the container runtime pulls `latest`",
      },
      {
        ref: "registry.example.com/d",
        source: "values.yaml",
        line: 12,
        note: "no tag: the container runtime pulls `latest`",
      },
      {
        ref: "registry.example.com/e",
        source: "values.yaml",
        line: 15,
        note: "no tag: the container runtime pulls `latest`",
      },
    ]);
  });

  it("a reference that names its own tag keeps it; `image: {repository, tag}` is unchanged", () => {
    expect(
      imagesOf([
        "pinned:",
        "  image: busybox:1.36",
        "  tag: 9.9.9",
        "exporter:",
        "  image:",
        "    repository: oliver006/redis_exporter",
        "    tag: v1.27.0",
        "sidecar:",
        "  image: quay.io/prometheus/node-exporter",
        "  tag: v1.8.2",
      ]),
    ).toEqual([
      { ref: "busybox:1.36", source: "values.yaml", line: 4 },
      {
        ref: "oliver006/redis_exporter:v1.27.0",
        source: "values.yaml",
        line: 9,
      },
      {
        ref: "quay.io/prometheus/node-exporter:v1.8.2",
        source: "values.yaml",
        line: 11,
      },
    ]);
  });
});
