// security.md part B, case 41: a README is rendered inert. The output is checked by scanning its
// real tags and attributes (escaped text such as `&lt;img onerror=…&gt;` is harmless and allowed).
import { describe, expect, test } from "vitest";
import {
  muteParseTimeChecks,
  renderMarkdown,
  renderReadme,
} from "../../src/pack/readme";
import { cpuGrowth, LINEAR } from "./cpu-growth";

interface Tag {
  name: string;
  attrs: Map<string, string>;
}

const TAG =
  /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Every tag in the HTML. Throws if a `<` starts something that is not a well-formed tag. */
function scanTags(html: string): Tag[] {
  const tags: Tag[] = [];
  let count = 0;
  for (const m of html.matchAll(TAG)) {
    count++;
    if (m[1]) continue; // closing tag
    const attrs = new Map<string, string>();
    for (const a of m[3]!.matchAll(ATTR))
      attrs.set(
        a[1]!.toLowerCase(),
        decodeEntities(a[2] ?? a[3] ?? a[4] ?? ""),
      );
    tags.push({ name: m[2]!.toLowerCase(), attrs });
  }
  const opens = html.split("<").length - 1;
  if (opens !== count)
    throw new Error(
      `${opens - count} "<" in the output do not start a well-formed tag:\n${html}`,
    );
  return tags;
}

const NAMED: Record<string, string> = {
  quot: '"',
  amp: "&",
  lt: "<",
  gt: ">",
  apos: "'",
  colon: ":",
  tab: "\t",
  newline: "\n",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (all, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X"
          ? parseInt(body.slice(2), 16)
          : parseInt(body.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return NAMED[body.toLowerCase()] ?? all;
  });
}

const FORBIDDEN_TAGS = new Set([
  "script",
  "iframe",
  "frame",
  "frameset",
  "svg",
  "math",
  "object",
  "embed",
  "style",
  "link",
  "meta",
  "base",
  "form",
  "template",
  "noscript",
]);
const URL_ATTRS = new Set([
  "href",
  "src",
  "xlink:href",
  "action",
  "formaction",
  "srcset",
  "poster",
  "background",
  "data",
  "cite",
]);

/** What a browser would treat as the URL's scheme: entities decoded, controls and spaces dropped. */
const schemeOf = (url: string): string =>
  [...url]
    .filter((ch) => {
      const c = ch.codePointAt(0)!;
      return c > 0x20 && (c < 0x7f || c > 0x9f);
    })
    .join("")
    .toLowerCase();

function expectInert(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<iframe/i);
  expect(html).not.toMatch(/<svg/i);
  for (const tag of scanTags(html)) {
    expect(FORBIDDEN_TAGS.has(tag.name), `<${tag.name}> in ${html}`).toBe(
      false,
    );
    for (const [name, value] of tag.attrs) {
      expect(name.startsWith("on"), `${name}= on <${tag.name}>`).toBe(false);
      expect(name).not.toBe("srcdoc");
      if (URL_ATTRS.has(name)) {
        const url = schemeOf(value);
        expect(url, `${name} on <${tag.name}>`).not.toMatch(
          /^(javascript|vbscript|livescript|file):/,
        );
        expect(url, `${name} on <${tag.name}>`).not.toMatch(
          /^data:(?!image\/(png|gif|jpe?g|webp)[;,])/,
        );
      }
    }
  }
}

