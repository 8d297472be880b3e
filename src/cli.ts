// The entry point: the commander program, global options, and the one place that turns known
// errors into messages and exit codes. Everything else returns data or an exit code.
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { registerCompletion } from './commands/completion.js';
import { registerHelp, topicsHelp } from './commands/help.js';
import { coverageCommand } from './commands/coverage.js';
import { REGISTRARS } from './commands/index.js';
import type { Kit } from './commands/kit.js';
import { makeContext, PACKAGE_ROOT, type GlobalOptions, type Io } from './context.js';
import { EXIT, UserError } from './errors.js';
import { organizeHelp } from './help/groups.js';
import { colorEnabled, loadChalk } from './render/color.js';
import { sanitize } from './render/sanitize.js';

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

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('minerals');
  program
    .description(
      'Query a cited fact base about critical minerals: what we know, who said it, and when.',
    )
    .version(version(), '-V, --version', 'print the version')
    .option('--data <dir>', 'fact base directory (default: $MINERALS_DATA or the shipped data/)')
    .option(
      '--seeds <dir>',
      'directory of stored source texts (default: seeds/ in or beside the data directory)',
    )
    .option('--json', 'print JSON for scripts')
    .option('--no-color', 'never colour the output')
    .option(
      '--cache-dir <dir>',
      'where to keep the cache of the loaded base (default: $MINERALS_CACHE_DIR, $XDG_CACHE_HOME/minerals or ~/.cache/minerals)',
    )
    .option(
      '--no-cache',
      'load the fact base from its files, neither reading nor writing the cache',
    )
    .helpOption('-h, --help', 'show help')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(sanitize(s, true)),
    });

  const context = (cmd: Command) => makeContext(cmd.optsWithGlobals<GlobalOptions>(), io);

  program
    .command('validate')
    .description('check every data file: schema, ids, references, quotes, bounds, units, dates')
    .addOption(new Option('--strict', 'treat warnings as errors'))
    .addHelpText(
      'after',
      `
Examples:
  $ minerals validate
  $ minerals validate --strict --data ./my-base
  $ minerals validate --json | jq -r '.[] | "\\(.file):\\(.line): \\(.code)"'`,
    )
    .action(async (opts: { strict?: boolean }, cmd: Command) =>
      setExit(await (await import('./commands/validate.js')).validateCommand(context(cmd), opts)),
    );

  program
    .command('schema')
    .description(
      "print the JSON Schema of a data file, or of a command's JSON output (for editors and other tools)",
    )
    .option(
      '--output <command>',
      'the JSON Schema of what COMMAND --json prints instead (deposits, show, facts, ...)',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ minerals schema > schema.json
  $ minerals schema --output deposits
  $ minerals schema --output show > show.schema.json`,
    )
    .action(async (opts: { output?: string }, cmd: Command) =>
      setExit((await import('./commands/schema.js')).schemaCommand(context(cmd), opts)),
    );

  program
    .command('coverage')
    .description('per source: the body sentences and figures that no claim quotes')
    .option(
      '--fail-under <percent>',
      'exit 1 when any source covers fewer sentences or figures than this',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ minerals coverage
  $ minerals coverage --fail-under 100
  $ minerals coverage --json | jq '.[] | {source, figures: .figures.percent}'`,
    )
    .action(async (opts: { failUnder?: string }, cmd: Command) =>
      setExit(await coverageCommand(context(cmd), opts)),
    );

  const kit: Kit = {
    context,
    setExit,
    output: (cmd) =>
      cmd
        .option(
          '--format <format>',
          'table, json, ndjson, csv, tsv or yaml (--json is short for --format json)',
        )
        .option('--fields <list>', 'comma-separated fields to show (columns and JSON keys)')
        .option('--sort <field>', 'sort by a field; prefix with - for descending')
        .option('--limit <n>', 'show at most n rows')
        .option('--no-headers', 'table, csv, tsv: leave out the header row')
        .option('--cite', 'table: print the quotes behind the figures under the table'),
    examples: (cmd, lines) =>
      cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`),
  };
  for (const register of REGISTRARS) register(program, kit);
  registerCompletion(program, kit);
  registerHelp(program, kit);
  organizeHelp(program, kit.examples);

  return program;
}

export async function main(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  if (colorEnabled(argv.includes('--no-color') ? false : undefined, io.stdoutIsTTY, io.env))
    await loadChalk();
  const program = buildProgram(io, (c) => (code = c));
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
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UserError) {
      io.err(`minerals: ${sanitize(e.message)}\n`);
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
