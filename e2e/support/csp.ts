import type { Page } from "@playwright/test";

/**
 * Start collecting the Content-Security-Policy violations the page reports, from its first script
 * on; the returned function reads what has been seen so far, each as
 * `<directive> blocked <uri> (<source>:<line>)`.
 */
export async function watchCspViolations(
  page: Page,
): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(
        `${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
      ),
    );
  });
  return () =>
    page.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    );
}
