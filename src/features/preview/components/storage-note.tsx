import { useServerStorage } from "../api/get-server-storage";

/**
 * What this server's own storage means for Palette. The API says only which store it uses
 * (`GET /health`), never the OCI registry's address (the contract keeps internal addresses out
 * of it), so the note names the server's own origin and the settings that hold the rest.
 */
export function StorageNote() {
  const storage = useServerStorage();
  const origin = window.location.origin;
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
