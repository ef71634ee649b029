import { expectNoA11yViolations } from "./support/axe";
import {
  contentToValues,
  expect,
  templateAtContent,
  test,
} from "./pages/wizard-test";

/*
 * Issue 9 item 8: publishing as the documentation does it. Beside ORAS, the Spectro CLI's
 * `spectro pack push <folder> --registry-server <server>` and its `-f` form, each with a copy
 * button; and a 409 shows what differs from the stored version before "Replace".
 */

test("Spectro CLI commands; publish, change values.yaml, publish again → 409 lists values.yaml with its diff → Replace → 201", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
  publish,
}) => {
  test.setTimeout(120_000);
  // A version no earlier run stored.
  const version = `1.0.${Date.now() % 1_000_000}`;
  await templateAtContent(start, basics, "Permission Manager manifest add-on", {
    version,
  });
  await contentToValues({ content, logo, values });
  await values.nextTo("Review");
  await expect(review.status).toHaveText(/Ready to publish/);
  await review.nextTo("Publish");

  const name = "permission-manager";
  const stem = `${name}-${version}`;
  await page
    .getByLabel("Spectro registry server")
    .fill("https://spectro.example.com:5000/");
  await expect(page.getByLabel("Spectro CLI commands")).toHaveText(
    [
      `unzip ${stem}.zip`,
      "spectro registry login spectro.example.com:5000",
      `spectro pack push ${stem} --registry-server spectro.example.com:5000`,
    ].join("\n"),
  );
  await expect(
    page.getByLabel("Spectro CLI command that replaces the version"),
  ).toHaveText(
    `spectro pack push ${stem} -f -m 'Replace ${name} ${version}' --registry-server spectro.example.com:5000`,
  );
  await expect(
    page.getByRole("button", { name: "Copy the Spectro commands" }),
  ).toBeVisible();
  await expect(
    page.getByRole("button", { name: "Copy the replacing command" }),
  ).toBeVisible();
  await expectNoA11yViolations(page, "Publish with the Spectro commands");

  await publish.upload();
  await expect(publish.success).toBeVisible({ timeout: 20_000 });

  // The same version with another values.yaml.
  await publish.goTo("Values");
  await values.ready();
  const keyboard = page.keyboard;
  await values.editor().focus();
  await keyboard.press("ControlOrMeta+End");
  await keyboard.press("Enter");
  await keyboard.press("Shift+Home");
  await keyboard.press("Delete");
  await keyboard.insertText("# changed after the first upload");
  await values.goTo("Publish");
  await publish.upload();
  await expect(publish.conflict).toBeVisible({ timeout: 20_000 });

  const dialog = await publish.openReplace();
  await expect(
    dialog.getByRole("status").filter({
      hasText: "1 changed, 0 only in this draft, 0 only in the registry",
    }),
  ).toBeVisible({ timeout: 20_000 });
  const changed = dialog.getByRole("list", { name: "Changed files" });
  await expect(changed.getByRole("listitem")).toHaveCount(1);
  await expect(changed.locator("summary code")).toHaveText("values.yaml");
  // The compare page's diff: the stored text on the left, the draft's on the right.
  await expect(
    dialog.getByRole("textbox", { name: "Changes to values.yaml (modified)" }),
  ).toBeAttached({ timeout: 30_000 });
  await expect(dialog.locator(".modified .view-lines")).toContainText(
    "# changed after the first upload",
  );
  await expectNoA11yViolations(page, "Replace dialog with the diff");

  // "Keep the stored version" has the focus; Replace is a deliberate choice.
  await expect(
    dialog.getByRole("button", { name: "Keep the stored version" }),
  ).toBeFocused();
  const put = page.waitForResponse(
    (r) => r.request().method() === "PUT" && r.url().includes(`/${version}`),
  );
  await dialog.getByRole("button", { name: "Replace it" }).click();
  expect((await put).status()).toBe(201);
  await expect(publish.success).toBeVisible({ timeout: 20_000 });
});
