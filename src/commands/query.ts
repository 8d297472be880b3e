// What every query command shares: load the base (warning when it has errors), resolve what the
// user typed to records, choose the output format, sort, limit and render.
import { programVersion, type Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import { openBase, type OpenedTexts, type OpenOptions } from '../pipeline/open.js';
import { FactIndex } from '../query/facts.js';
import { resolve } from '../query/resolve.js';
import {
  FORMATS,
  prepareFormat,
  renderRows,
  selectFields,
  type Field,
  type Format,
} from '../render/output.js';
import { sanitize } from '../render/sanitize.js';
import type { Citation, Kind } from '../schema/index.js';

export interface OutputOptions {
  cite?: boolean;
  format?: string;
  fields?: string;
  sort?: string;
  limit?: string;
  headers?: boolean;
}

/** Where the base is, for the pipeline; a progress line on a terminal while files are read. */
export function openOptions(ctx: Context): OpenOptions {
  return {
    dataDir: ctx.dataDir,
    seedsDir: ctx.seedsDir,
    cwd: ctx.io.cwd,
    cacheRoot: ctx.cacheRoot,
    version: programVersion(),
    progress: ctx.io.stderrIsTTY
      ? (line) => ctx.io.err(line === null ? '\r\x1b[2K' : `\r\x1b[2K${sanitize(line)}`)
      : undefined,
  };
}

/** The base's index, from the cache when it is fresh; warns on stderr when the base has errors. */
export async function openBaseIndex(ctx: Context): Promise<FactIndex> {
  const { index, errors } = await openBase(openOptions(ctx), 'index');
  warnErrors(ctx, errors);
  return index;
}

export function warnErrors(ctx: Context, errors: number): void {
  if (errors > 0)
    ctx.io.err(
      `minerals: warning: the fact base has ${errors} error${errors === 1 ? '' : 's'}; results may be incomplete (run: minerals validate)\n`,
    );
}

/**
 * Every record and the source texts too, with the same warning as openBaseIndex. For commands
 * that need the texts: search, stats.
 */
export async function loadWholeBase(ctx: Context): Promise<OpenedTexts> {
  const opened = await openBase(openOptions(ctx), 'texts');
  warnErrors(ctx, opened.errors);
  return opened;
}

const KIND_WORDS: Partial<Record<Kind, string>> = {
  commodity: 'commodity',
  organization: 'organization',
  region: 'region or country',
};

/** The id a filter value names; a usage error (exit 2) listing the closest matches otherwise. */
export function resolveOption(
  index: FactIndex,
  option: string,
  value: string,
  kinds: readonly Kind[],
): string {
  const r = resolve(index, value, kinds);
  if (r.ok) return r.record.id;
  const what = kinds.length === 1 ? (KIND_WORDS[kinds[0]!] ?? kinds[0]) : kinds.join(' or ');
  const list = r.candidates.join(', ');
  throw new UserError(
    r.reason === 'ambiguous'
      ? `${option} ${JSON.stringify(value)} matches several records: ${list}; be more specific`
      : `${option}: no ${what} matches ${JSON.stringify(value)}${list ? ` (did you mean ${list}?)` : ''}`,
    EXIT.usage,
  );
}

export function formatOf(ctx: Context, opts: OutputOptions): Format {
  if (opts.format === undefined) return ctx.json ? 'json' : 'table';
  if (!(FORMATS as readonly string[]).includes(opts.format))
    throw new UserError(
      `--format must be one of ${FORMATS.join(', ')}, not ${JSON.stringify(opts.format)}`,
    );
  return opts.format as Format;
}

/** The citations behind a row's figures, for --cite. */
export type CitationsOf<T> = (row: T) => readonly Citation[];

export async function printList<T>(
  ctx: Context,
  rows: T[],
  fields: readonly Field<T>[],
  opts: OutputOptions,
  citationsOf?: CitationsOf<T>,
): Promise<number> {
  const format = formatOf(ctx, opts);
  await prepareFormat(format);
  const names = opts.fields
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  let chosen = selectFields(fields, names, format);
  // --cite: number each distinct citation, mark the rows, print the quotes under the table
  const notes: Citation[] = [];
  const numbers = new Map<string, number>();
  if (opts.cite && format === 'table' && citationsOf) {
    const marks = (row: T) =>
      citationsOf(row)
        .map((c) => {
          const key = `${c.source}\u0000${c.quote}\u0000${c.said_by ?? ''}`;
          let n = numbers.get(key);
          if (n === undefined) numbers.set(key, (n = notes.push(c)));
          return `[${n}]`;
        })
        .join('');
    chosen = [...chosen, { name: 'cites', value: marks }];
  }
  let out = rows;
  if (opts.sort !== undefined) {
    const desc = opts.sort.startsWith('-');
    const key = desc ? opts.sort.slice(1) : opts.sort;
    const field = fields.find((f) => f.name === key);
    if (!field)
      throw new UserError(
        `--sort: unknown field ${JSON.stringify(key)}; valid fields: ${fields.map((f) => f.name).join(', ')}`,
      );
    out = [...rows].sort((a, b) => compareValues(field.value(a), field.value(b)) * (desc ? -1 : 1));
  }
  if (opts.limit !== undefined) {
    if (!/^\d+$/.test(opts.limit))
      throw new UserError(`--limit takes a whole number, not ${JSON.stringify(opts.limit)}`);
    out = out.slice(0, Number(opts.limit));
  }
  if (out.length === 0 && ctx.io.stdoutIsTTY) ctx.io.err('no matching records\n');
  ctx.io.out(
    renderRows(out, chosen, {
      format,
      fields: names,
      isTTY: ctx.io.stdoutIsTTY,
      width: Number(ctx.io.env.COLUMNS) > 0 ? Number(ctx.io.env.COLUMNS) : 80,
      headers: opts.headers !== false,
    }),
  );
  if (notes.length > 0)
    ctx.io.out(
      `\n${notes.map((c, i) => `[${i + 1}] "${sanitize(c.quote)}" — ${sanitize(c.source)}${c.said_by ? `, said by ${sanitize(c.said_by)}` : ''}`).join('\n')}\n`,
    );
  return EXIT.ok;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = Array.isArray(a) ? a.join(',') : String(a);
  const sb = Array.isArray(b) ? b.join(',') : String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
