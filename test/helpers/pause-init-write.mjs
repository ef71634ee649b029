// Preloaded (`node --import`) by test/cli/init-signals.test.ts into `packsmith init`: the first
// file written under PAUSE_UNDER (the folder init writes in, or the hidden folder beside it) waits
// until the test closes this process's stdin, after saying so on stderr. The test sends its signal
// in between, while the write is half done: no timing guess, the process is parked in a read.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const under = process.env.PAUSE_UNDER;
const writeFileSync = fs.writeFileSync;
let paused = false;

fs.writeFileSync = function pausingWriteFileSync(file, ...rest) {
  if (!paused && under && String(file).startsWith(under)) {
    paused = true;
    fs.writeSync(2, `paused before writing ${String(file)}\n`);
    // stdin is a blocking pipe (fds 0-2 of a child are): this read returns at its end of file.
    fs.readSync(0, Buffer.alloc(1));
  }
  return writeFileSync.call(this, file, ...rest);
};
// ES modules' named imports of node:fs see the wrapper too.
syncBuiltinESMExports();
