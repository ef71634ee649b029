// security.md's corrected path and YAML rows (issue 11 item 3): real packs that Palette accepts are
// read — braces, spaces and `@` in names, `templates/{values}/…` in a chart, a 2.4 MiB manifest — while
// every name the path row refuses is still refused with the same clear message, in the pack archive,
// in a dropped folder and inside a chart archive.
import { describe, expect, test } from "vitest";
import type { ArchiveError } from "../../src/pack/archive-error";
import { readChartArchive } from "../../src/pack/chart";
import { withLimits } from "../../src/pack/limits";
import { packFromEntries } from "../../src/pack/pack-files";
import { readPackArchive } from "../../src/pack/read-archive";
import type { Result } from "../../src/pack/result";
import { validatePack } from "../../src/pack/validate";
import { MiB, utf8 } from "../gen/bytes";
import { chartTgz, goodPackFiles, type Files } from "../gen/pack";
import { buildTarGz } from "../gen/tar";
import { buildZip } from "../gen/zip";
import { expectRefused } from "./expect-refused";

/** Names real charts ship (k10 has `templates/{values}/…`), with spaces and `@` besides. */
const CHART_EXTRA = {
  "templates/{values}/x.yaml": utf8("# rendered by Helm's tpl\n"),
  "templates/{{ .Release.Name }}.tpl": utf8("{{/* a helper */}}\n"),
  "files/dashboards/Node Exporter @ v1.json": utf8('{"title": "x"}\n'),
};
const PACK_EXTRA: [string, Uint8Array][] = [
  ["docs/Getting started.md", utf8("# Getting started\n")],
  ["docs/user@example notes (v2).txt", utf8("notes\n")],
  ["docs/café ünïcode & co.md", utf8("NFC\n")],
];

function realisticPack(): Files {
  const files = goodPackFiles({ chart: { extra: CHART_EXTRA } });
  for (const [p, b] of PACK_EXTRA) files.set(p, b);
  return files;
}

type Format = "zip" | "tar.gz" | "folder";
const FORMATS: readonly Format[] = ["zip", "tar.gz", "folder"];

function read(format: Format, files: Files): Result<Files, ArchiveError> {
  const entries = [...files].map(([name, data]) => ({
    name: `demo-app-1.2.3/${name}`,
    data,
  }));
  switch (format) {
    case "zip": {
      const r = readPackArchive(buildZip(entries), { name: "upload.zip" });
      return r.ok ? { ok: true, value: r.value.files } : r;
    }
    case "tar.gz": {
      const r = readPackArchive(buildTarGz(entries), {
        name: "upload.tar.gz",
      });
      return r.ok ? { ok: true, value: r.value.files } : r;
    }
    case "folder":
      return packFromEntries(
        entries.map((e) => ({ path: e.name, bytes: e.data })),
        withLimits(),
      );
  }
}

describe.each(FORMATS)("names Palette accepts (%s)", (format) => {
  test("braces, spaces and `@` in the pack and in its chart are read and validate", () => {
    const r = read(format, realisticPack());
    if (!r.ok) throw new Error(r.error.message);
    for (const [p, b] of PACK_EXTRA) expect(r.value.get(p)).toEqual(b);

    const report = validatePack(r.value);
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
    const chart = report.chartArchives.get("charts/demo-0.1.0.tgz");
    expect(chart).toBeDefined();
    for (const [p, b] of Object.entries(CHART_EXTRA))
      expect(chart!.files.get(p)).toEqual(b);
    expect(chart!.info.templates).toContain("templates/{values}/x.yaml");
  });
});

/** Each still-refused name, with the reason its message must give. */
const REFUSED: readonly [string, string, RegExp][] = [
  ["`%`", "docs/100%.md", /`%` is not allowed/],
  ["`%2e%2e` (never URL-decoded)", "%2e%2e/evil.txt", /`%` is not allowed/],
  ["a backslash", "docs\\evil.txt", /backslashes are not allowed/],
  [
    "a bidi override (U+202E)",
    "docs/readme\u202Egnp.md",
    /bidirectional override/,
  ],
  ["a control character (TAB)", "docs/a\tb.md", /control character/],
  ["a C1 control character (U+0085)", "docs/a\u0085b.md", /control character/],
  ["a zero-width space (format)", "docs/a\u200Bb.md", /U\+200B/],
  ["`..`", "docs/../../evil.txt", /`\.` and `\.\.` segments/],
  ["a leading space", "docs/ padded.md", /begin or end with a space/],
  ["a trailing space", "docs/padded .md ", /begin or end with a space/],
  ["`*`", "docs/a*b.md", /`\*` is not allowed/],
  ["`<`", "docs/a<b.md", /`<` is not allowed/],
  ["a colon", "docs/a:b.md", /colons are not allowed/],
];

