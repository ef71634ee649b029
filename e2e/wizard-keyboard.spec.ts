import { contentToValues, expect, test, upload } from "./pages/wizard-test";

test("keyboard only: the clouds are one tab stop with arrow keys, Tab indents in the editor and Esc then Tab leaves it, a problem's line link puts the focus on that line", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
}) => {
  await start.goto();
  await start.useTemplate("Permission Manager manifest add-on");

  // Clouds: one tab stop for all of them; arrows move, Space ticks.
  const clouds = page.getByRole("group", { name: "Clouds" });
  const boxes = clouds.getByRole("checkbox");
  const n = await boxes.count();
  expect(n).toBeGreaterThan(10);
  const ticked = clouds.locator("input:checked").first();
  await ticked.focus();
  await expect(clouds.locator('input[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press("ArrowDown");
  const second = clouds.locator("input:focus");
  const secondName = await second.getAttribute("id");
  expect(secondName).not.toBe(await ticked.getAttribute("id"));
  await page.keyboard.press("Space");
  await expect(page.locator(`[id="${secondName}"]`)).toBeChecked();
  await page.keyboard.press("Space");
  await expect(page.locator(`[id="${secondName}"]`)).not.toBeChecked();
  await page.keyboard.press("Tab");
  // Out of the group at once, not into the next of 16 boxes.
  await expect(clouds.locator("input:focus")).toHaveCount(0);
  await page.keyboard.press("Shift+Tab");
  await expect(page.locator(`[id="${secondName}"]`)).toBeFocused();

  await basics.nextTo("Content");
  await contentToValues({ content, logo, values });
  await expect(
    page.getByText("To leave the editor press Esc then Tab"),
  ).toBeVisible();

  const editor = values.editor();
  await editor.focus();
  await page.keyboard.press("ControlOrMeta+End");
  // Tab types (indents) inside the editor…
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(editor).toBeFocused();
  // …Esc then Tab moves on to the next control of the page.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(editor).not.toBeFocused();
  const after = await page.evaluate(() => ({
    tag: document.activeElement?.tagName,
    inEditor: Boolean(document.activeElement?.closest(".code-editor")),
  }));
  expect(after.inEditor).toBe(false);
  expect(after.tag).not.toBe("BODY");
  // Shift+Tab comes back in (through Monaco's own sticky-scroll lines, which are tab stops);
  // Esc then Shift+Tab leaves the other way, to the control before the editor.
  for (
    let i = 0;
    i < 5 && !(await editor.evaluate((e) => e === document.activeElement));
    i++
  )
    await page.keyboard.press("Shift+Tab");
  await expect(editor).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+Tab");
  await expect(
    page.getByRole("button", { name: "Format values.yaml" }),
  ).toBeFocused();

  // A broken line: listed once, and its "line N" link takes the focus to it in the editor.
  await values.replaceText(
    "manifests:\n  permission-manager:\n    namespace: demo\n    authPassword: a: b\n    serviceType: x\n",
  );
  const link = values.problems().getByRole("button", { name: "line 4" });
  await expect(link).toHaveCount(1);
  await expect(
    values.problems().getByRole("listitem").filter({ hasText: /error/ }),
  ).toHaveCount(1);
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(editor).toBeFocused();
  await expect(page.locator(".code-editor__revealed")).toHaveCount(1);
  // The cursor is on line 4: typing lands there.
  await page.keyboard.press("Home");
  await page.keyboard.insertText("# ");
  await expect(values.viewText()).toContainText("#     authPassword: a: b");
});

test("an import error is shown beside the drop zone and takes the focus", async ({
  page,
  start,
}) => {
  await page.setViewportSize({ width: 1280, height: 700 });
  await start.goto();
  await start.importInput.setInputFiles(
    upload("not-a-pack.zip", "this is not a zip"),
  );
  const error = page
    .getByRole("alert")
    .filter({ hasText: "This pack could not be imported" });
  await expect(error).toBeFocused();
  await expect(error).toBeInViewport();
  // Beside the drop zone: in the same section, right after it.
  await expect(
    page.getByRole("region", {
      name: "Make a new version of an existing pack",
    }),
  ).toContainText("This pack could not be imported");
});
