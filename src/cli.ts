// The entry point: the commander program, its global options, the commands of the registry
// (commands/index.ts), and the one place that turns known errors into messages and exit codes.
// Everything else returns data or an exit code; bin/minerals.js calls main with the process.
import { Command, CommanderError } from 'commander';
import { COMMANDS, OUTPUTS } from './commands/index.js';
import type { CommandEntry, Kit } from './commands/kit.js';
import { choice, wholeNumber } from './commands/options.js';
import { colorFlag, type GlobalOptions, type Io, makeContext, programVersion } from './context.js';
import { EXIT, UserError } from './errors.js';
import { organizeHelp } from './help/groups.js';
import { topicsHelp } from './help/topics.js';
import { COLORS, colorEnabled, loadChalk } from './render/color.js';
import { FORMATS } from './render/output.js';
import { LIST_COMMANDS, listCommandOf, SHOW_COMMANDS } from './schema/kinds.js';
import { pagerCommand, runPager, screenLines } from './util/pager.js';
import { writeReason } from './util/reasons.js';
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

/** The global options, accepted before or after the command: flags, help, and a value parser. */
const GLOBAL_OPTIONS: ReadonlyArray<
  [flags: string, help: string, parse?: (value: string) => string]
> = [
  ['--data <dir>', 'fact base directory (default: $MINERALS_DATA or the shipped data/)'],
  [
    '--seeds <dir>',
    'directory of stored source texts (default: seeds/ in or beside the data directory)',
  ],
  ['--json', 'print JSON for scripts'],
  [
    '--color <when>',
    'colour the output: auto (on a terminal, unless NO_COLOR is set), always or never',
    choice('--color', COLORS),
  ],
  ['--no-color', 'never colour the output (--color never)'],
  ['--no-pager', 'never send long output on a terminal through the pager'],
  [
    '--cache-dir <dir>',
    'where to keep the cache of the loaded base (default: $MINERALS_CACHE_DIR, $XDG_CACHE_HOME/minerals or ~/.cache/minerals)',
  ],
  ['--no-cache', 'load the fact base from its files, neither reading nor writing the cache'],
  [
    '--allow-invalid',
    'query a fact base that has errors: leave out the records with errors, warn and answer (default: refuse, exit 1)',
  ],
  [
    '--follow-links',
    'read data files and source texts that symbolic links lead to outside the data and seeds directories (never /proc, /sys or /dev)',
  ],
];

/** Global options that take a value: the word after them is not a command. */
const VALUED = new Set(
  GLOBAL_OPTIONS.filter(([flags]) => flags.includes('<')).map(([flags]) => flags.split(' ')[0]),
);

/** Where the command words of a command line are in argv (before `--`, roughly). */
function commandWordsAt(argv: readonly string[]): number[] {
  const at: number[] = [];
  for (let i = 2; i < argv.length; i++) {
    const w = argv[i]!;
    if (w === '--') break;
    if (w.startsWith('-')) {
      if (VALUED.has(w)) i++;
      continue;
    }
    at.push(i);
  }
  return at;
}

/** The command words of a command line (before its first option after them, roughly). */
const commandWords = (argv: readonly string[]): string[] =>
  commandWordsAt(argv).map((i) => argv[i]!);

/** The command a run invokes, when that is clear: only its entries (its own, and those that add to it) are built. */
function invoked(argv: readonly string[]): Invoked | undefined {
  const name = commandWords(argv)[0];
  if (name === undefined) return undefined;
  const entries = COMMANDS.filter((e) => e.names.includes(name) || e.adds?.to === name);
  // an unknown word needs every name to suggest one
  return entries.some((e) => e.names.includes(name)) && !entries.some((e) => e.wholeProgram)
    ? { entries, name }
    : undefined;
}

/** The entries a run builds: the one that makes the invoked word, and any that add under it. */
interface Invoked {
  entries: readonly CommandEntry[];
  name: string;
}

/**
 * The program with every command, or `only` the one a run invokes: the others cost start-up time
 * and print nothing.
 */
