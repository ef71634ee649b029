import { CopyButton } from "@/components/ui/copy-button";
import "./pack.css";

/** Shell commands as text to read and a button that copies them. */
export function CommandBlock({
  label,
  command,
  copyLabel,
}: {
  /** Names the commands (the block's accessible name). */
  label: string;
  command: string;
  /** The copy button's name, e.g. "Copy the ORAS commands". */
  copyLabel: string;
}) {
  return (
    <div className="command-block">
      <pre className="command" role="group" aria-label={label}>
        <code>{command}</code>
      </pre>
      <CopyButton text={command} label={copyLabel} />
    </div>
  );
}
