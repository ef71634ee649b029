import { defineConfig, devices } from "@playwright/test";

/** Fixed so the web server and the tests agree; `--strictPort` fails loudly if it is taken. */
const port = 4317;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  outputDir: "test-results/e2e-artifacts",
  use: {
    baseURL,
    // A failed test keeps its trace (every action with its timing, console and network) and a
    // screenshot. DOM snapshots and the screencast are not taken: capturing them on every action
    // of every test cost more CPU than the app itself (the 36 fixture pages: 45 s with them,
    // 17 s without; the whole suite about 40% of its time on the 2-core CI machine).
    trace: { mode: "retain-on-failure", snapshots: false, screenshots: false },
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        headless: true,
        // Browser downloads are blocked here: use the Debian package, kept quiet and offline.
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    // The tests exercise the production build served by the real registry server.
    command: `npm run build && PORT=${port} HOST=127.0.0.1 PACKSMITH_LOG=warn npx tsx scripts/e2e-server.ts`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