describe.each(FORMATS)("names still refused (%s)", (format) => {
  test.each(REFUSED)("%s", (_title, name, why) => {
    const files = goodPackFiles();
    files.set(name, utf8("pwned\n"));
    // The tar writer cannot hold some names in a ustar header; a pax record carries them as written.
    const error = expectRefused(
      read(format, files),
      "unsafe-path",
      `demo-app-1.2.3/${name}`,
    );
    expect(error.message).toMatch(/^unsafe path `/);
    expect(error.message).toMatch(why);
  });
});

describe("inside a chart archive", () => {
  test.each(REFUSED)("%s is refused, naming the entry", (_title, name, why) => {
    const r = readChartArchive(
      chartTgz({ extra: { [`templates/${name}`]: utf8("x: 1\n") } }),
      { name: "charts/demo-0.1.0.tgz" },
    );
    const error = expectRefused(r, "unsafe-path", `demo/templates/${name}`);
    expect(error.message).toMatch(why);
  });

  test("an unsafe name inside a chart is a CHART_INVALID error naming the chart", () => {
    const files = goodPackFiles({
      chart: { extra: { "templates/a%2fb.yaml": utf8("x: 1\n") } },
    });
    const f = validatePack(files).findings.find(
      (x) => x.code === "CHART_INVALID",
    );
    // Reported where the chart is listed.
    expect(f).toMatchObject({ severity: "error", file: "pack.json" });
    expect(f!.message).toContain("chart `charts/demo-0.1.0.tgz`");
    expect(f!.message).toContain("unsafe path");
    expect(f!.message).toContain("a%2fb.yaml");
  });
});

describe("YAML sizes (security.md YAML row)", () => {
  const manifestPack = (manifest: Uint8Array, values?: string): Files => {
    const files = goodPackFiles({
      packJson: { kubeManifests: ["manifests/big.yaml"] },
      ...(values === undefined ? {} : { valuesYaml: values }),
    });
    files.set("manifests/big.yaml", manifest);
    return files;
  };
  /** A plain multi-document manifest of about `bytes` bytes (under 1,000 documents), as real CRD bundles are. */
  const manifestOf = (bytes: number): Uint8Array => {
    // CRD-shaped: nested mappings of plain scalars, about 4 KiB a document.
    const props = Array.from(
      { length: 60 },
      (_, k) =>
        `        field${k}:\n          type: string\n          description: Field ${k} of the spec.\n`,
    ).join("");
    const doc = (i: number) =>
      `---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: thing${i}.example.com\nspec:\n  schema:\n    openAPIV3Schema:\n      properties:\n${props}`;
    const one = doc(0).length;
    return utf8(
      Array.from({ length: Math.ceil(bytes / one) }, (_, i) => doc(i)).join(""),
    );
  };

  test("a 2.4 MiB plain manifest is parsed: a syntax error in it is still found, with its line", () => {
    const good = manifestOf(2.4 * MiB);
    expect(good.byteLength).toBeGreaterThan(2.4 * MiB);
    // One validation (the parse alone takes about 2 s here): the 2.4 MiB before the broken line
    // yield nothing, the broken line at its end is found, so the whole text was parsed.
    const broken = utf8(
      `${new TextDecoder().decode(good)}---\nkind: [unclosed\n`,
    );
    const report = validatePack(manifestPack(broken));
    const mine = report.findings.filter((f) => f.file === "manifests/big.yaml");
    expect(mine.length).toBeGreaterThan(0);
    const goodLines = new TextDecoder().decode(good).split("\n").length;
    for (const f of mine) {
      expect(f).toMatchObject({ code: "MANIFEST_SYNTAX", severity: "error" });
      expect(f.line).toBeGreaterThanOrEqual(goodLines);
    }
  });

  test("a 17 MiB plain manifest is a warning naming the file and the limit, and is not parsed", () => {
    // Broken on purpose: were it parsed, MANIFEST_SYNTAX would show.
    const big = utf8(
      `${new TextDecoder().decode(manifestOf(17 * MiB))}---\nkind: [unclosed\n`,
    );
    const report = validatePack(manifestPack(big));
    const mine = report.findings.filter((f) => f.file === "manifests/big.yaml");
    expect(mine).toEqual([
      expect.objectContaining({
        code: "MANIFEST_TOO_LARGE",
        severity: "warning",
        file: "manifests/big.yaml",
      }),
    ]);
    expect(mine[0]!.message).toMatch(
      /manifest `manifests\/big\.yaml` is 17(\.\d)? MiB: too large to check as YAML \(the limit is 16 MiB\)/,
    );
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  test("a values.yaml of 6 MiB is an error naming the 5 MiB limit", () => {
    const line = "key: value-value-value-value-value-value-value-value\n";
    const six = line.repeat(Math.ceil((6 * MiB) / line.length));
    const files = goodPackFiles({ valuesYaml: six });
    const f = validatePack(files).findings.filter(
      (x) => x.file === "values.yaml" && x.severity === "error",
    );
    expect(f).toEqual([
      expect.objectContaining({ code: "YAML_TOO_LARGE", file: "values.yaml" }),
    ]);
    expect(f[0]!.message).toMatch(/the limit is 5 MiB/);
  });

  test("a values.yaml of 4.9 MiB is parsed", () => {
    const head =
      "pack:\n  namespace: demo-app\ncharts:\n  demo:\n    replicaCount: 1\n";
    const blob = "x".repeat(Math.floor(0.98 * MiB));
    const body = [1, 2, 3, 4, 5].map((i) => `blob${i}: "${blob}"\n`).join("");
    expect(head.length + body.length).toBeGreaterThan(4.9 * MiB);
    const files = goodPackFiles({ valuesYaml: head + body });
    expect(
      validatePack(files).findings.filter(
        (x) => x.file === "values.yaml" && x.severity === "error",
      ),
    ).toEqual([]);
  });
});
