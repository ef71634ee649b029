import bcrypt from "bcryptjs";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;

export const ADMIN = {
  username: "admin",
  password: "correct horse battery staple",
};
export const READER = { username: "reader", password: "another secret" };

export interface RunningServer {
  url: string;
  dataDir: string;
  proc: ChildProcess;
  stdout: () => string;
  /** Stop gracefully (SIGTERM) or not at all (SIGKILL). Keeps the data unless `cleanup`. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
  cleanup: () => void;
}

/** The lines of the htpasswd file, hashed once per test process (650 ms of bcrypt at cost 12). */
let htpasswdLines: string | undefined;

/** A bcrypt htpasswd file with ADMIN and READER (cost 12, like the server's own). */
export function writeHtpasswd(dir: string): string {
  const file = join(dir, "users.htpasswd");
  htpasswdLines ??= `${ADMIN.username}:${bcrypt.hashSync(ADMIN.password, 12).replace("$2b$", "$2y$")}\n${READER.username}:${bcrypt.hashSync(READER.password, 12)}\n`;
  writeFileSync(file, htpasswdLines);
  return file;
}

/**
 * Start the real server process (`tsx server/main.ts`) on a free port with its own data folder.
 * `env` adds or overrides configuration; `dataDir` reuses a folder (restart after a crash);
 * `script` runs another entry point with plain node (the compiled build/node/server.mjs), from
 * `cwd` (the repository by default).
 */
export async function startServer(
  opts: {
    env?: Record<string, string>;
    dataDir?: string;
    htpasswd?: string | null;
    script?: string;
    cwd?: string;
  } = {},
): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "packsmith-srv-"));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: "0",
    HOST: "127.0.0.1",
    PACKSMITH_DATA: dataDir,
    PACKSMITH_STATIC: "",
    PACKSMITH_LOG: "silent",
    ...opts.env,
  };
  if (opts.htpasswd !== null)
    env.PACKSMITH_HTPASSWD = opts.htpasswd ?? writeHtpasswd(dataDir);
  // One process (node with the tsx loader), not the tsx command: tsx runs the program in a child,
  // so a SIGKILL sent to it would leave the real server running.
  const args = opts.script
    ? [opts.script]
    : ["--import", "tsx", "server/main.ts"];
  const proc = spawn(process.execPath, args, {
    cwd: opts.cwd ?? ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 30 s\n${out}\n${err}`)),
      30_000,
    );
    proc.stdout!.on("data", () => {
      const m = /running at (http:\/\/[^/\s]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}\n${out}\n${err}`));
    });
  });
  const exited = new Promise<void>((resolve) =>
    proc.once("exit", () => resolve()),
  );
  return {
    url,
    dataDir,
    proc,
    stdout: () => out,
    stop: async (signal = "SIGTERM") => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export const basic = (u: { username: string; password: string }): string =>
  `Basic ${Buffer.from(`${u.username}:${u.password}`).toString("base64")}`;

/** Headers for an unsafe request as the app sends it. */
export const writeHeaders = (
  auth: string,
  extra: Record<string, string> = {},
): Record<string, string> => ({
  authorization: auth,
  "x-packsmith-client": "test",
  "content-type": "application/zip",
  ...extra,
});

let logMarks = 0;

/**
 * The server's log lines so far, once every line it wrote before this call has arrived: the log is
 * written in order, so a /health request marked with a fresh query is sent and its own line
 * awaited. A count read from it is exact, with no sleep. Needs `PACKSMITH_LOG` at `info` or
 * lower (`debug` for the sign-in checks).
 */
export async function serverLog(
  srv: Pick<RunningServer, "url" | "stdout">,
): Promise<string[]> {
  const mark = `log-mark=${++logMarks}`;
  const r = await fetch(`${srv.url}/api/v1/health?${mark}`);
  await r.arrayBuffer();
  // The bound only stops a test whose server logs nothing (a wrong PACKSMITH_LOG) from hanging.
  for (let polls = 0; !srv.stdout().includes(mark); polls++) {
    if (polls === 2000)
      throw new Error(
        `the server never logged ${mark}: start it with PACKSMITH_LOG=info or debug`,
      );
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return srv.stdout().split("\n");
}

/** How many bcrypt checks the server has run (its debug line per check; PACKSMITH_LOG=debug). */
export async function bcryptChecks(srv: RunningServer): Promise<number> {
  return (await serverLog(srv)).filter((l) =>
    l.includes("sign-in: bcrypt check"),
  ).length;
}

/** A session token from `POST /session` on the server at `url` (ADMIN by default); throws unless 200. */
export async function signIn(
  url: string,
  user: { username: string; password: string } = ADMIN,
): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-packsmith-client": "t" },
    body: JSON.stringify(user),
  });
  if (res.status !== 200)
    throw new Error(`sign-in as ${user.username} answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
