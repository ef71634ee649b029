import { expectNoA11yViolations } from "./support/axe";
import {
  contentToValues,
  expect,
  templateAtContent,
  test,
  upload,
} from "./pages/wizard-test";

/*
 * Issue 9 item 11: an Ansible role is made in the browser: created by name, its tasks/main.yml
 * edited in Monaco, a file added to it, and the downloaded pack holds all of it.
 */

const TASKS = [
  "---",
  "- name: Extra hardening",
  "  ansible.builtin.script: files/extra.sh",
].join("\n");

test("create role harden_extra, edit its tasks/main.yml, add a file: the zip holds them", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
  publish,
}) => {
  await templateAtContent(start, basics, "CentOS on Azure: Marketplace image");

  const name = page.getByLabel("New role");
  // A name Ansible would not take is refused, in words, on the field.
  await name.fill("Harden-Extra");
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(name).toBeFocused();
  await expect(name).toHaveAccessibleDescription(
    /start with a lower-case letter/,
  );
  await name.fill("harden_extra");
  await name.press("Enter");
  await expect(
    page.getByRole("status").filter({ hasText: "Added harden_extra" }),
  ).toBeVisible();
  const roles = page.getByRole("list", { name: "Ansible roles" });
  await expect(roles.getByRole("listitem").first()).toContainText("harden_os");
  await expect(
    page.getByRole("button", { name: "Edit role harden_extra" }),
  ).toHaveAttribute("aria-expanded", "true");

  // The skeleton is in Monaco; replace it from the keyboard.
  const editor = page.getByRole("textbox", {
    name: "harden_extra/tasks/main.yml editor",
  });
  await expect(editor).toBeAttached({ timeout: 30_000 });
  await expect(page.locator(".role-files .view-lines")).toContainText(
    "- name: Customise the image (harden_extra)",
  );
  await values.replaceText(TASKS, "harden_extra/tasks/main.yml");
  await expect(page.locator(".role-files .view-lines")).toContainText(
    "Extra hardening",
  );

  await page.getByLabel("Add files to").selectOption("files");
  await page
    .getByLabel("Files for harden_extra/files/")
    .setInputFiles([upload("extra.sh", "#!/bin/sh\necho extra\n")]);
  await expect(
    page.getByRole("list", { name: "Files of harden_extra" }),
  ).toContainText("harden_extra/files/extra.sh");
  await expectNoA11yViolations(page, "Content with a role open");

  await contentToValues({ content, logo, values });
  await values.nextTo("Review");
  await review.nextTo("Publish");
  const { files } = await publish.downloadedZip();
  const text = (p: string) => new TextDecoder().decode(files.get(p));
  expect(text("harden_extra/tasks/main.yml")).toBe(TASKS);
  expect(text("harden_extra/files/extra.sh")).toBe("#!/bin/sh\necho extra\n");
  expect(
    (JSON.parse(text("pack.json")) as { ansibleRoles: string[] }).ansibleRoles,
  ).toEqual(["harden_os", "harden_extra"]);
});
