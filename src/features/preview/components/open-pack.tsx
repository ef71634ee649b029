import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeText } from "@/components/ui/code-text";
import { FileDrop } from "@/components/ui/file-drop";
import { Spinner } from "@/components/ui/spinner";
import { navigate, usePathname } from "@/lib/location";
import { getPackWorker } from "@/lib/pack-worker/client";

import { openLocalPack } from "../api/open-local-pack";
import { PackView } from "./pack-view";

/**
 * Open a pack from disk (.zip, .tar.gz or a folder) and review it exactly like a registry pack.
 * Everything happens in this tab: the files are read and checked in the pack worker and never
 * uploaded.
 */
export function OpenPack() {
  const pathname = usePathname();
  const open = useMutation({ mutationFn: openLocalPack });
  // The pack read is kept in the worker while it is shown; leaving lets it go.
  useEffect(() => () => getPackWorker().releaseRead(), []);

  if (open.isSuccess)
    return (
      <div className="preview">
        <p className="actions-row">
          <Button
            onClick={() => {
              open.reset();
              // The selection in the URL belonged to the previous pack.
              navigate(pathname, { replace: true });
            }}
          >
            Open another pack
          </Button>
        </p>
        <PackView pack={open.data} />
      </div>
    );

  return (
    <div className="preview open-pack">
      <title>Open a local pack · Packsmith</title>
      <h1>Open a local pack</h1>
      <p className="lead">
        Review a pack on your computer the way the registry shows it: its
        summary, every file, presets, schema and findings. It is read in this
        browser tab and is not uploaded.
      </p>
      <FileDrop
        label="Pack archive (.zip, .tar.gz) or folder"
        accept=".zip,.tar.gz,.tgz,application/zip,application/gzip"
        allowFolder
        description="A .zip or .tar.gz holding pack.json, values.yaml and the rest, at its root or in one folder; or the pack's folder itself."
        onFiles={(items) => open.mutate(items)}
      />
      {open.isPending && <Spinner label="Opening the pack…" />}
      {open.isError && (
        <Alert tone="error" title="This pack cannot be opened">
          <p>
            <CodeText text={open.error.message} />
          </p>
        </Alert>
      )}
    </div>
  );
}
