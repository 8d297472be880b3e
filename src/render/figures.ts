// The figures of a commodity page as aligned lines, with a compact bar where a bar helps reading:
// a market share against the whole market, and capacities, production and output targets against
// the largest of the same dimension on the page. Pure: rows in, lines out.
import type { Quantity } from '../schema/index.js';
import { UNITS } from '../schema/vocab.js';
import { quantityText, toBase } from '../query/values.js';

export interface FigureRow {
  about: string;
  property: string;
  quantity: Quantity;
  /** What follows the value: what it is among, its modality ("(planned)"). */
  qualifier?: string;
  sources: string;
}

const SHARES = new Set(['market-share']);
const AMOUNTS = new Set(['capacity', 'production', 'output-target']);
const BAR_WIDTH = 10;

/** "███░░░░░░░": `fraction` of the width filled, at least one block for anything above zero. */
export function bar(fraction: number, width = BAR_WIDTH): string {
  const f = Math.max(0, Math.min(1, fraction));
  const full = f === 0 ? 0 : Math.max(1, Math.round(f * width));
  return `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
}

/** The value a bar stands for (the upper end of a range); null for a figure without a bar. */
function barValue(r: FigureRow): number | null {
  const q = r.quantity;
  const n = q.bound === 'range' ? q.high : q.value;
  if (n === undefined) return null;
  const dim = UNITS[q.unit].dimension;
  if (SHARES.has(r.property) && dim === 'ratio') return toBase(q, n) / 100;
  if (AMOUNTS.has(r.property) && (dim === 'mass' || dim === 'mass-rate')) return toBase(q, n);
  return null;
}

const width = (s: string) => [...s].length;
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - width(s))) + s;

export function figureLines(rows: readonly FigureRow[]): string[] {
  const largest = new Map<string, number>();
  for (const r of rows) {
    const v = barValue(r);
    if (v !== null && !SHARES.has(r.property)) {
      const dim = UNITS[r.quantity.unit].dimension;
      largest.set(dim, Math.max(largest.get(dim) ?? 0, v));
    }
  }
  const cells = rows.map((r) => {
    const v = barValue(r);
    const max = SHARES.has(r.property) ? 1 : (largest.get(UNITS[r.quantity.unit].dimension) ?? 0);
    return [
      r.about,
      r.property,
      quantityText(r.quantity),
      v === null || max === 0 ? '' : bar(v / max),
      `${r.qualifier ? `${r.qualifier}  ` : ''}(${r.sources})`,
    ];
  });
  const w = [0, 1, 2].map((i) => Math.max(0, ...cells.map((c) => width(c[i]!))));
  const anyBar = cells.some((c) => c[3] !== '');
  return cells.map((c) =>
    [
      pad(c[0]!, w[0]!),
      pad(c[1]!, w[1]!),
      padStart(c[2]!, w[2]!),
      ...(anyBar ? [pad(c[3]!, BAR_WIDTH)] : []),
      c[4]!,
    ].join('  '),
  );
}
