import { writeFile } from "node:fs/promises";

import type { Locator, Page } from "@playwright/test";

import type { PackFiles } from "../src/pack/pack-files";
import { loadFixture } from "../test/helpers/fixtures";
import { expectNoA11yViolations } from "./support/axe";
import { watchForProblems } from "./support/problems";
import { expect, test } from "./support/test";
import { putPack, zipPack } from "./support/upload-fixtures";

/**
 * security.md case 41 and issue 8 item 4: a README written with raw HTML (a table, <details>,
 * <br>, a pack image) renders as written, while every way it could try to run, fetch or clobber
 * something stays inert.
 */
const README = `# XSS README

A pack README written with raw HTML, and every payload that tries to run or fetch.

## Settings

<table>
  <thead>
    <tr><th>Key</th><th align="center">Default</th><th>Meaning</th></tr>
  </thead>
  <tbody>
    <tr><td><code>replicaCount</code></td><td align="center">2</td><td>How many pods<br>run at once</td></tr>
    <tr><td><code>image.repository.with.a.very.long.name.that.does.not.wrap</code></td><td align="center"><code>registry.example.com/some/very/long/image/path:v1.2.3-with-a-long-tag</code></td><td>Where the image is pulled from, before any override of the global registry</td></tr>
  </tbody>
</table>

<details><summary>Advanced</summary>

Press <kbd>Ctrl</kbd>+<kbd>C</kbd>; H<sub>2</sub>O and x<sup>2</sup>.

</details>

## Architecture

![Architecture diagram](docs/arch.png)

<img src="./docs/evil.svg" alt="svg in disguise">

<picture><source srcset="https://attacker.example/picture.webp"><img src="https://attacker.example/picture.png" alt="picture"></picture>

## Payloads

<script>window.__xss = "script"</script>
<img src="x" onerror="window.__xss = 'img'">
<svg onload="window.__xss = 'svg'"><script>window.__xss = 'svg-script'</script><image href="https://attacker.example/svg-image.png"/></svg>
<iframe srcdoc="<script>parent.__xss = 'iframe'</script>"></iframe>
<iframe src="https://attacker.example/frame"></iframe>
<a href="javascript:window.__xss='html-link'">html link</a>
<a href="data:text/html,<script>alert(1)</script>">raw data link</a>
<details open ontoggle="window.__xss = 'details'">toggle</details>
<style>body { background: url(https://attacker.example/css) }</style>
<link rel="stylesheet" href="https://attacker.example/style.css">
<meta http-equiv="refresh" content="0;url=https://attacker.example/meta">
<base href="https://attacker.example/">
<object data="data:text/html,<script>parent.__xss='object'</script>"></object>
<embed src="https://attacker.example/embed.swf">
<form action="https://attacker.example/form"><input name="q" value="x"><button formaction="javascript:window.__xss='form'">go</button></form>
<video poster="https://attacker.example/poster.png" src="https://attacker.example/v.mp4"></video>

<p style="position:fixed;inset:0;background:red" id="root">covering</p>
<img name="getElementById" src="docs/arch.png" alt="clobber">
<a id="defaultView" name="cookie">anchor</a>
<div style="background:url(https://attacker.example/bg.png)" class="dialog">styled</div>
<table background="https://attacker.example/table.png"><tr><td background="https://attacker.example/td.png">bg</td></tr></table>
<img srcset="https://attacker.example/srcset.png 2x" src="https://attacker.example/raw.png" alt="raw remote">

[markdown javascript link](javascript:window.__xss='md')
[encoded javascript link](jav&#x61;script:window.__xss='md2')
[data link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9J2RhdGEnPC9zY3JpcHQ+)
[vbscript link](vbscript:msgbox(1))
[svg data link](data:image/svg+xml,<svg onload=alert(1)>)
![remote image](https://attacker.example/pixel.png)
![protocol-relative image](//attacker.example/pixel.png)
![quote breakout](x" onerror="window.__xss='alt')
<https://attacker.example/autolink>

\`<script>window.__xss='code'</script>\`

    <img src=x onerror="window.__xss='indented'">

## Links

[a safe link](https://example.com/docs) and <a href="https://example.com/raw" target="_self">a raw web link</a>;
[back to the settings](#settings); [the values](values.yaml); [a license not in the pack](LICENSE).

<!-- Last: an unclosed <style> inside <math> swallows the rest of the document. -->
<math><mtext><table><mglyph><style><img src=x onerror="window.__xss='mxss'">
`;

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss='svg-file'"><script>window.__xss='svg-file-script'</script></svg>\n`;
const HTML = `<!doctype html><script>window.__xss='html-file'</script><img src=x onerror="window.__xss='html-img'">\n`;

