/** Hostile YAML texts, each small to build. */

/**
 * The classic "billion laughs": nine levels of nine aliases, 9^9 "lol"s once expanded. With
 * `depth` levels (2–26) it is 9^depth: one more level, one more line, nine times the expansion.
 */
export function billionLaughs(depth = 9): string {
  const levels = Array.from({ length: depth }, (_, i) =>
    String.fromCharCode(97 + i),
  );
  const lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let i = 1; i < levels.length; i++) {
    const k = levels[i]!;
    lines.push(
      `${k}: &${k} [${Array(9)
        .fill(`*${levels[i - 1]!}`)
        .join(", ")}]`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A block mapping nested `depth` levels deep (`a:` inside `a:` …). */
export const deepBlock = (depth: number): string =>
  `${Array.from({ length: depth + 1 }, (_, i) => `${"  ".repeat(i)}a:`).join("\n")} 1\n`;

/** `depth` nested flow sequences: `[[[…]]]`. */
export const deepFlow = (depth: number): string =>
  `${"[".repeat(depth)}${"]".repeat(depth)}\n`;

/** One mapping with `count` distinct keys. */
export const manyKeys = (count: number): string =>
  `${Array.from({ length: count }, (_, i) => `key${i}: v`).join("\n")}\n`;

/** `count` YAML documents, each a small ConfigMap (or empty when `empty`). */
export const manyDocuments = (count: number, empty = false): string =>
  (empty ? "---\n" : "---\napiVersion: v1\nkind: ConfigMap\n").repeat(count);
