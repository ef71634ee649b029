import { expect, it } from "vitest";

import { flattenErrors } from "@/features/wizard/model/form-errors";

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
