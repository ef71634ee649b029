import { spawnSync } from "node:child_process";

/** Each tool's "print your version" call, which exits 0 when the tool works. */
const VERSION_ARGS = {
  unzip: ["-v"],
  tar: ["--version"],
  openssl: ["version"],
};

/**
 * Fail the calling test at once when a command-line tool it checks against is missing. These
 * tests never skip: `scripts/test.sh` installs the Debian packages, and a machine without them
 * must show a failure naming the package, not a green run that tested nothing.
 */
export function requireTool(tool: keyof typeof VERSION_ARGS): void {
  const r = spawnSync(tool, VERSION_ARGS[tool], { stdio: "ignore" });
  if (r.error !== undefined || r.status !== 0)
    throw new Error(
      `'${tool}' is not installed: install the Debian package '${tool}' (bash scripts/test.sh does).`,
    );
}
