import { expectNoA11yViolations } from "./support/axe";
import { watchForProblems } from "./support/problems";
import {
  expect,
  newPackAtContent,
  test,
  upload,
  type WizardFixtures,
} from "./pages/wizard-test";

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

/** A new add-on pack of one manifest, with a logo, at the Values step with its editor ready. */
async function manifestPackAtValues(
  {
    start,
    basics,
    content,
    logo,
    values,
  }: Pick<WizardFixtures, "start" | "basics" | "content" | "logo" | "values">,
  name: string,
  displayName: string,
): Promise<void> {
  await newPackAtContent(start, basics, {
    addonType: "monitoring",
    name,
    displayName,
  });
  await content.addManifests([upload("extra.yaml", "kind: ConfigMap\n")]);
  await content.nextTo("Logo");
  await logo.makeFromInitials();
  await logo.nextTo("Values");
  await values.ready();
}

/*
 * README findings link to the README's editor, as a YAML file's do to theirs: the review's
 * "Open README.md, line N" puts the caret on the line; with no README, the link lands on
 * "Add README.md", and so does the error summary's when pack-central refuses a pack without one.
 */
test("Review: a README finding opens the README editor with the caret on its line", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
}) => {
  test.setTimeout(90_000);
  const problems = watchForProblems(page);
  await manifestPackAtValues(
    { start, basics, content, logo, values },
    "e2e-readme-line",
    "README line",
  );
  await values.nextTo("Review");
  // The builder's skeleton: its third line is placeholder text.
  const finding = review.finding(/README\.md still has placeholder text/);
  await finding.getByRole("button", { name: "Open README.md, line 3" }).click();
  await values.expectStep("Values");
  await expect(values.tab("README.md")).toHaveAttribute(
    "aria-selected",
    "true",
  );
  const editor = values.editor("README.md");
  await expect(editor).toBeFocused();
  // The caret is on line 3: typing lands there.
  await page.keyboard.press("Home");
  await page.keyboard.insertText("x");
  await expect(values.viewText()).toContainText(
    "xDescribe what this pack installs",
  );
  expect(problems).toEqual([]);
});

test("no README: the review's link and pack-central's error in the error summary land on Add README.md", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
}) => {
  test.setTimeout(90_000);
  const problems = watchForProblems(page);
  await manifestPackAtValues(
    { start, basics, content, logo, values },
    "e2e-readme-missing",
    "README missing",
  );
  await values.tab("README.md").click();
  // A README with the user's words goes only after a question, and Undo brings it back (it
  // went in one click, for good).
  await values.replaceText("# Mine", "README.md");
  await expect(values.viewText()).toContainText("# Mine");
  await page.getByRole("button", { name: "Remove README.md" }).click();
  const ask = page.getByRole("dialog", { name: "Remove README.md?" });
  await ask.getByRole("button", { name: "Remove", exact: true }).click();
  const add = page.getByRole("button", { name: "Add README.md" });
  await expect(add).toBeVisible();
  await expect(page.getByText("Removed README.md.")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Put back README.md.")).toBeVisible();
  await expect(values.viewText()).toContainText("# Mine");
  await page.getByRole("button", { name: "Remove README.md" }).click();
  await ask.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(add).toBeVisible();
  await values.nextTo("Review");

  // A warning for an OCI registry: the review links to where a README is added.
  const missing = /README\.md is missing/;
  await review
    .finding(missing)
    .getByRole("button", { name: "Open README.md" })
    .click();
  await values.expectStep("Values");
  await expect(add).toBeFocused();

  // An error for pack-central: "Next" on Values is refused, and the summary's link, followed
  // from the values.yaml tab, opens the README tab on Add README.md.
  await values.nextTo("Review");
  await page
    .getByRole("group", { name: "Publish to" })
    .getByLabel("Pack-central", { exact: true })
    .check();
  await expect(review.status).toHaveText(/to fix before publishing to/);
  await expect(review.finding(missing)).toContainText("Error");
  await review.goTo("Values");
  await expect(values.tab("values.yaml")).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await values.next();
  await expect(values.errorSummary).toBeFocused();
  await values.errorSummary.getByRole("link", { name: missing }).click();
  await expect(values.tab("README.md")).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await expect(add).toBeFocused();
  await expect(values.errorSummary).toBeVisible();
  expect(problems).toEqual([]);
});
