import type { ReactNode, Ref } from "react";

import "./alert.css";

export type AlertTone = "error" | "warning" | "info" | "success";

interface AlertProps {
  tone: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
  /** For an error summary: focus it with a ref and `tabIndex={-1}`. */
  tabIndex?: number;
  ref?: Ref<HTMLDivElement>;
  id?: string;
}

const TONE_LABEL: Record<AlertTone, string> = {
  error: "Error",
  warning: "Warning",
  info: "Information",
  success: "Success",
};

/**
 * A message box. Errors are `role="alert"` (announced at once); the other tones are
 * `role="status"` (announced politely). The tone is also given in words, not only by colour.
 */
export function Alert({
  tone,
  title,
  children,
  className,
  tabIndex,
  ref,
  id,
}: AlertProps) {
  return (
    <div
      ref={ref}
      id={id}
      tabIndex={tabIndex}
      role={tone === "error" ? "alert" : "status"}
      className={["alert", `alert--${tone}`, className]
        .filter(Boolean)
        .join(" ")}
    >
      <span className="alert__icon" aria-hidden="true" />
      <div className="alert__body">
        {title ? (
          <p className="alert__title">
            <span className="visually-hidden">{TONE_LABEL[tone]}: </span>
            {title}
          </p>
        ) : (
          <span className="visually-hidden">{TONE_LABEL[tone]}: </span>
        )}
        {children && <div className="alert__content">{children}</div>}
      </div>
    </div>
  );
}
