// What a command module declares and what it is given, so that adding a command is one new file
// plus one line in commands/index.ts: its help group and its JSON output are declared here, with
// the command, not in lists kept elsewhere.
import type { Command } from 'commander';
import type { z } from 'zod';
import type { Context } from '../context.js';

/** The groups of `minerals --help`, in the order it lists them. */
const HELP_GROUPS = [
  'Query:',
  'Show one record:',
  'Explore:',
  'Check the data:',
  'Write the data:',
  'Pictures:',
  'Export:',
  'Setup and help:',
] as const;
type HelpGroup = (typeof HELP_GROUPS)[number];

/** What `COMMAND --json` prints: published by `minerals schema --output COMMAND`. */
export interface JsonOutput {
  /** An array of rows (else one object). */
  list: boolean;
  /** Takes the shared output options (--fields, --format ndjson ...). */
  fields: boolean;
  /** How to get it, for the description. */
  usage: string;
  what: string;
  /** The zod schema of a row, or of the object; zod loads only when it is asked for. */
  schema: () => Promise<z.ZodType>;
}

export interface Kit {
  /** The context (data directory, io, colour, --json) for a command's invocation. */
  context(cmd: Command): Context;
  /** Record a command's exit code; only the entry point ends the process. */
  setExit(code: number): void;
  /** Add the shared output options: --format, --fields, --sort, --limit, --no-headers, --cite. */
  output(cmd: Command): Command;
  /** End a command's help with real examples (each line is a command line without the `$ `). */
  examples(cmd: Command, lines: readonly string[]): Command;
  /** Every command's JSON output, by command name, in help order. */
  outputs(): ReadonlyMap<string, JsonOutput>;
  /** What other modules add under a top-level command (`source`), for its description. */
  additions(word: string): readonly Addition[];
}

/**
 * Subcommands a module adds under a top-level command another module makes (`source add` under
 * the `source` of show.ts): command modules never import each other, so the registry says it.
 */
interface Addition {
  /** The top-level command it adds to. */
  to: string;
  /** What it adds, said after the owner's own ("add a stored text"). */
  summary: string;
  /** How it is called, for the owner's description ("minerals source add FILE"). */
  usage: string;
}

/** A command module's entry in the registry (commands/index.ts). */
export interface CommandEntry {
  /** The top-level commands it adds, in the order the help lists them. */
  names: readonly string[];
  group: HelpGroup;
  /** Its commands read the whole program (help, completion): every command is built for them. */
  wholeProgram?: boolean;
  /**
   * Subcommands it adds under another module's top-level command; that module is registered
   * first, and a run that invokes the word builds both.
   */
  adds?: Addition;
  /** What each of its commands prints with --json, by command name. */
  outputs?: Readonly<Record<string, JsonOutput>>;
  /** Add its commands to the program; `only`: just that one of them (the one a run invokes, or the word it adds to). */
  register(program: Command, kit: Kit, only?: string): void;
}

/** A JSON output whose zod schema is one export of a module loaded on demand. */
export const jsonOutput = (
  usage: string,
  what: string,
  schema: () => Promise<z.ZodType>,
  opts: { list?: boolean; fields?: boolean } = {},
): JsonOutput => ({ list: opts.list ?? true, fields: opts.fields ?? true, usage, what, schema });
