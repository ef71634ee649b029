import { writeFile } from "node:fs/promises";

import type { Page } from "@playwright/test";

import type { PackFiles } from "../src/pack/pack-files";
import { loadFixture } from "../test/helpers/fixtures";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { watchForProblems } from "./support/problems";
import { expect, test } from "./support/test";
import { putPack, zipPack } from "./support/upload-fixtures";

/** security.md case 41: every way a README could try to run or fetch something. */
const README = `# XSS README

<script>window.__xss = "script"</script>
<img src="x" onerror="window.__xss = 'img'">
<svg onload="window.__xss = 'svg'"><script>window.__xss = 'svg-script'</script></svg>
<iframe srcdoc="<script>parent.__xss = 'iframe'</script>"></iframe>
<a href="javascript:window.__xss='html-link'">html link</a>
<details open ontoggle="window.__xss = 'details'">toggle</details>
<style>body { background: url(https://attacker.example/css) }</style>
<object data="data:text/html,<script>parent.__xss='object'</script>"></object>
<math><mtext><table><mglyph><style><img src=x onerror="window.__xss='mxss'">

[markdown javascript link](javascript:window.__xss='md')
[encoded javascript link](jav&#x61;script:window.__xss='md2')
[data link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9J2RhdGEnPC9zY3JpcHQ+)
[vbscript link](vbscript:msgbox(1))
[svg data link](data:image/svg+xml,<svg onload=alert(1)>)
![remote image](https://attacker.example/pixel.png)
![protocol-relative image](//attacker.example/pixel.png)
![quote breakout](x" onerror="window.__xss='alt')
<https://attacker.example/autolink>
[a safe link](https://example.com/docs)

\`<script>window.__xss='code'</script>\`

    <img src=x onerror="window.__xss='indented'">
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

/** The README is shown as inert text: no active element, no handler, no dangerous URL. */
async function expectInertReadme(page: Page): Promise<void> {
  const readme = page.getByRole("region", { name: "README" });
  await expect(
    readme.getByRole("heading", { name: "XSS README" }),
  ).toBeVisible();
  // The payloads are on the page as text.
  await expect(readme).toContainText(
    `<script>window.__xss = "script"</script>`,
  );
  await expect(readme).toContainText(
    `<img src="x" onerror="window.__xss = 'img'">`,
  );
  const report = await readme.evaluate((root) => {
    const all = [...root.querySelectorAll("*")];
    return {
      active: all
        .filter((el) =>
          /^(script|iframe|object|embed|style|svg|math|img|link|meta|base|form|details)$/i.test(
            el.tagName,
          ),
        )
        .map((el) => el.outerHTML),
      handlers: all.flatMap((el) =>
        [...el.attributes]
          .filter((a) => /^on/i.test(a.name))
          .map((a) => `${el.tagName} ${a.name}`),
      ),
      hrefs: [...root.querySelectorAll("a")].map(
        (a) => a.getAttribute("href") ?? "",
      ),
    };
  });
  expect(report.active).toEqual([]);
  expect(report.handlers).toEqual([]);
  // Web, mail, in-page or same-site links only (a `//host` image becomes a link, not a fetch).
  for (const href of report.hrefs)
    expect(href).toMatch(/^(https?:|mailto:|#|\/)/i);
  expect(report.hrefs).toContain("https://example.com/docs");
  // Remote images are links to click, never fetched.
  await expect(
    readme.getByRole("link", { name: "[image: remote image]" }),
  ).toHaveAttribute("href", "https://attacker.example/pixel.png");
  // Every link in the README opens elsewhere without access to this page.
  for (const link of await readme.getByRole("link").all())
    await expect(link).toHaveAttribute("rel", /noopener/);
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

test("a README full of XSS payloads renders inert on the registry page: nothing runs, nothing leaves", async ({
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
  await expectInertReadme(page);
  await expectNoSeriousA11yViolations(page, "XSS README");

  // The README, an SVG and an HTML file in the file viewer are text in the editor, never rendered.
  for (const file of ["README.md", "docs/evil.svg", "docs/evil.html"]) {
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
  await expectInertReadme(page);
  await expectNothingRan(page, seen);
});
