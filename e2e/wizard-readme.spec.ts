import { expectNoA11yViolations } from "./support/axe";
import { watchForProblems } from "./support/problems";
import { expect, newPackAtContent, test, upload } from "./pages/wizard-test";

/*
 * The builder's README preview is the reviewer's rendering (shared MarkdownView): an HTML table an
 * author writes shows as a table before publishing, and a hostile snippet stays inert there too.
 */
test("the README preview renders raw HTML tables as reviewers will see them, inert", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
}) => {
  test.setTimeout(90_000);
  const problems = watchForProblems(page);
  const requested: string[] = [];
  page.on("request", (r) => requested.push(r.url()));
  await newPackAtContent(start, basics, {
    addonType: "monitoring",
    name: "e2e-readme-preview",
    displayName: "README preview",
  });
  await content.addManifests([upload("extra.yaml", "kind: ConfigMap\n")]);
  await content.nextTo("Logo");
  await logo.makeFromInitials();
  await logo.nextTo("Values");
  await values.ready();
  await values.tab("README.md").click();
  await values.replaceText(
    [
      "# Settings",
      "",
      "<table><tr><th>Key</th><th>Meaning</th></tr><tr><td>replicas</td><td>how many<br>pods</td></tr></table>",
      "",
      '<img src="x" onerror="window.__pwned=1"> <a href="javascript:window.__pwned=2">click</a>',
      "",
      "![remote](https://tracker.example.com/pixel.png)",
    ].join("\n"),
    "README.md",
  );
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "README.md preview" });
  const table = preview.getByRole("table");
  await expect(table).toBeVisible();
  await expect(table.getByRole("cell", { name: "replicas" })).toBeVisible();
  await expect(
    preview.getByRole("link", { name: /\[image: remote\]/ }),
  ).toBeVisible();
  // onerror could only run after a load of `src="x"`: no such image is on the page to fail later
  // (it names no file of the pack, so it is shown as a note), and no handler survived.
  await expect(preview.locator('img[src="x"]')).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  expect(
    await preview.locator("[onerror], [href^='javascript:']").count(),
  ).toBe(0);
  expect(
    requested.filter(
      (u) => /^https?:/.test(u) && !u.startsWith(new URL(page.url()).origin),
    ),
  ).toEqual([]);
  await expectNoA11yViolations(page, "values: README preview with HTML");
  expect(problems).toEqual([]);
});
