import { readdirSync } from "node:fs";
import { builtinModules } from "node:module";

import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Focused tests (`.only`) must never reach CI, where they would silently skip the rest. */
const noFocusedTests = ["describe", "it", "test"].map((object) => ({
  object,
  property: "only",
  message: "Remove .only before committing.",
}));

/*
 * Import boundaries (issue 11, item 8), with the built-in `no-restricted-imports`.
 *
 * Each group of files may import only from the repository folders it lists (plus npm packages and
 * Node built-ins). A specifier is a string, not a path, so one block per folder depth turns "climbs
 * k folders, then names X" into the folder it lands in: `../../pack/x` from `src/cli/a/b.ts` is
 * `src/cli/pack/x`, from `src/cli/b.ts` it is `src/pack/x`. The `@/` alias is `src/`.
 * Dynamic `import()` is not checked by the rule; only the router uses it, for routes.
 */

/** Folder depths below a group's root that the blocks cover (`root/*.ts` is depth 0). */
const DEPTHS = [0, 1, 2, 3, 4];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");

/**
 * The `no-restricted-imports` patterns for a file `depth` folders below `root`: every import that
 * lands outside `root` and outside `allowed` (repository paths such as "src/pack").
 */
function outsidePatterns(root, depth, allowed, message) {
  const rootParts = root.split("/");
  const fileDirDepth = rootParts.length + depth;
  const patterns = [];
  const ok = (prefix) =>
    [root, ...allowed]
      .filter((path) => prefix === "" || path.startsWith(`${prefix}/`))
      .map((path) =>
        escape(prefix === "" ? path : path.slice(prefix.length + 1)),
      );
  // `../` climbed `ups` times lands in the folder made of the first `fileDirDepth - ups` parts.
  for (let ups = depth + 1; ups <= fileDirDepth; ups++) {
    const prefix = rootParts.slice(0, fileDirDepth - ups).join("/");
    const rests = ok(prefix);
    const allowedRest = rests.length ? `(?:${rests.join("|")})(?:/|$)|` : "";
    patterns.push({
      regex: `^(?:\\.\\./){${ups}}(?!${allowedRest}\\.\\./)`,
      message,
    });
  }
  patterns.push({ regex: `^(?:\\.\\./){${fileDirDepth + 1}}`, message });
  const aliased = [root, ...allowed]
    .filter((path) => path.startsWith("src/"))
    .map((path) => escape(path.slice("src/".length)));
  patterns.push({
    regex: `^@/(?!(?:${aliased.join("|") || "(?!)"})(?:/|$))`,
    message,
  });
  return patterns;
}

/**
 * One config block per depth restricting the files under `root` to imports from `allowed`; test
 * files (`*.test.*`) may also import `testAllowed` (the test helpers, the server for real payloads).
 */
function boundary(
  root,
  { allowed, testAllowed = [], extra = [], browser = false, message },
) {
  const tests = ["**/*.test.ts", "**/*.test.tsx"];
  return DEPTHS.flatMap((depth) => {
    const files = [`${root}/${"*/".repeat(depth)}*.{ts,tsx}`];
    const rule = (paths, more = []) => [
      "error",
      {
        patterns: [
          ...extra,
          ...more,
          ...outsidePatterns(root, depth, paths, message),
        ],
      },
    ];
    return [
      {
        files,
        ignores: tests,
        rules: {
          "no-restricted-imports": rule(
            allowed,
            browser ? [noNodeBuiltins] : [],
          ),
        },
      },
      {
        files: files.map((glob) =>
          glob.replace(/\*\.\{ts,tsx\}$/, "*.test.{ts,tsx}"),
        ),
        rules: { "no-restricted-imports": rule([...allowed, ...testAllowed]) },
      },
    ];
  });
}

/** Code bundled for the browser (the app, and the core in its worker) has no Node built-ins. */
const noNodeBuiltins = {
  regex: `^(?:node:.*|${builtinModules.map(escape).join("|")})(?:/.*)?$`,
  message:
    "This code runs in the browser (the core in its worker too): no Node built-ins outside tests.",
};

const SHARED = ["src/components", "src/lib", "src/config", "src/pack"];
const TEST_ONLY = ["test", "server"];
const features = readdirSync(new URL("src/features", import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Browser-only globals (what `globals.browser` has beyond Node): the core runs in Node too. */
const browserOnlyGlobals = Object.keys(globals.browser)
  .filter((name) => !(name in globals.node))
  .map((name) => ({
    name,
    message:
      "src/pack runs in Node (server, CLI) as well: no DOM or browser globals.",
  }));

const boundaries = [
  ...boundary("src/pack", {
    allowed: [],
    browser: true,
    testAllowed: ["test"],
    extra: [
      {
        group: [
          "react",
          "react/*",
          "react-dom",
          "react-dom/*",
          "@tanstack/*",
          "react-hook-form",
          "monaco-editor",
          "monaco-editor/*",
          "dompurify",
        ],
        message:
          "src/pack is framework-free; keep React and the DOM in the app.",
      },
    ],
    message:
      "src/pack is the core shared with the server and the CLI: it imports only src/pack and npm packages.",
  }),
  {
    files: ["src/pack/**/*.{ts,tsx}"],
    rules: { "no-restricted-globals": ["error", ...browserOnlyGlobals] },
  },
  ...boundary("server", {
    allowed: ["src/pack"],
    message: "server/ imports only server/, src/pack and npm packages.",
  }),
  ...boundary("src/cli", {
    allowed: ["src/pack"],
    message: "src/cli imports only src/cli, src/pack and npm packages.",
  }),
  ...features.flatMap((feature) =>
    boundary(`src/features/${feature}`, {
      allowed: SHARED,
      browser: true,
      testAllowed: TEST_ONLY,
      message: `A feature never imports another feature or the app: move what src/features/${feature} shares to src/components, src/lib or src/pack.`,
    }),
  ),
  ...["src/components", "src/lib", "src/config"].flatMap((root) =>
    boundary(root, {
      allowed: SHARED,
      browser: true,
      testAllowed: TEST_ONLY,
      message: `${root} is shared code: it imports only src/components, src/lib, src/config and src/pack, never a feature or the app.`,
    }),
  ),
];

export default defineConfig(
  {
    ignores: [
      "dist/",
      "node_modules/",
      "data/",
      "test-results/",
      "playwright-report/",
      "coverage/",
      "bench-results/",
      "build/",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      globals: globals.node,
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/cli/**"],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    files: ["**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
  },
  ...boundaries,
  {
    files: ["test/**", "src/**/*.test.{ts,tsx}", "e2e/**"],
    rules: { "no-restricted-properties": ["error", ...noFocusedTests] },
  },
);
