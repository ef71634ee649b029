import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

import {
  DARK_THEME,
  LIGHT_THEME,
  THEME_BACKGROUND,
  type EditorThemeData,
} from "./editor-themes";

type Rgb = [number, number, number];

const parse = (hex: string): { rgb: Rgb; alpha: number } => {
  const h = hex.replace("#", "");
  const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
  return { rgb: [n(0), n(2), n(4)], alpha: h.length === 8 ? n(6) / 255 : 1 };
};

const over = (top: string, below: Rgb): Rgb => {
  const { rgb, alpha } = parse(top);
  return rgb.map((c, i) =>
    Math.round(c * alpha + below[i]! * (1 - alpha)),
  ) as Rgb;
};

const luminance = (rgb: Rgb): number => {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

const contrast = (a: Rgb, b: Rgb): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (hi + 0.05) / (lo + 0.05);
};

/** The editor background, and each diff highlight: a text highlight sits on its line highlight. */
function backgrounds(theme: EditorThemeData): Rgb[] {
  const base = parse(THEME_BACKGROUND[theme.base]).rgb;
  const c = theme.colors;
  const inserted = over(c["diffEditor.insertedLineBackground"]!, base);
  const removed = over(c["diffEditor.removedLineBackground"]!, base);
  return [
    base,
    inserted,
    over(c["diffEditor.insertedTextBackground"]!, inserted),
    removed,
    over(c["diffEditor.removedTextBackground"]!, removed),
  ];
}

/** Monaco's own token rules for a base theme, read from its source. */
function monacoRules(name: "vs" | "vs_dark"): string[] {
  const source = readFileSync(
    "node_modules/monaco-editor/esm/vs/editor/standalone/common/themes.js",
    "utf8",
  );
  const start = source.indexOf(`export const ${name} =`);
  const block = source.slice(start, source.indexOf("export const", start + 10));
  return [
    ...block.matchAll(/\{ token: '([^']*)', foreground: '[0-9A-Fa-f]{6}'/g),
  ].map((m) => m[1] ?? "");
}

describe.each([
  ["light", LIGHT_THEME, "vs"],
  ["dark", DARK_THEME, "vs_dark"],
] as const)("the %s editor theme", (_name, theme, monacoName) => {
  test.each(theme.rules)(
    "$token is readable on the background and on diff highlights",
    (rule) => {
      const colour = parse(rule.foreground).rgb;
      for (const background of backgrounds(theme))
        expect(contrast(colour, background)).toBeGreaterThanOrEqual(4.5);
    },
  );

  test("overrides every coloured token rule of Monaco's theme", () => {
    const ours = new Set(theme.rules.map((r) => r.token));
    expect(monacoRules(monacoName).filter((t) => !ours.has(t))).toEqual([]);
  });
});
