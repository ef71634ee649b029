/**
 * Run `task` once the page has painted and the main thread is idle (the next frame, then an idle
 * callback; a short timer where the browser has no idle callbacks). Returns a cancel function
 * that stops it if it has not run yet.
 */
export function afterPaintWhenIdle(task: () => void): () => void {
  let cancelled = false;
  let idle: number | undefined;
  let timer: number | undefined;
  const frame = requestAnimationFrame(() => {
    if (cancelled) return;
    if (typeof requestIdleCallback === "function")
      // The timeout keeps a busy page (Monaco loading, a long list) from postponing it forever.
      idle = requestIdleCallback(task, { timeout: 1000 });
    else timer = window.setTimeout(task, 50);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
    if (idle !== undefined) cancelIdleCallback(idle);
    if (timer !== undefined) window.clearTimeout(timer);
  };
}
