/** The colour theme: the system's, or one the user chose. */
export type Theme = "system" | "light" | "dark";

export const THEMES: readonly Theme[] = ["system", "light", "dark"];

/** Where the choice is remembered; public/theme-init.js reads it before the first paint. */
export const THEME_KEY = "packsmith-theme";

const EVENT = "packsmith-theme";

const isTheme = (v: unknown): v is Theme =>
  typeof v === "string" && (THEMES as readonly string[]).includes(v);

/** The remembered choice ("system" when none, or when storage is blocked). */
export function storedTheme(): Theme {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return isTheme(v) ? v : "system";
  } catch {
    return "system";
  }
}

/**
 * Apply and remember a choice: `data-theme` on `<html>` switches the CSS variables (the dark
 * `@media` blocks are rewritten at build time to follow it), `color-scheme` the browser's own
 * controls. Returns false when it could not be remembered (storage blocked or full).
 */
export function setTheme(theme: Theme): boolean {
  const root = document.documentElement;
  if (theme === "system") {
    root.removeAttribute("data-theme");
    root.style.removeProperty("color-scheme");
  } else {
    root.setAttribute("data-theme", theme);
    root.style.colorScheme = theme;
  }
  window.dispatchEvent(new Event(EVENT));
  try {
    if (theme === "system") localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, theme);
    return true;
  } catch {
    return false;
  }
}

/** Whether the page is dark now: the user's choice, else the system's. */
export function isDark(): boolean {
  const t = document.documentElement.getAttribute("data-theme");
  if (t === "dark") return true;
  if (t === "light") return false;
  return window.matchMedia("(prefers-color-scheme: dark)").matches;
}

/** Call `listener` whenever the page turns dark or light (the user's choice or the system's). */
export function onThemeChange(listener: () => void): () => void {
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  window.addEventListener(EVENT, listener);
  media.addEventListener("change", listener);
  return () => {
    window.removeEventListener(EVENT, listener);
    media.removeEventListener("change", listener);
  };
}
