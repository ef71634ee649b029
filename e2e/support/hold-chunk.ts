import type { Page } from "@playwright/test";

/**
 * Holds back one of the app's code chunks (`/assets/<name>-<8-character hash>.js`, as Vite names
 * them) until `release()`, and records the API and asset paths the page asks for meanwhile: what
 * a page starts before its own code has arrived.
 */
export async function holdChunk(
  page: Page,
  name: string,
): Promise<{ asked: Set<string>; release: () => void }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    new RegExp(`/assets/${name}-[\\w-]{8}\\.js$`),
    async (route) => {
      await held;
      await route.continue();
    },
  );
  const asked = new Set<string>();
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith("/api/")) asked.add(path);
    const chunk = /^\/assets\/([\w.-]+)-[\w-]{8}\.js$/.exec(path);
    if (chunk) asked.add(`chunk ${chunk[1]}`);
  });
  return { asked, release };
}
