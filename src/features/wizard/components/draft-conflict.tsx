import { useQuery } from "@tanstack/react-query";

import { isChartPath } from "@/components/pack/file-kind";
import { DiffBody, FileDiff } from "@/components/pack/file-diff";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { usePackDigest } from "@/features/wizard/hooks/use-pack-report";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import { compareFileQueryOptions } from "@/lib/api/pack-file";
import { packVersionQueryOptions } from "@/lib/api/packs";
import { diffPackFiles } from "@/pack/chart-diff";
import type { PackFiles } from "@/pack/pack-files";

/** How many diffs open at once (each is a Monaco diff editor). */
const OPEN_DIFFS = 2;

/**
 * What differs between the version the registry holds and this draft (a 409 on upload): the
 * files changed, each with the compare page's diff, and the files only one side has. The
 * registry's list comes from its detail (SHA-256 per file); a file's bytes are fetched when its
 * diff is opened.
 */
export function DraftConflict({
  name,
  version,
}: {
  name: string;
  version: string;
}) {
  const { files, draftId, revision } = useWizard();
  const stored = useQuery({
    ...packVersionQueryOptions(name, version),
    staleTime: 0,
  });
  // The draft's side is the worker's digest, as on the Review step (the same query for the same
  // revision): hashed in the worker, each file once per id, not again on the page.
  const local = usePackDigest(draftId, files, revision);
  if (stored.error)
    return (
      <Alert tone="error" title="The stored version could not be read">
        <p>{stored.error.message}</p>
      </Alert>
    );
  if (!stored.data || !local.data)
    return <Spinner label={`Comparing with ${name} ${version}…`} />;

  // In the compare page's order.
  const changes = diffPackFiles(stored.data.files, local.data.files);
  const changed = changes.filter((c) => c.status === "changed");
  const added = changes.filter((c) => c.status === "added");
  const removed = changes.filter((c) => c.status === "removed");
  if (changed.length + added.length + removed.length === 0)
    return (
      <p role="status">
        The stored version has exactly these files: replacing it changes
        nothing.
      </p>
    );
  return (
    <section aria-labelledby="conflict-heading" className="draft-conflict">
      <h3 id="conflict-heading">What differs from the stored version</h3>
      <p role="status">
        {changed.length} changed, {added.length} only in this draft,{" "}
        {removed.length} only in the registry
      </p>
      {changed.length > 0 && (
        <ul className="plain-list file-diffs" aria-label="Changed files">
          {changed.map((c, i) =>
            c.status !== "changed" ? null : (
              <li key={c.path}>
                <FileDiff
                  path={c.path}
                  sizes={[c.before.size, c.after.size]}
                  defaultOpen={i < OPEN_DIFFS && !isChartPath(c.path)}
                >
                  <StoredVsDraft
                    name={name}
                    version={version}
                    path={c.path}
                    files={files}
                  />
                </FileDiff>
              </li>
            ),
          )}
        </ul>
      )}
      <PathList label="Only in this draft" paths={added.map((c) => c.path)} />
      <PathList
        label="Only in the registry"
        paths={removed.map((c) => c.path)}
      />
    </section>
  );
}

function PathList({ label, paths }: { label: string; paths: string[] }) {
  if (paths.length === 0) return null;
  return (
    <>
      <h4>{label}</h4>
      <ul className="file-list" aria-label={label}>
        {paths.map((p) => (
          <li key={p}>
            <code>{p}</code>
          </li>
        ))}
      </ul>
    </>
  );
}

/** One changed file: the registry's bytes (fetched when opened) against the draft's. */
function StoredVsDraft({
  name,
  version,
  path,
  files,
}: {
  name: string;
  version: string;
  path: string;
  files: PackFiles;
}) {
  const stored = useQuery(compareFileQueryOptions({ name, version }, path));
  if (stored.error)
    return (
      <Alert tone="error" title={`${path} could not be loaded`}>
        <p>{stored.error.message}</p>
      </Alert>
    );
  if (!stored.data) return <Spinner label={`Loading the stored ${path}…`} />;
  return (
    <DiffBody
      path={path}
      before={stored.data}
      after={files.get(path) ?? new Uint8Array()}
    />
  );
}