async function xssPack(): Promise<PackFiles> {
  const files = await loadFixture("pack-central/hello-universe-1.3.1");
  const enc = (s: string) => new TextEncoder().encode(s);
  const json = JSON.parse(
    new TextDecoder().decode(files.get("pack.json")),
  ) as Record<string, unknown>;
  files.set(
    "pack.json",
    enc(
      JSON.stringify(
        {
          ...json,
          name: "xss-readme",
          displayName: "XSS README",
          version: "1.0.0",
        },
        null,
        2,
      ),
    ),
  );
  files.set("README.md", enc(README));
  // A real PNG of the pack, shown in the README from its own bytes.
  files.set("docs/arch.png", files.get("logo.png")!);
  files.set("docs/evil.svg", enc(SVG));
  files.set("docs/evil.html", enc(HTML));
  return files;
}

/** Everything a payload could do that a test can see: dialogs, requests off the origin, CSP reports. */
async function watchForAttacks(page: Page, origin: string): Promise<string[]> {
  const seen: string[] = [];
  page.on("dialog", (d) => {
    seen.push(`dialog ${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on("request", (r) => {
    const url = r.url();
    if (
      !url.startsWith(origin) &&
      !url.startsWith("data:") &&
      !url.startsWith("blob:")
    )
      seen.push(`request ${url}`);
  });
  page.on("popup", (p) => seen.push(`popup ${p.url()}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      // zod 4 probes for eval once (`Function("")` in a try) when the app's own bundle loads it;
      // that report comes from our script file, not from the pack's content, so it is left out.
      if (e.blockedURI === "eval" && /\/assets\/[^/]+\.js$/.test(e.sourceFile))
        return;
      (window as unknown as { __csp?: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}`,
      );
    });
  });
  return seen;
}

/** The README as written: a table, details, sub/sup/kbd, the pack's own image, a TOC. */
async function expectReadmeAsWritten(page: Page): Promise<void> {
  const readme = page.getByRole("region", { name: "README" });
  await expect(
    readme.getByRole("heading", { level: 3, name: "XSS README" }),
  ).toBeVisible();
  await expect(
    readme.getByRole("heading", { level: 4, name: "Settings" }),
  ).toBeVisible();

  const table = readme.getByRole("table").filter({ hasText: "replicaCount" });
  await expect(table.getByRole("columnheader")).toHaveText([
    "Key",
    "Default",
    "Meaning",
  ]);
  const row = table.getByRole("row").filter({ hasText: "replicaCount" });
  await expect(row.getByRole("cell")).toHaveText([
    "replicaCount",
    "2",
    "How many podsrun at once",
  ]);
  await expect(row.getByRole("cell").nth(1)).toHaveAttribute("align", "center");
  await expect(row.getByRole("cell").nth(2).locator("br")).toHaveCount(1);
  await expect(readme).not.toContainText("<td>");

  const details = readme.locator("details").filter({ hasText: "Advanced" });
  await expect(details.locator("kbd").first()).toBeHidden();
  await details.locator("summary").click();
  await expect(details.locator("kbd")).toHaveText(["Ctrl", "C"]);
  await expect(details.locator("sub")).toHaveText("2");

  // The pack's PNG is shown from its own bytes; the SVG (even one of the pack) never is.
  const arch = readme.getByRole("img", { name: "Architecture diagram" });
  await expect(arch).toHaveAttribute("src", /^blob:/);
  await expect
    .poll(() => arch.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  await expect(readme).toContainText(
    "[image: svg in disguise — docs/evil.svg is an SVG image; only PNG, JPEG, GIF and WebP images of the pack are shown]",
  );
}

/** No active element, handler, style, dangerous URL or clobbering id is left in the README. */
async function expectInertReadme(region: Locator): Promise<void> {
  // The rendered document only, not the app's controls around it.
  const readme = region.locator(".markdown-view");
  // The payloads in code stay visible as text.
  await expect(readme).toContainText(`<script>window.__xss='code'</script>`);
  await expect(readme).toContainText(
    `<img src=x onerror="window.__xss='indented'">`,
  );
  const report = await readme.evaluate((root) => {
    const all = [...root.querySelectorAll("*")];
    return {
      active: all
        .filter((el) =>
          /^(script|iframe|object|embed|style|svg|math|link|meta|base|form|input|button|video|audio|source|picture|template|image)$/i.test(
            el.tagName,
          ),
        )
        .map((el) => el.outerHTML),
      handlers: all.flatMap((el) =>
        [...el.attributes]
          .filter((a) => /^on/i.test(a.name))
          .map((a) => `${el.tagName} ${a.name}`),
      ),
      styled: all
        .filter((el) => el.hasAttribute("style") || el.hasAttribute("srcset"))
        .map((el) => el.outerHTML),
      images: [...root.querySelectorAll("img")].map(
        (img) => img.getAttribute("src") ?? "",
      ),
      hrefs: [...root.querySelectorAll("a[href]")].map(
        (a) => a.getAttribute("href") ?? "",
      ),
      ids: all.flatMap((el) =>
        ["id", "name"].flatMap((n) =>
          el.closest(".markdown-view__body") && el.hasAttribute(n)
            ? [el.getAttribute(n) ?? ""]
            : [],
        ),
      ),
      classes: [
        ...new Set(
          all.flatMap((el) =>
            el.closest(".markdown-view__body") ? [...el.classList] : [],
          ),
        ),
      ],
      // DOM clobbering: the app's globals and ids are still the app's.
      getElementById: typeof document.getElementById,
      cookie: typeof document.cookie,
      root: document.getElementById("root")?.tagName ?? "none",
      rootHasApp: document.getElementById("root")?.childElementCount ?? 0,
    };
  });
  expect(report.active).toEqual([]);
  expect(report.handlers).toEqual([]);
  expect(report.styled).toEqual([]);
  expect(report.images.length).toBeGreaterThan(0);
  for (const src of report.images) expect(src).toMatch(/^blob:/);
  // Web, mail, in-page or same-site links only (a `//host` image becomes a link, not a fetch).
  for (const href of report.hrefs)
    expect(href).toMatch(/^(https?:|mailto:|#|\/)/i);
  expect(report.hrefs).toContain("https://example.com/docs");
  for (const id of report.ids) expect(id).toMatch(/^user-content-/);
  expect(report.ids).toEqual(
    expect.arrayContaining([
      "user-content-root",
      "user-content-getElementById",
      "user-content-cookie",
    ]),
  );
  // Only the view's own classes: a README cannot borrow the app's (`class="dialog"`).
  for (const c of report.classes) expect(c).toMatch(/^markdown-view__/);
  expect(report.getElementById).toBe("function");
  expect(report.cookie).toBe("string");
  expect(report.root).toBe("DIV");
  expect(report.rootHasApp).toBeGreaterThan(0);

  // Remote images are links to click, never fetched; inside a link their text stays.
  await expect(
    readme.getByRole("link", { name: "[image: remote image]" }),
  ).toHaveAttribute("href", "https://attacker.example/pixel.png");
  await expect(
    readme.getByRole("link", { name: "[image: raw remote]" }),
  ).toHaveAttribute("href", "https://attacker.example/raw.png");
  await expect(
    readme.getByRole("link", { name: "[image: picture]" }),
  ).toHaveAttribute("href", "https://attacker.example/picture.png");
  // Every link to the web opens elsewhere without access to this page.
  for (const link of await readme.getByRole("link").all()) {
    const href = (await link.getAttribute("href")) ?? "";
    if (/^(https?:)?\/\//.test(href)) {
      await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
      await expect(link).toHaveAttribute("target", "_blank");
    }
  }
  await expect(
    readme.getByRole("link", { name: "a raw web link" }),
  ).toHaveAttribute("target", "_blank");
  // Links that do not go anywhere safe are plain text.
  for (const text of [
    "html link",
    "raw data link",
    "markdown javascript link",
    "a license not in the pack",
  ])
    await expect(readme.getByRole("link", { name: text })).toHaveCount(0);
}

async function expectNothingRan(page: Page, seen: string[]): Promise<void> {
  // Give late handlers (image errors, toggles) a moment to fire, had any been created.
  await page.waitForTimeout(500);
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
  ).toBeUndefined();
  expect(
    await page.evaluate(
      () => (window as unknown as { __csp?: string[] }).__csp ?? [],
    ),
  ).toEqual([]);
  expect(seen).toEqual([]);
}

test("a README full of XSS payloads renders its HTML as written on the registry page: nothing runs, nothing leaves", async ({
  page,
  packPage,
  api,
  baseURL,
}) => {
  const { status, body } = await putPack(
    api,
    await xssPack(),
    "xss-readme",
    "1.0.0",
  );
  expect([200, 201], body).toContain(status);
  const seen = await watchForAttacks(page, new URL(baseURL ?? "").origin);
  const problems = watchForProblems(page);

  await packPage.goto("xss-readme", "1.0.0");
  await expectReadmeAsWritten(page);
  await expectInertReadme(packPage.readme);
  await expectNoA11yViolations(page, "XSS README");

  // In the file viewer the README renders the same way, inert, and its source is text.
  await packPage.goto("xss-readme", "1.0.0", "?file=README.md");
  const viewer = page.getByRole("region", { name: "README.md", exact: true });
  await expectInertReadme(viewer);
  await viewer.getByRole("button", { name: "Source" }).click();
  await expect(packPage.editor("README.md")).toBeVisible();
  // An SVG and an HTML file of the pack are text in the editor, never rendered.
  for (const file of ["docs/evil.svg", "docs/evil.html"]) {
    await packPage.goto("xss-readme", "1.0.0", `?file=${file}`);
    await expect(packPage.editor(file)).toBeVisible();
    await expect(page.getByRole("region", { name: file })).not.toContainText(
      "[image:",
    );
  }
  await expect(
    packPage.editorLine("docs/evil.html", "<!doctype html>"),
  ).toBeVisible();
  await expectNothingRan(page, seen);
  expect(problems).toEqual([]);
});

test("the README's table of contents and in-page links scroll within the page; a pack file link opens it", async ({
  page,
  packPage,
  api,
}) => {
  const { status } = await putPack(api, await xssPack(), "xss-readme", "1.0.0");
  expect([200, 201]).toContain(status);
  await packPage.goto("xss-readme", "1.0.0");
  const url = page.url();
  const toc = packPage.readme.getByRole("navigation", {
    name: "Contents of README.md",
  });
  await expect(toc.getByRole("link")).toHaveText([
    "XSS README",
    "Settings",
    "Architecture",
    "Payloads",
    "Links",
  ]);

  const links = packPage.readme.getByRole("heading", { name: "Links" });
  await toc.getByRole("link", { name: "Links" }).click();
  await expect(links).toBeFocused();
  await expect(links).toBeInViewport();
  // Scrolling is not navigation: the URL and the history are the app's.
  expect(page.url()).toBe(url);

  const settings = packPage.readme.getByRole("heading", { name: "Settings" });
  await packPage.readme
    .getByRole("link", { name: "back to the settings" })
    .click();
  await expect(settings).toBeFocused();
  await expect(settings).toBeInViewport();
  expect(page.url()).toBe(url);

  const arch = packPage.readme.getByRole("img", {
    name: "Architecture diagram",
  });
  await expect(arch).toHaveAttribute("src", /^blob:/);
  const blobUrl = (await arch.getAttribute("src")) ?? "";
  // Whether an image URL still loads (blob: is allowed by the CSP's img-src).
  const loads = (imageUrl: string) =>
    page.evaluate(
      (src) =>
        new Promise<boolean>((resolve) => {
          const img = new Image();
          img.onload = () => resolve(true);
          img.onerror = () => resolve(false);
          img.src = src;
        }),
      imageUrl,
    );
  expect(await loads(blobUrl)).toBe(true);

  // A link to a file of the pack opens it in the Files tab, in the app.
  await packPage.readme.getByRole("link", { name: "the values" }).click();
  await expect(page).toHaveURL(
    /\?tab=files&file=values\.yaml$|\?file=values\.yaml$/,
  );
  await expect(packPage.editor("values.yaml")).toBeVisible();
  // The README left the page, and its image's blob URL was revoked with it.
  await expect.poll(() => loads(blobUrl)).toBe(false);
  await page.goBack();
  await expect(toc).toBeVisible();
});

test("at 390 px wide a README table scrolls inside its own box, never the page", async ({
  page,
  packPage,
  api,
}) => {
  const { status } = await putPack(api, await xssPack(), "xss-readme", "1.0.0");
  expect([200, 201]).toContain(status);
  await page.setViewportSize({ width: 390, height: 844 });
  await packPage.goto("xss-readme", "1.0.0");
  const box = packPage.readme.getByRole("region", { name: "Table 1" });
  await expect(box).toBeVisible();
  const sizes = await box.evaluate((el) => ({
    box: el.clientWidth,
    table: el.scrollWidth,
    page: document.documentElement.scrollWidth,
  }));
  expect(sizes.table).toBeGreaterThan(sizes.box);
  expect(sizes.page).toBeLessThanOrEqual(390);
  await expectNoA11yViolations(page, "XSS README at 390 px");
});

test("the same README opened as a local pack renders inert too", async ({
  page,
  openPage,
  packPage,
  baseURL,
}, testInfo) => {
  const seen = await watchForAttacks(page, new URL(baseURL ?? "").origin);
  const zipPath = testInfo.outputPath("xss-readme-1.0.0.zip");
  await writeFile(zipPath, await zipPack(await xssPack(), "xss-readme-1.0.0"));
  await openPage.goto();
  await openPage.openFile(zipPath);
  await expect(packPage.title).toHaveText("XSS README");
  await expectReadmeAsWritten(page);
  await expectInertReadme(packPage.readme);
  await expectNothingRan(page, seen);
});
