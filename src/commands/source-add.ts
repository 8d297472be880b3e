// `minerals source add FILE --id ID --title T --publisher P`: a new article's text stored under
// the seeds directory and its source record appended to the data file of the sources, both or
// neither (pipeline/source-add.ts); `--dry-run` prints the change as a unified diff instead.
// Only a base that validates is written to: the id must be checked against every record, the
// sources file found among them, and the result must be a base that validate accepts.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { type Diagnostic, exitCodeFor, message } from '../diagnostics.js';
import { EXIT, UserError } from '../errors.js';
import { errnoOf, MAX_FILE_BYTES, readCapped } from '../load/read.js';
import { storedText } from '../load/text.js';
import { openBase } from '../pipeline/open.js';
import type { SourceAddPlan } from '../pipeline/source-add.js';
import { unifiedDiff } from '../render/diff.js';
import type { NewSource } from '../render/source-record.js';
import { displayPath } from '../util/display.js';
import { safeJson, sanitize } from '../util/sanitize.js';
import { openOptions } from './common.js';
import { type CommandEntry, jsonOutput } from './kit.js';

interface AddOptions {
  id: string;
  title: string;
  publisher: string;
  name?: string;
  published?: string;
  url?: string;
  author?: string[];
  language?: string;
  dryRun?: boolean;
}

/** The option each field of the record comes from, for messages. */
const OPTION_OF: Readonly<Record<string, string>> = {
  id: '--id',
  name: '--name',
  title: '--title',
  authors: '--author',
  publisher: '--publisher',
  url: '--url',
  published: '--published',
  language: '--language',
};

/** The record the options describe, checked by the Source schema: a usage error names the option. */
async function newRecord(opts: AddOptions): Promise<Omit<NewSource, 'file'>> {
  const record = {
    id: opts.id,
    kind: 'source' as const,
    name: opts.name ?? opts.title,
    title: opts.title,
    ...(opts.author ? { authors: opts.author } : {}),
    publisher: opts.publisher,
    ...(opts.url !== undefined ? { url: opts.url } : {}),
    ...(opts.published !== undefined ? { published: opts.published } : {}),
    ...(opts.language !== undefined ? { language: opts.language } : {}),
  };
  const p = (await pipeline()).recordProblem(record);
  if (p === null) return record;
  const option = p.field === 'name' && opts.name === undefined ? '--title' : OPTION_OF[p.field];
  throw new UserError(`${option ?? p.field}: ${problemText(p)}`, EXIT.usage);
}

/** A schema problem in words: the diagnostics' sentence, with what a URL and a language must be. */
function problemText(p: { field: string; code: string; args: Record<string, unknown> }): string {
  const value = JSON.stringify(p.args.value);
  if (p.field === 'url') return `${value} is not an http or https URL`;
  if (p.field === 'language') return `${value} is not a two-letter language code`;
  return message({ code: p.code, args: p.args });
}

/** The writing half (yaml, zod), loaded only when the command runs, as other commands load theirs. */
const pipeline = () => import('../pipeline/source-add.js');

/** The bytes of standard input, up to the size limit. */
function readStdin(): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.alloc(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      // a descriptor left non-blocking: wait for the writer a moment
      if (errnoOf(e) === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (errnoOf(e) === 'EOF') break;
      throw new UserError(`cannot read standard input (${errnoOf(e)})`, EXIT.usage);
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
    total += n;
    if (total > MAX_FILE_BYTES)
      throw new UserError(
        `standard input is over the limit of ${MAX_FILE_BYTES} bytes`,
        EXIT.usage,
      );
  }
  return Buffer.concat(chunks);
}

/** The text FILE (or `-`, standard input) holds, as it will be stored; a usage error otherwise. */
function readText(ctx: Context, file: string): string {
  const shown = file === '-' ? 'standard input' : sanitize(file);
  let bytes: Buffer;
  if (file === '-') bytes = readStdin();
  else {
    const read = readCapped(fs, path.resolve(ctx.io.cwd, file));
    if (!read.ok)
      throw new UserError(
        read.code === 'file-vanished'
          ? `cannot read ${shown}: no such file`
          : read.code === 'not-regular-file'
            ? `${shown} is a ${read.args.type}, not a file of text (use - for standard input)`
            : read.code === 'file-too-large'
              ? `${shown} is over the limit of ${read.args.limit} bytes`
              : `cannot read ${shown} (${read.args.errno})`,
        EXIT.usage,
      );
    bytes = read.bytes;
  }
  const stored = storedText(bytes);
  if (stored.ok) return stored.text;
  throw new UserError(
    stored.problem === 'empty'
      ? `${shown} has no text (it is empty or white space only)`
      : stored.problem === 'nul-byte'
        ? `${shown} is binary, not text: a NUL byte at byte offset ${stored.offset}`
        : `${shown} is not UTF-8 text: the byte at offset ${stored.offset} is not part of a UTF-8 character (convert it first, e.g. iconv -t UTF-8)`,
    EXIT.usage,
  );
}

/** A base with errors is not written to: its first errors, and exit 1 (2 if a file was unreadable). */
function refuseErrors(ctx: Context, diags: readonly Diagnostic[]): void {
  const errors = diags.filter((d) => d.severity === 'error');
  if (errors.length === 0) return;
  const first = errors
    .slice(0, 3)
    .map((d) => `${sanitize(d.file)}:${d.line}:${d.col}: ${sanitize(message(d))}\n`);
  throw new UserError(
    `the fact base in ${displayPath(ctx.dataDir, ctx.io.cwd)} has ${errors.length} error${errors.length === 1 ? '' : 's'}; source add writes only to a base that validates:`,
    exitCodeFor(diags, false),
    `${first.join('')}minerals: run \`minerals validate\` for all of them, and fix them first\n`,
  );
}

