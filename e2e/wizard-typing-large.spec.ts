import { loadFixture } from "../test/helpers/fixtures";
import { contentToValues, expect, test } from "./pages/wizard-test";
import { read, text } from "./support/edit-pack";
import { zipPack } from "./support/upload-fixtures";

/** Lines that take values.yaml past the editor's large-file size (256 K characters): its text is then handed on in batches. */
const MORE = `${Array.from(
  { length: 9000 },
  (_, i) => `key${i}: "a value long enough to make the file large, ${i}"\n`,
).join("")}`;
const TYPED =
  "# every key of this line reaches the pack, typed while the page is slow";

// Keys typed between a render and its effects came back as an older text, which replaced the
// model and dropped the keys typed since ("packsmh" for "packsmith" in the 100 MB bench pack).
test("typing fast in a large values.yaml on a slow page loses no key: the downloaded pack has every one", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
  publish,
}) => {
  // A real pack whose values.yaml is made large, imported as its next version.
  const files = await loadFixture("pack-central/hello-universe-1.3.1");
  const large = `${read(files.get("values.yaml"))}${MORE}`;
  expect(large.length).toBeGreaterThan(256 * 1024);
  files.set("values.yaml", text(large));
  await start.goto();
  await start.importPack({
    name: "hello-universe.zip",
    buffer: Buffer.from(await zipPack(files, "hello-universe-1.3.1")),
  });
  await basics.nextTo("Content");
  await contentToValues({ content, logo, values });
  await values.editor().focus();
  await page.keyboard.press("ControlOrMeta+End");
  // A page four times slower than this machine: renders, their effects and the checks stretch
  // out, and keys arrive between them.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  try {
    await page.keyboard.type(TYPED, { delay: 5 });
  } finally {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  }
  await expect(values.viewText()).toContainText(TYPED.replace(/ /g, "\u00a0"));
  await values.nextTo("Review");
  await review.nextTo("Publish");
  const { files: downloaded } = await publish.downloadedZip();
  const written = read(downloaded.get("values.yaml"));
  expect(written.slice(large.length)).toBe(TYPED);
  expect(written.slice(0, large.length)).toBe(large);
});

// A values.yaml naming many images it does not list had one note per image drawn under the
// editor, all laid out and painted again on every key (569 in the 100 MB bench pack).
test("a long problem list shows its first 50, errors and warnings first, and the rest on request", async ({
  start,
  basics,
  content,
  logo,
  values,
}) => {
  // kubevious as published, its values.yaml listing one image and naming 60 more in its chart's
  // block (67 IMAGES_UNLISTED notes), and a password in a URL on its last line (a warning).
  const files = await loadFixture("pack-central/kubevious-1.0.10");
  const apps = Array.from(
    { length: 60 },
    (_, i) =>
      `      app${i}:\n        image: registry.example.com/team/app${i}:1.0.${i}\n`,
  ).join("");
  const valuesYaml = read(files.get("values.yaml"))
    .replace(
      '  namespace: "kubevious"\n',
      '  namespace: "kubevious"\n  content:\n    images:\n      - image: docker.io/kubevious/kubevious:1.0.10\n',
    )
    .replace(
      "charts:\n  kubevious:\n",
      `charts:\n  kubevious:\n    extras:\n${apps}`,
    );
  files.set(
    "values.yaml",
    text(
      `${valuesYaml}\nbackup:\n  target: "postgres://admin:s3cretP4ssw0rd@db.example.com:5432/kubevious"\n`,
    ),
  );
  await start.goto();
  await start.importPack({
    name: "kubevious.zip",
    buffer: Buffer.from(await zipPack(files, "kubevious-1.0.10")),
  });
  await basics.nextTo("Content");
  await contentToValues({ content, logo, values });
  const rows = values.problems().getByRole("listitem");
  await expect(values.problems().getByRole("heading")).toHaveText(
    "1 warning and 67 info on values.yaml",
  );
  await expect(rows).toHaveCount(50);
  // The warning of the last line comes first.
  await expect(rows.first()).toContainText("a password is written");
  const more = values
    .problems()
    .getByRole("button", { name: "Show the other 18 info" });
  await more.click();
  await expect(rows).toHaveCount(68);
  // The button is gone: the focus is on the first problem it showed.
  await expect(rows.nth(50)).toBeFocused();
  await expect(more).toHaveCount(0);
});
