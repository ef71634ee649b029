import { useQuery, useQueryClient } from "@tanstack/react-query";

import { RegistryReadError } from "@/components/registry-read-error";
import { Alert } from "@/components/ui/alert";
import { CodeText } from "@/components/ui/code-text";
import { Link } from "@/components/ui/link";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { ApiError } from "@/lib/api/client";
import { packVersionQueryOptions } from "@/lib/api/packs";

import { packFilesQueryOptions } from "../api/get-pack-files";
import { PackView } from "./pack-view";

interface RegistryPackProps {
  name: string;
  version: string;
}

/**
 * A registry version at its stable URL: the stored details (findings, summary) and the archive,
 * read in the browser, shown by the same PackView as a local pack.
 */
export function RegistryPack({ name, version }: RegistryPackProps) {
  const queryClient = useQueryClient();
  const detail = useQuery(packVersionQueryOptions(name, version));
  const files = useQuery(packFilesQueryOptions(queryClient, name, version));
  const failed = detail.error ?? files.error;

  if (failed) {
    const missing = failed instanceof ApiError && failed.status === 404;
    return (
      <div className="preview">
        <title>{`${name} ${version} · Packsmith`}</title>
        <h1>
          {name} {version}
        </h1>
        {missing ? (
          <Alert tone="error" title="This pack version does not exist">
            <p>{`The registry has no version ${version} of ${name}.`}</p>
          </Alert>
        ) : (
          <RegistryReadError
            error={failed}
            title="The pack could not be loaded"
            onRetry={() => {
              void detail.refetch();
              void files.refetch();
            }}
          />
        )}
        <p className="actions-row">
          <Link to={paths.packs}>Back to the registry</Link>
        </p>
      </div>
    );
  }
  if (!detail.data || !files.data)
    return (
      <div className="preview">
        <title>{`${name} ${version} · Packsmith`}</title>
        <h1>
          {name} {version}
        </h1>
        <Spinner label="Loading the pack…" />
      </div>
    );
  if (!files.data.ok)
    return (
      <div className="preview">
        <h1>
          {name} {version}
        </h1>
        <Alert tone="error" title="The stored archive cannot be read">
          <p>
            <CodeText text={files.data.error.message} />
          </p>
        </Alert>
      </div>
    );

  return (
    <PackView
      pack={{
        files: files.data.value.files,
        findings: detail.data.findings,
        images: Array.isArray(detail.data.images)
          ? detail.data.images
          : undefined,
        source: { kind: "registry", summary: detail.data },
      }}
    />
  );
}
