/**
 * `zod` as the app's bundle sees it (vite.config.ts aliases the bare `zod` import here for the
 * app and its workers): zod itself, with `jitless` set before any module that imports it runs.
 *
 * Why: a `z.object()` probes `new Function` when it is created, unless `jitless` is already set;
 * under the app's CSP (`script-src 'self'`) the probe fails anyway and the browser reports a
 * violation. Setting it here, not in `main.tsx`, keeps zod out of the first screen (it comes with
 * the first lazily loaded chunk that needs it) and orders the setting before every schema: ES
 * modules run a module's imports before its body, so this body runs before any importer's.
 */
import { z } from "zod/v4";

z.config({ jitless: true });

export * from "zod/v4";
export { z, z as default };
