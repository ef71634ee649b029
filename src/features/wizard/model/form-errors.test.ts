import { expect, it } from "vitest";

import { emptyValues } from "@/features/wizard/model/empty-values";
import {
  flattenErrors,
  summaryErrors,
  textFileError,
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
  const v = emptyValues();
  v.files.values = [...Array(24).fill("# filler"), "foo: bar: baz", ""].join(
    "\n",
  );
  v.files.presets = "presets: []\n";
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
  expect(summaryErrors(errors as never, v).map((e) => e.id)).toEqual([
    "field-basics-name",
    "field-files-values-line-25",
    "field-files-presets",
  ]);
  expect(textLineId("files.values", 25)).toBe("field-files-values-line-25");
});

it("takes the line from the finding, not from numbers in the message's words", () => {
  // The duplicate key is on line 3; its name, quoted in the message, reads like another line.
  const v = emptyValues();
  v.files.values = 'pack: {}\n"x (line 9)": 1\n"x (line 9)": 2\n';
  const finding = textFileError("files.values", v);
  expect(finding?.line).toBe(3);
  expect(finding?.message).toContain("(line 9)");
  // The message as it might reach the summary with no line of its own, or worded otherwise.
  for (const message of [finding!.message, "values.yaml: (line 9)"]) {
    const errors = { files: { values: { type: "custom", message } } };
    expect(summaryErrors(errors as never, v).map((e) => e.id)).toEqual([
      "field-files-values-line-3",
    ]);
  }
  // README.md is no YAML: its errors link to its editor, with no parse.
  expect(textFileError("files.readme", v)).toBeUndefined();
});
