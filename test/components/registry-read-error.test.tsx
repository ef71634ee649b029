import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { RegistryReadError } from "@/components/registry-read-error";
import { ApiError } from "@/lib/api/client";

// jsdom has <dialog> but not its modal methods: open and close it as a browser would, minus the top layer.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute("open");
  };
});

// Issue 10 item 8: a read refused for want of sign-in asks to sign in; other failures say what failed.
describe("RegistryReadError", () => {
  it("a 401 asks to sign in to read, and Sign in opens the sign-in dialog", async () => {
    const retry = vi.fn();
    render(
      <RegistryReadError
        error={
          new ApiError(401, "UNAUTHORIZED", "sign in to read this registry")
        }
        title="The registry could not be read"
        onRetry={retry}
      />,
    );
    expect(screen.getByRole("status").textContent).toContain(
      "Sign in to read this registry",
    );
    expect(screen.queryByText("The registry could not be read")).toBeNull();
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
    await userEvent
      .setup()
      .click(screen.getByRole("button", { name: "Sign in" }));
    const dialog = await screen.findByRole("dialog", { name: "Sign in" });
    expect(dialog.textContent).toContain("Sign in to read this registry.");
    expect(retry).not.toHaveBeenCalled();
  });

  it("another failure names it and offers Try again", async () => {
    const retry = vi.fn();
    render(
      <RegistryReadError
        error={new ApiError(503, "UNAVAILABLE", "the registry is unavailable")}
        title="The registry could not be read"
        onRetry={retry}
      />,
    );
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("The registry could not be read");
    expect(alert.textContent).toContain("the registry is unavailable");
    expect(screen.queryByRole("button", { name: "Sign in" })).toBeNull();
    await userEvent
      .setup()
      .click(screen.getByRole("button", { name: "Try again" }));
    expect(retry).toHaveBeenCalledOnce();
  });
});
