// The Markdown core (src/pack/readme.ts) over the real READMEs of the fixtures: what renderMarkdown
// keeps of their raw HTML, the heading ids and table of contents, and where images and links
// point. The DOM sanitizing step is in the app and is tested in e2e/reviewer-xss.spec.ts (there
// is no DOM in these Node tests: neither jsdom nor happy-dom is installed).
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import type { PackFiles } from "../../src/pack/pack-files";
import {
  classifyImage,
  classifyLink,
  imageNote,
  markdownIdPrefix,
  renderMarkdown,
  resolvePackPath,
} from "../../src/pack/readme";
import { FIXTURES, fixtureDirsOnDisk, loadFixture } from "../helpers/fixtures";

const readme = (dir: string): string =>
  readFileSync(join(FIXTURES, dir, "README.md"), "utf8");

describe("renderMarkdown over real READMEs", () => {
  it("csi-driver-nfs: a Markdown table keeps its <br> cells, inline code stays code", () => {
    const { unsafeHtml } = renderMarkdown(
      readme("pack-central/csi-driver-nfs"),
    );
    expect(unsafeHtml).toContain("<table>");
    expect(unsafeHtml).toMatch(
      /<td>domain name <code>nfs-server\.default\.svc\.cluster\.local<\/code> <br>or IP address <code>127\.0\.0\.1<\/code><\/td>/,
    );
    expect(unsafeHtml).not.toContain("&lt;br&gt;");
  });

  it("csi-driver-nfs: every heading outside code fences is listed once, in order, with its level", () => {
    const { headings, unsafeHtml } = renderMarkdown(
      readme("pack-central/csi-driver-nfs"),
      { idPrefix: "readme-md-" },
    );
    expect(headings.map((h) => `${h.level} ${h.text}`)).toEqual([
      "1 NFS CSI Driver",
      "2 Requirements",
      "2 Compatibility",
      "2 Parameters",
      "2 Usage",
      "3 PV/PVC usage (static provisioning)",
      "3 VolumeSnapshotClass",
      "3 Driver Deployment Parameters",
      "3 Tips",
      "4 subDir parameter supports following pv/pvc metadata conversion",
      "4 provide mountOptions for DeleteVolume and DeleteSnapshot",
      "1 References:",
    ]);
    expect(headings[5]!.id).toBe(
      "user-content-readme-md-pvpvc-usage-static-provisioning",
    );
    for (const h of headings) expect(unsafeHtml).toContain(`id="${h.id}"`);
  });

  it("kyverno: a raw <img> and <br/> pass through to the sanitizer", () => {
    const { unsafeHtml } = renderMarkdown(
      readme("pack-central/kyverno-1.12.2"),
    );
    expect(unsafeHtml).toContain(
      '<img src="https://kyverno.io/images/Kyverno-Policy-Structure.png" alt="Kyverno Policy" width="65%"/>',
    );
    expect(unsafeHtml).toContain("<br/>");
  });

  it("hello-universe tutorial: a raw <a> keeps its text and href (target and rel are the sanitizer's)", () => {
    const { unsafeHtml } = renderMarkdown(
      readme("tutorials/hello-universe-pack"),
    );
    expect(unsafeHtml).toContain(
      '<a href="https://thenounproject.com/browse/icons/term/universe/" target="_blank" title="universe Icons">Noun Project</a>',
    );
  });

  it.each(
    fixtureDirsOnDisk().filter((d) => {
      try {
        readme(d);
        return true;
      } catch {
        return false;
      }
    }),
  )("%s: heading ids are prefixed and unique", (dir) => {
    const prefix = markdownIdPrefix("README.md");
    const { headings } = renderMarkdown(readme(dir), { idPrefix: prefix });
    const ids = headings.map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^user-content-readme-md-\S+$/);
  });
});

