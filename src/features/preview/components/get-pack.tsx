import { Alert } from "@/components/ui/alert";
import { packTopFolder } from "@/pack/top-folder";

import type { OpenedPack } from "../types";
import type { PackMeta } from "../utils/pack-meta";
import { LocalDownloads } from "./local-downloads";
import { RegistryDownloads } from "./registry-downloads";
// Links styled as buttons share the button styles.
import "@/components/ui/button.css";

interface GetPackProps {
  pack: OpenedPack;
  meta: PackMeta | null;
}

/** Downloads: the .zip (for `spectro pack push`) and the OCI .tar.gz (for `oras push`). */
export function GetPack({ pack, meta }: GetPackProps) {
  const { source } = pack;
  const name = source.kind === "registry" ? source.summary.name : meta?.name;
  const version =
    source.kind === "registry" ? source.summary.version : meta?.version;
  const top = packTopFolder(name, version);
  // A pack opened from disk may have errors (a registry refused it at upload): its downloads are
  // its files as they are, to fix, not a pack ready to push.
  const errors =
    source.kind === "local"
      ? pack.findings.filter((f) => f.severity === "error").length
      : 0;

  return (
    <section className="get-pack">
      <h2 id="get-pack-heading">Get this pack</h2>
      {errors > 0 && (
        <Alert
          tone="warning"
          title={`This pack has ${errors} ${errors === 1 ? "error" : "errors"}`}
        >
          <p>
            A registry and <code>spectro pack push</code> refuse it: the
            downloads hold its files as they are, to fix them (see Findings).
          </p>
        </Alert>
      )}
      {source.kind === "registry" ? (
        <RegistryDownloads
          name={source.summary.name}
          version={source.summary.version}
          top={top}
        />
      ) : (
        <LocalDownloads files={pack.files} top={top} />
      )}
      <p className="muted small">
        The .zip holds one folder <code>{top}/</code>
        {errors > 0 ? (
          "; the .tar.gz is laid out as an OCI registry stores a pack."
        ) : (
          <>
            , ready for <code>spectro pack push</code>; the .tar.gz is the layer
            an OCI registry stores.
          </>
        )}
      </p>
      {!(name && version) && (
        <p className="muted">
          pack.json has no name or version, so there is no registry reference to
          push to.
        </p>
      )}
    </section>
  );
}
