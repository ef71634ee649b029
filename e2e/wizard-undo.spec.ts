import type { WizardPublish } from "./pages/wizard-publish";
import {
  contentToValues,
  expect,
  newPackAtContent,
  test,
  upload,
} from "./pages/wizard-test";

/** values.yaml of the pack the wizard downloads, as bytes. */
async function downloadedValues(publish: WizardPublish): Promise<Buffer> {
  const { files } = await publish.downloadedZip();
  return Buffer.from(files.get("values.yaml")!);
}

test("removing a manifest with values asks first, and Undo puts the file and its values back byte for byte", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
  publish,
}) => {
  await newPackAtContent(start, basics, {
    addonType: "app services",
    name: "e2e-undo",
    displayName: "Undo",
  });
  await content.addManifests([
    upload(
      "app.yaml",
      "kind: ConfigMap\ndata:\n  image: {{ .Values.image.repo }}:{{ .Values.image.tag }}\n  replicas: {{ .Values.replicas }}\n",
    ),
  ]);
  await expect(content.manifests).toContainText("app.yaml");
  await contentToValues({ content, logo, values });
  // Seeded block style with typed defaults, not a flow map of empty strings.
  await expect(values.viewText()).toContainText("replicas: 0");
  // The user's own text, comments and quoting included.
  await values.replaceText(
    "# mine\npack:\n  namespace: demo   # where\nmanifests:\n  app:\n    image:\n      repo: \"nginx\"\n      tag: '1.27'\n    replicas: 2\n",
  );
  await values.nextTo("Review");
  await review.nextTo("Publish");
  const before = await downloadedValues(publish);
  expect(before.toString()).toContain('repo: "nginx"');

  await publish.goTo("Content");
  await page.getByRole("button", { name: "Remove manifests/app.yaml" }).click();
  const dialog = page.getByRole("dialog", {
    name: "Remove manifests/app.yaml?",
  });
  await expect(dialog).toContainText("manifests.app in values.yaml");
  // Keep it: nothing changes.
  await dialog.getByRole("button", { name: "Keep it" }).click();
  await expect(content.manifests).toContainText("app.yaml");
  await page.getByRole("button", { name: "Remove manifests/app.yaml" }).click();
  await dialog.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(content.manifests).toBeHidden();
  const status = page.getByRole("status").filter({ hasText: "Removed" });
  await expect(status).toContainText(
    "Removed manifests/app.yaml and manifests.app in values.yaml",
  );
  await expect(status).not.toContainText("Nothing added");
  const undo = status.getByRole("button", { name: "Undo" });
  await expect(undo).toBeFocused();
  await undo.click();
  await expect(content.manifests).toContainText("app.yaml");
  await content.goTo("Publish");
  const after = await downloadedValues(publish);
  expect(after.equals(before)).toBe(true);
});
