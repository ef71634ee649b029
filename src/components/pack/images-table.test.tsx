import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { IMAGE_ROWS_PAGE, ImagesTable } from "./images-table";

/*
 * 35,000 images (an 11 MB manifest of Deployments) were drawn at once: the page froze for 14 s
 * (found by trying the reviewer). The table draws a page of rows, more on request, and filters.
 */
const images = Array.from({ length: IMAGE_ROWS_PAGE + 30 }, (_, i) => ({
  ref: `registry.example.com/team/app-${i}:1.${i}`,
  source: "manifests/big.yaml",
  line: 10 * i + 3,
}));

const bodyRows = () =>
  within(screen.getByRole("table")).getAllByRole("row").length - 1;

describe("a long image list", () => {
  it("draws a page of rows, more on request, and filters them", async () => {
    const user = userEvent.setup();
    render(
      <ImagesTable
        images={images}
        files={new Map([["manifests/big.yaml", new Uint8Array()]])}
        open={{ onSelect: () => undefined }}
      />,
    );
    expect(screen.getByRole("heading", { name: "Images (230)" })).toBeTruthy();
    expect(bodyRows()).toBe(IMAGE_ROWS_PAGE);
    expect(screen.getByText("Showing 200 of 230.")).toBeTruthy();

    await user.click(
      screen.getByRole("button", { name: "Show 30 more (30 not shown)" }),
    );
    expect(bodyRows()).toBe(230);
    expect(screen.queryByRole("button", { name: /^Show \d+ more/ })).toBeNull();

    await user.click(screen.getByLabelText("Filter images"));
    await user.paste("app-44");
    expect(await screen.findByText("1 of 230 match; showing 1.")).toBeTruthy();
    expect(bodyRows()).toBe(1);
  });

  it("draws a short list whole, with no filter", () => {
    render(
      <ImagesTable
        images={images.slice(0, 3)}
        files={new Map()}
        open={{ onSelect: () => undefined }}
      />,
    );
    expect(bodyRows()).toBe(3);
    expect(screen.queryByLabelText("Filter images")).toBeNull();
  });
});
