import "./spinner.css";

interface SpinnerProps {
  /** What is happening, read by screen readers and shown unless `hideLabel`. */
  label?: string;
  /** Keep the label for screen readers only (next to text that already says it). */
  hideLabel?: boolean;
  className?: string;
}

/** A busy indicator with a status role, so its text is announced politely. */
export function Spinner({
  label = "Loading…",
  hideLabel = false,
  className,
}: SpinnerProps) {
  return (
    <span
      role="status"
      className={className ? `spinner ${className}` : "spinner"}
    >
      <span className="spinner__icon" aria-hidden="true" />
      <span className={hideLabel ? "visually-hidden" : "spinner__label"}>
        {label}
      </span>
    </span>
  );
}
