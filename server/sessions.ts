import { constants } from "node:fs";
import { mkdir, open, readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { OciConfig } from "./config";
import { cleanBasePath, packsmithRepository } from "./oci/reference";
import { RegistryClient } from "./oci/registry-client";
import { registryOptionsFromConfig } from "./store/oci-from-config";

/**
 * Ended sessions (`DELETE /session`), kept where every instance that shares the token secret reads
 * them: the data folder for the fs store, the registry itself for the OCI store (instances share
 * nothing else). A revoked session id stays revoked until its token would have expired anyway.
 *
 * Every check of a token asks the shared place (a file lookup, or one manifest HEAD on the
 * registry): nothing says "not revoked" from memory, so a sign-out holds on every instance at once.
 * A revocation seen once is remembered in memory (it never ends before the token does).
 */
export interface Revocations {
  revoke(sid: string, expiresAt: number): Promise<void>;
  isRevoked(sid: string): Promise<boolean>;
  /** Forget revocations whose tokens have expired (start-up and hourly). */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

/** Session ids are base64url from our own signed tokens; anything else is never a file name or tag. */
const SID_RE = /^[A-Za-z0-9_-]{8,64}$/;

/** Remembered revocations (bounded; a forgotten one is looked up again). */
class Seen {
  private ids = new Map<string, number>();
  has(sid: string): boolean {
    const exp = this.ids.get(sid);
    return exp !== undefined && exp * 1000 > Date.now();
  }
  add(sid: string, exp: number): void {
    if (this.ids.size > 10_000) this.ids.clear();
    this.ids.set(sid, exp);
  }
}

/** Revocations as files `<dataDir>/revoked-sessions/<sid>` holding the token's expiry (epoch s). */
export function fsRevocations(dataDir: string): Revocations {
  const dir = join(dataDir, "revoked-sessions");
  const seen = new Seen();
  return {
    async revoke(sid, exp) {
      if (!SID_RE.test(sid)) return;
      await mkdir(dir, { recursive: true });
      const fh = await open(
        join(dir, sid),
        constants.O_CREAT | constants.O_WRONLY | constants.O_TRUNC,
        0o600,
      );
      try {
        await fh.writeFile(String(exp));
        await fh.sync();
      } finally {
        await fh.close();
      }
      seen.add(sid, exp);
    },
    async isRevoked(sid) {
      if (seen.has(sid)) return true;
      if (!SID_RE.test(sid)) return false;
      try {
        await stat(join(dir, sid));
        seen.add(sid, Math.floor(Date.now() / 1000) + 3600);
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
        throw e;
      }
    },
    async sweep() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return;
      }
      const now = Date.now() / 1000;
      for (const n of names) {
        const exp = Number(
          await readFile(join(dir, n), "utf8").catch(() => "0"),
        );
        if (!(exp > now)) await rm(join(dir, n), { force: true });
      }
    },
    close: async () => undefined,
  };
}

/**
 * Revocations in the registry: each ended session is a tag `s<sid>` of a tiny manifest (the OCI
 * empty blob, the expiry as an annotation) in `<base>/packsmith/revoked-sessions`, outside the
 * pack repositories (`<base>/spectro-packs/archive/…`), so listings never see it.
 */
export async function ociRevocations(c: OciConfig): Promise<Revocations> {
  const client = new RegistryClient(await registryOptionsFromConfig(c));
  const repo = packsmithRepository(
    cleanBasePath(c.basePath),
    "revoked-sessions",
  );
  const seen = new Seen();
  return {
    async revoke(sid, exp) {
      if (!SID_RE.test(sid)) return;
      await client.pushRecord(
        repo,
        `s${sid}`,
        "application/vnd.packsmith.revoked-session.v1",
        { "io.packsmith.session.expires": new Date(exp * 1000).toISOString() },
      );
      seen.add(sid, exp);
    },
    async isRevoked(sid) {
      if (seen.has(sid)) return true;
      if (!SID_RE.test(sid)) return false;
      const found = (await client.headManifest(repo, `s${sid}`)) !== null;
      if (found) seen.add(sid, Math.floor(Date.now() / 1000) + 3600);
      return found;
    },
    // Expired revocation tags are a few hundred bytes each; deleting them needs the registry's
    // delete permission, which many operators withhold, so they are left in place.
    sweep: async () => undefined,
    close: () => client.close(),
  };
}
