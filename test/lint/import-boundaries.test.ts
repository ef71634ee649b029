import { readdirSync } from "node:fs";
import { join } from "node:path";

import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The import boundaries of eslint.config.js, run through ESLint's own API on snippets placed (by
 * `filePath`, nothing is written) where each rule applies. Every "refused" row names the message a
 * developer sees, so a rule that stops biting fails here, not silently in review.
 */

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

interface Problem {
  ruleId: string | null;
  message: string;
}

async function lint(filePath: string, code: string): Promise<Problem[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map(({ ruleId, message }) => ({
    ruleId,
    message,
  }));
}

const imports = (specifier: string) =>
  `import { x } from "${specifier}";\nexport const y = x;\n`;

const REFUSED: [file: string, specifier: string, message: string][] = [
  // Features never import one another, by alias or by climbing out of their folder.
  [
    "src/features/wizard/components/x.tsx",
    "@/features/preview/utils/pack-meta",
    "A feature never imports another feature or the app: move what src/features/wizard shares",
  ],
  [
    "src/features/wizard/components/x.tsx",
    "../../preview/utils/pack-meta",
    "A feature never imports another feature",
  ],
  [
    "src/features/preview/types.ts",
    "../drafts/api/draft-store",
    "A feature never imports another feature",
  ],
  [
    "src/features/drafts/api/x.ts",
    "@/app/routes/build",
    "A feature never imports another feature or the app",
  ],
  // Shared code never reaches up into features.
  [
    "src/components/pack/x.tsx",
    "@/features/wizard/model/draft-schema",
    "src/components is shared code",
  ],
  [
    "src/lib/x.ts",
    "../features/wizard/model/draft-schema",
    "src/lib is shared code",
  ],
  // The core imports no app code and no React.
  ["src/pack/x.ts", "react", "src/pack is framework-free"],
  ["src/pack/x.ts", "react-dom/client", "src/pack is framework-free"],
  ["src/pack/x.ts", "@/lib/files", "src/pack is the core shared"],
  ["src/pack/x.ts", "../components/pack/file-kind", "src/pack is the core"],
  ["src/pack/x.ts", "../../server/config", "src/pack is the core"],
  // Code bundled for the browser has no Node built-ins (tests may use them).
  ["src/pack/x.ts", "node:zlib", "no Node built-ins outside tests"],
  ["src/pack/x.ts", "fs", "no Node built-ins outside tests"],
  ["src/lib/x.ts", "node:path", "no Node built-ins outside tests"],
  [
    "src/features/wizard/model/x.ts",
    "fs/promises",
    "no Node built-ins outside tests",
  ],
  // The server and the CLI import only the core.
  [
    "server/routes/x.ts",
    "../../src/lib/api/client",
    "server/ imports only server/, src/pack",
  ],
  ["server/x.ts", "../src/features/wizard/types", "server/ imports only"],
  ["server/x.ts", "@/lib/files", "server/ imports only"],
  ["server/x.ts", "../bin/packsmith.mjs", "server/ imports only"],
  [
    "src/cli/x.ts",
    "../features/wizard/model/draft-schema",
    "src/cli imports only src/cli, src/pack",
  ],
  ["src/cli/x.ts", "../../server/config", "src/cli imports only"],
];

const ALLOWED: [file: string, specifier: string][] = [
  ["src/features/wizard/components/x.tsx", "@/features/wizard/model/x"],
  ["src/features/wizard/components/x.tsx", "../model/x"],
  ["src/features/wizard/components/x.tsx", "@/components/ui/button"],
  ["src/features/wizard/components/x.tsx", "@/pack/schemas"],
  ["src/features/wizard/components/x.tsx", "../../../lib/files"],
  ["src/features/wizard/model/x.test.ts", "../../../../test/helpers/fixtures"],
  ["src/features/preview/utils/x.test.ts", "../../../../server/prepare"],
  ["src/pack/x.ts", "./schemas"],
  ["src/pack/x.test.ts", "node:fs"],
  ["src/features/wizard/model/x.test.ts", "node:path"],
  ["src/cli/x.ts", "node:fs/promises"],
  ["src/pack/x.ts", "yaml"],
  ["server/routes/x.ts", "../../src/pack/digest"],
  ["server/routes/x.ts", "../store/store"],
  ["server/x.ts", "node:fs/promises"],
  ["server/x.ts", "@/pack/digest"],
  ["src/cli/x.ts", "../pack/digest"],
  ["src/cli/x.ts", "./push"],
];

describe("import boundaries in eslint.config.js", () => {
  it.each(REFUSED)("refuses %s importing %s", async (file, specifier, text) => {
    const problems = await lint(file, imports(specifier));
    expect(problems).toEqual([
      {
        ruleId: "no-restricted-imports",
        message: expect.stringContaining(text) as string,
      },
    ]);
  });

  it.each(ALLOWED)("lets %s import %s", async (file, specifier) => {
    expect(await lint(file, imports(specifier))).toEqual([]);
  });

  it("refuses type-only imports across features too", async () => {
    const problems = await lint(
      "src/features/registry/components/x.tsx",
      'import type { DraftSummary } from "@/features/drafts/api/draft-store";\nexport type Y = DraftSummary;\n',
    );
    expect(problems.map((p) => p.ruleId)).toEqual(["no-restricted-imports"]);
  });

  it("refuses DOM globals in src/pack but not in the app", async () => {
    const code =
      "export const title = () => document.title + window.location.href;\n";
    const problems = await lint("src/pack/x.ts", code);
    expect(problems).toEqual([
      {
        ruleId: "no-restricted-globals",
        message: expect.stringContaining(
          "Unexpected use of 'document'. src/pack runs in Node",
        ) as string,
      },
      {
        ruleId: "no-restricted-globals",
        message: expect.stringContaining("'window'") as string,
      },
    ]);
    expect(await lint("src/lib/x.ts", code)).toEqual([]);
  });

  it("covers every source file of the bounded folders (a deeper folder would slip through)", async () => {
    const roots = [
      "server",
      "src/pack",
      "src/cli",
      "src/features",
      "src/lib",
      "src/components",
      "src/config",
    ];
    const files = roots.flatMap((root) =>
      readdirSync(root, { recursive: true, encoding: "utf8" })
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => join(root, f)),
    );
    expect(files.length).toBeGreaterThan(200);
    const unbounded: string[] = [];
    for (const file of files) {
      const config = (await eslint.calculateConfigForFile(file)) as {
        rules?: Record<string, unknown>;
      };
      if (!config.rules?.["no-restricted-imports"]) unbounded.push(file);
    }
    expect(unbounded).toEqual([]);
  });
});
