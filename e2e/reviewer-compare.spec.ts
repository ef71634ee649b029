import { loadFixture } from "../test/helpers/fixtures";
import { expectNoA11yViolations } from "./support/axe";
import { holdChunk } from "./support/hold-chunk";
import { watchForProblems } from "./support/problems";
import { expect, test } from "./support/test";
import { putPack } from "./support/upload-fixtures";

const NAME = "hello-universe";
const BASE = "1.3.1";
const NEXT = "1.3.2-review";
const text = (s: string) => new TextEncoder().encode(s);
const read = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

test.beforeAll(async ({ api, packFixtures }) => {
  expect(packFixtures.some((f) => f.name === NAME && f.version === BASE)).toBe(
    true,
  );
  // The next version with a known change: values.yaml (replicas 1 → 3, and blanks only at the
  // end of the namespace line), pack.json (version), NOTES.txt added, schema.yaml removed.
  const files = await loadFixture("pack-central/hello-universe-1.3.1");
  const values = read(files.get("values.yaml"));
  expect(values).toContain("    replicas: 1\n");
  expect(values).toContain("    namespace: hello-universe\n");
  files.set(
    "values.yaml",
    text(
      values
        .replace("    replicas: 1\n", "    replicas: 3\n")
        .replace(
          "    namespace: hello-universe\n",
          "    namespace: hello-universe  \n",
        ),
    ),
  );
  files.set(
    "pack.json",
    text(
      read(files.get("pack.json")).replace(
        `"version": "${BASE}"`,
        `"version": "${NEXT}"`,
      ),
    ),
  );
  files.set("NOTES.txt", text("Three replicas by default.\n"));
  files.delete("schema.yaml");
  const { status, body } = await putPack(api, files, NAME, NEXT);
  expect([200, 201], body).toContain(status);
});

test("compare two versions of one pack: added, removed, changed files and a diff of values.yaml first", async ({
  page,
  packPage,
  comparePage,
}) => {
  const problems = watchForProblems(page);

  // From the newer version's page, pick the older one.
  await packPage.goto(NAME, NEXT);
  await page.getByRole("combobox", { name: "Compare with" }).selectOption(BASE);
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(`/packs/${NAME}/compare/${BASE}...${NEXT}`);
  await expect(comparePage.summary).toHaveText(
    "2 changed, 1 added, 1 removed, 4 unchanged",
  );
  await expect(comparePage.title).toContainText(
    `Compare ${NAME} ${BASE} → ${NEXT}`,
  );

  expect(await comparePage.paths("Added")).toEqual(["NOTES.txt"]);
  expect(await comparePage.paths("Removed")).toEqual(["schema.yaml"]);
  expect(await comparePage.paths("Changed")).toEqual([
    "values.yaml",
    "pack.json",
  ]);

  // A Monaco diff per changed text file, values.yaml first, with the change on the modified side.
  const diff = comparePage.diff("values.yaml");
  await expect(diff).toBeVisible();
  await expect(
    diff.locator(".modified .view-line", { hasText: "replicas: 3" }),
  ).toBeVisible();
  await expect(
    diff.locator(".original .view-line", { hasText: "replicas: 1" }),
  ).toBeVisible();
  // A change of blanks alone is a change too (an indent moves a YAML key): two changed lines.
  await expect(diff.locator(".modified .line-insert")).toHaveCount(2);
  await expect(
    comparePage
      .diff("pack.json")
      .locator(".modified .view-line", { hasText: NEXT }),
  ).toBeVisible();
  await expectNoA11yViolations(page, "compare");

  // Each side links back to its version.
  await page.getByRole("link", { name: `${NAME} ${BASE}` }).click();
  await expect(page).toHaveURL(`/packs/${NAME}/${BASE}`);
  await expect(packPage.tabs).toBeVisible();
  expect(problems).toEqual([]);
});

test("comparing with a version that does not exist says so", async ({
  page,
  comparePage,
}) => {
  await page.goto(`/packs/${NAME}/compare/${BASE}...9.9.9`);
  await expect(page.getByRole("alert")).toContainText(
    `${NAME} has no version 9.9.9.`,
  );
  await expect(comparePage.summary).toHaveCount(0);
});

// A cold compare page also waited 2–3 s for Monaco's chunk before showing any change: until it
// runs, each open diff shows its changed lines (quick-diff.tsx).
test("a compare page opened cold asks for both details and Monaco's diff editor while its own code loads, and shows the changed lines until Monaco comes", async ({
  page,
  comparePage,
}) => {
  // The page's chunk is held until the three requests have been made: they have to start from
  // the router, not from the page once it has rendered (which would never happen here).
  const { asked, release } = await holdChunk(page, "compare");
  const monaco = await holdChunk(page, "monaco-diff-editor");
  await page.goto(`/packs/${NAME}/compare/${BASE}...${NEXT}`, {
    waitUntil: "commit",
  });
  const wanted = [
    `/api/v1/packs/${NAME}/${BASE}`,
    `/api/v1/packs/${NAME}/${NEXT}`,
    "chunk monaco-diff-editor",
  ];
  await expect.poll(() => wanted.filter((w) => asked.has(w))).toEqual(wanted);
  // The page itself is still held back: what was asked for came from the router.
  await expect(comparePage.summary).toHaveCount(0);
  release();
  await expect(comparePage.summary).toHaveText(
    "2 changed, 1 added, 1 removed, 4 unchanged",
  );

  // Monaco is still held: values.yaml's changed lines, exactly as the texts have them (the
  // namespace line only gained two blanks at its end).
  const quick = page.getByRole("region", {
    name: "Changes to values.yaml, changed lines",
  });
  await expect(quick.locator("ins")).toHaveCount(2);
  expect(await quick.locator("del").allTextContents()).toEqual([
    "-     namespace: hello-universe",
    "-     replicas: 1",
  ]);
  expect(await quick.locator("ins").allTextContents()).toEqual([
    "+     namespace: hello-universe  ",
    "+     replicas: 3",
  ]);
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "Loading the side-by-side editor" })
      .first(),
  ).toBeVisible();
  await expectNoA11yViolations(page, "compare, diffs while Monaco loads");

  monaco.release();
  await expect(
    comparePage
      .diff("values.yaml")
      .locator(".modified .view-line", { hasText: "replicas: 3" }),
  ).toBeVisible();
  await expect(quick).toHaveCount(0);
});

test("comparing a version with itself does not load Monaco", async ({
  page,
  comparePage,
}) => {
  const { asked, release } = await holdChunk(page, "compare");
  await page.goto(`/packs/${NAME}/compare/${BASE}...${BASE}`, {
    waitUntil: "commit",
  });
  await expect
    .poll(() => asked.has(`/api/v1/packs/${NAME}/${BASE}`))
    .toBe(true);
  release();
  await expect(comparePage.summary).toHaveText(
    /^0 changed, 0 added, 0 removed, \d+ unchanged$/,
  );
  expect([...asked].filter((a) => a.startsWith("chunk monaco"))).toEqual([]);
});
