/**
 * What the browser bench runs on: the production build of the app (into a folder of the bench's
 * own, never dist/), served by the real server (lib/server-proc.ts: own port, data folder and
 * htpasswd), in Debian's Chromium driven by Playwright (never a downloaded browser).
 *
 * Clean-up: the build runs through runNodeScript and the server through startBenchServer, both
 * killed with the bench whatever happens (see server-proc.ts). Chromium is Playwright's child:
 * `close()` in a finally, and Playwright's own exit hook SIGKILLs it (and removes its temporary
 * profile) if the bench exits first, e.g. after Ctrl-C. Downloads go under the run's temp folder.
 */
import { cpSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "@playwright/test";
import { runNodeScript } from "./server-proc";

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, "../../..");

export const CHROMIUM = "/usr/bin/chromium";

/** As in playwright.config.ts: headless, offline and quiet. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** `vite build --outDir <outDir>` (the project's vite.config.ts otherwise). Returns the time taken. */
export async function buildApp(outDir: string): Promise<number> {
  const t0 = performance.now();
  await runNodeScript(path.join(ROOT, "node_modules/vite/bin/vite.js"), [
    "build",
    "--outDir",
    outDir,
    "--emptyOutDir",
    "--logLevel",
    "warn",
    // A CPU profile's minified names are read back through the maps.
    ...(process.env.BENCH_BROWSER_CPU_PROF ? ["--sourcemap"] : []),
  ]);
  // Kept beside the profiles: the run's temp folder is removed at its end.
  const prof = process.env.BENCH_BROWSER_CPU_PROF;
  if (prof)
    cpSync(path.join(outDir, "assets"), path.join(prof, "assets"), {
      recursive: true,
    });
  return performance.now() - t0;
}

export async function launchChromium(downloadsPath: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    downloadsPath,
  });
}

/** Chromium's version line, for bench.json. */
export function chromiumVersion(browser: Browser): string {
  return browser.version();
}
