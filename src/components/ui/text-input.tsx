import type { ComponentProps } from "react";

import "./field.css";

type TextInputProps = ComponentProps<"input"> & { invalid?: boolean };

/** A text input styled for forms; spread react-hook-form's `register()` into it. */
export function TextInput({
  invalid,
  className,
  type = "text",
  ...rest
}: TextInputProps) {
  return (
    <input
      type={type}
      className={className ? `text-input ${className}` : "text-input"}
      aria-invalid={invalid || undefined}
      {...rest}
    />
  );
}