describe("renderMarkdown headings", () => {
  it.each([
    ["Hello World!", "hello-world"],
    ["`subDir` parameter", "subdir-parameter"],
    ["Über uns", "über-uns"],
    ["C++ & Go", "c--go"],
    ["snake_case name", "snake_case-name"],
    ["!!!", "section"],
  ])("slugs %j as GitHub does: %s", (text, slug) => {
    expect(renderMarkdown(`# ${text}`).headings[0]!.id).toBe(
      `user-content-${slug}`,
    );
  });

  it("repeated headings get -1, -2, and never reuse a slug taken by a heading literally named so", () => {
    const ids = renderMarkdown("# A\n# A\n# A-1\n# A").headings.map(
      (h) => h.id,
    );
    expect(ids).toEqual([
      "user-content-a",
      "user-content-a-1",
      "user-content-a-1-1",
      "user-content-a-2",
    ]);
  });

  it("headings named like the document's globals still get prefixed ids (no DOM clobbering)", () => {
    const { headings } = renderMarkdown(
      "# cookie\n# location\n# `__proto__`\n# body",
    );
    expect(headings.map((h) => h.id)).toEqual([
      "user-content-cookie",
      "user-content-location",
      "user-content-__proto__",
      "user-content-body",
    ]);
  });

  it("headingOffset moves Markdown and raw HTML headings down, capped at h6; attributes are left for the sanitizer", () => {
    const { unsafeHtml, headings } = renderMarkdown(
      '# One\n#### Four\n\n<h1 align="center">Raw</h1>\n\ntext <h5>x</h5> and <header>kept</header>',
      { headingOffset: 2 },
    );
    expect(unsafeHtml).toContain('<h3 id="user-content-one">One</h3>');
    expect(unsafeHtml).toContain('<h6 id="user-content-four">Four</h6>');
    expect(unsafeHtml).toContain('<h3 align="center">Raw</h3>');
    expect(unsafeHtml).toContain("<h6>x</h6>");
    expect(unsafeHtml).toContain("<header>kept</header>");
    // The table of contents keeps the levels as written.
    expect(headings.map((h) => h.level)).toEqual([1, 4]);
  });

  it("the heading text leaves out markup and raw tags", () => {
    expect(
      renderMarkdown("## Install *the* `chart` <sup>beta</sup>").headings[0]!
        .text,
    ).toBe("Install the chart beta");
  });
});

describe("renderMarkdown tables", () => {
  it("column alignment becomes align attributes, never style", () => {
    const { unsafeHtml } = renderMarkdown(
      "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
    );
    expect(unsafeHtml).toContain('<th align="left">a</th>');
    expect(unsafeHtml).toContain('<td align="center">2</td>');
    expect(unsafeHtml).toContain('<td align="right">3</td>');
    expect(unsafeHtml).not.toContain("style=");
  });

  it("a raw HTML table stays HTML", () => {
    const html =
      "<table>\n<tr><th>Key</th><th>Value</th></tr>\n<tr><td>a</td><td>b<br>c</td></tr>\n</table>";
    expect(renderMarkdown(html).unsafeHtml).toBe(html);
  });
});

describe("markdownIdPrefix", () => {
  it.each([
    ["README.md", "readme-md-"],
    ["charts/trident-operator/README.md", "charts-trident-operator-readme-md-"],
    ["docs/Über.md", "docs-ber-md-"],
    ["", ""],
  ])("%j → %j", (path, prefix) => {
    expect(markdownIdPrefix(path)).toBe(prefix);
  });
});

describe("resolvePackPath", () => {
  it.each([
    ["README.md", "docs/arch.png", "docs/arch.png"],
    ["README.md", "./img/a.png", "img/a.png"],
    ["docs/guide.md", "../logo.png", "logo.png"],
    ["docs/guide.md", "img/a.png", "docs/img/a.png"],
    ["docs/guide.md", "/logo.png", "logo.png"],
    ["docs/guide.md", "a%20b.png?raw=true#x", "docs/a b.png"],
    ["docs/guide.md", "100%.png", "docs/100%.png"],
    ["README.md", "../logo.png", null],
    ["docs/a/b.md", "../../../etc/passwd", null],
    ["README.md", "..\\..\\evil.png", null],
    ["README.md", "https://example.com/a.png", null],
    ["README.md", "//example.com/a.png", null],
    ["README.md", "java\tscript:alert(1)", null],
    ["README.md", "#install", null],
    ["README.md", "?x", null],
    ["README.md", ".", null],
  ])("from %s, %j → %j", (doc, ref, expected) => {
    expect(resolvePackPath(doc, ref)).toBe(expected);
  });
});

