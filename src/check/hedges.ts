// Hedge words next to a number say how the text bounds it; the stored bound must agree.
import type { Bound } from '../schema/index.js';

const HEDGES: Array<{ words: string[]; bounds: readonly Bound[] }> = [
  {
    words: ['more than', 'over', 'exceeding', 'in excess of', 'above', 'upwards of'],
    bounds: ['more-than', 'at-least'],
  },
  {
    words: ['at least', 'no less than', 'not less than', 'a minimum of'],
    bounds: ['at-least', 'more-than'],
  },
  {
    words: [
      'up to',
      'as high as',
      'as much as',
      'at most',
      'no more than',
      'not more than',
      'a maximum of',
    ],
    bounds: ['up-to', 'at-most'],
  },
  {
    words: ['less than', 'under', 'below', 'fewer than'],
    bounds: ['less-than', 'up-to', 'at-most'],
  },
  {
    words: [
      'approximately',
      'about',
      'around',
      'roughly',
      'nearly',
      'almost',
      'some',
      'circa',
      'an estimated',
      '~',
    ],
    bounds: ['approx'],
  },
];

const CURRENCY = String.raw`(?:US\$|\$|USD\s*|€|£)?`;
const NUMBER = /\d[\d,]*(?:\.\d+)?/g;

/** Each hedge word as a pattern that ends right before a number, compiled once. */
const PATTERNS = HEDGES.flatMap((h) =>
  h.words.map((w) => ({
    hedge: w,
    expected: h.bounds,
    re: new RegExp(`(?:^|[^a-z])${w.replace(/[$~]/g, '\\$&')}\\s*${CURRENCY}\\s*$`, 'i'),
  })),
);

export interface HedgeFinding {
  hedge: string;
  expected: readonly Bound[];
}

/**
 * For each place the quote writes `value`, the hedge word right before it (if any). Returns a
 * finding when the stored bound contradicts every such place, or null when the bound is fine.
 */
export function checkHedge(quote: string, value: number, bound: Bound): HedgeFinding | null {
  if (bound === 'range') return null;
  const hits: Array<HedgeFinding | null> = [];
  for (const m of quote.matchAll(NUMBER)) {
    if (Number(m[0].replace(/,/g, '')) !== value) continue;
    const before = quote.slice(Math.max(0, m.index - 30), m.index).toLowerCase();
    // The longest hedge that ends right before the number: "no less than", not "less than".
    let found: HedgeFinding | null = null;
    for (const p of PATTERNS)
      if (p.re.test(before) && (found === null || p.hedge.length > found.hedge.length))
        found = { hedge: p.hedge, expected: p.expected };
    hits.push(found);
  }
  if (hits.length === 0) return null;
  // An unhedged place fits any bound: the hedge may stand elsewhere in the sentence.
  const fits = (h: HedgeFinding | null) => h === null || h.expected.includes(bound);
  if (hits.some(fits)) return null;
  return hits.find((h) => h !== null) ?? null;
}
