#!/usr/bin/env bash
# The project's one test command (`npm test`, `.ci/run`). Works on a clean clone: installs what is
# missing, runs every suite even when an earlier one fails, and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

# Focused tests (.only) fail the run instead of silently skipping the rest.
export CI="${CI:-1}"

say() { printf '\n== %s\n' "$*"; }

setup_failed() {
  printf '\n%s\n' "$*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

# 1. npm packages: install when absent or when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci || setup_failed "npm ci failed: cannot install the npm packages."
fi

# 2. System packages (Debian): Chromium for the browser tests, docker-registry for the registry tests,
#    unzip, tar and openssl for the tests that check our archives and certificates with the real tools.
#    Those tests never skip when a tool is missing: they fail, naming the package.
#    Each tool is named after its package.
tools=(docker-registry unzip tar openssl)
apt_packages=(chromium "${tools[@]}")
# The packages whose tool is missing, one a line.
missing_packages() {
  [ -x /usr/bin/chromium ] || echo chromium
  for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || echo "$tool"
  done
}
mapfile -t missing < <(missing_packages)
if [ "${#missing[@]}" -gt 0 ]; then
  say "apt-get install ${apt_packages[*]} (missing: ${missing[*]})"
  if ! command -v apt-get >/dev/null 2>&1; then
    setup_failed "Missing ${missing[*]}, and apt-get is not available. Install the Debian packages '${apt_packages[*]}' by hand."
  fi
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 ||
      setup_failed "Missing ${missing[*]}; installing them needs root and sudo is not available."
    sudo=(sudo)
  fi
  { "${sudo[@]}" apt-get update && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${apt_packages[@]}"; } ||
    setup_failed "apt-get could not install '${apt_packages[*]}'."
  mapfile -t missing < <(missing_packages)
  [ "${#missing[@]}" -eq 0 ] || setup_failed "apt-get finished but ${missing[*]} still missing."
fi

# 3. The suites. Stale reports are removed first so a crashed suite cannot reuse an old result.
mkdir -p test-results
rm -f test-results/unit.json test-results/e2e.json

# The three static checks side by side (20 + 22 + 4 s one after another, each on one core), each
# one's output printed whole once all are done.
checks_out=$(mktemp -d)
npm run --silent typecheck >"$checks_out/typecheck" 2>&1 &
typecheck_pid=$!
npm run --silent lint >"$checks_out/lint" 2>&1 &
lint_pid=$!
npm run --silent deadcode >"$checks_out/deadcode" 2>&1 &
deadcode_pid=$!
wait "$typecheck_pid"
typecheck=$?
wait "$lint_pid"
lint=$?
wait "$deadcode_pid"
deadcode=$?
say "typecheck"
cat "$checks_out/typecheck"
say "lint"
cat "$checks_out/lint"
say "dead code (knip)"
cat "$checks_out/deadcode"
rm -rf "$checks_out"

say "unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json

say "browser tests (playwright)"
npx playwright test

say "summary"
exec node scripts/sum-results.mjs \
  --check "typecheck=$typecheck" \
  --check "lint=$lint" \
  --check "deadcode=$deadcode" \
  --vitest test-results/unit.json \
  --playwright test-results/e2e.json
