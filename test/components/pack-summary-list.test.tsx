import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

import { readSource } from "@/cli/read-source";
import type { OpenFile } from "@/components/pack/file-link";
import type { PackFiles } from "@/pack/pack-files";

import { readPackMeta } from "@/features/preview/utils/pack-meta";
import { PackSummaryList } from "@/features/preview/components/pack-summary-list";

// jsdom's import.meta.url is not a file URL: the fixtures are found from the project root.
const fixture = (...parts: string[]) =>
  join(process.cwd(), "test/fixtures", ...parts);

async function fixturePack(dir: string): Promise<PackFiles> {
  const read = await readSource(fixture(dir));
  if (!read.ok) throw new Error(read.error.message);
  return read.value.files;
}

/** The summary over `files`, its links pointing at the Files tab as the pack page's do. */
function renderSummary(files: PackFiles) {
  const meta = readPackMeta(files);
  if (!meta.ok) throw new Error(meta.message);
  const open: OpenFile = {
    hrefFor: (path) => `/open?file=${encodeURIComponent(path)}`,
    onSelect: vi.fn(),
  };
  render(
    <PackSummaryList
      meta={meta.meta}
      source={{ kind: "local", fileName: "pack.zip" }}
      files={files}
      open={open}
    />,
  );
  return open;
}

/** The value of the summary row labelled `label`. */
function row(label: string): HTMLElement {
  const term = screen.getByText(label, { selector: "dt" });
  const value = term.nextElementSibling;
  if (!(value instanceof HTMLElement)) throw new Error(`no value for ${label}`);
  return value;
}

describe("PackSummaryList: what pack.json lists", () => {
  it("a chart pack.json lists but the pack lacks is marked in words; the one present links to its file", async () => {
    const files = await fixturePack(
      "pack-central/haproxy-unified-gateway-1.0.1",
    );
    const open = renderSummary(files);
    const charts = row("Charts");
    const items = within(charts).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual([
      "charts/gateway-api-crds-1.4.0.tgz ⚠ not in the pack",
      "charts/haproxy-unified-gateway-1.0.1.tgz",
    ]);
    expect(within(items[0]!).queryByRole("link")).toBeNull();
    const link = within(charts).getByRole("link", {
      name: "charts/haproxy-unified-gateway-1.0.1.tgz",
    });
    expect(link.getAttribute("href")).toBe(
      "/open?file=charts%2Fhaproxy-unified-gateway-1.0.1.tgz",
    );
    await userEvent.setup().click(link);
    expect(open.onSelect).toHaveBeenCalledWith(
      "charts/haproxy-unified-gateway-1.0.1.tgz",
    );
  });

  it("a manifest links to its file", async () => {
    renderSummary(await fixturePack("pack-central/hello-universe-1.3.1"));
    expect(
      within(row("Manifests"))
        .getByRole("link", { name: "manifests/hello-universe.yaml" })
        .getAttribute("href"),
    ).toBe("/open?file=manifests%2Fhello-universe.yaml");
  });

  describe("an OS pack's Ansible roles (the documentation's Ubuntu example)", () => {
    const packJson = readFileSync(
      fixture("seed-examples/golden-ubuntu-vsphere.pack.json"),
    );

    it("a role with its tasks/main.yml links to that file", () => {
      renderSummary(
        new Map([
          ["pack.json", new Uint8Array(packJson)],
          ["harden_os/tasks/main.yml", new TextEncoder().encode("- name: x\n")],
        ]),
      );
      expect(
        within(row("Ansible roles"))
          .getByRole("link", { name: "harden_os" })
          .getAttribute("href"),
      ).toBe("/open?file=harden_os%2Ftasks%2Fmain.yml");
    });

    it("a role the pack lacks is marked in words", () => {
      renderSummary(new Map([["pack.json", new Uint8Array(packJson)]]));
      const roles = row("Ansible roles");
      expect(roles.textContent).toBe("harden_os ⚠ not in the pack");
      expect(within(roles).queryByRole("link")).toBeNull();
    });

    it("a role folder without tasks/main.yml says what it lacks", () => {
      renderSummary(
        new Map([
          ["pack.json", new Uint8Array(packJson)],
          [
            "harden_os/files/sec_harden.sh",
            new TextEncoder().encode("#!/bin/sh\n"),
          ],
        ]),
      );
      expect(row("Ansible roles").textContent).toBe(
        "harden_os ⚠ has no tasks/main.yml",
      );
    });
  });

  it("a pack.json without roles has no Ansible roles row", async () => {
    // antrea lists `"ansibleRoles": []`.
    renderSummary(await fixturePack("pack-central/antrea-1.9.0"));
    expect(screen.queryByText("Ansible roles")).toBeNull();
  });
});
