import { useId } from "react";

import "./progress-bar.css";

interface ProgressBarProps {
  /** What is progressing, e.g. "Uploading permission-manager-1.0.1.zip". */
  label: string;
  /** 0–100; undefined while the total is unknown. */
  percent?: number;
  /** Extra text after the percentage, e.g. "1.2 of 3.4 MB". */
  detail?: string;
}

/** A native `<progress>` with a visible label and the percentage in words. */
export function ProgressBar({ label, percent, detail }: ProgressBarProps) {
  const id = useId();
  const rounded = percent === undefined ? undefined : Math.round(percent);
  return (
    <div className="progress-bar">
      <label htmlFor={id} className="progress-bar__label">
        {label}
      </label>
      <progress id={id} max={100} value={rounded} className="progress-bar__bar">
        {rounded === undefined ? "" : `${rounded}%`}
      </progress>
      <span className="progress-bar__text" aria-hidden="true">
        {rounded === undefined ? "Working…" : `${rounded}%`}
        {detail ? ` · ${detail}` : ""}
      </span>
    </div>
  );
}
