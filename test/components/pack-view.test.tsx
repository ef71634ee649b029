import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

import { readSource } from "@/cli/read-source";
import { validatePack } from "@/pack/validate";

import type { OpenedPack } from "@/features/preview/types";
import { PackView } from "@/features/preview/components/pack-view";

// jsdom's import.meta.url is not a file URL: the fixtures are found from the project root.
async function openedPack(dir: string): Promise<OpenedPack> {
  const read = await readSource(join(process.cwd(), "test/fixtures", dir));
  if (!read.ok) throw new Error(read.error.message);
  const report = validatePack(read.value.files);
  return {
    files: read.value.files,
    findings: report.findings,
    images: report.images,
    source: { kind: "local", fileName: `${dir}.zip` },
  };
}

/** The pack page at `url`, as a link opens it. */
function renderAt(url: string, pack: OpenedPack) {
  window.history.replaceState(null, "", url);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <PackView pack={pack} />
    </QueryClientProvider>,
  );
}

afterEach(() => window.history.replaceState(null, "", "/"));

describe("PackView", () => {
  it("a link to a value path values.yaml lacks says so and names the part it shows", async () => {
    renderAt(
      "/open?file=values.yaml&path=charts.nope.x",
      await openedPack("pack-central/crossplane-2.3.0"),
    );
    const status = screen
      .getAllByRole("status")
      .find((s) => s.textContent?.includes("charts.nope.x"));
    expect(status?.textContent).toBe(
      "charts.nope.x is not in values.yaml: the view shows its nearest part, charts, instead.",
    );
    expect(
      [...(status?.querySelectorAll("code") ?? [])].map((c) => c.textContent),
    ).toEqual(["charts.nope.x", "charts"]);
  });

  it("a link to a value path that exists says nothing more", async () => {
    renderAt(
      "/open?file=values.yaml&path=charts.crossplane.replicas",
      await openedPack("pack-central/crossplane-2.3.0"),
    );
    expect(
      screen
        .queryAllByRole("status")
        .filter((s) => s.textContent?.includes("is not in")),
    ).toEqual([]);
  });

  // kyverno's only findings are two of severity info: one name for them in the header and the list.
  it("calls the info severity info in the header and in the findings list", async () => {
    const pack = await openedPack("pack-central/kyverno-1.12.2");
    expect(pack.findings.map((f) => f.severity)).toEqual(["info", "info"]);
    renderAt("/open?tab=findings", pack);
    expect(
      screen.getByRole("link", { name: "No problems found (2 info)" }),
    ).toBeDefined();
    const labels = within(screen.getByRole("region", { name: "Findings" }))
      .getAllByRole("listitem")
      .map((li) => li.querySelector(".finding__severity")?.textContent);
    expect(labels).toEqual(["Info", "Info"]);
  });
});
