/**
 * Preloaded (`node --import`) into a server the server bench starts: its stdin is a pipe from the
 * bench, which closes however the bench ends (even SIGKILL, which runs no handler). Then the server
 * is asked to stop (SIGTERM: its own graceful close), and made to after 5 s. Plain JavaScript, so
 * the compiled server needs no TypeScript loader.
 */
process.stdin.on("error", () => undefined);
process.stdin.on("end", () => {
  setTimeout(() => process.exit(1), 5000).unref();
  process.kill(process.pid, "SIGTERM");
});
process.stdin.resume();
// The pipe alone must not keep a server that is otherwise done alive.
process.stdin.unref?.();
