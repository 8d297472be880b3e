// The entry point: the commander program, its global options, the commands of the registry
// (commands/index.ts), and the one place that turns known errors into messages and exit codes.
// Everything else returns data or an exit code; bin/minerals.js calls main with the process.
import { Command, CommanderError } from 'commander';
import { COMMANDS, OUTPUTS } from './commands/index.js';
import type { CommandEntry, Kit } from './commands/kit.js';
import { choice, wholeNumber } from './commands/options.js';
import { type GlobalOptions, type Io, makeContext, programVersion } from './context.js';
import { EXIT, UserError } from './errors.js';
import { organizeHelp } from './help/groups.js';
import { topicsHelp } from './help/topics.js';
import { colorEnabled, loadChalk } from './render/color.js';
import { FORMATS } from './render/output.js';
import { sanitize } from './util/sanitize.js';

export type { Io };

const EXAMPLES = `
Examples:
  $ minerals deposits --metal copper       copper deposits, with their figures
  $ minerals deal show erg-mitsubishi      one record with its claims and quotes
  $ minerals facts --about karabas --cite  claims on a record, with the quotes
  $ minerals timeline --from 2025          dated events from 2025 on
  $ minerals validate --data ./my-base     check your own fact base
  $ minerals deals --json | jq '.[].id'

${topicsHelp()}

Exit codes: 0 ok, 1 the data has errors, 2 bad usage or unreadable input.
Environment: MINERALS_DATA (data directory), MINERALS_SEEDS (source texts), NO_COLOR, FORCE_COLOR.`;

/** The global options, accepted before or after the command: flags and help. */
const GLOBAL_OPTIONS: ReadonlyArray<[flags: string, help: string]> = [
  ['--data <dir>', 'fact base directory (default: $MINERALS_DATA or the shipped data/)'],
  [
    '--seeds <dir>',
    'directory of stored source texts (default: seeds/ in or beside the data directory)',
  ],
  ['--json', 'print JSON for scripts'],
  ['--no-color', 'never colour the output'],
  [
    '--cache-dir <dir>',
    'where to keep the cache of the loaded base (default: $MINERALS_CACHE_DIR, $XDG_CACHE_HOME/minerals or ~/.cache/minerals)',
  ],
  ['--no-cache', 'load the fact base from its files, neither reading nor writing the cache'],
  [
    '--allow-invalid',
    'query a fact base that has errors: leave out the records with errors, warn and answer (default: refuse, exit 1)',
  ],
];

/** Global options that take a value: the word after them is not a command. */
const VALUED = new Set(
  GLOBAL_OPTIONS.filter(([flags]) => flags.includes('<')).map(([flags]) => flags.split(' ')[0]),
);

/** The command words of a command line (before its first option after them, roughly). */
function commandWords(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 2; i < argv.length; i++) {
    const w = argv[i]!;
    if (w === '--') break;
    if (w.startsWith('-')) {
      if (VALUED.has(w)) i++;
      continue;
    }
    words.push(w);
  }
  return words;
}

/** The command a run invokes, when that is clear: only its entry, and only it, is built. */
function invoked(argv: readonly string[]): { entry: CommandEntry; name: string } | undefined {
  const name = commandWords(argv)[0];
  const entry = COMMANDS.find((e) => name !== undefined && e.names.includes(name));
  // an unknown word needs every name to suggest one
  return entry && name && !entry.wholeProgram ? { entry, name } : undefined;
}

/**
 * The program with every command, or `only` the one a run invokes: the others cost start-up time
 * and print nothing.
 */
export function buildProgram(
  io: Io,
  setExit: (code: number) => void,
  only?: { entry: CommandEntry; name: string },
): Command {
  const program = new Command('minerals');
  program
    .description(
      'Query a cited fact base about critical minerals: what we know, who said it, and when.',
    )
    .version(programVersion(), '-V, --version', 'print the version');
  for (const [flags, help] of GLOBAL_OPTIONS) program.option(flags, help);
  program
    .helpOption('-h, --help', 'show help')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(sanitize(s, true)),
      // commander's own usage errors are worded by main, like ours
      outputError: () => {},
    });

  const kit: Kit = {
    context: (cmd) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { allowInvalid?: boolean }>();
      // --allow-invalid travels with the context to the pipeline (commands/common.ts)
      return Object.assign(makeContext(opts, io), { allowInvalid: opts.allowInvalid === true });
    },
    setExit,
    output: (cmd) =>
      cmd
        .option(
          '--format <format>',
          'table, json, ndjson, csv, tsv or yaml (--json is short for --format json)',
          choice('--format', FORMATS),
        )
        .option('--fields <list>', 'comma-separated fields to show (columns and JSON keys)')
        .option('--sort <field>', 'sort by a field; prefix with - for descending')
        .option('--limit <n>', 'show at most n rows', wholeNumber('--limit'))
        .option('--no-headers', 'table, csv, tsv: leave out the header row')
        .option('--cite', 'table: print the quotes behind the figures under the table'),
    examples: (cmd, lines) =>
      cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`),
    outputs: () => OUTPUTS,
  };
  if (only) only.entry.register(program, kit, only.name);
  else for (const entry of COMMANDS) entry.register(program, kit);
  organizeHelp(program, COMMANDS);
  return program;
}

/**
 * A commander usage error worded like ours, on one line, with where to read more:
 * `minerals: unknown option '--metl' (did you mean --metal?); see 'minerals deposits --help'`.
 */
function usageError(e: CommanderError, program: Command, argv: readonly string[]): string {
  const [first = '', ...rest] = e.message.trim().split('\n');
  const hint = rest.map((l) => /^\(Did you mean (.*)\?\)$/.exec(l.trim())).find((m) => m);
  let cmd = program;
  for (const w of commandWords(argv)) {
    const next = cmd.commands.find((c) => c.name() === w || c.aliases().includes(w));
    if (!next) break;
    cmd = next;
  }
  const path = [];
  for (let c: Command | null = cmd; c && c !== program; c = c.parent) path.unshift(c.name());
  const text = `${first.replace(/^error: /, '').replace(/\.$/, '')}${hint ? ` (did you mean ${hint[1]}?)` : ''}`;
  return `minerals: ${sanitize(text)}; see 'minerals ${path.map((p) => `${p} `).join('')}--help'\n`;
}

export async function main(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  if (colorEnabled(argv.includes('--no-color') ? false : undefined, io.stdoutIsTTY, io.env))
    await loadChalk();
  const program = buildProgram(io, (c) => (code = c), invoked(argv));
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT.ok;
    }
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; every other commander error is a usage error
      if (e.exitCode === 0) return EXIT.ok;
      io.err(usageError(e, program, argv));
      return EXIT.usage;
    }
    if (e instanceof UserError) {
      io.err(`minerals: ${sanitize(e.message)}\n${e.detail}`);
      return e.exitCode;
    }
    throw e;
  }
}

/** The real process as an Io: what bin/minerals.js hands to main. */
export function processIo(): Io {
  const guard = (stream: NodeJS.WriteStream) => {
    // `minerals ... | head -1`: the reader went away; end quietly.
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  };
  guard(process.stdout);
  guard(process.stderr);
  return {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}
