import { readFileSync } from "node:fs";
import { join } from "node:path";

import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";

import { CheckboxGroup } from "./checkbox-group";

it("keeps each box its full size when its label wraps: the boxes never shrink in their row", () => {
  // The stylesheet as the browser gets it (vitest does not load CSS imports); jsdom applies it.
  // jsdom's import.meta.url is not a file URL: the file is found from the project root.
  const style = document.createElement("style");
  style.textContent = readFileSync(
    join(process.cwd(), "src/components/ui/checkbox-group.css"),
    "utf8",
  ).replace(/^@import .*$/m, "");
  document.head.append(style);
  try {
    render(
      <CheckboxGroup
        id="clouds"
        legend="Clouds"
        options={[
          { value: "all", label: "All clouds" },
          { value: "vsphere", label: "VMware vSphere (vsphere)" },
        ]}
        value={["all"]}
        onChange={() => {}}
      />,
    );
    for (const box of screen.getAllByRole("checkbox")) {
      expect(getComputedStyle(box.parentElement!).display).toBe("flex");
      expect(getComputedStyle(box).flexShrink).toBe("0");
    }
  } finally {
    style.remove();
  }
});
