import { describe, expect, it } from "vitest";

import { renderReadme } from "@/pack/readme";

import { shiftHeadings } from "./shift-headings";

describe("shiftHeadings", () => {
  it("moves rendered headings down, capped at h6", () => {
    expect(shiftHeadings(renderReadme("# A\n## B\n##### E\n###### F"), 2)).toBe(
      "<h3>A</h3>\n<h4>B</h4>\n<h6>E</h6>\n<h6>F</h6>\n",
    );
  });

  it("leaves headings typed as raw HTML escaped", () => {
    const html = shiftHeadings(renderReadme("<h1 onclick=x>raw</h1>"), 2);
    expect(html).toBe("<p>&lt;h1 onclick=x&gt;raw&lt;/h1&gt;</p>\n");
  });
});
