import { useMutation } from "@tanstack/react-query";

import { Alert } from "@/components/ui/alert";
import { CodeText } from "@/components/ui/code-text";
import { downloadPackArchive } from "@/lib/api/download-archive";
import { archiveUrl } from "@/lib/api/packs";
import { useSession } from "@/lib/api/session";

type Format = "zip" | "tar.gz";

const LABEL: Record<Format, string> = {
  zip: "Download .zip",
  "tar.gz": "Download OCI .tar.gz",
};

/**
 * A registry version's downloads: links to the archive. Signed in, a click fetches it with the
 * token instead (a link cannot send it; where reads need sign-in the link alone would be a 401),
 * then saves it; signed out the browser follows the link and streams it to disk.
 */
export function RegistryDownloads({
  name,
  version,
  top,
}: {
  name: string;
  version: string;
  top: string;
}) {
  const signedIn = useSession() !== null;
  const download = useMutation({
    mutationFn: (format: Format) =>
      downloadPackArchive(name, version, format, `${top}.${format}`),
  });

  return (
    <>
      <ul className="plain-list get-pack__downloads">
        {(["zip", "tar.gz"] as const).map((format) => {
          const busy = download.isPending && download.variables === format;
          return (
            <li key={format}>
              <a
                className="button button--secondary"
                href={archiveUrl(name, version, format)}
                download={`${top}.${format}`}
                aria-disabled={busy || undefined}
                onClick={(event) => {
                  if (!signedIn) return;
                  event.preventDefault();
                  if (!busy) download.mutate(format);
                }}
              >
                {busy ? `${LABEL[format]}…` : LABEL[format]}
              </a>
            </li>
          );
        })}
      </ul>
      {download.isError && (
        <Alert tone="error" title="The archive could not be downloaded">
          <p>
            <CodeText text={download.error.message} />
          </p>
        </Alert>
      )}
    </>
  );
}
