import { readFile } from "node:fs/promises";
import type { OciConfig } from "../config";
import type { RegistryAuth, RegistryTls } from "../oci/registry-transport";
import { createOciStore } from "./oci-store";
import type { PackStore } from "./store";

/** How to reach the configured registry (PACKSMITH_OCI_*): its URL, credentials and TLS trust. */
export async function registryOptionsFromConfig(
  c: OciConfig,
): Promise<{ url: string; auth: RegistryAuth; tls: RegistryTls }> {
  const auth: RegistryAuth = c.token
    ? { type: "bearer", token: c.token }
    : c.username
      ? { type: "basic", username: c.username, password: c.password ?? "" }
      : { type: "none" };
  const tls: RegistryTls = { insecureSkipVerify: c.insecureSkipVerify };
  if (c.caFile) tls.caPem = await readFile(c.caFile, "utf8");
  return { url: c.url, auth, tls };
}

/** The OCI driver from the server's environment configuration (PACKSMITH_OCI_*). */
export async function createOciStoreFromConfig(
  c: OciConfig,
  warn?: (message: string) => void,
): Promise<PackStore> {
  return createOciStore({
    ...(await registryOptionsFromConfig(c)),
    basePath: c.basePath,
    ...(c.repositories ? { repositories: c.repositories } : {}),
    ...(warn ? { warn } : {}),
  });
}