export function buildProgram(io: Io, setExit: (code: number) => void, only?: Invoked): Command {
  const program = new Command('minerals');
  program
    .description(
      'Query a cited fact base about critical minerals: what we know, who said it, and when.',
    )
    .version(programVersion(), '-V, --version', 'print the version');
  for (const [flags, help, parse] of GLOBAL_OPTIONS)
    if (parse) program.option(flags, help, parse);
    else program.option(flags, help);
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
    context: (cmd) => makeContext(cmd.optsWithGlobals<GlobalOptions>(), io),
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
    additions: (word) => COMMANDS.flatMap((e) => (e.adds?.to === word ? [e.adds] : [])),
  };
  if (only) for (const entry of only.entries) entry.register(program, kit, only.name);
  else for (const entry of COMMANDS) entry.register(program, kit);
  organizeHelp(program, COMMANDS);
  return program;
}

/** A word as a shell reads it back: quoted when it holds anything but plain characters. */
const shellWord = (w: string) =>
  /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`;

/**
 * The command line a newcomer meant who used one of a kind's two words for the other (the kind
 * registry has them): `deals show X` for `deal show X`, `deposit --metal copper` (or `deposit`
 * alone) for `deposits --metal copper`, and `deposit karabas` for `deposit show karabas`.
 */
function meant(code: string, argv: readonly string[]): string | undefined {
  const [at, second] = commandWordsAt(argv);
  if (at === undefined) return undefined;
  const word = argv[at]!;
  const next = argv[at + 1];
  const list = LIST_COMMANDS.find((l) => l.command === word);
  // `deposit show X --bogus` is an error of show's, with nothing to suggest
  const show =
    second !== undefined && argv[second] === 'show'
      ? undefined
      : SHOW_COMMANDS.find((s) => s.command === word);
  const line = argv.slice(2);
  const i = at - 2;
  if (list && code === 'commander.excessArguments' && next === 'show') {
    const s = SHOW_COMMANDS.find((c) => c.kinds.includes(list.kinds[0]!));
    if (!s) return undefined;
    line[i] = s.command;
  } else if (show && (code === 'commander.unknownOption' || code === 'commander.help'))
    line[i] = listCommandOf(show.kinds[0]!);
  else if (show && code === 'commander.unknownCommand' && next && !next.startsWith('-'))
    line.splice(i + 1, 0, 'show');
  else return undefined;
  return `\`minerals ${line.map(shellWord).join(' ')}\``;
}

/**
 * A commander usage error worded like ours, on one line, with where to read more:
 * `minerals: unknown option '--metl' (did you mean --metal?); see 'minerals deposits --help'`.
 * Without a near name to suggest, a kind's word used for the other gets the command line meant
 * (`did you mean \`minerals deal show X\`?`).
 */
function usageError(e: CommanderError, program: Command, argv: readonly string[]): string {
  const [first = '', ...rest] = e.message.trim().split('\n');
  // commander's suggestion of a near name first (`deal shwo`), else the command line meant
  const hint =
    rest.map((l) => /^\(Did you mean (.*)\?\)$/.exec(l.trim())).find((m) => m)?.[1] ??
    meant(e.code, argv);
  let cmd = program;
  for (const w of commandWords(argv)) {
    const next = cmd.commands.find((c) => c.name() === w || c.aliases().includes(w));
    if (!next) break;
    cmd = next;
  }
  const path = [];
  for (let c: Command | null = cmd; c && c !== program; c = c.parent) path.unshift(c.name());
  // a command of commands given none: commander has printed its help
  const what =
    e.code !== 'commander.help'
      ? first
      : path.length > 0
        ? `missing command after '${path.join(' ')}'`
        : 'missing command';
  const text = `${what.replace(/^error: /, '').replace(/\.$/, '')}${hint ? ` (did you mean ${hint}?)` : ''}`;
  return `minerals: ${sanitize(text)}; see 'minerals ${path.map((p) => `${p} `).join('')}--help'\n`;
}

/** The last --color or --no-color of a command line, read before the program parses it. */
function colorOption(argv: readonly string[]): boolean | string | undefined {
  let flag: boolean | string | undefined;
  for (let i = 2; i < argv.length && argv[i] !== '--'; i++) {
    const w = argv[i]!;
    if (w === '--no-color') flag = false;
    else if (w === '--color') flag = argv[++i];
    else if (w.startsWith('--color=')) flag = w.slice('--color='.length);
  }
  return flag;
}

/**
 * Run a command line: long output on a terminal goes through the pager (unless --no-pager, or
 * the io cannot page); its standard output is held until the command ends, then paged when it
 * takes more lines than the terminal has rows, or printed.
 */
