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
    // A run (or a path filter) that finds no test is a failure, never a silent pass.
    passWithNoTests: false,
  },
});