describe("classifyImage", () => {
  async function packWithImages(): Promise<PackFiles> {
    const files = await loadFixture("pack-central/hello-universe-1.3.1");
    const jpeg = (
      await loadFixture("pack-central/crowdstrike-falcon-agent-1.0.0")
    ).get("logo.png")!;
    const png = files.get("logo.png")!;
    const huge = png.slice();
    new DataView(huge.buffer).setUint32(16, 20_000);
    files.set("docs/arch.png", png);
    files.set("docs/photo.jpg", jpeg);
    files.set("docs/huge.png", huge);
    files.set(
      "docs/evil.png",
      new TextEncoder().encode('<svg onload="alert(1)"></svg>'),
    );
    files.set("docs/notes.txt", new TextEncoder().encode("hello"));
    return files;
  }

  it("shows pack images by their bytes (PNG, JPEG even when named .png), relative to the document", async () => {
    const files = await packWithImages();
    expect(classifyImage("docs/arch.png", "README.md", files)).toEqual({
      kind: "pack",
      path: "docs/arch.png",
      mime: "image/png",
    });
    expect(classifyImage("../logo.png", "docs/guide.md", files)).toEqual({
      kind: "pack",
      path: "logo.png",
      mime: "image/png",
    });
    expect(classifyImage("./photo.jpg", "docs/guide.md", files)).toEqual({
      kind: "pack",
      path: "docs/photo.jpg",
      mime: "image/jpeg",
    });
  });

  it("never shows SVG or other bytes as an image, whatever the name says, and names why", async () => {
    const files = await packWithImages();
    const svg = classifyImage("docs/evil.png", "README.md", files);
    expect(svg).toEqual({
      kind: "unsupported",
      path: "docs/evil.png",
      found: "an SVG image",
    });
    expect(imageNote(svg)).toBe(
      "docs/evil.png is an SVG image; only PNG, JPEG, GIF and WebP images of the pack are shown",
    );
    expect(classifyImage("docs/notes.txt", "README.md", files).kind).toBe(
      "unsupported",
    );
  });

  it("refuses an image bomb (PNG side over 8192) and names a missing file", async () => {
    const files = await packWithImages();
    expect(classifyImage("docs/huge.png", "README.md", files)).toEqual({
      kind: "too-large",
      path: "docs/huge.png",
    });
    const missing = classifyImage("docs/none.png", "README.md", files);
    expect(imageNote(missing)).toBe("docs/none.png is not in this pack");
  });

  it("trident: the chart README's logo/trident.png is named as missing from the pack", async () => {
    const files = await loadFixture("pack-central/trident-operator-26.02.1");
    const doc = "charts/trident-operator/README.md";
    const src = /<img src="([^"]+)"/.exec(
      new TextDecoder().decode(files.get(doc)),
    )?.[1];
    expect(src).toBe("logo/trident.png");
    expect(classifyImage(src!, doc, files)).toEqual({
      kind: "missing",
      path: "charts/trident-operator/logo/trident.png",
    });
  });

  it.each([
    [
      "https://attacker.example/pixel.png",
      "https://attacker.example/pixel.png",
    ],
    ["HTTP://attacker.example/p.png", "HTTP://attacker.example/p.png"],
    ["//attacker.example/pixel.png", "//attacker.example/pixel.png"],
    [" \thttps://attacker.example/x.png ", "https://attacker.example/x.png"],
  ])(
    "a remote image %j is offered as a link, never as an image",
    async (src, href) => {
      expect(classifyImage(src, "README.md", await packWithImages())).toEqual({
        kind: "remote",
        href,
      });
    },
  );

  it.each([
    ["data:image/png;base64,iVBORw0KGgo=", "data: images are not shown"],
    ["data:image/svg+xml,<svg onload=alert(1)>", "data: images are not shown"],
    ["javascript:alert(1)", "javascript: images are not shown"],
    ["jav\nascript:alert(1)", "javascript: images are not shown"],
    ["blob:http://127.0.0.1/x", "blob: images are not shown"],
    ["file:///etc/passwd", "file: images are not shown"],
    ["../../x.png", "../../x.png points outside the pack"],
    ["", "the image has no source"],
  ])("refuses %j: %s", async (src, reason) => {
    const image = classifyImage(src, "README.md", await packWithImages());
    expect(image).toEqual({ kind: "refused", reason });
    expect(imageNote(image)).toBe(reason);
  });
});

describe("classifyLink", () => {
  const files: PackFiles = new Map([
    ["README.md", new Uint8Array()],
    ["values.yaml", new Uint8Array()],
    ["docs/setup.md", new Uint8Array()],
  ]);

  it.each([
    ["#install", { kind: "anchor", fragment: "install" }],
    ["#caf%C3%A9", { kind: "anchor", fragment: "café" }],
    [
      "https://example.com/a",
      { kind: "external", href: "https://example.com/a" },
    ],
    ["//example.com/a", { kind: "external", href: "//example.com/a" }],
    ["mailto:a@example.com", { kind: "mail", href: "mailto:a@example.com" }],
    ["values.yaml", { kind: "file", path: "values.yaml" }],
    ["./docs/setup.md#step-2", { kind: "file", path: "docs/setup.md" }],
    ["LICENSE", { kind: "elsewhere", href: "LICENSE" }],
    ["../../docs/x.md", { kind: "elsewhere", href: "../../docs/x.md" }],
    ["docs/", { kind: "elsewhere", href: "docs/" }],
    ["javascript:alert(1)", { kind: "refused", scheme: "javascript" }],
    ["  JaVa\tScRiPt:alert(1)", { kind: "refused", scheme: "javascript" }],
    ["data:text/html,x", { kind: "refused", scheme: "data" }],
    ["vbscript:x", { kind: "refused", scheme: "vbscript" }],
  ])("%j → %j", (href, expected) => {
    expect(classifyLink(href, "README.md", files)).toEqual(expected);
  });
});
