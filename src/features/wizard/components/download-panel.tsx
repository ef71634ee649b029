import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import { downloadBlob } from "@/lib/files";
import { getPackWorker } from "@/lib/pack-worker/client";

type Format = "zip" | "tar.gz";

/** The .zip (for packsmith and `spectro pack push`) and the OCI .tar.gz, written by the core in the worker. */
export function DownloadPanel({ stem }: { stem: string }) {
  const { files } = useWizard();
  const [percent, setPercent] = useState<number | undefined>(undefined);
  const write = useMutation({
    mutationFn: async (format: Format) => {
      setPercent(format === "zip" ? 0 : undefined);
      const worker = getPackWorker();
      downloadBlob(
        format === "zip"
          ? await worker.writeZip(files, stem, setPercent)
          : await worker.writeTarGz(files, stem),
        `${stem}.${format}`,
      );
      return format;
    },
  });
  const busy = (f: Format) => write.isPending && write.variables === f;
  return (
    <>
      <p>
        {/* Said as a layout, not as "ready": whether the pack passes is the check's verdict for
        the chosen destination, shown beside this. */}
        The .zip holds one folder, <code>{stem}/</code>, laid out the way{" "}
        <code>spectro pack push</code> and an upload read it. The .tar.gz is the
        layer an OCI registry stores (ORAS pushes it; see Publish).
      </p>
      <div className="wizard__buttons">
        <Button busy={busy("zip")} onClick={() => write.mutate("zip")}>
          Download {stem}.zip
        </Button>
        <Button busy={busy("tar.gz")} onClick={() => write.mutate("tar.gz")}>
          Download {stem}.tar.gz (OCI)
        </Button>
      </div>
      {write.isPending && (
        <ProgressBar
          label={`Writing ${stem}.${write.variables}`}
          percent={percent}
        />
      )}
      {write.isSuccess && (
        <p role="status" className="muted">
          {stem}.{write.data} is downloaded.
        </p>
      )}
      {write.isError && (
        <Alert tone="error" title="The archive could not be written">
          <p>
            {write.error instanceof Error
              ? write.error.message
              : String(write.error)}
          </p>
        </Alert>
      )}
    </>
  );
}
