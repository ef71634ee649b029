import { describe, expect, it } from "vitest";

import { emptyValues } from "@/features/wizard/model/empty-values";
import {
  errorSteps,
  fieldId,
  findingTarget,
} from "@/features/wizard/model/finding-targets";
import type { Finding } from "@/pack/finding";

const f = (over: Partial<Finding>): Finding => ({
  code: "X",
  severity: "error",
  message: "m",
  ...over,
});

describe("findingTarget", () => {
  const v = emptyValues();
  v.annotations = [{ key: "source", value: "community" }];

  it.each([
    [
      { file: "pack.json", path: "version" },
      { kind: "field", step: "basics", field: "basics.version" },
    ],
    [
      { file: "pack.json", path: "cloudTypes.2" },
      { kind: "field", step: "basics", field: "basics.cloudTypes" },
    ],
    [
      { file: "pack.json", path: "annotations.source" },
      { kind: "field", step: "content", field: "annotations.0.value" },
    ],
    [
      { file: "pack.json", path: "charts.1" },
      { kind: "field", step: "content", field: "charts.1.path" },
    ],
    [
      { file: "pack.json", path: "kubeManifests.0" },
      { kind: "field", step: "content", field: "manifests.0.path" },
    ],
    [
      { file: "pack.json", path: "constraints.dependencies.0.type" },
      {
        kind: "field",
        step: "content",
        field: "constraints.dependencies.0.type",
      },
    ],
    [
      {
        file: "pack.json",
        path: "constraints.resources.1.components.0.replicaCountParamRef",
      },
      {
        kind: "field",
        step: "content",
        field: "constraints.resources.1.components.0.replicaCountParamRef",
      },
    ],
    [
      { file: "values.yaml", line: 4 },
      { kind: "text", step: "values", file: "values", line: 4 },
    ],
    [{ file: "README.md" }, { kind: "text", step: "values", file: "readme" }],
    [{ file: "logo.png" }, { kind: "field", step: "logo", field: "logo" }],
    [
      { file: "manifests/app.yaml", line: 3 },
      { kind: "file", step: "review", file: "manifests/app.yaml", line: 3 },
    ],
    [
      { file: "pack.json", path: "kubeVersion", line: 9 },
      { kind: "file", step: "review", file: "pack.json", line: 9 },
    ],
  ] as const)("%j", (finding, target) => {
    expect(findingTarget(f(finding), v)).toEqual(target);
  });

  it("sends typed OS annotations to their field", () => {
    const os = emptyValues();
    os.basics.layer = "os";
    os.basics.cloudTypes = ["aws"];
    expect(findingTarget(f({ path: "annotations.imageOwner" }), os)).toEqual({
      kind: "field",
      step: "content",
      field: "os.imageOwner",
    });
  });
});

it("errorSteps lists the steps with core errors only", () => {
  const v = emptyValues();
  const steps = errorSteps(
    [
      f({ file: "pack.json", path: "name" }),
      f({ file: "values.yaml", severity: "warning" }),
      f({ file: "manifests/a.yaml" }),
    ],
    v,
  );
  expect([...steps].sort()).toEqual(["basics", "content"]);
});

it("fieldId makes a DOM id from a form path", () => {
  expect(fieldId("constraints.dependencies.0.type")).toBe(
    "field-constraints-dependencies-0-type",
  );
});
