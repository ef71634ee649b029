import { expect, it } from "vitest";

import {
  flattenErrors,
  summaryErrors,
  textLineId,
} from "@/features/wizard/model/form-errors";

it("flattens nested and array errors in order", () => {
  const errors = {
    basics: { name: { type: "custom", message: "Enter a name" } },
    constraints: {
      dependencies: [
        undefined,
        { type: { type: "custom", message: "Choose a type" } },
      ],
    },
    charts: { type: "custom", message: "Add a chart", root: undefined },
  };
  expect(flattenErrors(errors as never)).toEqual([
    { path: "basics.name", message: "Enter a name" },
    { path: "constraints.dependencies.1.type", message: "Choose a type" },
    { path: "charts", message: "Add a chart" },
  ]);
});

it("links a text file's error with a line to that line of its editor, others to their field", () => {
  const errors = {
    basics: { name: { type: "custom", message: "Enter a name" } },
    files: {
      values: {
        type: "custom",
        message: "values.yaml: Nested mappings are not allowed (line 25)",
      },
      presets: { type: "custom", message: "presets.yaml does not parse" },
    },
  };
  expect(summaryErrors(errors as never).map((e) => e.id)).toEqual([
    "field-basics-name",
    "field-files-values-line-25",
    "field-files-presets",
  ]);
  expect(textLineId("files.values", 25)).toBe("field-files-values-line-25");
});
