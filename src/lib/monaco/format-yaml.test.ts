import { describe, expect, test } from "vitest";

import { formatYaml } from "./format-yaml";
import { formatYamlText } from "./format-yaml-text";
import { parseYamlLimited } from "@/pack/yaml-text";

describe("formatYaml", () => {
  test.each([
    {
      why: "re-indents, keeps comments and blank lines",
      input: "a:   1\n# about b\nb:\n    - x   # first\n    -  y\n\nc: 'q'\n",
      output: "a: 1\n# about b\nb:\n  - x # first\n  - y\n\nc: 'q'\n",
    },
    {
      why: "keeps every document of a stream",
      input: "a: 1\n---\nb:  2\n",
      output: "a: 1\n---\nb: 2\n",
    },
    {
      why: "keeps block scalars and flow collections",
      input: "a: |\n   text\n   more\nb: {x: 1}\n",
      output: "a: |\n  text\n  more\nb: { x: 1 }\n",
    },
    {
      why: "never folds a long line",
      input: `k: ${"word ".repeat(40).trim()}\n`,
      output: `k: ${"word ".repeat(40).trim()}\n`,
    },
    {
      why: "leaves comments-only text alone",
      input: "# only\n",
      output: "# only\n",
    },
    { why: "leaves empty text alone", input: "", output: "" },
  ])("$why", async ({ input, output }) => {
    await expect(formatYaml(input)).resolves.toBe(output);
  });

  test("is stable: formatting twice changes nothing", () => {
    const once = formatYamlText('a:\n    b:   [1,2]\n    c: "x"\n');
    expect(formatYamlText(once)).toBe(once);
  });

  test.each([
    ["a: b: c", /Nested mappings/],
    ["a: 1\na: 2\n", /appears twice/],
    ["a: [1, 2\n", /flow sequence|Missing|expected/i],
  ])(
    "rejects invalid YAML %j with the first problem",
    async (input, message) => {
      await expect(formatYaml(input)).rejects.toThrow(message);
    },
  );

  test.each([
    ["pack:\n  a: [1", 2],
    ["pack:\n  a: 1\nbad: [unclosed\ncharts:\n", 3],
    ["k: 'abc\n\nz: 1\n", 1],
  ])(
    "names the problem %j as the problem list does, on its line",
    (input, line) => {
      const [problem] = parseYamlLimited(input, "values.yaml").findings;
      expect(problem?.line).toBe(line);
      // The problem list's message without the file's name (the alert's title names it), and
      // without the parser's code excerpt.
      expect(() => formatYamlText(input)).toThrow(
        new Error(
          `${problem!.message.replace("values.yaml: ", "")} (line ${line})`,
        ),
      );
    },
  );

  test("refuses text over 2 MiB", () => {
    expect(() => formatYamlText(`a: ${"x".repeat(2 * 1024 * 1024)}`)).toThrow(
      /too large/,
    );
  });
});