/** A file as a diff names it: `a/` or `b/` and its path from the working directory, else absolute. */
const diffName = (side: 'a' | 'b', shown: string) =>
  path.isAbsolute(shown) ? shown : `${side}/${shown}`;

/** What the plan would change, as a unified diff of the new text and of the data file. */
function planDiff(plan: SourceAddPlan, cwd: string): string {
  const seed = displayPath(path.join(plan.seedsDir, plan.seedName), cwd);
  const data = displayPath(plan.recordFile, cwd);
  return (
    unifiedDiff('', plan.text, '/dev/null', diffName('b', seed)) +
    unifiedDiff(
      plan.before?.toString('utf8') ?? '',
      plan.after.toString('utf8'),
      plan.before === null ? '/dev/null' : diffName('a', data),
      diffName('b', data),
    )
  );
}

/**
 * The fact base to write to must be named (--data or MINERALS_DATA): the default is the base
 * shipped inside the package, which an install must not change.
 */
function checkNamedBase(ctx: Context, c: Command): void {
  if (c.optsWithGlobals<{ data?: string }>().data !== undefined || ctx.io.env.MINERALS_DATA) return;
  throw new UserError(
    'source add writes to your own fact base: name it with --data DIR (or MINERALS_DATA); the base shipped with minerals is not changed',
    EXIT.usage,
  );
}

async function sourceAddCommand(ctx: Context, file: string, opts: AddOptions): Promise<number> {
  const record = await newRecord(opts);
  const text = readText(ctx, file);
  const { planSourceAdd, writeSourceAdd } = await pipeline();
  const { base, diagnostics } = await openBase(openOptions(ctx), 'check');
  refuseErrors(ctx, diagnostics);
  const cwd = ctx.io.cwd;
  const plan = planSourceAdd(base, record, text, cwd);
  if (!opts.dryRun) writeSourceAdd(plan, cwd);
  const seed = displayPath(path.join(plan.seedsDir, plan.seedName), cwd);
  const data = displayPath(plan.recordFile, cwd);
  if (ctx.json) {
    const out = {
      id: record.id,
      file: plan.seedName,
      record_file: data,
      record_line: plan.line,
      written: !opts.dryRun,
      diff: opts.dryRun ? planDiff(plan, cwd) : null,
    };
    ctx.io.out(`${safeJson(out, ctx.io.stdoutIsTTY ? 2 : undefined)}\n`);
    return EXIT.ok;
  }
  if (opts.dryRun) {
    ctx.io.out(sanitize(planDiff(plan, cwd), true));
    return EXIT.ok;
  }
  const lines = text.split('\n').length - 1;
  ctx.io.out(
    `stored the text as ${sanitize(seed)} (${lines} line${lines === 1 ? '' : 's'})\n` +
      `added source ${record.id} to ${sanitize(data)}:${plan.line}\n\n` +
      `next: \`minerals draft ${record.id}\` proposes claims from it; \`minerals cite ${record.id} TEXT\` quotes it\n`,
  );
  return EXIT.ok;
}

/** Collect a repeatable option's values. */
const collect = (value: string, previous: string[] = []) => [...previous, value];

export const sourceAdd: CommandEntry = {
  names: [],
  group: 'Write the data:',
  adds: {
    to: 'source',
    summary: 'add a stored text',
    usage: 'minerals source add FILE',
  },
  outputs: {
    'source add': jsonOutput(
      'minerals source add FILE --id ID ... --json',
      'the new source: its id, the file its text is stored in (as the record names it), the data file and line of its record, whether they were written (not with --dry-run) and, with --dry-run, the unified diff that was not applied',
      async () => (await import('../schema/output-source-add.js')).SourceAdded,
      { list: false, fields: false },
    ),
  },
  register: (program, kit) => {
    const group = program.commands.find((c) => c.name() === 'source');
    if (!group) return;
    const cmd = group
      .command('add')
      .argument('<file>', 'the text of the article (UTF-8), or - for standard input')
      .description(
        "store an article's text under the seeds directory and append its source record to the data",
      )
      .requiredOption('--id <id>', 'the new source id (lower-case words joined by hyphens)')
      .requiredOption('--title <title>', 'the title, as the text gives it')
      .requiredOption('--publisher <name>', 'the publisher or outlet, as the text names it')
      .option('--published <date>', 'when it was published: YYYY, YYYY-MM or YYYY-MM-DD')
      .option('--url <url>', 'where it was published (http or https)')
      .option('--author <name>', 'an author (repeat for each)', collect)
      .option('--name <name>', 'the name lists show (default: the title)')
      .option('--language <code>', 'its language, a two-letter code (en)')
      .option('--dry-run', 'print what would change, as a unified diff, and write nothing');
    kit.examples(cmd, [
      'minerals source add article.txt --data my-base --id acme-lithium --title "Acme finds lithium" --publisher Reuters --dry-run',
      'minerals source add article.txt --data my-base --id acme-lithium --title "Acme finds lithium" --publisher Reuters --published 2025-03-14 --author "Jane Roe"',
    ]);
    cmd.action(async (file: string, opts: AddOptions, c: Command) => {
      const ctx = kit.context(c);
      checkNamedBase(ctx, c);
      kit.setExit(await sourceAddCommand(ctx, file, opts));
    });
  },
};
