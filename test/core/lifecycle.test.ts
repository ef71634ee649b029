import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localToday, packLifecycle } from "../../src/pack/lifecycle";
import { FIXTURES, fixtureDirsOnDisk } from "../helpers/fixtures";

function fromFixture(dir: string) {
  const pj = JSON.parse(
    readFileSync(join(FIXTURES, dir, "pack.json"), "utf8"),
  ) as { annotations?: Record<string, unknown>; eol?: unknown };
  return {
    annotations: Object.entries(pj.annotations ?? {}).flatMap(([k, v]) =>
      typeof v === "string" ? [[k, v] as [string, string]] : [],
    ),
    ...(typeof pj.eol === "string" ? { eol: pj.eol } : {}),
  };
}

const TODAY = "2026-03-01";

describe("packLifecycle over the real fixtures", () => {
  it("marks argocd deprecated and appdynamics deleted, and no other fixture", () => {
    const marked = Object.fromEntries(
      fixtureDirsOnDisk().flatMap((dir) => {
        const l = packLifecycle(fromFixture(dir), TODAY);
        return l.state ? [[dir, l.state]] : [];
      }),
    );
    expect(marked).toEqual({
      "pack-central/argocd-3.26.7": "deprecated",
      "pack-central/appdynamics-collector-1.13.684": "deleted",
    });
  });

  it("reads a blank or single-space eol as no date", () => {
    // akuity-agent has eol " ", antrea has "".
    for (const dir of [
      "pack-central/akuity-agent-0.30.0-5.5.2026",
      "pack-central/antrea-1.9.0",
    ]) {
      const l = packLifecycle(fromFixture(dir), TODAY);
      expect(l).toEqual({
        state: null,
        reasons: [],
        eol: null,
        eolPassed: false,
      });
    }
  });

  it("names the annotation as the reason", () => {
    const l = packLifecycle(fromFixture("pack-central/argocd-3.26.7"), TODAY);
    expect(l.reasons).toEqual([
      "pack.json sets the annotation system_state: deprecated.",
    ]);
  });
});

describe("packLifecycle edge cases", () => {
  it.each([
    // [eol, state, eolPassed]
    ["2024-06-30", "deprecated", true],
    [" 2024-06-30 ", "deprecated", true],
    ["2026-02-28", "deprecated", true],
    // On the day itself it has not passed yet.
    ["2026-03-01", null, false],
    ["2028-04-30", null, false],
    ["", null, false],
    [" ", null, false],
    ["2024-02-30", null, false],
    ["30/06/2024", null, false],
    ["2024-6-30", null, false],
    ["soon", null, false],
  ] as const)("eol %j → %s", (eol, state, passed) => {
    const l = packLifecycle({ annotations: [], eol }, TODAY);
    expect(l.state).toBe(state);
    expect(l.eolPassed).toBe(passed);
  });

  it("keeps a future eol as a date without deprecating", () => {
    expect(
      packLifecycle({ annotations: [], eol: "2028-04-30" }, TODAY),
    ).toEqual({
      state: null,
      reasons: [],
      eol: "2028-04-30",
      eolPassed: false,
    });
  });

  it("gives both reasons when deprecated and past its eol; deleted wins", () => {
    const both = packLifecycle(
      { annotations: [["system_state", " Deprecated "]], eol: "2020-01-01" },
      TODAY,
    );
    expect(both.state).toBe("deprecated");
    expect(both.reasons).toHaveLength(2);
    expect(
      packLifecycle(
        { annotations: [["system_state", "deleted"]], eol: "2020-01-01" },
        TODAY,
      ).state,
    ).toBe("deleted");
    expect(
      packLifecycle({ annotations: [["system_state", "active"]] }, TODAY).state,
    ).toBeNull();
  });

  it("formats the local date", () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });
});
