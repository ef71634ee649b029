import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  // The `@/` alias comes from `paths` in tsconfig.json, so the two cannot disagree.
  resolve: { tsconfigPaths: true },
  // Workers (the pack core, Monaco's language services) are ES modules: they split into chunks
  // and load with `new Worker(url, { type: "module" })` under `worker-src 'self'`.
  worker: { format: "es" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.{ts,tsx}"],
    environment: "node",
    pool: "forks",
    testTimeout: 60_000,
    // The skeleton ships before the first unit test; an empty run is not a failure.
    passWithNoTests: true,
  },
});
