import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { validatePack } from "@/pack/validate";

import type { OpenedPack } from "../types";
import { readPackMeta } from "../utils/pack-meta";
import { GetPack } from "./get-pack";

/*
 * A pack opened from disk with errors was offered as "ready for spectro pack push" (found by
 * trying the reviewer: two packs zipped side by side, 2 errors).
 */

/** The tutorial pack's files, read from disk (jsdom). */
function tutorial(): Map<string, Uint8Array> {
  const root = join(
    process.cwd(),
    "test/fixtures/tutorials/hello-universe-pack",
  );
  return new Map(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const abs = join(e.parentPath, e.name);
        return [abs.slice(root.length + 1), new Uint8Array(readFileSync(abs))];
      }),
  );
}

function opened(edit?: (f: Map<string, Uint8Array>) => void) {
  const files = tutorial();
  edit?.(files);
  const pack: OpenedPack = {
    files,
    findings: validatePack(files).findings,
    source: { kind: "local", fileName: "pack.zip" },
  };
  const meta = readPackMeta(files);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <GetPack pack={pack} meta={meta.ok ? meta.meta : null} />
    </QueryClientProvider>,
  );
}

describe("a local pack's downloads", () => {
  it("are ready to push when the pack has no error", () => {
    opened();
    expect(screen.queryByText(/This pack has \d+ errors?/)).toBeNull();
    expect(screen.getByText(/ready for/).textContent).toContain(
      "ready for spectro pack push",
    );
  });

  it("say the pack has errors and is refused, never ready to push", () => {
    opened((f) => f.delete("values.yaml"));
    expect(screen.getByText("This pack has 1 error")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain(
      "A registry and spectro pack push refuse it",
    );
    expect(screen.queryByText(/ready for/)).toBeNull();
    expect(screen.getByRole("button", { name: "Download .zip" })).toBeTruthy();
  });
});
