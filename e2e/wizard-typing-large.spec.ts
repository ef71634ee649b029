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
