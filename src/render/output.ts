// Renderers: rows in, text out. One registry of formats so none can be forgotten; JSON is built
// from the same fields the table shows. Pure: no process, no console.
import type TableType from 'cli-table3';
import type { ScalarTag, Tags } from 'yaml';
import { UserError } from '../errors.js';
import { safeJson, sanitize } from '../util/sanitize.js';
import { type Cut, fitWidths, GAP, naturalWidth, wrapCell } from './fit.js';

export const FORMATS = ['table', 'json', 'ndjson', 'csv', 'tsv', 'yaml'] as const;
export type Format = (typeof FORMATS)[number];

// cli-table3 and yaml cost start-up time (yaml about 35 ms), so they load only for the formats
// that use them: prepareFormat before rendering.
let Table: typeof TableType | undefined;
/** cli-table3's own measure of a cell (its src/utils.js), for tables laid out here. */
interface TableUtils {
  strlen(s: string): number;
}
let tableUtils: TableUtils | undefined;
type Stringify = (
  value: unknown,
  options: { lineWidth: number; customTags: (tags: Tags) => Tags },
) => string;
let stringify: Stringify | undefined;

export async function prepareFormat(format: Format): Promise<void> {
  if (format === 'table') {
    Table ??= (await import('cli-table3')).default;
    // @ts-expect-error: the helpers cli-table3 lays out its cells with have no types of their own
    const m = (await import('cli-table3/src/utils.js')) as TableUtils & { default?: TableUtils };
    tableUtils ??= m.default ?? m;
  }
  if (format === 'yaml' && !stringify) {
    const m = await import('yaml');
    // the bundle may hand the CommonJS build over as a default export
    stringify = (m.stringify ??
      (m as unknown as { default: typeof m }).default.stringify) as Stringify;
  }
}

export interface Field<T> {
  /** The JSON key and (upper-cased) the table header. */
  name: string;
  /** The raw value for machine formats: numbers unformatted. */
  value: (row: T) => unknown;
  /** The table cell, when it differs from the value (bound marks, names for ids). */
  text?: (row: T) => string;
  align?: 'left' | 'right';
  /** Shown in the table when --fields is not given. */
  table?: boolean;
  /** csv and tsv: the cell, when the value is structured (a figure's display form, a date's words). */
  csv?: (row: T) => string;
  /** --sort: the key when it is not the value (a figure's base value, a date's first day); null sorts last. */
  sortKey?: (row: T) => number | string | null;
  /** Shown only in these formats when --fields does not name it (a figure's base value: csv, tsv). */
  formats?: readonly Format[];
  /** How the column may be narrowed on a terminal (render/fit.ts); by default from its name (cutOf). */
  cut?: Cut;
}

/**
 * Columns that are never cut, by name: ids and the record a row is about, lists of ids, dates,
 * sources and citation markers, words of a vocabulary (kind, type, status, property), counts.
 * Right-aligned (numeric) columns are never cut either; every other column is free text.
 */
const NEVER_CUT = new Set([
  // ids, and lists of them
  'id',
  'about',
  'record',
  'subject',
  'commodity',
  'commodities',
  'groups',
  'members',
  'said_by',
  'symbol',
  'iso2',
  'file',
  // dates
  'date',
  'when',
  'start',
  'end',
  'signed',
  'published',
  'period',
  // sources and citation markers
  'source',
  'sources',
  'cites',
  // vocabulary
  'kind',
  'subject_kind',
  'type',
  'status',
  'property',
  'modality',
  'class',
  'origin',
  'field',
  'inferred',
  'sources_differ',
  // numbers
  'rank',
  'base_value',
  'citing_claims',
  'line',
  'matches',
]);

export const cutOf = (f: Pick<Field<never>, 'name' | 'align' | 'cut'>): Cut =>
  f.cut ?? (f.align === 'right' || NEVER_CUT.has(f.name) ? 'never' : 'wrap');

export interface RenderOptions {
  format: Format;
  fields?: readonly string[] | undefined;
  /** Table only: a terminal gets columns fitted to `width`; a pipe gets everything. */
  isTTY: boolean;
  width: number;
  headers?: boolean;
  /** Table only: columns a filter fixed (fixedColumns), dropped when every row has one value. */
  fixed?: ReadonlySet<string>;
}

/** Options that are no filters: they fix no column. */
const NOT_FILTERS = new Set(['cite', 'format', 'fields', 'sort', 'limit', 'headers', 'where']);
/** Filters that fix more than their own column. */
const FIXES: Record<string, readonly string[]> = {
  about: ['about', 'id', 'record', 'subject', 'name', 'kind', 'subject_kind'],
  metal: ['commodity', 'commodities'],
  source: ['source', 'sources'],
};

