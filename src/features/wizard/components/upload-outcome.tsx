import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Link } from "@/components/ui/link";
import { paths } from "@/config/paths";
import type { UploadProblem } from "@/features/wizard/model/upload-problem";
import type { UploadResult } from "@/lib/api/upload-pack";
import { CodeText } from "@/components/ui/code-text";

/** What the last upload came to: the pack's page, or what went wrong and what to do about it. */
export function UploadOutcome({
  problem,
  result,
  name,
  version,
  onForce,
}: {
  problem: UploadProblem | null;
  result: (UploadResult & { local: string }) | undefined;
  name: string;
  version: string;
  onForce: () => void;
}) {
  if (result && !problem)
    return (
      <Alert
        tone="success"
        title={
          result.status === 201
            ? `Published ${name} ${version}`
            : `${name} ${version} was already published with this content`
        }
      >
        <p>
          <Link to={paths.pack(name, version)}>
            Open {name} {version} in the registry
          </Link>
        </p>
        <p>
          Digest <code>{result.digest}</code>.{" "}
          {result.digest === result.local
            ? "The draft was removed from this browser: the registry has it."
            : "It differs from this draft's, so the draft is kept."}
        </p>
      </Alert>
    );
  if (!problem) return null;
  switch (problem.kind) {
    case "cancelled":
      return (
        <Alert tone="info" title="Upload cancelled">
          <p>Nothing was stored, and the draft is kept.</p>
        </Alert>
      );
    case "sign-in":
      return (
        <Alert tone="warning" title="Sign in to upload">
          <p>{problem.message}</p>
        </Alert>
      );
    case "exists":
      return (
        <Alert
          tone="warning"
          title={`${name} ${version} already exists with other content`}
        >
          <dl className="digests">
            <dt>In the registry</dt>
            <dd>
              <code data-testid="stored-digest">{problem.stored}</code>
            </dd>
            <dt>This pack</dt>
            <dd>
              <code data-testid="new-digest">{problem.local}</code>
            </dd>
          </dl>
          <p>
            Publish it as a new version (change it on the Basics step), or
            replace the stored one.
          </p>
          <Button variant="danger" onClick={onForce}>
            Replace {name} {version}…
          </Button>
        </Alert>
      );
    case "invalid":
      return (
        <Alert tone="error" title="The registry refused the pack">
          <ul>
            {problem.findings.map((f, i) => (
              <li key={i}>
                {f.file ? `${f.file}${f.line ? `:${f.line}` : ""}: ` : ""}
                <CodeText text={f.message} />
              </li>
            ))}
          </ul>
        </Alert>
      );
    case "message":
      return (
        <Alert tone="error" title={problem.title}>
          <p>{problem.message}</p>
          <p>The draft is kept.</p>
        </Alert>
      );
  }
}
