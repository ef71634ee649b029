import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { VersionHistory } from "@/features/preview/components/version-history";
import type { PackVersions } from "@/lib/api/packs";

/** A pack with 300 versions, as a registry keeps them. */
const versions: PackVersions = {
  name: "kubevious",
  latest: "1.2.299",
  versions: Array.from({ length: 300 }, (_, i) => ({
    name: "kubevious",
    version: `1.2.${299 - i}`,
    displayName: "Kubevious",
    layer: "addon",
    cloudTypes: ["all"],
    digest: `sha256:${String(i).padStart(64, "0")}`,
    size: 1000,
    createdAt: "2026-11-28T09:00:00Z",
    uploadedBy: "ci",
  })),
};

describe("the version history", () => {
  it("makes its table only once opened: the pack page's first load draws no row of it", () => {
    const { container } = render(
      <VersionHistory versions={versions} current="1.2.10" />,
    );
    expect(screen.getByText("Version history (300 versions)")).toBeTruthy();
    expect(container.querySelectorAll("tr")).toHaveLength(0);

    const details = container.querySelector("details")!;
    details.open = true;
    fireEvent(details, new Event("toggle"));
    expect(
      screen.getByRole("table", {
        name: "Versions of kubevious, highest first",
      }),
    ).toBeTruthy();
    expect(container.querySelectorAll("tbody tr")).toHaveLength(300);
    expect(
      screen.getAllByRole("link", { name: /^Compare with 1\.2\.10/ })[0]!
        .textContent,
    ).toBe("Compare with 1.2.10 (1.2.299)");

    // Closed again, it stays made (nothing to redo on the next opening).
    details.open = false;
    fireEvent(details, new Event("toggle"));
    expect(container.querySelectorAll("tbody tr")).toHaveLength(300);
  });
});
