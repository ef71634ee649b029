import {
  contentToValues,
  expect,
  templateAtContent,
  test,
} from "./pages/wizard-test";

/*
 * The error summary's link to a values.yaml error reaches the line: the focus goes into Monaco
 * with the caret on it, and Esc then Tab leaves as before. Counts say what they count.
 */

test("Values: the error summary's link puts the caret on the error's line; counts name severities", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
}) => {
  test.setTimeout(90_000);
  await templateAtContent(start, basics, "Permission Manager manifest add-on");
  await contentToValues({ content, logo, values });
  const lines = [
    "manifests:",
    "  permission-manager:",
    "    namespace: permission-manager",
    ...Array.from({ length: 21 }, (_, i) => `# filler ${i + 4}`),
    "foo: bar: baz",
    "# after",
  ];
  await values.replaceText(`${lines.join("\n")}\n`);
  await expect(
    values.problems().getByRole("heading", { name: /on values\.yaml$/ }),
  ).toHaveText(/^\d+ errors? (and \d+ warnings? )?on values\.yaml$/);
  await expect(values.problems()).not.toContainText("note");

  await values.next();
  await expect(values.errorSummary).toBeFocused();
  const link = values.errorSummary.getByRole("link", { name: /\(line 25\)/ });
  await expect(link).toHaveCount(1);
  // Tab to the link, Enter: the focus is in the editor, on line 25.
  for (let i = 0; i < 3; i++) {
    if (await link.evaluate((e) => e === document.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");
  const editor = values.editor();
  await expect(editor).toBeFocused();
  // The caret is on line 25: typing lands there (the line stays in error).
  await page.keyboard.press("Home");
  await page.keyboard.insertText("x");
  await expect(values.viewText()).toContainText("xfoo: bar: baz");
  const lineButton = values.problems().getByRole("button", { name: "line 25" });
  await expect(lineButton).toHaveCount(1);
  // Esc then Tab leaves the editor, as the line under it says: to the next control, the
  // problem's own "line 25".
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(editor).not.toBeFocused();
  await expect(lineButton).toBeFocused();
});
