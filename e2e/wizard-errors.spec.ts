import { chartTgz } from "../test/gen/pack";
import {
  contentToValues,
  expect,
  newPackAtContent,
  templateAtContent,
  test,
  upload,
} from "./pages/wizard-test";

/* Bad inputs get a clear message where they were made, and nothing bad gets into the pack. */

test("Basics: Next checks this step only and says what to fix, in the order of the fields", async ({
  start,
  basics,
}) => {
  await start.goto();
  await start.startBlank();
  await basics.fill({ name: "My App", version: "v1.2.3" });
  await basics.next();
  await expect(basics.errorSummary).toBeFocused();
  // No addonType is a warning of the core for an OCI registry: shown, not blocking.
  await expect(basics.errorSummary.getByRole("link")).toHaveText([
    /^Use lower-case letters/,
    "Enter the name people see in Palette",
    "Write the version without a leading v (1.2.3, not v1.2.3)",
  ]);
  // Each message links to its field.
  await basics.errorSummary.getByRole("link", { name: /leading v/ }).click();
  await expect(basics.version).toBeFocused();
  await expect(basics.version).toHaveAccessibleDescription(
    /Write the version without a leading v/,
  );
  await basics.fill({
    addonType: "monitoring",
    name: "my-app",
    displayName: "My App",
    version: "1.5",
  });
  // A two-part version is legal: advice, not an error.
  await expect(
    basics.page.getByText(/Palette's docs ask for semantic versioning/),
  ).toBeVisible();
  await basics.nextTo("Content");
});

test("Content: a .tgz that is not a chart and a duplicate chart are refused with a reason", async ({
  start,
  basics,
  content,
}) => {
  await newPackAtContent(start, basics, {
    addonType: "monitoring",
    name: "e2e-errors",
    displayName: "E2E errors",
  });
  await content.addCharts([
    upload("not-a-chart.tgz", "just text, not gzip"),
    upload(
      "no-chart-yaml.tgz",
      chartTgz({ name: "broken", noChartYaml: true }),
    ),
  ]);
  await expect(content.refused("charts")).toContainText(
    "not-a-chart.tgz is not a Helm chart",
  );
  await expect(content.refused("charts")).toContainText(
    "no-chart-yaml.tgz is not a Helm chart: ",
  );
  await expect(content.refused("charts")).toContainText("it has no Chart.yaml");

  await content.addCharts([
    upload("demo-0.1.0.tgz", chartTgz({ name: "demo" })),
  ]);
  await content.expectChart("demo");
  // Another version of the chart takes its place (an upgrade keeps values.yaml's block); the
  // same version again is refused.
  await content.addCharts([
    upload("demo-again.tgz", chartTgz({ name: "demo", version: "0.2.0" })),
  ]);
  await expect(
    content.page.getByText(
      "Added demo 0.2.0 as charts/demo-again.tgz, in place of 0.1.0 (charts/demo-0.1.0.tgz)",
    ),
  ).toBeVisible();
  await expect(content.charts.getByRole("listitem")).toHaveCount(1);
  await content.addCharts([
    upload("demo-twice.tgz", chartTgz({ name: "demo", version: "0.2.0" })),
  ]);
  await expect(content.refused("charts")).toContainText(
    "the chart demo 0.2.0 is already in the pack (charts/demo-again.tgz)",
  );
  await expect(content.charts.getByRole("listitem")).toHaveCount(1);

  await content.addManifests([
    upload("bad.yaml", "kind: [unclosed\n"),
    upload("notes.txt", "x"),
  ]);
  await expect(content.refused("manifests")).toContainText(
    /bad\.yaml is not valid YAML: .*\(line \d\)/,
  );
  await expect(content.refused("manifests")).toContainText(
    "notes.txt is not a .yaml or .yml file",
  );
});

test("Logo: a file that is not an image is refused; an SVG is converted without entering the page", async ({
  page,
  start,
  basics,
  logo,
}) => {
  // The Azure template is complete: straight on to the logo.
  await templateAtContent(start, basics, "CentOS on Azure: Marketplace image");
  await basics.nextTo("Logo");
  await logo.drop(upload("logo.png", "%PDF-1.4 not an image", "image/png"));
  await expect(logo.refusal).toContainText(
    "logo.png is a PDF document, not an image",
  );
  // The refused file changes nothing: the template's own logo stays.
  await expect(page.getByRole("figure")).toContainText("128 × 128 px");

  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><script>window.svgRan = true</script><rect width="64" height="32" fill="teal"/></svg>';
  await logo.drop(upload("logo.svg", svg, "image/svg+xml"));
  await expect(logo.preview).toBeVisible();
  await expect(page.getByRole("figure")).toContainText("512 × 256 px");
  await expect(page.getByRole("figure")).toContainText("converted from SVG");
  expect(
    await page.evaluate(
      () => (window as unknown as { svgRan?: boolean }).svgRan,
    ),
  ).toBeUndefined();
  expect(await page.locator("svg rect[fill=teal]").count()).toBe(0);
});

test("Values: broken YAML is shown as you type and blocks Next with its line; Format fixes indentation", async ({
  start,
  basics,
  content,
  logo,
  values,
  review,
}) => {
  await templateAtContent(start, basics, "Permission Manager manifest add-on");
  await contentToValues({ content, logo, values });
  await values.replaceText(
    "manifests:\n  permission-manager:\n    namespace: a: b\n",
  );
  await expect(values.problems()).toContainText(/error/i);
  await values.next();
  await expect(values.errorSummary).toContainText(
    /values\.yaml: .*\(line \d+\)/,
  );
  // Fixed, but badly indented: Format rewrites it with 2-space indentation.
  await values.replaceText(
    "manifests:\n    permission-manager:\n        namespace:    permission-manager\n",
  );
  await values.page.getByRole("button", { name: "Format values.yaml" }).click();
  await values.nextTo("Review");
  const formatted =
    "manifests:\n  permission-manager:\n    namespace: permission-manager\n";
  await expect(review.files).toContainText(
    new RegExp(`values\\.yaml\\s*${formatted.length} B`),
  );
});

test("Values: an error only the core knows (pack.namespace) blocks Next, listed from the core's report", async ({
  start,
  basics,
  content,
  logo,
  values,
}) => {
  await templateAtContent(start, basics, "Permission Manager manifest add-on");
  await contentToValues({ content, logo, values });
  await values.replaceText("pack:\n  namespace: Bad_NS\n");
  await expect(values.problems()).toContainText(
    "is not a valid Kubernetes namespace",
  );
  await values.next();
  await expect(values.errorSummary).toBeFocused();
  await expect(values.errorSummary.getByRole("link")).toHaveText([
    /pack\.namespace Bad_NS is not a valid Kubernetes namespace/,
  ]);
  await values.expectStep("Values");
  await values.replaceText("pack:\n  namespace: good-ns\n");
  await expect(values.problems()).not.toContainText(
    "is not a valid Kubernetes namespace",
  );
  await values.nextTo("Review");
});

test("Review: a manifest reference to a missing value links to the manifest's line", async ({
  start,
  basics,
  content,
  logo,
  values,
  review,
}) => {
  await newPackAtContent(start, basics, {
    addonType: "app services",
    name: "e2e-missing-value",
    displayName: "Missing value",
  });
  await content.addManifests([
    upload(
      "app.yaml",
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  tag: {{ .Values.image.tag | quote }}\n",
    ),
  ]);
  await expect(
    content.page.getByText(
      /values\.yaml now has them, with defaults, under manifests\.app/,
    ),
  ).toBeVisible();
  await contentToValues({ content, logo, values });
  // The user removes the value the manifest needs.
  await values.replaceText("pack:\n  namespace: app\n");
  await values.nextTo("Review");
  const finding = review.finding(
    /manifests\/app\.yaml uses image\.tag from \.Values/,
  );
  await expect(finding).toBeVisible();
  await finding
    .getByRole("button", { name: "Show manifests/app.yaml, line 6" })
    .click();
  // The focus goes to the file browser, scrolled into view (it went to the step's heading at the
  // top of the page, the viewer far below).
  await expect(
    review.page.getByRole("heading", { level: 3, name: "Files" }),
  ).toBeFocused();
  await expect(
    review.page.getByRole("heading", {
      level: 4,
      name: /manifests\/app\.yaml/,
    }),
  ).toBeInViewport();
  await expect(
    review.page.getByRole("textbox", {
      name: "Contents of manifests/app.yaml",
    }),
  ).toBeAttached();
});