export async function main(argv: string[], io: Io): Promise<number> {
  const pager =
    io.stdoutIsTTY && io.page && !argv.slice(2).includes('--no-pager')
      ? pagerCommand(io.env)
      : null;
  if (pager === null || !io.page) return run(argv, io);
  let held = '';
  try {
    return await run(argv, { ...io, out: (s) => void (held += s), outBytes: undefined });
  } finally {
    const columns = io.columns ?? 80;
    const rows = io.rows ?? (Number(io.env.LINES) || 24);
    if (held !== '' && !(screenLines(held, columns) > rows && (await io.page(held, pager))))
      io.out(held);
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  if (colorEnabled(colorFlag(colorOption(argv)), io.stdoutIsTTY, io.env)) await loadChalk();
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
  // standard error's stream is made (a few milliseconds) only when something is written to it;
  // a reader gone ends the run quietly, another failure with the exit code alone (nowhere to say it)
  let stderr: NodeJS.WriteStream | undefined;
  const errStream = () => {
    if (!stderr)
      (stderr = process.stderr).on('error', (e: NodeJS.ErrnoException) =>
        process.exit(e.code === 'EPIPE' ? (process.exitCode ?? EXIT.ok) : EXIT.usage),
      );
    return stderr;
  };
  const { isatty } = process.getBuiltinModule('node:tty');
  const tty = isatty(1);
  let stdout: NodeJS.WriteStream | undefined;
  const write = stdoutWriter(tty, () => {
    if (!stdout) (stdout = process.stdout).on('error', outputFailed);
    return stdout;
  });
  return {
    out: (s) => write([Buffer.from(s)]),
    outBytes: write,
    err: (s) => void errStream().write(s),
    stdoutIsTTY: tty,
    stderrIsTTY: isatty(2),
    columns: tty ? process.stdout.columns : undefined,
    rows: tty ? process.stdout.rows : undefined,
    env: process.env,
    cwd: process.cwd(),
    page: (text, command) => runPager(text, command, process.env),
  };
}

/**
 * A write to standard output failed. `minerals ... | head -1`: the reader went away, and the run
 * ends quietly with the code it would have had. Any other failure (no space left on `> /dev/full`,
 * an I/O error) is one line on standard error and exit 2, as a file that cannot be written is.
 */
function outputFailed(e: NodeJS.ErrnoException): never {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  try {
    process
      .getBuiltinModule('node:fs')
      .writeSync(2, `minerals: cannot write standard output: ${writeReason(e.code ?? 'EIO')}\n`);
  } catch {
    // standard error is gone too: the exit code says it
  }
  process.exit(EXIT.usage);
}

/** The most buffers one writev takes (Linux's IOV_MAX). */
const IOV_MAX = 1024;

/**
 * What writes standard output: to a terminal through process.stdout; else straight to file
 * descriptor 1 (a pipe or a file, on which a write blocks), which spares making the stream (a few
 * milliseconds of every run) and joining a large answer's parts. A pipe closed by its reader ends
 * the process quietly, another failure with one line (outputFailed), as the stream's guard does; a
 * descriptor the parent left non-blocking (EAGAIN) hands what is left to the stream, which waits.
 */
function stdoutWriter(
  tty: boolean,
  stream: () => NodeJS.WriteStream,
): (parts: readonly Uint8Array[]) => void {
  const fs = process.getBuiltinModule('node:fs');
  let viaStream = tty;
  const toStream = (parts: readonly Uint8Array[]) => {
    viaStream = true;
    if (parts.length > 0) stream().write(parts.length === 1 ? parts[0]! : Buffer.concat(parts));
  };
  return (parts) => {
    if (viaStream) return toStream(parts);
    let rest = parts.filter((p) => p.length > 0);
    while (rest.length > 0) {
      let n: number;
      try {
        n = fs.writevSync(1, rest.slice(0, IOV_MAX));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return toStream(rest);
        return outputFailed(e as NodeJS.ErrnoException);
      }
      // drop what was written: whole parts, then the written start of the next
      let i = 0;
      while (i < rest.length && n >= rest[i]!.length) n -= rest[i++]!.length;
      rest = rest.slice(i);
      if (n > 0) rest[0] = rest[0]!.subarray(n);
    }
  };
}
