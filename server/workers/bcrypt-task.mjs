// Runs inside the worker-thread pool (pool.ts): plain JavaScript, so the worker needs no TypeScript
// loader. bcrypt is ~0.25 s of CPU at cost 12; here it never blocks the server's event loop.
import bcrypt from "bcryptjs";

/** @param {{ password: string, hash: string }} task */
export function compare({ password, hash }) {
  return bcrypt.compareSync(password, hash);
}

/** @param {{ password: string, cost: number }} task */
export function hash({ password, cost }) {
  return bcrypt.hashSync(password, cost);
}
