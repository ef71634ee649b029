import { availableParallelism } from "node:os";
import { Piscina } from "piscina";

/**
 * The worker-thread pool for CPU-bound work (issue 10: the event loop only moves bytes), one
 * thread per core. Created on first use, so a process that never checks a password starts none.
 */
let pool: Piscina | null = null;

function workers(): Piscina {
  pool ??= new Piscina({
    filename: new URL("./bcrypt-task.mjs", import.meta.url).href,
    maxThreads: Math.max(1, availableParallelism()),
    minThreads: 1,
    idleTimeout: 60_000,
    // The task file is plain JavaScript: the workers need no loader flags of the parent (tsx).
    execArgv: [],
  });
  return pool;
}

/** bcrypt comparison of `password` with `hash` in the pool. */
export function bcryptCompare(
  password: string,
  hash: string,
): Promise<boolean> {
  return workers().run(
    { password, hash },
    { name: "compare" },
  ) as Promise<boolean>;
}

/** A bcrypt hash of `password` at `cost`, computed in the pool. */
export function bcryptHash(password: string, cost: number): Promise<string> {
  return workers().run({ password, cost }, { name: "hash" }) as Promise<string>;
}

/** Stop the pool's threads (server shutdown). */
export async function closeWorkers(): Promise<void> {
  const p = pool;
  pool = null;
  if (p) await p.destroy();
}
