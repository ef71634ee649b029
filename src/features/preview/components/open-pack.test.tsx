import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { inPageWorkers } from "../../../../test/components/in-page-worker";

import { OpenPack } from "./open-pack";
import { PresetsTable } from "./presets-table";

// The page's pack worker runs the real handler in this thread (jsdom has no Worker).
inPageWorkers();

// jsdom's import.meta.url is not a file URL: the fixtures are found from the project root.
const fixtureFile = (path: string) =>
  readFileSync(join(process.cwd(), "test/fixtures", path));

// The core writes names in its messages between backticks; the page shows them as code.
describe("core messages with code on the preview pages", () => {
  it("a file that is no archive is named as code, without backticks", async () => {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <OpenPack />
      </QueryClientProvider>,
    );
    // A real pack's README, under an archive's name.
    const readme = new File(
      [fixtureFile("pack-central/crossplane-2.3.0/README.md")],
      "notarchive.zip",
    );
    await userEvent
      .setup()
      .upload(
        screen.getByLabelText("Pack archive (.zip, .tar.gz) or folder"),
        readme,
      );
    const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
    expect(alert.textContent).toContain("This pack cannot be opened");
    expect(alert.textContent).toContain("notarchive.zip is ");
    expect(alert.textContent).not.toContain("`");
    expect(
      [...alert.querySelectorAll("code")].map((c) => c.textContent),
    ).toContain("notarchive.zip");
  });

  it("a presets.yaml of the wrong shape names the shape as code", () => {
    // hello-universe's schema.yaml is valid YAML, but not a presets list.
    render(
      <PresetsTable
        files={
          new Map([
            [
              "presets.yaml",
              new Uint8Array(
                fixtureFile("pack-central/hello-universe-1.3.1/schema.yaml"),
              ),
            ],
          ])
        }
      />,
    );
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("presets.yaml does not have the shape");
    expect(alert.textContent).not.toContain("`");
    expect(alert.querySelector("code")?.textContent).toBe(
      "presets: [{name, displayName, group, add, remove}]",
    );
  });
});