/**
 * The columns that the filters given to a command fix: `--status signed` fixes STATUS, `--kind`
 * KIND (an option fixes the column of its own name, `--said-by` SAID_BY); `--about` fixes the
 * record's columns, `--metal` the commodity, `--source` the sources. A table drops such a
 * column when every row (two or more) has the same value in it and --fields is not given.
 */
export function fixedColumns(options: object): Set<string> {
  const fixed = new Set<string>();
  for (const [key, value] of Object.entries(options) as [string, unknown][]) {
    if (value === undefined || NOT_FILTERS.has(key)) continue;
    const name = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    for (const f of FIXES[name] ?? [name]) fixed.add(f);
  }
  return fixed;
}

/** The fields to show: those named by --fields (an unknown name lists the valid ones), else the defaults. */
export function selectFields<T>(
  all: readonly Field<T>[],
  names: readonly string[] | undefined,
  format: Format,
): Field<T>[] {
  if (names === undefined)
    return all.filter(
      (f) =>
        (f.formats === undefined || f.formats.includes(format)) &&
        (f.table === true || !(format === 'table' || format === 'csv' || format === 'tsv')),
    );
  if (names.length === 0)
    throw new UserError(
      `--fields names no field; valid fields: ${all.map((f) => f.name).join(', ')}`,
    );
  const byName = new Map(all.map((f) => [f.name, f]));
  const unknown = names.filter((n) => !byName.has(n));
  if (unknown.length > 0)
    throw new UserError(
      `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => JSON.stringify(u)).join(', ')}; valid fields: ${all.map((f) => f.name).join(', ')}`,
    );
  return names.map((n) => byName.get(n)!);
}

const flat = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v))
    return v
      .map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : flat(x)))
      .join('; ');
  return JSON.stringify(v);
};

/** What a spreadsheet may run as a formula: a cell that starts with one of these (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A number a spreadsheet reads as one, sign and all: left as it is. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A cell that a spreadsheet would take for a formula, with a leading ' (OWASP's defence against
 * CSV injection); a number such as -5 stays a number.
 */
const defused = (s: string) => (FORMULA_START.test(s) && !NUMBER.test(s) ? `'${s}` : s);

/**
 * A csv cell as RFC 4180 has it: quoted when it holds a quote, comma or line break (or edge
 * spaces). Any other character is written as it is: csv has no escapes.
 */
export const csvCell = (cell: string) => {
  const s = defused(cell);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
};
/** A tsv cell: a backslash, tab, newline and carriage return escaped as \\, \t, \n, \r. */
const tsvCell = (s: string) =>
  defused(s)
    .replace(/\\/g, '\\\\')
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');

/**
 * The lines of csv or tsv: the header (unless left out) and a line a row, each cell written by
 * `cell`. On a terminal each cell is then sanitized, as a table's are: data may hold escape
 * sequences. Off a terminal the cells hold the very text JSON carries (a program reads them).
 */
function delimited<T>(
  rows: readonly T[],
  fields: readonly Field<T>[],
  opts: RenderOptions,
  cell: (text: string) => string,
  separator: string,
  end: string,
): string {
  const write = opts.isTTY ? (text: string) => sanitize(cell(text)) : cell;
  return [
    ...(opts.headers === false ? [] : [fields.map((f) => f.name)]),
    ...rows.map((r) => csvCells(r, fields)),
  ]
    .map((cells) => `${cells.map(write).join(separator)}${end}`)
    .join('');
}

/**
 * A row's csv and tsv cells, unescaped: each field's csv form, else its value flattened (lists
 * joined by "; "). `minerals export` fills its list tables with the same cells.
 */
export const csvCells = <T>(row: T, fields: readonly Field<T>[]): string[] =>
  fields.map((f) => (f.csv ? f.csv(row) : flat(f.value(row))));

/** yaml's tag for strings (the core schema's), which escapingStrings replaces. */
const STRING_TAG = 'tag:yaml.org,2002:str';

/**
 * yaml's tags, with its string tag writing a string that holds a character sanitize escapes (a
 * newline aside: control, bidi, zero-width, separators) as safeJson writes it. A JSON string is a
 * YAML double-quoted scalar, so the YAML parses back to the very string the JSON carries, and no
 * such character is written raw (yaml would write DEL, C1, bidi and zero-width characters raw).
 * Other strings are written as yaml writes them; it double-quotes a lone surrogate as \udXXX, as
 * JSON does.
 */
