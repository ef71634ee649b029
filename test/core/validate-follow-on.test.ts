// One finding per problem, at its own place: a repeated list entry, a file that did not parse, a
// broken preset, an archive of several packs and a chart archive nobody lists each say what is
// wrong once, without findings that only repeat it. Real fixture packs with small mutations.
import { beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/pack/finding";
import type { PackFiles } from "../../src/pack/pack-files";
import { readPackArchive } from "../../src/pack/read-archive";
import { validatePack } from "../../src/pack/validate";
import { noise } from "../gen/bytes";
import { chartTgz } from "../gen/pack";
import { tarGzBomb } from "../gen/bombs";
import { buildTarGz } from "../gen/tar";
import { fixtureChartArchives, loadFixture } from "../helpers/fixtures";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

let tutorial: PackFiles;
let hello: PackFiles;
let argo: PackFiles;
let sriov: PackFiles;
beforeAll(async () => {
  tutorial = await loadFixture("tutorials/hello-universe-pack");
  hello = await loadFixture("pack-central/hello-universe-1.3.1");
  argo = await loadFixture("pack-central/argocd-3.26.7");
  sriov = await loadFixture("pack-central/sr-iov-3.4.0");
});

/** A copy of `base` with pack.json fields set and files replaced (null removes one). */
function mutate(
  base: PackFiles,
  json: Record<string, unknown>,
  files: Record<string, string | Uint8Array | null> = {},
): PackFiles {
  const out = new Map(base);
  const pj = JSON.parse(dec(out.get("pack.json"))) as Record<string, unknown>;
  out.set("pack.json", enc(JSON.stringify({ ...pj, ...json }, null, 2)));
  for (const [p, v] of Object.entries(files)) {
    if (v === null) out.delete(p);
    else out.set(p, typeof v === "string" ? enc(v) : v);
  }
  return out;
}

const findings = (files: PackFiles): Finding[] => validatePack(files).findings;
const ofCode = (files: PackFiles, code: string): Finding[] =>
  findings(files).filter((f) => f.code === code);
/** The line of the n-th (0-based) line holding `needle` in a text. */
const lineOf = (text: string, needle: string, nth = 0): number => {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  return text.slice(0, at).split("\n").length;
};

describe("a charts or kubeManifests entry listed twice", () => {
  // The tutorial's one manifest uses `.Values.tag` at line 33; values.yaml without it.
  const withoutTag = (): string =>
    dec(tutorial.get("values.yaml")).replace("    tag: 1.2.0", "");

  it("is one REF_DUPLICATE at the second mention, and its manifest is checked once", () => {
    const manifest = "manifests/hello-universe.yaml";
    const files = mutate(
      tutorial,
      { kubeManifests: [manifest, manifest, manifest] },
      { "values.yaml": withoutTag() },
    );
    const dup = ofCode(files, "REF_DUPLICATE");
    expect(dup).toHaveLength(1);
    const pj = dec(files.get("pack.json"));
    expect(dup[0]).toMatchObject({
      severity: "warning",
      file: "pack.json",
      path: "kubeManifests.1",
      line: lineOf(pj, manifest, 1),
    });
    expect(dup[0]!.message).toContain(`\`${manifest}\` 3 times`);
    expect(dup[0]!.message).toContain(`first on line ${lineOf(pj, manifest)}`);
    expect(ofCode(files, "MANIFEST_VALUE_MISSING")).toHaveLength(1);
  });

  it("repeats no finding about a chart listed twice (argo-cd)", () => {
    const chart = "charts/argo-cd.tgz";
    const files = mutate(argo, { charts: [chart, chart] });
    const report = validatePack(files);
    expect(report.charts.map((c) => c.path)).toEqual([chart]);
    const keys = report.findings.map((f) => JSON.stringify(f));
    expect(new Set(keys).size).toBe(keys.length);
    expect(report.findings.filter((f) => f.code === "REF_DUPLICATE")).toEqual([
      expect.objectContaining({ file: "pack.json", path: "charts.1" }),
    ]);
  });

  it("reports a missing entry listed twice as missing once", () => {
    const files = mutate(tutorial, {
      kubeManifests: ["manifests/nope.yaml", "manifests/nope.yaml"],
    });
    expect(ofCode(files, "REF_MISSING")).toHaveLength(1);
    expect(ofCode(files, "REF_DUPLICATE")).toHaveLength(1);
  });

  it("checks an Ansible role listed twice once", () => {
    const files = mutate(tutorial, { ansibleRoles: ["harden", "harden"] });
    expect(ofCode(files, "ANSIBLE_ROLE_MISSING")).toHaveLength(1);
    expect(ofCode(files, "REF_DUPLICATE")).toHaveLength(1);
  });
});

describe("checks that need parsed values skip a values or presets file that did not parse", () => {
  const appended = (files: PackFiles, file: string, text: string): string =>
    `${dec(files.get(file))}\n${text}`;
  const BROKEN = "broken: [unclosed\n";
  const DEEP = `deep: ${"[".repeat(150)}${"]".repeat(150)}\n`;

  it.each([
    [
      "tutorial, values.yaml VALUES_SYNTAX",
      () => tutorial,
      "values.yaml",
      BROKEN,
      "VALUES_SYNTAX",
    ],
    [
      "tutorial, values.yaml YAML_TOO_DEEP",
      () => tutorial,
      "values.yaml",
      DEEP,
      "YAML_TOO_DEEP",
    ],
    [
      "sr-iov (3 templated manifests), values.yaml VALUES_SYNTAX",
      () => sriov,
      "values.yaml",
      BROKEN,
      "VALUES_SYNTAX",
    ],
    [
      "hello-universe 1.3.1 (values from presets, schema.yaml), presets.yaml PRESETS_SYNTAX",
      () => hello,
      "presets.yaml",
      BROKEN,
      "PRESETS_SYNTAX",
    ],
  ])("%s", (_, base, file, text, code) => {
    const files = mutate(base(), {}, { [file]: appended(base(), file, text) });
    const found = findings(files).map((f) => f.code);
    expect(found).toContain(code);
    expect(found).not.toContain("MANIFEST_VALUE_MISSING");
    // Only a pack with a schema.yaml could report a schema path (hello-universe's row).
    if (files.has("schema.yaml"))
      expect(found).not.toContain("SCHEMA_PATH_UNKNOWN");
  });

  it("values.yaml that is not a mapping is not read for manifest values either", () => {
    const files = mutate(tutorial, {}, { "values.yaml": "- a\n- b\n" });
    const found = findings(files).map((f) => f.code);
    expect(found).toContain("VALUES_NOT_MAPPING");
    expect(found).not.toContain("MANIFEST_VALUE_MISSING");
  });

  it("one preset whose add does not parse: its values may be the missing ones", () => {
    // hello-universe 1.3.1 takes dbPassword and more from the enable-api preset only.
    const presets = dec(hello.get("presets.yaml")).replace(
      "          apiEnabled: true\n",
      "          apiEnabled: [true\n",
    );
    const files = mutate(hello, {}, { "presets.yaml": presets });
    const found = findings(files).map((f) => f.code);
    expect(found).toContain("PRESETS_INVALID");
    expect(found).not.toContain("MANIFEST_VALUE_MISSING");
    // Only a pack with a schema.yaml could report a schema path (hello-universe's row).
    if (files.has("schema.yaml"))
      expect(found).not.toContain("SCHEMA_PATH_UNKNOWN");
  });

  it("still reports a value missing from values.yaml that parses", () => {
    const files = mutate(
      tutorial,
      {},
      {
        "values.yaml": dec(tutorial.get("values.yaml")).replace(
          "    tag: 1.2.0",
          "",
        ),
      },
    );
    expect(ofCode(files, "MANIFEST_VALUE_MISSING")).toHaveLength(1);
  });
});

describe("presets.yaml: every preset's problems, each at its own line", () => {
  const PRESETS = [
    "presets:",
    "  - name: a", // 2
    "    displayName: A",
    "    group: G",
    '    remove: "notalist"', // 5
    "    add: |", // 6
    "      manifests:",
    "        hello-universe:",
    '          tag: "2"',
    "  - name: b", // 10
    "    displayName: B",
    "    group: G",
    "    remove: [nope.path]", // 13
    "    add: |", // 14
    "      manifests:",
    "        hello-universe:",
    "          tag: [2", // 17
    "  - name: a", // 18
    "    displayName: A again",
    "    group: G",
    "  - just a string", // 21
    "",
  ].join("\n");

  it("a bad remove hides neither a later bad add nor a repeated name", () => {
    const files = mutate(tutorial, {}, { "presets.yaml": PRESETS });
    const got = findings(files)
      .filter((f) => f.file === "presets.yaml")
      .map((f) => [f.code, f.line, f.path]);
    expect(got).toEqual([
      ["PRESETS_INVALID", 5, "presets.0.remove"],
      ["PRESETS_INVALID", 17, "presets.1.add"],
      ["PRESETS_INVALID", 18, "presets.2.name"],
      ["PRESETS_INVALID", 21, "presets.3"],
      ["PRESET_REMOVE_UNRESOLVED", 13, "presets.1.remove.0"],
    ]);
    const messages = findings(files).map((f) => f.message);
    expect(messages).toContain(
      "preset `a`: `remove` must be a list of dotted value paths (`remove: []` for none)",
    );
    expect(messages).toContain(
      "preset name `a` is used twice (first on line 2): give each preset its own name",
    );
  });

  it("an add that is not a block is reported at its add: line (hello-universe 1.3.1)", () => {
    const presets = dec(hello.get("presets.yaml")).replace(
      /add: \|\n(?: {6}.*\n)+/,
      'add: "a: [b"\n',
    );
    const files = mutate(hello, {}, { "presets.yaml": presets });
    const add = ofCode(files, "PRESETS_INVALID");
    expect(add).toHaveLength(1);
    expect(add[0]).toMatchObject({
      path: "presets.0.add",
      line: lineOf(presets, 'add: "a: [b"'),
    });
    expect(add[0]!.message).toMatch(
      /^preset `disable-api`: its `add` text is not valid YAML \(/,
    );
  });
});

describe("an archive with several top folders and no pack.json at its root", () => {
  const nest = (top: string, files: PackFiles) =>
    [...files].map(([p, data]) => ({ name: `${top}/${p}`, data }));

  it("says which top folders it holds and where a pack archive keeps its files", () => {
    const archive = buildTarGz([
      ...nest("a", tutorial),
      ...nest("b", sriov),
      ...nest("c", hello),
      ...nest("d", hello),
    ]);
    const read = readPackArchive(archive, { name: "two.tar.gz" });
    if (!read.ok) throw new Error(read.error.message);
    const missing = ofCode(read.value.files, "PACK_JSON_MISSING");
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toBe(
      "pack.json is missing at the root: the files sit in 4 top folders (`a/`, `b/`, `c/` and 1 more), with `a/pack.json`, `b/pack.json`, `c/pack.json` and 1 more, and none at the root. A pack archive holds its files at its root or inside one top folder: archive each pack on its own",
    );
  });

  it("names a pack.json one folder too deep", () => {
    const read = readPackArchive(buildTarGz(nest("outer/inner", tutorial)));
    if (!read.ok) throw new Error(read.error.message);
    // The one top folder `outer/` is removed; pack.json is still in `inner/`.
    expect(ofCode(read.value.files, "PACK_JSON_MISSING")[0]!.message).toBe(
      "pack.json is missing at the root; there is `inner/pack.json`: every pack needs it at its root, so move the pack's files up to the top",
    );
  });

  it("keeps the plain message when no other pack.json is there", () => {
    const files = new Map(tutorial);
    files.delete("pack.json");
    expect(ofCode(files, "PACK_JSON_MISSING")[0]!.message).toBe(
      "pack.json is missing: every pack needs it at its root",
    );
  });
});

describe("a chart archive pack.json lists that cannot be read", () => {
  it.each([
    ["noise", noise(4096), "its bytes are not a gzip archive"],
    ["a PNG", null, "it is a PNG image"],
    ["an empty file", new Uint8Array(), "it is an empty file"],
  ])(
    "%s: one error saying what it is, naming it once",
    async (_, bytes, why) => {
      const crossplane = await loadFixture("pack-central/crossplane-2.3.0");
      const files = new Map(crossplane);
      files.set(
        "charts/crossplane-2.3.0.tgz",
        bytes ?? crossplane.get("logo.png")!,
      );
      expect(ofCode(files, "CHART_INVALID").map((f) => f.message)).toEqual([
        `\`charts/crossplane-2.3.0.tgz\` is not a Helm chart: ${why}`,
      ]);
    },
  );
});

describe("a chart archive under charts/ that pack.json does not list", () => {
  it("is a warning naming it when it is not a chart archive at all", () => {
    const files = new Map(argo);
    files.set("charts/leftover-1.0.0.tgz", noise(4096));
    files.set("charts/empty.tgz", new Uint8Array());
    const found = ofCode(files, "CHART_UNLISTED_INVALID");
    expect(found.map((f) => [f.severity, f.file])).toEqual([
      ["warning", "charts/empty.tgz"],
      ["warning", "charts/leftover-1.0.0.tgz"],
    ]);
    expect(found[1]!.message).toBe(
      "`charts/leftover-1.0.0.tgz` is not a Helm chart: its bytes are not a gzip archive. pack.json's `charts` does not list it, so Palette would ship it unused: delete it, or replace it with the chart archive and list it",
    );
  });

  it("says nothing of a readable one, nor of archives inside an unpacked chart folder", () => {
    const files = new Map(argo);
    files.set("charts/copy.tgz", argo.get("charts/argo-cd.tgz")!);
    files.set("charts/argo-cd/charts/sub-1.0.0.tgz", noise(512));
    expect(ofCode(files, "CHART_UNLISTED_INVALID")).toEqual([]);
  });

  // It was read only as far as its Chart.yaml, so what came after passed unseen: an archive cut
  // short, an entry outside the chart's folder, a credential. It ships with the pack all the
  // same, so it is read whole, as a listed chart is, and each problem is a warning.
  it("is a warning when it is cut short after its Chart.yaml (argo-cd's chart)", () => {
    const chart = argo.get("charts/argo-cd.tgz")!;
    const files = new Map(argo);
    files.set("charts/argo-cd-old.tgz", chart.subarray(0, chart.length - 100));
    const found = ofCode(files, "CHART_UNLISTED_INVALID");
    expect(found.map((f) => [f.severity, f.file])).toEqual([
      ["warning", "charts/argo-cd-old.tgz"],
    ]);
    expect(found[0]!.message).toMatch(
      /^`charts\/argo-cd-old\.tgz` is truncated or corrupt .*pack\.json's `charts` does not list it/,
    );
  });

  // Unsafe to extract, it is refused: the registry would hand it to everyone who pulls the pack
  // (security.md: the path rules cover files inside chart archives; bombs are refused).
  it("is an error when an entry after its Chart.yaml leaves the chart's folder", () => {
    // Past the first stretch the reader expands, where a read that stops at Chart.yaml ends.
    const chart = chartTgz({
      name: "old",
      extra: { "files/blob.bin": noise(512 * 1024) },
      extraEntries: [{ name: "../../etc/cron.d/evil", data: enc("x") }],
    });
    const files = new Map(argo).set("charts/old-1.0.0.tgz", chart);
    expect(ofCode(files, "CHART_UNLISTED_INVALID")).toEqual([]);
    const found = ofCode(files, "CHART_UNLISTED_UNSAFE");
    expect(found.map((f) => [f.severity, f.file])).toEqual([
      ["error", "charts/old-1.0.0.tgz"],
    ]);
    expect(found[0]!.message).toBe(
      "`charts/old-1.0.0.tgz`: unsafe path `../../etc/cron.d/evil`: `.` and `..` segments are not allowed. pack.json's `charts` does not list it, but it ships with the pack and is unsafe to extract: delete it",
    );
  });

  it("is an error when it holds a link, or expands like a bomb", () => {
    const link = chartTgz({
      name: "linked",
      extraEntries: [
        { name: "linked/templates/l", type: "2", linkname: "/etc/passwd" },
      ],
    });
    const files = new Map(argo)
      .set("charts/linked-1.0.0.tgz", link)
      .set(
        "charts/bomb-1.0.0.tgz",
        tarGzBomb(600, { entryName: "bomb/zeros.bin" }),
      );
    const found = ofCode(files, "CHART_UNLISTED_UNSAFE");
    expect(found.map((f) => [f.severity, f.file])).toEqual([
      ["error", "charts/bomb-1.0.0.tgz"],
      ["error", "charts/linked-1.0.0.tgz"],
    ]);
    expect(found[1]!.message).toContain("templates/l");
  });

  it("has its credentials reported as a listed chart's are (ambassador's TLS key, in a copy)", async () => {
    const ambassador = await loadFixture("pack-central/ambassador-6.6.0");
    const files = new Map(ambassador).set(
      "charts/ingress-ambassador-old.tgz",
      ambassador.get("charts/ingress-ambassador.tgz")!,
    );
    const inArchive = (archive: string): string[] =>
      findings(files)
        .filter((f) => f.file?.startsWith(`${archive}/`))
        .map((f) => `${f.code} ${f.file!.slice(archive.length)}:${f.line}`);
    expect(inArchive("charts/ingress-ambassador-old.tgz")).toEqual(
      inArchive("charts/ingress-ambassador.tgz"),
    );
    expect(inArchive("charts/ingress-ambassador-old.tgz")).toEqual([
      "SECRET_MANIFEST_DATA /ci/tests/manifests/tls.yaml:4",
      "SECRET_PRIVATE_KEY /ci/tests/manifests/tls.yaml:5",
      "SECRET_MANIFEST_DATA /templates/projects.yaml:264",
      "SECRET_PRIVATE_KEY /templates/projects.yaml:292",
    ]);
  });

  it("is not installed: karpenter's unlisted CRD chart is read but kept out of charts, archives and images", async () => {
    const karpenter = await loadFixture("pack-central/karpenter-1.5.1");
    expect(karpenter.has("charts/karpenter-crd-1.5.1.tgz")).toBe(true);
    const report = validatePack(karpenter);
    expect(
      report.findings.filter((f) => f.file?.includes("karpenter-crd")),
    ).toEqual([]);
    expect(report.charts.map((c) => c.path)).toEqual([
      "charts/karpenter-1.5.1.tgz",
    ]);
    expect([...report.chartArchives.keys()]).toEqual([
      "charts/karpenter-1.5.1.tgz",
    ]);
    const without = new Map(karpenter);
    without.delete("charts/karpenter-crd-1.5.1.tgz");
    expect(report.images).toEqual(validatePack(without).images);
    const taken: string[] = [];
    validatePack(karpenter, { takeChart: (path) => taken.push(path) });
    expect(taken).toEqual(["charts/karpenter-1.5.1.tgz"]);
  });

  it("passes every real chart archive of the fixtures when it is not listed", async () => {
    for (const [dir, path] of fixtureChartArchives()) {
      const pack = await loadFixture(`pack-central/${dir}`);
      const files = new Map(pack);
      files.set("charts/unlisted-copy.tgz", pack.get(path)!);
      expect(ofCode(files, "CHART_UNLISTED_INVALID"), `${dir} ${path}`).toEqual(
        [],
      );
    }
  });
});
