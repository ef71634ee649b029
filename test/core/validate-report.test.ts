// validatePack's report: pack.json is typed only when it passed the schema, and an exception that
// is not an archive format problem (a bug) propagates instead of becoming "truncated or corrupt".
import { beforeAll, describe, expect, it } from "vitest";
import { readChart } from "../../src/pack/chart";
import { Budget } from "../../src/pack/limits";
import type { PackFiles } from "../../src/pack/pack-files";
import { readPackArchive } from "../../src/pack/read-archive";
import { validatePack } from "../../src/pack/validate";
import { loadFixture } from "../helpers/fixtures";
import { tarGzFiles } from "../gen/tar";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
let argo: PackFiles;
beforeAll(async () => {
  argo = await loadFixture("pack-central/argocd-3.26.7");
});

const withPackJson = (text: string | null): PackFiles => {
  const files = new Map(argo);
  if (text === null) files.delete("pack.json");
  else files.set("pack.json", enc(text));
  return files;
};

describe("the report's pack", () => {
  it("is a typed PackJson when pack.json passed the schema (argo-cd)", () => {
    const report = validatePack(argo);
    expect(report.packStatus).toBe("valid");
    if (report.packStatus !== "valid") return;
    // Typed: `name` is a string without a check.
    expect(report.pack.name.toUpperCase()).toBe("ARGO-CD");
  });

  it("is the raw object, marked invalid, when pack.json fails the schema", () => {
    const pj = JSON.parse(
      new TextDecoder().decode(argo.get("pack.json")),
    ) as Record<string, unknown>;
    const report = validatePack(
      withPackJson(JSON.stringify({ ...pj, version: 3 })),
    );
    expect(report.packStatus).toBe("invalid");
    expect(report.pack).toMatchObject({ name: "argo-cd", version: 3 });
    expect(report.findings).toContainEqual(
      expect.objectContaining({ code: "FIELD_TYPE", path: "version" }),
    );
  });

  it.each([
    ["missing", null, "PACK_JSON_MISSING"],
    ["not an object", "[1, 2]", "PACK_JSON_SYNTAX"],
    ["not JSON", "{ name: ", "PACK_JSON_SYNTAX"],
  ])("is null, marked missing, when pack.json is %s", (_what, text, code) => {
    const report = validatePack(withPackJson(text));
    expect(report.packStatus).toBe("missing");
    expect(report.pack).toBeNull();
    expect(report.findings).toContainEqual(expect.objectContaining({ code }));
  });
});

/** A budget with a bug: taking bytes throws what no archive can cause. */
class BrokenBudget extends Budget {
  override take(): boolean {
    throw new TypeError("a bug in the budget");
  }
}

describe("an exception that is not about the archive propagates", () => {
  it("from readChart", () => {
    const chart = argo.get("charts/argo-cd.tgz")!;
    expect(() =>
      readChart(chart, {
        name: "charts/argo-cd.tgz",
        budget: new BrokenBudget(1e9),
      }),
    ).toThrow(TypeError);
  });

  it("from readPackArchive", () => {
    const tgz = tarGzFiles(argo, { top: "argo-cd-3.26.7" });
    expect(() =>
      readPackArchive(tgz, {
        name: "argo.tar.gz",
        budget: new BrokenBudget(1e9),
      }),
    ).toThrow("a bug in the budget");
  });

  it("from validatePack, which reads the chart archives", () => {
    expect(() => validatePack(argo, { budget: new BrokenBudget(1e9) })).toThrow(
      "a bug in the budget",
    );
  });

  it("while a corrupt chart archive is still a finding", () => {
    const files = new Map(argo);
    const chart = files.get("charts/argo-cd.tgz")!;
    files.set("charts/argo-cd.tgz", chart.subarray(0, chart.length - 100));
    const report = validatePack(files);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        code: "CHART_INVALID",
        message: expect.stringContaining("truncated or corrupt"),
      }),
    );
  });
});
