import { Link } from "@/components/ui/link";
import { sortFindings, type Finding } from "@/pack/finding";
import type { PackFiles } from "@/pack/pack-files";

import type { PackLocation } from "../utils/deep-link";

interface FindingsListProps {
  findings: readonly Finding[];
  /** The pack's files: a finding about a missing file has nothing to link to. */
  files: PackFiles;
  hrefFor: (loc: PackLocation) => string;
}

const LABEL: Record<Finding["severity"], string> = {
  error: "Error",
  warning: "Warning",
  info: "Note",
};

/** Where a finding points: its file at its line (or value path), opened in the file viewer. */
export function findingLocation(f: Finding): PackLocation | null {
  if (!f.file) return null;
  if (f.line) return { tab: "files", file: f.file, line: f.line };
  if (f.path && /\.ya?ml$/i.test(f.file))
    return { tab: "files", file: f.file, path: f.path };
  return { tab: "files", file: f.file };
}

/** Every finding, errors first, each linked to its file and line. */
export function FindingsList({ findings, files, hrefFor }: FindingsListProps) {
  if (findings.length === 0)
    return (
      <p className="muted">
        No findings: the pack passes every check of the pack format.
      </p>
    );
  const sorted = sortFindings([...findings]);
  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">Findings</h2>
      <ul className="findings">
        {sorted.map((f, i) => {
          const loc = f.file && files.has(f.file) ? findingLocation(f) : null;
          return (
            <li key={i} className={`finding finding--${f.severity}`}>
              <span className="finding__severity">{LABEL[f.severity]}</span>
              <div className="finding__body">
                <p className="finding__message">{f.message}</p>
                <p className="finding__meta">
                  <code>{f.code}</code>
                  {f.file && !loc && (
                    <>
                      {" · "}
                      <code>{f.file}</code>
                    </>
                  )}
                  {loc && (
                    <>
                      {" · "}
                      <Link to={hrefFor(loc)}>
                        {f.file}
                        {f.line ? `:${f.line}` : ""}
                      </Link>
                    </>
                  )}
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
        })}
      </ul>
    </section>
  );
}
