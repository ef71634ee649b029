import { fileURLToPath } from "node:url";

import react from "@vitejs/plugin-react";
import { compression, defineAlgorithm } from "vite-plugin-compression2";
import { defineConfig } from "vitest/config";

import { colorSchemeTheme } from "./scripts/vite/color-scheme-theme";

/**
 * Node test files that measure their own process, so each runs in a fresh one: the CPU-growth
 * tests (test/security/cpu-growth.ts; in a fork that had run other files, B40's 40,000-key parse
 * paid for the larger heap and its ratio passed the bound of 20), and collect.test.ts, which reads
 * the memory held outside the heap (other files' buffers made it force a collection).
 */
const ISOLATED = ["test/security/**/*.test.ts", "test/server/collect.test.ts"];

export default defineConfig({
  plugins: [
    react(),
    // A brotli and a gzip copy beside each text file of the build; the server sends the one the
    // browser accepts (server/routes/static.ts, preCompressed), so nothing is compressed per request.
    compression({
      algorithms: [
        defineAlgorithm("brotliCompress"),
        defineAlgorithm("gzip", { level: 9 }),
      ],
      threshold: 0,
      skipIfLargerOrEqual: true,
    }),
  ],
  // The dark palettes written as `@media (prefers-color-scheme: dark)` also follow the theme
  // chosen in the header (`<html data-theme>`).
  css: { postcss: { plugins: [colorSchemeTheme()] } },
  // The `@/` alias comes from `paths` in tsconfig.json, so the two cannot disagree.
  resolve: {
    tsconfigPaths: true,
    // The app's bare `zod` is zod with `jitless` set first (no `new Function` probe under the CSP),
    // so main.tsx need not import zod to set it and the first screen loads none. Tests (vitest)
    // run zod as the server and CLI do.
    alias: process.env.VITEST
      ? []
      : [
          {
            find: /^zod$/,
            replacement: fileURLToPath(
              new URL("./src/lib/zod-jitless.ts", import.meta.url),
            ),
          },
        ],
  },
  // Workers (the pack core, Monaco's language services) are ES modules: they split into chunks
  // and load with `new Worker(url, { type: "module" })` under `worker-src 'self'`.
  worker: { format: "es" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
  test: {
    pool: "forks",
    // One fork per core. Vitest's default here is one fork less than the cores, which on the
    // 2-core CI machine ran the 123 files one at a time: 457 s, against 260–295 s with two.
    maxWorkers: "100%",
    testTimeout: 60_000,
    // beforeAll hooks start real server processes and registries: as long as a test may take.
    hookTimeout: 60_000,
    // A run (or a path filter) that finds no test is a failure, never a silent pass.
    passWithNoTests: false,
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["test/**/*.test.ts", "src/**/*.test.ts"],
          exclude: ISOLATED,
          environment: "node",
          // The files of a fork share one module cache: each file re-imported the pack core,
          // zod and fastify (test/core: 90.6 s isolated, 69.7 s shared). Safe here because no
          // test mocks or stubs a module, a global or the environment; each starts its own
          // servers and folders. The jsdom files stay isolated: they share a document.
          isolate: false,
        },
      },
      {
        // Tests that measure their process, each file in a fresh one (see ISOLATED).
        extends: true,
        test: {
          name: "isolated",
          include: ISOLATED,
          environment: "node",
        },
      },
      {
        // Components render in jsdom with Testing Library (`*.test.tsx`).
        extends: true,
        test: {
          name: "dom",
          include: ["test/**/*.test.tsx", "src/**/*.test.tsx"],
          environment: "jsdom",
          setupFiles: ["test/components/setup.ts"],
        },
      },
    ],
  },
});
