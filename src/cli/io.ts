import { constants } from "node:os";

/** Where a command writes: the process's stdout and stderr, or a test's buffers. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/**
 * The exit status when a reader closes the pipe early (`packsmith inspect x | head -1`): the one a
 * shell reports for a Unix tool ended by SIGPIPE, 128 + 13. Node ignores SIGPIPE, so the write
 * fails with EPIPE instead and the process ends itself with that status, without a word: the
 * reader asked for nothing more.
 */
const CLOSED_PIPE_STATUS = 128 + constants.signals.SIGPIPE;

function onWriteError(e: NodeJS.ErrnoException): void {
  if (e.code === "EPIPE") process.exit(CLOSED_PIPE_STATUS);
  throw e;
}

let watching = false;

/** Listen for write errors once, on the first write: importing this module changes nothing. */
function watchPipes(): void {
  if (watching) return;
  watching = true;
  process.stdout.on("error", onWriteError);
  process.stderr.on("error", onWriteError);
}

export const stdio: Io = {
  out: (s) => {
    watchPipes();
    process.stdout.write(s);
  },
  err: (s) => {
    watchPipes();
    process.stderr.write(s);
  },
};
