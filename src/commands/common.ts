// What the query commands share: open the base (warning when it has errors), choose the output
// format, and print rows: fields, sort, limit, --cite, in the chosen format.
import { programVersion, type Context, tableWidth } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import {
  openBase,
  type OpenedTexts,
  type OpenOptions,
  openSearch,
  type SearchBase,
} from '../pipeline/open.js';
import type { FactIndex } from '../query/facts.js';
import {
  fixedColumns,
  prepareFormat,
  renderRows,
  selectFields,
  type Field,
  type Format,
} from '../render/output.js';
import { citeNumbers } from '../render/cites.js';
import { sanitize } from '../util/sanitize.js';
import type { Citation, FactRecord, Kind } from '../schema/index.js';
import { KIND_INFO, SHOW_COMMANDS } from '../schema/kinds.js';
import { resolve } from '../query/resolve.js';

/** The shared output options, as their parsers leave them (--format and --limit are checked). */
export interface OutputOptions {
  cite?: boolean;
  format?: Format;
  fields?: string;
  sort?: string;
  limit?: number;
  headers?: boolean;
}

/** Where the base is, for the pipeline; a progress line on a terminal while files are read. */
export function openOptions(ctx: Context): OpenOptions {
  return {
    allowInvalid: ctx.allowInvalid,
    followLinks: ctx.followLinks,
    dataDir: ctx.dataDir,
    seedsDir: ctx.seedsDir,
    cwd: ctx.io.cwd,
    cacheRoot: ctx.cacheRoot,
    version: programVersion(),
    progress: ctx.io.stderrIsTTY
      ? (line) => ctx.io.err(line === null ? '\r\x1b[2K' : `\r\x1b[2K${sanitize(line)}`)
      : undefined,
    notice: (line) => ctx.io.err(`${line}\n`),
  };
}

/**
 * The base's index, from the cache when it is fresh. A base with errors is refused (exit 1 with
 * its first errors), or with --allow-invalid answered with a warning on stderr; a directory with
 * no data files is exit 2 (pipeline/open.ts).
 */
export async function openBaseIndex(ctx: Context): Promise<FactIndex> {
  const { index, errors } = await openBase(openOptions(ctx), 'index');
  warnErrors(ctx, errors);
  return index;
}

function warnErrors(ctx: Context, errors: number): void {
  if (errors > 0)
    ctx.io.err(
      `minerals: warning: the fact base has ${errors} error${errors === 1 ? '' : 's'}; results may be incomplete (run: minerals validate)\n`,
    );
}

/**
 * Every record and the source texts too, refused or with the same warning as openBaseIndex. For
 * commands that need the texts: search, stats, coverage.
 */
export async function loadWholeBase(ctx: Context): Promise<OpenedTexts> {
  const opened = await openBase(openOptions(ctx), 'texts');
  warnErrors(ctx, opened.errors);
  return opened;
}

/**
 * The records a search for `words` (each term's folded words) may find, with the source texts,
 * refused or with the same warning as openBaseIndex: the store's full-text index narrows them.
 */
export async function openSearchBase(
  ctx: Context,
  words: ReadonlyArray<readonly string[]>,
): Promise<SearchBase> {
  const opened = await openSearch(openOptions(ctx), words);
  warnErrors(ctx, opened.errors);
  return opened;
}

/** The output format: --format, else JSON with --json, else a table. */
export function formatOf(ctx: Context, opts: OutputOptions): Format {
  return opts.format ?? (ctx.json ? 'json' : 'table');
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
  const cites = citeNumbers();
  if (opts.cite && format === 'table' && citationsOf)
    chosen = [...chosen, { name: 'cites', value: (row: T) => cites.mark(citationsOf(row)) }];
  let out = rows;
  if (opts.sort !== undefined) {
    const desc = opts.sort.startsWith('-');
    const key = desc ? opts.sort.slice(1) : opts.sort;
    const field = fields.find((f) => f.name === key);
    if (!field)
      throw new UserError(
        `--sort: unknown field ${JSON.stringify(key)}; valid fields: ${fields.map((f) => f.name).join(', ')}`,
      );
    // rows without a value go last in both directions
    const keyOf = field.sortKey ?? ((row: T) => defaultKey(field.value(row)));
    const keyed = rows.map((row) => ({ row, key: keyOf(row) }));
    keyed.sort((a, b) =>
      a.key === null || b.key === null
        ? (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0)
        : compareKeys(a.key, b.key) * (desc ? -1 : 1),
    );
    out = keyed.map((k) => k.row);
  }
  if (opts.limit !== undefined) out = out.slice(0, opts.limit);
  if (out.length === 0 && ctx.io.stdoutIsTTY) ctx.io.err('no matching records\n');
  ctx.io.out(
    renderRows(out, chosen, {
      format,
      fields: names,
      isTTY: ctx.io.stdoutIsTTY,
      width: tableWidth(ctx.io),
      fixed: fixedColumns(opts),
      headers: opts.headers !== false,
    }),
  );
  const { notes } = cites;
  if (notes.length > 0)
    ctx.io.out(
      `\n${notes.map((c, i) => `[${i + 1}] "${sanitize(c.quote)}" — ${sanitize(c.source)}${c.said_by ? `, said by ${sanitize(c.said_by)}` : ''}`).join('\n')}\n`,
    );
  return EXIT.ok;
}

/** A value's sort key: a number as is, text folded to lower case; null, '' and [] have none. */
function defaultKey(v: unknown): number | string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) {
    if (v.length === 0) return null;
    return v
      .map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)))
      .join(',')
      .toLowerCase();
  }
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s === '' ? null : s.toLowerCase();
}

/** Numbers before text when a column mixes them; text by code point. */
function compareKeys(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The record TEXT names (id, name or alias), of these kinds; a UserError when none or several. */
export function findRecord(
  index: FactIndex,
  text: string,
  kinds: readonly Kind[] | undefined,
  what: string,
): FactRecord {
  const r = resolve(index, text, kinds);
  if (r.ok) return r.record;
  const list = r.candidates.join(', ');
  if (r.reason === 'ambiguous')
    throw new UserError(
      `${JSON.stringify(text)} matches several records: ${list}; be more specific`,
      EXIT.usage,
    );
  // a record of another kind: say which, and the command that shows it (still not found: 1)
  const other = kinds ? resolve(index, text) : undefined;
  if (other?.ok) {
    const { id, kind } = other.record;
    const noun = KIND_INFO[kind].noun;
    const word = SHOW_COMMANDS.find((s) => s.kinds.includes(kind))?.command;
    throw new UserError(
      `no ${what} ${JSON.stringify(text)}; ${id} is ${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}: \`minerals ${word ? `${word} ` : ''}show ${id}\``,
      EXIT.data,
    );
  }
  throw new UserError(
    `no ${what} ${JSON.stringify(text)}${list ? ` (did you mean ${list}?)` : ''}`,
    EXIT.data,
  );
}
