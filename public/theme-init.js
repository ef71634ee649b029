/* global document */
// Runs before the first paint (a blocking script in <head>, allowed by script-src 'self'): the
// theme the user chose (src/lib/theme.ts) is on <html> before any CSS is applied, so no flash.
try {
  var t = localStorage.getItem("packsmith-theme");
  if (t === "light" || t === "dark") {
    document.documentElement.setAttribute("data-theme", t);
    document.documentElement.style.colorScheme = t;
  }
} catch {
  // Storage blocked: the system theme applies.
}
