import type { Page } from "@playwright/test";

export interface ProblemOptions {
  /** URLs whose 4xx/5xx answers are expected (a 404 logo for a pack whose logo is not a PNG). */
  allowHttp?: RegExp;
}

/**
 * Collects what the page reports as going wrong (console errors and warnings, uncaught errors,
 * failed requests, error answers) so a test can assert there was nothing.
 */
export function watchForProblems(
  page: Page,
  opts: ProblemOptions = {},
): string[] {
  const problems: string[] = [];
  const allowed = (url: string) => opts.allowHttp?.test(url) ?? false;
  page.on("console", (message) => {
    if (message.type() !== "error" && message.type() !== "warning") return;
    // The browser's own line for an allowed error answer.
    if (
      /Failed to load resource/.test(message.text()) &&
      allowed(message.location().url)
    )
      return;
    problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) =>
    problems.push(`page error: ${error.message}`),
  );
  page.on("requestfailed", (request) => {
    // Aborted is not failed: a download started by a link, or a request still in flight (a
    // worker script, a logo) when the test navigates on.
    if (request.failure()?.errorText === "net::ERR_ABORTED") return;
    problems.push(
      `request failed: ${request.url()} (${request.failure()?.errorText ?? "unknown"})`,
    );
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && !allowed(response.url()))
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}
