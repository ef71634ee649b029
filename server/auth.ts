import {
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { constants } from "node:fs";
import { link, mkdir, open, readFile, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { MIN_SECRET_BYTES } from "./config";
import { bcryptCompare, bcryptHash } from "./workers/pool";

export const BCRYPT_COST = 12;
const CACHE_MS = 60_000;

/**
 * Asked just before a bcrypt check runs: returns how to settle the reservation it made (called with
 * the outcome), or null to refuse the check (the caller answers 429 without running bcrypt).
 */
export type CheckGate = () => ((ok: boolean) => void) | null;

/** Users from an htpasswd file with bcrypt hashes (`user:$2y$…`, as `htpasswd -B` writes). */
export class Htpasswd {
  private users = new Map<string, string>();
  /** sha256(user:password) → expiry: a bcrypt check costs ~0.25 s of CPU, so repeats are cached. */
  private okCache = new Map<string, number>();
  /** Checks in progress: forty parallel requests with one password cost one bcrypt run, not forty. */
  private inflight = new Map<string, Promise<boolean>>();
  /** Compared against for unknown users, so they take as long as known ones (set by `load`). */
  private dummy = "";

  private file = "";
  private version = "";
  /** The read of the file in progress and the version it reads, shared by the requests that saw it. */
  private refreshing: { version: string; done: Promise<void> } | null = null;

  /** Parse `file`; bcrypt work (the dummy hash, every check) runs in the worker pool. */
  static async load(file: string): Promise<Htpasswd> {
    const h = new Htpasswd();
    h.file = file;
    h.version = await fileVersion(file);
    h.users = await parseHtpasswd(file);
    h.dummy = await bcryptHash(randomBytes(16).toString("hex"), BCRYPT_COST);
    return h;
  }

  /**
   * Read the file again when it changed since it was read (one stat), so a user removed from it is
   * refused at once, with a token or a password. A file that cannot be read or parsed any more
   * keeps nobody signed in until it is fixed. Requests that ask while the file is being read wait
   * for that read: the new list replaces the old one only when whole, together with its version.
   */
  async refresh(): Promise<void> {
    for (;;) {
      const version = await fileVersion(this.file).catch(() => "missing");
      if (version === this.version) return;
      const loading = this.refreshing;
      if (loading) {
        await loading.done;
        // The read in progress is of what this request saw: its result is this request's too.
        if (loading.version === version) return;
        continue;
      }
      const done = this.reload(version).finally(() => {
        this.refreshing = null;
      });
      this.refreshing = { version, done };
      return done;
    }
  }

  private async reload(version: string): Promise<void> {
    const users = await parseHtpasswd(this.file).catch(
      () => new Map<string, string>(),
    );
    this.users = users;
    this.version = version;
    this.okCache.clear();
  }

  get size(): number {
    return this.users.size;
  }

  /** Whether `user` is in the file. */
  has(user: string): boolean {
    return this.users.has(user);
  }

  /**
   * Check a password. A cached success or a check already running for the same user and password
   * is answered without a new bcrypt run; otherwise `gate` is asked first and may refuse
   * (`"refused"`), so a burst never runs more checks than the gate allows.
   */
  async verify(
    user: string,
    password: string,
    gate?: CheckGate,
  ): Promise<boolean | "refused"> {
    // bcrypt reads at most 72 bytes; longer passwords are refused rather than silently truncated.
    const tooLong = Buffer.byteLength(password, "utf8") > 72;
    const key = createHash("sha256")
      .update(`${user}\u0000${password}`)
      .digest("hex");
    const cached = this.okCache.get(key);
    if (cached && cached > Date.now()) return true;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const settle = gate ? gate() : () => undefined;
    if (!settle) return "refused";
    const check = this.check(user, password, key, tooLong)
      .then(
        (ok) => {
          settle(ok);
          return ok;
        },
        (e: unknown) => {
          settle(false);
          throw e;
        },
      )
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, check);
    return check;
  }

  private async check(
    user: string,
    password: string,
    key: string,
    tooLong: boolean,
  ): Promise<boolean> {
    const hash = this.users.get(user);
    const ok = await bcryptCompare(
      tooLong ? "" : password,
      (hash ?? this.dummy).replace(/^\$2y\$/, "$2b$"),
    );
    if (ok && hash && !tooLong) {
      this.okCache.set(key, Date.now() + CACHE_MS);
      return true;
    }
    return false;
  }
}

/** size, mtime and inode: changes whenever the file is rewritten or replaced. */
async function fileVersion(file: string): Promise<string> {
  const st = await stat(file);
  return `${st.ino}:${st.size}:${st.mtimeMs}`;
}

async function parseHtpasswd(file: string): Promise<Map<string, string>> {
  const users = new Map<string, string>();
  const text = await readFile(file, "utf8");
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (!t || t.startsWith("#")) continue;
    const i = t.indexOf(":");
    const hash = t.slice(i + 1);
    if (i <= 0 || !/^\$2[aby]\$\d\d\$/.test(hash))
      throw new Error(
        `${file}: line for \`${t.slice(0, Math.max(i, 0))}\` is not a bcrypt htpasswd entry (use htpasswd -B)`,
      );
    users.set(t.slice(0, i), hash);
  }
  return users;
}

