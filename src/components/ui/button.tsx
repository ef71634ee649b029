import type { ComponentProps, MouseEvent } from "react";

import "./button.css";

export type ButtonVariant = "primary" | "secondary" | "danger" | "link";

export type ButtonProps = ComponentProps<"button"> & {
  /** Defaults to secondary. */
  variant?: ButtonVariant;
  /**
   * Working: shows a spinner and ignores clicks, but stays focusable (aria-disabled, not disabled)
   * so keyboard focus is not lost while the action runs.
   */
  busy?: boolean;
};

/**
 * A button (`type="button"` unless told otherwise, so it never submits a form by accident).
 * `ref` is an ordinary prop in React 19 and reaches the `<button>`.
 */
export function Button({
  variant = "secondary",
  busy = false,
  type = "button",
  className,
  onClick,
  children,
  ...rest
}: ButtonProps) {
  function handleClick(event: MouseEvent<HTMLButtonElement>) {
    if (busy) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  }

  const classes = ["button", `button--${variant}`, className]
    .filter(Boolean)
    .join(" ");
  return (
    <button
      type={type}
      className={classes}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      onClick={handleClick}
      {...rest}
    >
      {busy && <span className="button__spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