const escapingStrings = (tags: Tags): Tags =>
  tags.map((t) => {
    if (typeof t === 'string' || t.tag !== STRING_TAG || !t.stringify) return t;
    const written = t.stringify;
    const tag: ScalarTag = {
      ...t,
      stringify: (item, ...rest) =>
        typeof item.value === 'string' && sanitize(item.value, true) !== item.value
          ? safeJson(item.value)
          : written(item, ...rest),
    };
    return tag;
  });

const toObject = <T>(row: T, fields: readonly Field<T>[]) =>
  Object.fromEntries(fields.map((f) => [f.name, f.value(row) ?? null]));

/** A row as one line of compact JSON, as the json (off a terminal) and ndjson formats print it. */
export const jsonRow = <T>(row: T, fields: readonly Field<T>[]): string =>
  safeJson(toObject(row, fields));

/** What comes before, between and after the rows of the json format (off a terminal) and ndjson; no rows in ndjson: nothing. */
const FRAME = { json: ['[', ',', ']\n'], ndjson: ['', '\n', '\n'] } as const;

/**
 * Rows made by jsonRow as UTF-8, printed as the json format does off a terminal, or as ndjson:
 * the parts of the output in order (the rows themselves and what stands between them, none of
 * them copied).
 */
export function jsonRowBytes(rows: readonly Uint8Array[], format: 'json' | 'ndjson'): Uint8Array[] {
  const [open, sep, close] = FRAME[format];
  const between = Buffer.from(sep);
  const parts: Uint8Array[] = [Buffer.from(open)];
  rows.forEach((r, i) => {
    if (i > 0) parts.push(between);
    parts.push(r);
  });
  if (rows.length > 0 || format === 'json') parts.push(Buffer.from(close));
  return parts;
}

/** Rows already made by jsonRow, printed as the json format does off a terminal, or as ndjson. */
function jsonRows(rows: readonly string[], format: 'json' | 'ndjson'): string {
  const [open, sep, close] = FRAME[format];
  return rows.length === 0 && format === 'ndjson' ? '' : `${open}${rows.join(sep)}${close}`;
}

type Renderer = <T>(rows: readonly T[], fields: readonly Field<T>[], opts: RenderOptions) => string;

const RENDERERS: Record<Format, Renderer> = {
  // compact JSON is written a row at a time (the same bytes as the whole array at once), so each
  // row's object is garbage as soon as it is text: a large answer never holds them all
  json: (rows, fields, opts) =>
    opts.isTTY
      ? `${safeJson(
          rows.map((r) => toObject(r, fields)),
          2,
        )}\n`
      : jsonRows(
          rows.map((r) => jsonRow(r, fields)),
          'json',
        ),
  ndjson: (rows, fields) =>
    jsonRows(
      rows.map((r) => jsonRow(r, fields)),
      'ndjson',
    ),
  yaml: (rows, fields) =>
    rows.length === 0
      ? '[]\n'
      : stringify!(
          rows.map((r) => toObject(r, fields)),
          { lineWidth: 0, customTags: escapingStrings },
        ),
  csv: (rows, fields, opts) => delimited(rows, fields, opts, csvCell, ',', '\r\n'),
  tsv: (rows, fields, opts) => delimited(rows, fields, opts, tsvCell, '\t', '\n'),
  table: (rows, fields, opts) => renderTable(rows, fields, opts),
};

export function renderRows<T>(
  rows: readonly T[],
  fields: readonly Field<T>[],
  opts: RenderOptions,
): string {
  return RENDERERS[opts.format](rows, fields, opts);
}

/**
 * The columns a table shows: not one empty in every row, nor one a filter fixed (opts.fixed)
 * that has one value in every row of two or more; a column named with --fields is always shown.
 */
function shownColumns(
  cells: readonly string[][],
  fields: readonly Field<unknown>[],
  opts: RenderOptions,
) {
  const named = new Set(opts.fields ?? []);
  const shown = fields.map((f, i) => {
    if (cells.length === 0 || named.has(f.name)) return true;
    const column = cells.map((row) => row[i]!);
    if (column.every((c) => c === '')) return false;
    return !(
      opts.fields === undefined &&
      cells.length >= 2 &&
      opts.fixed?.has(f.name) &&
      column.every((c) => c === column[0])
    );
  });
  // nothing to show: show everything rather than nothing
  return shown.some(Boolean) ? shown : shown.map(() => true);
}

