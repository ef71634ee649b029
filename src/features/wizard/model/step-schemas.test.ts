import { describe, expect, it } from "vitest";

import { emptyValues } from "@/features/wizard/model/empty-values";
import {
  firstYamlError,
  NAME_RULE_TEXT,
  STEP_SCHEMAS,
} from "@/features/wizard/model/step-schemas";
import { OCI_NAME } from "@/pack/schemas";

const basics = (over: Partial<ReturnType<typeof emptyValues>["basics"]>) => {
  const v = emptyValues();
  v.basics = {
    ...v.basics,
    name: "my-app",
    displayName: "My App",
    addonType: "monitoring",
    ...over,
  };
  return v;
};
const issues = (
  v: ReturnType<typeof emptyValues>,
  step: keyof typeof STEP_SCHEMAS = "basics",
) => {
  const r = STEP_SCHEMAS[step].safeParse(v);
  return r.success
    ? []
    : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("basics step", () => {
  it.each([
    ["a valid add-on", {}, []],
    ["a leading v", { version: "v1.2.3" }, ["basics.version"]],
    ["a + in the version", { version: "1.2.3+build" }, ["basics.version"]],
    ["an upper-case name", { name: "My-App" }, ["basics.name"]],
    // A warning of the core for an OCI registry, an error for the others: the core's report
    // blocks it then (step-rules.test.ts), not the schema.
    ["no addonType on an add-on", { addonType: "" }, []],
    ["no addonType on a csi pack", { layer: "csi", addonType: "" }, []],
    ["no cloud", { cloudTypes: [] }, ["basics.cloudTypes"]],
    ["all plus another cloud", { cloudTypes: ["all", "aws"] }, []],
    // pack-format §H rule 11: a warning, shown under the field from the core's findings.
    ["an eol that is not a date", { eol: "next year" }, []],
    ["a 2-part version (advice only)", { version: "1.5" }, []],
  ])("%s", (_, over, expected) => {
    expect(issues(basics(over)).map((i) => i.split(":")[0])).toEqual(expected);
  });

  // The Name field's hint and its error say NAME_RULE_TEXT: each claim of the words is the rule's.
  it.each([
    ["my-app", true, "a dash between"],
    ["my.app", true, "a dot between"],
    ["my_app", true, "an underscore between"],
    ["app2", true, "digits"],
    ["-app", false, "a separator at the start"],
    ["app_", false, "a separator at the end"],
    ["my app", false, "a space"],
    ["my+app", false, "another character"],
    ["My-app", false, "upper case"],
  ])("the name %s: %s (%s)", (name, ok) => {
    expect(OCI_NAME.test(name)).toBe(ok);
    expect(issues(basics({ name }))).toEqual(
      ok ? [] : [`basics.name: Use ${NAME_RULE_TEXT}, e.g. my-app`],
    );
  });

  it("names every separator the name rule allows", () => {
    for (const separator of ["-", ".", "_"]) {
      expect(OCI_NAME.test(`my${separator}app`)).toBe(true);
      expect(NAME_RULE_TEXT.split(/[\s,]+/)).toContain(separator);
    }
  });

  it("explains the problem in words", () => {
    expect(issues(basics({ version: "v1.0.0" }))[0]).toContain(
      "without a leading v",
    );
  });
});

describe("content step", () => {
  it("lets a pack without chart or manifest through (the core does not call it an error)", () => {
    expect(issues(basics({}), "content")).toEqual([]);
  });

  it("checks dependency rows", () => {
    const v = basics({});
    v.manifests = [{ blob: "a", path: "manifests/app.yaml" }];
    v.constraints.dependencies = [
      {
        packName: "",
        layer: "k8s",
        type: "sometimes",
        minVersion: "",
        maxVersion: "",
      },
    ];
    expect(issues(v, "content").map((i) => i.split(":")[0])).toEqual([
      "constraints.dependencies.0.packName",
      "constraints.dependencies.0.type",
    ]);
  });

  it("leaves the OS image annotations to the core's warnings (pack-format §H rule 26)", () => {
    const v = basics({ layer: "os", cloudTypes: ["vsphere"] });
    v.os = { ...v.os, vsphereSource: "ova", imageId: "http://x/y.ova" };
    expect(issues(v, "content")).toEqual([]);
  });
});

describe("values step", () => {
  it("blocks on YAML that does not parse, naming the line", () => {
    const v = emptyValues();
    v.files.values = "pack:\n  namespace: [unclosed\n";
    expect(issues(v, "values")[0]).toMatch(/^files\.values: .*line \d/);
    v.files.values = "pack:\n  namespace: ok\n";
    expect(issues(v, "values")).toEqual([]);
  });

  it("parses a text once however often the step status asks (every render of every step)", () => {
    const broken = "pack:\n  namespace: [unclosed\n";
    const first = firstYamlError(broken, "values.yaml");
    expect(first?.line).toBeGreaterThan(0);
    // The very same finding: the answer was kept, not parsed again.
    expect(firstYamlError(broken, "values.yaml")).toBe(first);
    // Another text (or another file) is parsed; the answer follows the text.
    expect(firstYamlError("pack: {}\n", "values.yaml")).toBeUndefined();
    expect(firstYamlError(broken, "presets.yaml")?.file).toBe("presets.yaml");
    expect(firstYamlError(broken, "values.yaml")).not.toBe(first);
    expect(firstYamlError(broken, "values.yaml")).toEqual(first);
  });
});

describe("a version or name that is refused says what to change first", () => {
  it.each([
    [
      "1".repeat(129),
      "basics.version: Keep the version to 128 characters (it has 129): it becomes an OCI tag",
    ],
    [
      "-1.0.0",
      "basics.version: Start the version with a letter or digit (e.g. 1.0.0), not `-`: it becomes an OCI tag",
    ],
    [
      ".1.0",
      "basics.version: Start the version with a letter or digit (e.g. 1.0.0), not `.`: it becomes an OCI tag",
    ],
    [
      " 1.0.0",
      "basics.version: Remove the space at the start or end of the version",
    ],
    [
      "1.0.0+build",
      "basics.version: Use letters, digits, dots, dashes and underscores only (no + or spaces): the version becomes an OCI tag",
    ],
  ])("version %j", (version, message) => {
    expect(issues(basics({ version }))).toEqual([message]);
  });

  it("a name with a space at either end says so", () => {
    expect(issues(basics({ name: "my-app " }))).toEqual([
      "basics.name: Remove the space at the start or end of the name",
    ]);
    expect(issues(basics({ name: "My-App" }))).toEqual([
      `basics.name: Use ${NAME_RULE_TEXT}, e.g. my-app`,
    ]);
  });
});