/**
 * Create `file` with one `admin` user and a random password, storing only the bcrypt hash.
 * Returns the password, to be printed once. Refuses to overwrite an existing file.
 */
export async function createAdminHtpasswd(file: string): Promise<string> {
  const password = randomBytes(18).toString("base64url");
  const hash = await bcryptHash(password, BCRYPT_COST);
  await mkdir(dirname(file), { recursive: true });
  const fh = await open(
    file,
    constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY,
    0o600,
  );
  try {
    await fh.writeFile(`admin:${hash}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
  return password;
}

/** What a valid token says: its user, its session id and its expiry (epoch seconds). */
export interface TokenClaims {
  user: string;
  sid: string;
  exp: number;
}

/**
 * Signed session tokens: `base64url(json).base64url(hmac)`, so several instances sharing the secret
 * accept each other's. Each carries a random session id, so `DELETE /session` can end exactly that
 * session (see sessions.ts).
 */
export class Tokens {
  constructor(
    private readonly secret: Buffer,
    private readonly ttlSeconds: number,
  ) {}

  issue(user: string): { token: string; expiresAt: string } {
    const exp = Math.floor(Date.now() / 1000) + this.ttlSeconds;
    const body = Buffer.from(
      JSON.stringify({
        u: user,
        exp,
        sid: randomBytes(16).toString("base64url"),
      }),
    ).toString("base64url");
    return {
      token: `${body}.${this.sign(body)}`,
      expiresAt: new Date(exp * 1000).toISOString(),
    };
  }

  /** The user a token belongs to, or null when it is forged or expired (revocation is not checked). */
  check(token: string): string | null {
    return this.verify(token)?.user ?? null;
  }

  /** The claims of a token, or null when it is forged, malformed or expired. */
  verify(token: string): TokenClaims | null {
    const [body, sig, extra] = token.split(".");
    if (!body || !sig || extra !== undefined) return null;
    const want = Buffer.from(this.sign(body));
    const got = Buffer.from(sig);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
    try {
      const { u, exp, sid } = JSON.parse(
        Buffer.from(body, "base64url").toString("utf8"),
      ) as { u: unknown; exp: unknown; sid: unknown };
      return typeof u === "string" &&
        typeof sid === "string" &&
        typeof exp === "number" &&
        exp * 1000 > Date.now()
        ? { user: u, sid, exp }
        : null;
    } catch {
      return null;
    }
  }

  private sign(body: string): string {
    return createHmac("sha256", this.secret).update(body).digest("base64url");
  }
}

/**
 * The session-token secret: `configured` (PACKSMITH_TOKEN_SECRET, checked by config.ts) when set,
 * else the base64url file `file`, created (0600, 32 random bytes) only when missing: written to a
 * temporary file, fsynced, then linked into place, so a crash never leaves an empty or half-written
 * secret and two instances starting at once end up with the same one. An empty, short, malformed or
 * unreadable file stops the start with an error naming it.
 */
export async function loadTokenSecret(
  file: string,
  configured: string | null,
): Promise<Buffer> {
  if (configured !== null) return Buffer.from(configured, "utf8");
  const existing = await readSecretFile(file);
  if (existing) return existing;
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fh = await open(
    tmp,
    constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY,
    0o600,
  );
  try {
    await fh.writeFile(randomBytes(MIN_SECRET_BYTES).toString("base64url"));
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    // link, not rename: it never replaces a secret another instance wrote meanwhile.
    await link(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  await syncDir(dirname(file));
  const secret = await readSecretFile(file);
  if (!secret) throw new Error(`the token secret file ${file} vanished`);
  return secret;
}

/** The secret in `file`; null when the file is missing; throws when it is unusable. */
async function readSecretFile(file: string): Promise<Buffer | null> {
  let text: string;
  try {
    text = (await readFile(file, "utf8")).trim();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT") return null;
    throw new Error(
      `the token secret file ${file} cannot be read (${err.code ?? err.message}); fix its permissions, or delete it to have a new one made (signing everyone out)`,
    );
  }
  const fix = `delete it to have a new one made (signing everyone out), or set PACKSMITH_TOKEN_SECRET`;
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text))
    throw new Error(
      `the token secret file ${file} is not base64url text; ${fix}`,
    );
  const secret = Buffer.from(text, "base64url");
  if (secret.byteLength < MIN_SECRET_BYTES)
    throw new Error(
      `the token secret file ${file} is ${secret.byteLength === 0 ? "empty" : `only ${secret.byteLength} bytes`} (at least ${MIN_SECRET_BYTES} are needed); ${fix}`,
    );
  return secret;
}

async function syncDir(dir: string): Promise<void> {
  const d = await open(dir, constants.O_RDONLY);
  try {
    await d.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the file itself is synced.
  } finally {
    await d.close();
  }
}

/** A reserved sign-in attempt, or how long to wait before the next one may run. */
export type Reservation =
  | { ok: true; settle: (success: boolean) => void }
  | { ok: false; retryAfter: number };

/**
 * Failed-login throttle (security.md defaults): 10 consecutive failures for one (user, address)
 * block that pair for an hour; 100 failures from one address in a day block the address for a day.
 * A check reserves its failure before bcrypt runs (`reserve`), so a parallel burst never runs more
 * checks than the limits allow: attempts in flight count as failures until they succeed.
 */
export class LoginThrottle {
  private pair = new Map<
    string,
    { fails: number; pending: number; until: number }
  >();
  private ip = new Map<
    string,
    { fails: number; pending: number; since: number; until: number }
  >();
  constructor(
    private readonly now: () => number = Date.now,
    private readonly pairLimit = 10,
    private readonly ipLimit = 100,
  ) {}

  /** Seconds to wait, or 0 when an attempt is allowed. */
  blockedFor(user: string, address: string): number {
    const t = this.now();
    const p = this.pair.get(`${user}\u0000${address}`);
    const i = this.ip.get(address);
    const until = Math.max(p?.until ?? 0, i?.until ?? 0);
    return until > t ? Math.ceil((until - t) / 1000) : 0;
  }

  /**
   * Reserve one attempt for (user, address): refused while blocked, or while the attempts already
   * in flight would reach a limit if they failed (then retry after a second: they settle soon).
   */
  reserve(user: string, address: string): Reservation {
    const wait = this.blockedFor(user, address);
    if (wait > 0) return { ok: false, retryAfter: wait };
    const t = this.now();
    const key = `${user}\u0000${address}`;
    const p = this.pair.get(key) ?? { fails: 0, pending: 0, until: 0 };
    const i = this.ip.get(address) ?? {
      fails: 0,
      pending: 0,
      since: t,
      until: 0,
    };
    if (t - i.since > 86_400_000) Object.assign(i, { fails: 0, since: t });
    if (
      p.fails + p.pending >= this.pairLimit ||
      i.fails + i.pending >= this.ipLimit
    )
      return { ok: false, retryAfter: 1 };
    p.pending++;
    i.pending++;
    if (this.pair.size > 100_000) this.pair.clear();
    this.pair.set(key, p);
    this.ip.set(address, i);
    let settled = false;
    return {
      ok: true,
      settle: (success) => {
        if (settled) return;
        settled = true;
        p.pending--;
        i.pending--;
        if (success) this.succeeded(user, address);
        else this.failed(user, address);
      },
    };
  }

  /** Count one failure (outside a reservation). */
  failed(user: string, address: string): void {
    const t = this.now();
    const key = `${user}\u0000${address}`;
    const p = this.pair.get(key) ?? { fails: 0, pending: 0, until: 0 };
    p.fails++;
    if (p.fails >= this.pairLimit) p.until = t + 3600_000;
    this.pair.set(key, p);
    const i = this.ip.get(address) ?? {
      fails: 0,
      pending: 0,
      since: t,
      until: 0,
    };
    if (t - i.since > 86_400_000) Object.assign(i, { fails: 0, since: t });
    i.fails++;
    if (i.fails >= this.ipLimit) i.until = t + 86_400_000;
    this.ip.set(address, i);
  }

  /** A success ends the pair's run of consecutive failures. */
  succeeded(user: string, address: string): void {
    const key = `${user}\u0000${address}`;
    const p = this.pair.get(key);
    if (!p) return;
    if (p.pending > 0) Object.assign(p, { fails: 0, until: 0 });
    else this.pair.delete(key);
  }
}
