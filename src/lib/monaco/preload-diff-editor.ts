let loading: Promise<typeof import("./monaco-diff-editor")> | undefined;

/**
 * Start loading Monaco's diff editor now, for a page that is about to show diffs: the chunk is
 * large, and fetching and running it while the page gets its data saves that time later. A module
 * of its own: the router calls it from the first chunk, which must not carry the diff's fallback
 * (its quick diff brings jsdiff).
 */
export function preloadDiffEditor(): Promise<
  typeof import("./monaco-diff-editor")
> {
  loading ??= import("./monaco-diff-editor").catch((e: unknown) => {
    // A failed load may be retried (the error boundary offers it).
    loading = undefined;
    throw e;
  });
  return loading;
}
