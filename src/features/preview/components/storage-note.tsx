import type { ServerHealth } from "../api/get-server-health";

/**
 * What this server's own storage means for Palette. `GET /health` names the store it uses, and
 * the OCI registry's address only when the operator published it (PACKSMITH_OCI_PUBLIC_URL);
 * otherwise the note names the server's own origin and the settings that hold the rest.
 */
export function StorageNote({ health }: { health: ServerHealth }) {
  const { storage, registry } = health;
  const origin = window.location.origin;
  if (storage === "oci" && registry)
    return (
      <p className="how-to-use__note">
        This server ({origin}) keeps its packs in the OCI registry{" "}
        <code>{registry.host}</code>
        {registry.basePath ? (
          <>
            {" "}
            under the base content path <code>{registry.basePath}</code>
          </>
        ) : null}
        , in exactly this layout: the pack is already where Palette looks. Add
        that registry in Palette (Tenant Settings → Registries → OCI Registries,
        provider type Pack) with the same base content path.
      </p>
    );
  if (storage === "oci")
    return (
      <p className="how-to-use__note">
        This server ({origin}) keeps its packs in an OCI registry in exactly
        this layout, so Palette can sync them from there without a push: add
        that registry in Palette (Tenant Settings → Registries → OCI Registries,
        provider type Pack) with the same base content path. The server does not
        publish the registry&apos;s address; whoever runs it set{" "}
        <code>PACKSMITH_OCI_URL</code> and <code>PACKSMITH_OCI_BASE_PATH</code>.
      </p>
    );
  if (storage === "fs")
    return (
      <p className="how-to-use__note">
        This server ({origin}) keeps its packs in its own data folder, which
        Palette cannot sync from: push the .tar.gz to an OCI registry Palette
        syncs, with the commands above.
      </p>
    );
  return null;
}
