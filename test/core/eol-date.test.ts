import { beforeAll, describe, expect, it } from "vitest";
import { packLifecycle } from "../../src/pack/lifecycle";
import type { PackFiles } from "../../src/pack/pack-files";
import { validatePack } from "../../src/pack/validate";
import { loadFixture } from "../helpers/fixtures";

let tutorial: PackFiles;
beforeAll(async () => {
  tutorial = await loadFixture("tutorials/hello-universe-pack");
});

/** The tutorial pack's EOL_FORMAT warning with pack.json's eol set to `eol`, or undefined. */
function eolWarning(eol: string): string | undefined {
  const files = new Map(tutorial);
  const pj = JSON.parse(
    new TextDecoder().decode(files.get("pack.json")),
  ) as Record<string, unknown>;
  files.set(
    "pack.json",
    new TextEncoder().encode(JSON.stringify({ ...pj, eol })),
  );
  const f = validatePack(files).findings.find((x) => x.code === "EOL_FORMAT");
  expect(f?.severity ?? "warning").toBe("warning");
  return f?.message;
}

describe("pack.json eol (pack-format §H rule 11)", () => {
  it.each([
    // [eol, the warning, or undefined for none]
    ["2028-04-30", undefined],
    ["2028-02-29", undefined],
    ["2000-02-29", undefined],
    ["", undefined],
    [" ", undefined],
    ["2028-02-31", "eol `2028-02-31` is not a date: February 2028 has 29 days"],
    ["2027-02-29", "eol `2027-02-29` is not a date: February 2027 has 28 days"],
    ["2100-02-29", "eol `2100-02-29` is not a date: February 2100 has 28 days"],
    ["2028-04-31", "eol `2028-04-31` is not a date: April 2028 has 30 days"],
    ["2028-13-45", "eol `2028-13-45` is not a date: there is no month 13"],
    ["2028-00-10", "eol `2028-00-10` is not a date: there is no month 00"],
    ["2028-05-00", "eol `2028-05-00` is not a date: there is no day 00"],
    ["30/04/2028", "eol `30/04/2028` is not a date written YYYY-MM-DD"],
    ["2028-4-30", "eol `2028-4-30` is not a date written YYYY-MM-DD"],
  ])("%j: %s", (eol, message) => {
    expect(eolWarning(eol)).toBe(message);
  });

  it("the lifecycle reads as a date exactly the eols validation does not warn about", () => {
    for (const eol of [
      "2028-04-30",
      "2028-02-29",
      "2028-02-31",
      "2027-02-29",
      "2028-13-45",
      "2028-05-00",
      "30/04/2028",
    ]) {
      const date = packLifecycle({ annotations: [], eol }, "2026-03-01").eol;
      expect(date === null, eol).toBe(eolWarning(eol) !== undefined);
    }
  });
});