function renderTable<T>(rows: readonly T[], all: readonly Field<T>[], opts: RenderOptions): string {
  if (all.length === 0) return '';
  const every = rows.map((r) => all.map((f) => sanitize(f.text ? f.text(r) : flat(f.value(r)))));
  const shown = shownColumns(every, all as readonly Field<unknown>[], opts);
  const fields = all.filter((_, i) => shown[i]);
  const cells = every.map((row) => row.filter((_, i) => shown[i]));
  const headers = opts.headers !== false;
  const head = fields.map((f) => f.name.toUpperCase().replace(/_/g, ' '));
  const columns = fields.map((f, i) => ({
    head: head[i]!,
    cells: cells.map((c) => c[i]!),
    cut: cutOf(f),
  }));
  // on a terminal the columns fit its width, their cells wrapped; in a pipe nothing is
  const fit = opts.isTTY && Number.isFinite(opts.width);
  const widths = fit
    ? fitWidths(columns, opts.width, headers)
    : columns.map((c) => naturalWidth(c, headers));
  // the cells are wrapped here (fit.ts), a row as tall as its tallest cell; cli-table3 lays out
  // the lines they make one line at a time (it takes about a second for a cell of 25 lines)
  const lay = (text: string, i: number, cut: Cut) =>
    fit ? wrapCell(text, widths[i]!, cut) : [text];
  const lines = (texts: readonly string[], cut: (i: number) => Cut): string[][] => {
    const cellLines = texts.map((t, i) => lay(t, i, cut(i)));
    const height = Math.max(...cellLines.map((l) => l.length));
    return Array.from({ length: height }, (_, k) => cellLines.map((l) => l[k] ?? ''));
  };
  const laid = [...(headers ? lines(head, () => 'wrap') : [])];
  for (const c of cells) laid.push(...lines(c, (i) => columns[i]!.cut));
  return layOut(
    laid,
    widths,
    fields.map((f) => f.align ?? 'left'),
  );
}

/**
 * The text of a table's lines (each a cell a column), the columns this wide: what cli-table3
 * makes of them with no borders, no padding and GAP spaces between columns, the ends of lines
 * trimmed; laid out here when every cell fits its column.
 */
export function layOut(
  rows: readonly string[][],
  widths: readonly number[],
  aligns: ReadonlyArray<'left' | 'right'>,
): string {
  if (!Table || !tableUtils) throw new Error('prepareFormat("table") was not awaited');
  return laidOut(rows, widths, aligns, tableUtils) ?? tableOf(Table, rows, widths, aligns);
}

/**
 * Text whose every character takes one column as cli-table3 measures it (string-width): printable
 * ASCII, Latin, Greek, Cyrillic and the like, dashes, quotes and the ellipsis; no control,
 * combining, wide or emoji character. Its width is its length.
 */
const NARROW = /^[\x20-\x7e\xa0-\xa8\xaa-\xad\xaf-\u02ff\u0370-\u10ff\u2010-\u2027]*$/;

/**
 * What cli-table3 makes of rows whose every cell fits its column (the usual case: the cells are
 * wrapped to the widths), without it: each cell padded with spaces to the column's width as it
 * measures it, on the side of its alignment. Null when a cell does not fit (cli-table3 would cut
 * it) or a column has no width (cli-table3 would measure it).
 */
function laidOut(
  rows: readonly string[][],
  widths: readonly number[],
  aligns: readonly string[],
  utils: TableUtils,
): string | null {
  if (widths.some((w) => w <= 0)) return null;
  const gap = ' '.repeat(GAP);
  const out: string[] = [];
  for (const row of rows) {
    let line = '';
    for (const [i, cell] of row.entries()) {
      const w = widths[i]!;
      const n = NARROW.test(cell) ? cell.length : utils.strlen(cell);
      if (n > w) return null;
      const pad = ' '.repeat(w - n);
      line += (i === 0 ? '' : gap) + (aligns[i] === 'right' ? pad + cell : cell + pad);
    }
    if (line !== '') out.push(line.trimEnd());
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

function tableOf(
  Table: typeof TableType,
  rows: readonly string[][],
  widths: readonly number[],
  aligns: ReadonlyArray<'left' | 'right'>,
): string {
  const table = new Table({
    head: [],
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: ' '.repeat(GAP),
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: [...aligns],
    colWidths: [...widths],
    wordWrap: false,
  });
  table.push(...rows);
  if (table.length === 0) return '';
  return `${table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')}\n`;
}
