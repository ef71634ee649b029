import { readFile } from "node:fs/promises";
import type { OciConfig } from "../config";
import type { RegistryAuth, RegistryTls } from "../oci/registry-client";
import { createOciStore } from "./oci-store";
import type { PackStore } from "./store";

/** The OCI driver from the server's environment configuration (PACKSMITH_OCI_*). */
export async function createOciStoreFromConfig(
  c: OciConfig,
): Promise<PackStore> {
  const auth: RegistryAuth = c.token
    ? { type: "bearer", token: c.token }
    : c.username
      ? { type: "basic", username: c.username, password: c.password ?? "" }
      : { type: "none" };
  const tls: RegistryTls = { insecureSkipVerify: c.insecureSkipVerify };
  if (c.caFile) tls.caPem = await readFile(c.caFile, "utf8");
  return createOciStore({ url: c.url, basePath: c.basePath, auth, tls });
}
