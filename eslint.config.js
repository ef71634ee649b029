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
  {
    // The domain core is plain TypeScript shared with the CLI and the server: no React, no app code.
    files: ["src/pack/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["react", "react-dom", "react/*", "react-dom/*"],
              message: "src/pack is framework-free; keep React in the app.",
            },
            {
              group: [
                "@/app/*",
                "@/features/*",
                "@/components/*",
                "@/lib/*",
                "../app/*",
              ],
              message: "src/pack must not depend on the app.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["test/**", "src/**/*.test.{ts,tsx}", "e2e/**"],
    rules: { "no-restricted-properties": ["error", ...noFocusedTests] },
  },
);
