import type { AtRule, Plugin, Rule } from "postcss";

/**
 * PostCSS: every `@media (prefers-color-scheme: dark)` block also answers a theme chosen in the
 * app (`<html data-theme="dark|light">`, src/lib/theme.ts). Inside the media query its rules
 * apply unless light was chosen; a copy outside applies when dark was chosen. The stylesheets
 * keep writing the dark palette once, the usual way. (What postcss-dark-theme-class does.)
 */
export function colorSchemeTheme(): Plugin {
  const scoped = (selector: string, root: string): string =>
    selector
      .split(",")
      .map((s) => s.trim())
      .map((s) =>
        s === ":root" || s === "html"
          ? root
          : s.startsWith(":root") || s.startsWith("html")
            ? s.replace(/^(:root|html)/, root)
            : // :where() adds no specificity: the rule wins and loses as it did inside @media.
              `:where(${root}) ${s}`,
      )
      .join(", ");
  return {
    postcssPlugin: "color-scheme-theme",
    AtRule: {
      media(atRule: AtRule) {
        if (!/\(\s*prefers-color-scheme\s*:\s*dark\s*\)/.test(atRule.params))
          return;
        if (atRule.params.trim() !== "(prefers-color-scheme: dark)") return;
        if ((atRule as AtRule & { themed?: boolean }).themed) return;
        (atRule as AtRule & { themed?: boolean }).themed = true;
        const chosen: Rule[] = [];
        atRule.walkRules((rule) => {
          chosen.push(
            rule.clone({
              selector: scoped(rule.selector, ':root[data-theme="dark"]'),
            }),
          );
          rule.selector = scoped(
            rule.selector,
            ':root:not([data-theme="light"])',
          );
        });
        atRule.after(chosen);
      },
    },
  };
}
colorSchemeTheme.postcss = true as const;
