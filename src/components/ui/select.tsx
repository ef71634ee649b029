import type { ComponentProps } from "react";

import "./field.css";

export interface SelectOption {
  value: string;
  label: string;
}

type SelectProps = ComponentProps<"select"> & {
  options: readonly SelectOption[];
  /** A first, empty choice ("Choose…"), for a value not chosen yet. */
  placeholder?: string;
  invalid?: boolean;
};

/** A native select: the most accessible list there is. */
export function Select({
  options,
  placeholder,
  invalid,
  className,
  ...rest
}: SelectProps) {
  return (
    <select
      className={className ? `select ${className}` : "select"}
      aria-invalid={invalid || undefined}
      {...rest}
    >
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
