import { useMutation } from "@tanstack/react-query";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeText } from "@/components/ui/code-text";
import { downloadBlob } from "@/lib/files";
import { getPackWorker } from "@/lib/pack-worker/client";
import type { PackFiles } from "@/pack/pack-files";

type Format = "zip" | "tar.gz";

/** A local pack's downloads, written in the pack worker with the same deterministic writers as the registry. */
export function LocalDownloads({
  files,
  top,
}: {
  files: PackFiles;
  top: string;
}) {
  const write = useMutation({
    mutationFn: async (format: Format) => {
      const worker = getPackWorker();
      downloadBlob(
        format === "zip"
          ? await worker.writeZip(files, top)
          : await worker.writeTarGz(files, top),
        `${top}.${format}`,
      );
    },
  });
  const busy = (format: Format) =>
    write.isPending && write.variables === format;

  return (
    <>
      <ul className="plain-list get-pack__downloads">
        <li>
          <Button busy={busy("zip")} onClick={() => write.mutate("zip")}>
            Download .zip
          </Button>
        </li>
        <li>
          <Button busy={busy("tar.gz")} onClick={() => write.mutate("tar.gz")}>
            Download OCI .tar.gz
          </Button>
        </li>
      </ul>
      {write.isError && (
        <Alert tone="error" title="The archive could not be written">
          <CodeText
            text={
              write.error instanceof Error
                ? write.error.message
                : String(write.error)
            }
          />
        </Alert>
      )}
    </>
  );
}
