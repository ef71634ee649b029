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
      media(atRule: AtRule & { themed?: boolean }) {
        // Only the plain dark query (not one combined with other conditions), each block once:
        // PostCSS visits a block again after its selectors change.
        if (
          atRule.params.trim() !== "(prefers-color-scheme: dark)" ||
          atRule.themed
        )
          return;
        atRule.themed = true;
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
