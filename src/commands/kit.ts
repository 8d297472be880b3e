// What a command module needs to register itself on the program, so that adding a command is
// one new file plus one line in commands/index.ts, and cli.ts stays the only entry point.
import type { Command } from 'commander';
import type { Context } from '../context.js';

export interface Kit {
  /** The context (data directory, io, colour, --json) for a command's invocation. */
  context(cmd: Command): Context;
  /** Record a command's exit code; only the entry point ends the process. */
  setExit(code: number): void;
  /** Add the shared output options: --format, --fields, --sort, --limit, --no-headers, --cite. */
  output(cmd: Command): Command;
  /** End a command's help with real examples (each line is a command line without the `$ `). */
  examples(cmd: Command, lines: readonly string[]): Command;
}

export type Registrar = (program: Command, kit: Kit) => void;