const ATTACKS: readonly [string, string][] = [
  ["<script>", "<script>alert(1)</script>"],
  ["<img onerror>", '<img src=x onerror="alert(1)">'],
  ["<svg onload>", "<svg onload=alert(1)>"],
  ["<iframe srcdoc>", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ["raw <a href=javascript:>", '<a href="javascript:alert(1)">x</a>'],
  ["javascript: link", "[a](javascript:alert(1))"],
  ["mixed-case JaVaScRiPt: link", "[b](JaVaScRiPt:alert(1))"],
  ["entity-encoded javascript&colon; link", "[c](javascript&colon;alert(1))"],
  ["numeric-entity &#106;avascript: link", "[d](&#106;avascript:alert(1))"],
  ["angle-bracket <javascript:> destination", "[e](<javascript:alert(1)>)"],
  ["reference-style javascript: link", "[x][l]\n\n[l]: javascript:alert(1)"],
  ["javascript: image", "![g](javascript:alert(1))"],
  ["data:text/html link", "[f](data:text/html,<script>alert(1)</script>)"],
  [
    "base64 data:text/html link",
    "[h](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  ],
  [
    "data:image/svg+xml image",
    "![i](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  ],
  ["vbscript: link", "[j](vbscript:msgbox(1))"],
  ["autolink <javascript:…>", "<javascript:alert(1)>"],
  [
    "quote breaking out of href",
    '[k](https://example.com"onmouseover="alert(1))',
  ],
  ["quote breaking out of img src", '![n](x.png"onerror="alert(1))'],
  ["quote breaking out of a title", '[o](x "title\\" onmouseover=alert(1)")'],
  ["linkified URL with a quote", 'www.example.com/"onmouseover="alert(1)'],
  ["HTML block", "<div>\n<script>alert(1)</script>\n</div>"],
  ["HTML comment hiding a tag", "<!-- --><script>alert(1)</script><!-- -->"],
  [
    "<style> with expression",
    "<style>body{background:url(javascript:alert(1))}</style>",
  ],
  ["<object data>", '<object data="javascript:alert(1)"></object>'],
  [
    "<form action>",
    '<form action="javascript:alert(1)"><button>go</button></form>',
  ],
  ["<math> href", '<math href="javascript:alert(1)">x</math>'],
];

describe("B41 README rendering", () => {
  test("B41 positive control: ordinary Markdown still renders as HTML", () => {
    const html = renderReadme(
      "# Demo\n\nSee [docs](https://example.com/docs) and `code`.\n\n- one\n- two\n\n![logo](logo.png)\n",
    );
    expect(html).toContain("<h1>Demo</h1>");
    expect(html).toMatch(
      /<a href="https:\/\/example\.com\/docs"[^>]*>docs<\/a>/,
    );
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<li>one</li>");
    expect(html).toMatch(/<img src="logo\.png"/);
    expectInert(html);
  });

  test.each(ATTACKS)("B41 %s is rendered inert", (_label, markdown) => {
    expectInert(renderReadme(markdown));
  });

  test("B41 raw HTML is shown as text, not dropped", () => {
    const html = renderReadme("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  test("B41 every attack in one README renders inert", () => {
    expectInert(renderReadme(ATTACKS.map(([, md]) => md).join("\n\n")));
  });

  test("B41 the checker itself flags live HTML (so the cases above cannot pass vacuously)", () => {
    expect(() =>
      expectInert('<p><img src="x" onerror="alert(1)"></p>'),
    ).toThrow();
    expect(() =>
      expectInert('<a href="&#106;avascript:alert(1)">x</a>'),
    ).toThrow();
    expect(() => expectInert('<a href="data:text/html,x">x</a>')).toThrow();
    expect(() => expectInert("<p><iframe></iframe></p>")).toThrow();
    expect(() => expectInert("<p>a < b <x</p>")).toThrow();
  });

  /** Pathological nesting at `tenths` of the 5 MB size: block quotes, brackets, emphasis. */
  const pathological = (tenths: number): string =>
    `${"> ".repeat(500 * tenths)}x\n${"[".repeat(100_000 * tenths)}\n${"*a ".repeat(130_000 * tenths)}`;

  test("B41 a 5 MB README with pathological nesting renders quickly: work linear in its size", () => {
    const markdown = pathological(10);
    expect(markdown.length).toBeGreaterThan(4_900_000);
    expectInert(renderReadme(markdown));
    // Speed as work, not wall time: 10× the nesting (0.5 → 5 MB) costs about 10× the CPU.
    const g = cpuGrowth(pathological, renderReadme, 1, {
      warmup: 1,
      runs: 2,
    });
    expect(g.ratio, g.text).toBeLessThan(LINEAR);
  });
});

// renderMarkdown keeps raw HTML for the app's DOMPurify step (tested in the browser:
// e2e/reviewer-xss.spec.ts). What it makes from Markdown syntax itself must be inert already.
const MARKDOWN_SYNTAX_ATTACKS = ATTACKS.filter(
  ([, md]) => !/<[a-z!]/i.test(md.replace(/<javascript:[^>]*>/gi, "")),
);

describe("B41 renderMarkdown (raw HTML kept for the sanitizer)", () => {
  test("the attacks written in Markdown syntax alone are the link, image and autolink ones", () => {
    expect(MARKDOWN_SYNTAX_ATTACKS.map(([label]) => label)).toEqual(
      expect.arrayContaining([
        "javascript: link",
        "reference-style javascript: link",
        "base64 data:text/html link",
        "autolink <javascript:…>",
        "quote breaking out of img src",
        "linkified URL with a quote",
      ]),
    );
    expect(MARKDOWN_SYNTAX_ATTACKS.length).toBeGreaterThanOrEqual(15);
  });

  test.each(MARKDOWN_SYNTAX_ATTACKS)(
    "B41 %s in Markdown syntax renders inert before sanitizing",
    (_label, markdown) => {
      expectInert(renderMarkdown(markdown).unsafeHtml);
    },
  );

  test("B41 raw HTML reaches the output untouched, so it is named unsafeHtml and must be sanitized", () => {
    expect(renderMarkdown("<script>alert(1)</script>").unsafeHtml).toContain(
      "<script>alert(1)</script>",
    );
  });

  test("B41 a heading cannot pick its own id: every id is user-content- prefixed", () => {
    const { unsafeHtml } = renderMarkdown(
      '# x" onclick="alert(1)\n# <img src=x onerror=alert(1)>\n## getElementById',
    );
    const ids = [...unsafeHtml.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      "user-content-x-onclickalert1",
      "user-content-section",
      "user-content-getelementbyid",
    ]);
  });

  test("B41 a 5 MB README with pathological nesting renders quickly with raw HTML on: work linear in its size", () => {
    const pathological = (tenths: number): string =>
      `${"<div>".repeat(10_000 * tenths)}\n${"> ".repeat(500 * tenths)}x\n${"[".repeat(100_000 * tenths)}\n${"*a ".repeat(100_000 * tenths)}`;
    const g = cpuGrowth(
      pathological,
      (md) => renderMarkdown(md, { headingOffset: 2 }),
      1,
      { warmup: 1, runs: 2 },
    );
    expect(g.ratio, g.text).toBeLessThan(LINEAR);
  });
});

// Chromium files a CSP report for every event handler attribute and <base> it parses, even into
// DOMPurify's inert document; muteParseTimeChecks renames them first (the browser test checks
// that no report is left). It must follow the tokenizer: rename markup, never text.
describe("B41 muteParseTimeChecks", () => {
  test.each([
    ["<img src=x onerror=alert(1)>", "<img src=x x-onerror=alert(1)>"],
    ["<img/onerror=alert(1)>", "<img/x-onerror=alert(1)>"],
    ['<img src="x"onerror="a">', '<img src="x"x-onerror="a">'],
    ["<IMG SRC=x ONERROR=a>", "<IMG SRC=x x-ONERROR=a>"],
    ["<img\nsrc=x\r\nonerror\t=\ta>", "<img\nsrc=x\r\nx-onerror\t=\ta>"],
    ["<svg><animate onbegin=a></svg>", "<svg><animate x-onbegin=a></svg>"],
    ['<details open ontoggle="a">', '<details open x-ontoggle="a">'],
    ["<a title='x' onclick='y'>", "<a title='x' x-onclick='y'>"],
    ['<a title=x"y onclick=z>', '<a title=x"y x-onclick=z>'],
    ["<a onclick>", "<a x-onclick>"],
    ["</p onclick=x>", "</p x-onclick=x>"],
    ['<base href="https://a.example/">', '<x-base href="https://a.example/">'],
    ["<BASE/href=x></base>", "<x-BASE/href=x></x-base>"],
    [
      '<!-- <a title=" --><img onerror=x>"',
      '<!-- <a title=" --><img x-onerror=x>"',
    ],
    // Every on* name goes (the sanitizer drops them all anyway), not only known handlers.
    ["<img src=x one=1 only>", "<img src=x x-one=1 x-only>"],
    ["<!--> <img onerror=x>", "<!--> <img x-onerror=x>"],
    ["<!---> <img onerror=x>", "<!---> <img x-onerror=x>"],
  ])("renames the markup in %j", (html, muted) => {
    expect(muteParseTimeChecks(html)).toBe(muted);
  });

  test.each([
    "turn it on=off; a < b onx=1",
    "&lt;img src=x onerror=alert(1)&gt;",
    '<a title=" onerror=x">text onclick=y</a>',
    "<img src=x =onerror=y>",
    "<p>baseline <basement> <based></p>",
  ])("leaves text, values and other names alone: %j", (html) => {
    expect(muteParseTimeChecks(html)).toBe(html);
  });
});
