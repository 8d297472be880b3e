#!/usr/bin/env node
// The only caller of main with the real process: set the exit code and let the process end by
// itself, so piped output is never cut short.
import { main, processIo } from '../dist/cli.js';

main(process.argv, processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.exitCode = 70;
    throw e;
  },
);
