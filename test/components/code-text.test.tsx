import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { CodeText } from "../../src/components/ui/code-text";
import { FindingsList } from "../../src/components/pack/findings-list";
import { validatePack } from "../../src/pack/validate";
import { join } from "node:path";

import { readSource } from "../../src/cli/read-source";

describe("CodeText", () => {
  it("renders each backticked part as <code>, without the backticks", () => {
    const { container } = render(
      <p>
        <CodeText text="image `nginx:1` is not in `pack.content.images`" />
      </p>,
    );
    expect(
      [...container.querySelectorAll("code")].map((c) => c.textContent),
    ).toEqual(["nginx:1", "pack.content.images"]);
    expect(container.textContent).toBe(
      "image nginx:1 is not in pack.content.images",
    );
  });

  it("keeps an unpaired backtick as written", () => {
    const { container } = render(
      <p>
        <CodeText text="a `b` c ` d" />
      </p>,
    );
    expect(container.querySelectorAll("code")).toHaveLength(1);
    expect(container.textContent).toBe("a b c ` d");
  });

  it("a real finding of the core shows no literal backticks in the findings list", async () => {
    // jsdom's import.meta.url is not a file URL: the fixture is found from the project root.
    const read = await readSource(
      join(
        process.cwd(),
        "test/fixtures/pack-central/permission-manager-1.0.0",
      ),
    );
    if (!read.ok) throw new Error(read.error.message);
    const files = read.value.files;
    // A file that should not ship gives a message with a backticked name.
    files.set(".DS_Store", new Uint8Array([0]));
    const report = validatePack(files);
    const ticked = report.findings.filter((f) => f.message.includes("`"));
    expect(ticked.length).toBeGreaterThan(0);
    const { container } = render(
      <FindingsList
        findings={ticked}
        headingLevel={3}
        actionFor={() => null}
        emptyText=""
      />,
    );
    expect(container.querySelector(".finding__message code")).not.toBeNull();
    for (const m of container.querySelectorAll(".finding__message"))
      expect(m.textContent).not.toContain("`");
  });
});
