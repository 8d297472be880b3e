// Hedge words next to a number say how the text bounds it; the stored bound must agree.
import type { Bound } from '../schema/index.js';
import { type HedgeFinding, hedgeBefore } from '../schema/markers.js';

const NUMBER = /\d[\d,]*(?:\.\d+)?/g;

/**
 * For each place the quote writes `value`, the hedge word right before it (if any). Returns a
 * finding when the stored bound contradicts every such place, or null when the bound is fine.
 */
export function checkHedge(quote: string, value: number, bound: Bound): HedgeFinding | null {
  if (bound === 'range') return null;
  const hits: Array<HedgeFinding | null> = [];
  for (const m of quote.matchAll(NUMBER)) {
    if (Number(m[0].replace(/,/g, '')) !== value) continue;
    hits.push(hedgeBefore(quote.slice(Math.max(0, m.index - 30), m.index)));
  }
  if (hits.length === 0) return null;
  // An unhedged place fits any bound: the hedge may stand elsewhere in the sentence.
  const fits = (h: HedgeFinding | null) => h === null || h.expected.includes(bound);
  if (hits.some(fits)) return null;
  return hits.find((h) => h !== null) ?? null;
}
