import { useId } from "react";

import { Button } from "@/components/ui/button";
import { Link } from "@/components/ui/link";
import { sortFindings, type Finding } from "@/pack/finding";
import "./pack.css";
import { CodeText } from "@/components/ui/code-text";

/** What a finding's link does: go to a URL (the pack page) or run an action (the builder). */
export type FindingAction =
  { label: string; href: string } | { label: string; onClick: () => void };

interface FindingsListProps {
  findings: readonly Finding[];
  /** 2 on the pack page, 3 inside the builder's Review step. */
  headingLevel: 2 | 3;
  /** Show the count in the heading: "Findings (3)". */
  counted?: boolean;
  /** What to say when there is nothing to report. */
  emptyText: string;
  /** Where each finding leads, or null when there is nowhere to go. */
  actionFor: (f: Finding) => FindingAction | null;
}

/** A severity in words, as every list of findings says it. */
export const SEVERITY_LABEL: Record<Finding["severity"], string> = {
  error: "Error",
  warning: "Warning",
  // The core's name, as the file viewer, the builder's problem lists and its counts ("3 info") say.
  info: "Info",
};

/** Every finding, errors first: severity, message, code, and a link to where it is (or is fixed). */
export function FindingsList({
  findings,
  headingLevel,
  counted = false,
  emptyText,
  actionFor,
}: FindingsListProps) {
  const headingId = useId();
  if (findings.length === 0)
    return <p className="findings-empty">{emptyText}</p>;
  const Heading = headingLevel === 3 ? "h3" : "h2";
  return (
    <section aria-labelledby={headingId} className="findings-section">
      <Heading id={headingId}>
        Findings{counted ? ` (${findings.length})` : ""}
      </Heading>
      <ul className="findings">
        {sortFindings([...findings]).map((f, i) => (
          <FindingItem
            key={`${i}:${f.code}`}
            finding={f}
            action={actionFor(f)}
          />
        ))}
      </ul>
    </section>
  );
}

function FindingItem({
  finding: f,
  action,
}: {
  finding: Finding;
  action: FindingAction | null;
}) {
  return (
    <li className={`finding finding--${f.severity}`}>
      <span className="finding__severity">{SEVERITY_LABEL[f.severity]}</span>
      <div className="finding__body">
        <p className="finding__message">
          <CodeText text={f.message} />
        </p>
        <p className="finding__meta">
          <code>{f.code}</code>
          {f.file && !action && (
            <>
              {" · "}
              <code>{f.file}</code>
            </>
          )}
          {action && " · "}
          {action &&
            ("href" in action ? (
              <Link to={action.href}>{action.label}</Link>
            ) : (
              <Button variant="link" onClick={action.onClick}>
                {action.label}
              </Button>
            ))}
          {f.path && !f.line && (
            <>
              {" · "}
              <code>{f.path}</code>
            </>
          )}
        </p>
      </div>
    </li>
  );
}
