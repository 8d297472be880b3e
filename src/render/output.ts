// Renderers: rows in, text out. One registry of formats so none can be forgotten; JSON is built
// from the same fields the table shows. Pure: no process, no console.
import type TableType from 'cli-table3';
import { UserError } from '../errors.js';
import { safeJson, sanitize } from '../util/sanitize.js';

export const FORMATS = ['table', 'json', 'ndjson', 'csv', 'tsv', 'yaml'] as const;
export type Format = (typeof FORMATS)[number];

// cli-table3 and yaml cost start-up time (yaml about 35 ms), so they load only for the formats
// that use them: prepareFormat before rendering.
let Table: typeof TableType | undefined;
type Stringify = (value: unknown, options: { lineWidth: number }) => string;
let stringify: Stringify | undefined;

export async function prepareFormat(format: Format): Promise<void> {
  if (format === 'table') Table ??= (await import('cli-table3')).default;
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
}

export interface RenderOptions {
  format: Format;
  fields?: readonly string[] | undefined;
  /** Table only: a terminal gets columns fitted to `width`; a pipe gets everything. */
  isTTY: boolean;
  width: number;
  headers?: boolean;
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

const csvCell = (s: string) =>
  /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
const tsvCell = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

const toObject = <T>(row: T, fields: readonly Field<T>[]) =>
  Object.fromEntries(fields.map((f) => [f.name, f.value(row) ?? null]));

type Renderer = <T>(rows: readonly T[], fields: readonly Field<T>[], opts: RenderOptions) => string;

const RENDERERS: Record<Format, Renderer> = {
  json: (rows, fields, opts) =>
    `${safeJson(
      rows.map((r) => toObject(r, fields)),
      opts.isTTY ? 2 : undefined,
    )}\n`,
  ndjson: (rows, fields) => rows.map((r) => `${safeJson(toObject(r, fields))}\n`).join(''),
  yaml: (rows, fields) =>
    rows.length === 0
      ? '[]\n'
      : sanitize(
          stringify!(
            rows.map((r) => toObject(r, fields)),
            { lineWidth: 0 },
          ),
          true,
        ),
  csv: (rows, fields, opts) =>
    [
      ...(opts.headers === false ? [] : [fields.map((f) => f.name)]),
      ...rows.map((r) => fields.map((f) => sanitize(f.csv ? f.csv(r) : flat(f.value(r))))),
    ]
      .map((cells) => `${cells.map(csvCell).join(',')}\r\n`)
      .join(''),
  tsv: (rows, fields, opts) =>
    [
      ...(opts.headers === false ? [] : [fields.map((f) => f.name)]),
      ...rows.map((r) => fields.map((f) => sanitize(f.csv ? f.csv(r) : flat(f.value(r))))),
    ]
      .map((cells) => `${cells.map(tsvCell).join('\t')}\n`)
      .join(''),
  table: (rows, fields, opts) => renderTable(rows, fields, opts),
};

export function renderRows<T>(
  rows: readonly T[],
  fields: readonly Field<T>[],
  opts: RenderOptions,
): string {
  return RENDERERS[opts.format](rows, fields, opts);
}

const chars = (s: string) => [...s].length;
const truncate = (s: string, w: number) =>
  chars(s) <= w ? s : `${[...s].slice(0, Math.max(0, w - 1)).join('')}…`;

function renderTable<T>(
  rows: readonly T[],
  fields: readonly Field<T>[],
  opts: RenderOptions,
): string {
  if (fields.length === 0) return '';
  const cells = rows.map((r) => fields.map((f) => sanitize(f.text ? f.text(r) : flat(f.value(r)))));
  const head = fields.map((f) => f.name.toUpperCase().replace(/_/g, ' '));
  const gap = 2;
  let widths = fields.map((_, i) => Math.max(chars(head[i]!), ...cells.map((c) => chars(c[i]!))));
  if (opts.isTTY)
    widths = fitWidths(widths, head.map(chars), opts.width - gap * (fields.length - 1));
  if (!Table) throw new Error('prepareFormat("table") was not awaited');
  const table = new Table({
    head: opts.headers === false ? [] : head.map((h, i) => truncate(h, widths[i]!)),
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
      middle: ' '.repeat(gap),
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: fields.map((f) => f.align ?? 'left'),
    colWidths: widths,
    wordWrap: false,
    truncate: '…',
  });
  for (const c of cells) table.push(c.map((s, i) => truncate(s, widths[i]!)));
  return `${table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')}\n`;
}

/** Shrink the widest columns until the row fits, never below the header or 8 characters. */
function fitWidths(widths: number[], minimums: number[], available: number): number[] {
  const w = [...widths];
  const floors = widths.map((width, i) => Math.min(width, Math.max(minimums[i]!, 8)));
  const floor = (i: number) => floors[i]!;
  let total = w.reduce((a, b) => a + b, 0);
  while (total > available) {
    let widest = -1;
    for (let i = 0; i < w.length; i++)
      if (w[i]! > floor(i) && (widest < 0 || w[i]! > w[widest]!)) widest = i;
    if (widest < 0) break;
    w[widest]!--;
    total--;
  }
  return w;
}
