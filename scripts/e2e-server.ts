// The server the browser tests run against: the real server process with the built app, a fresh
// data folder and one known user (e2e/credentials.ts), so tests can sign in and upload.
import bcrypt from "bcryptjs";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { E2E_USER } from "../e2e/credentials";
import { configFromEnv } from "../server/config";
import { start } from "../server/main";

// Overridable so several Playwright runs (own port, own build) can share one checkout.
const dataDir = resolve(process.env.E2E_DATA ?? "test-results/e2e-data");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const htpasswd = resolve(dataDir, "htpasswd");
writeFileSync(
  htpasswd,
  `${E2E_USER.username}:${bcrypt.hashSync(E2E_USER.password, 12)}\n`,
);
const config = configFromEnv({
  ...process.env,
  PACKSMITH_DATA: dataDir,
  PACKSMITH_HTPASSWD: htpasswd,
  PACKSMITH_STATIC: resolve(process.env.E2E_STATIC ?? "dist"),
});
const { url } = await start(config);
process.stdout.write(`e2e server at ${url}\n`);
