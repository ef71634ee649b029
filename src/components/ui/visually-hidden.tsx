import type { ComponentProps } from "react";

import "./visually-hidden.css";

/** Text for assistive technology only: in the accessibility tree, off the screen. */
export function VisuallyHidden({ className, ...rest }: ComponentProps<"span">) {
  return (
    <span
      className={className ? `visually-hidden ${className}` : "visually-hidden"}
      {...rest}
    />
  );
}
