// The words around a figure that say how the text holds it: hedge words before a number say how
// it is bounded ("more than", "up to", "about"), future and conditional words say it is not (yet)
// a fact ("will", "could", "expected", "if confirmed"). `validate` warns where a claim's bound or
// modality disagrees with its quote (check/hedges.ts, check/index.ts); `draft` reads them to
// propose a claim's bound and modality.
import type { Bound, Modality } from './vocab.js';

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

/** Each hedge word as a pattern that ends right before a number, compiled once. */
const HEDGE_PATTERNS = HEDGES.flatMap((h) =>
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
 * The hedge word that ends right before a number (and its currency), in the text before it: the
 * longest one, "no less than" rather than "less than"; null when there is none.
 */
export function hedgeBefore(before: string): HedgeFinding | null {
  const text = before.slice(-30).toLowerCase();
  let found: HedgeFinding | null = null;
  for (const p of HEDGE_PATTERNS)
    if (p.re.test(text) && (found === null || p.hedge.length > found.hedge.length))
      found = { hedge: p.hedge, expected: p.expected };
  return found;
}

const MARKERS: Array<{ words: string[]; modalities: readonly Modality[] }> = [
  {
    words: [
      'will',
      'would',
      'plans',
      'plan to',
      'planned',
      'planning',
      'aims',
      'aim to',
      'aiming',
      'intends',
      'set to',
    ],
    modalities: ['planned', 'target', 'expected'],
  },
  { words: ['expected', 'expects', 'projected', 'forecast'], modalities: ['expected'] },
  {
    words: ['could', 'might', 'potential', 'potentially', 'if confirmed'],
    modalities: ['possible'],
  },
  { words: ['targeted', 'targets', 'targeting'], modalities: ['target', 'planned'] },
  { words: ['considered', 'believed', 'reportedly'], modalities: ['reputed'] },
  { words: ['aimed for', 'seeks', 'sought', 'proposed'], modalities: ['proposed'] },
];

/** Each marker as a whole-word pattern, compiled once; "may" only in lower case ("In May" is a month). */
const PATTERNS = [
  ...MARKERS.flatMap((m) =>
    m.words.map((w) => ({
      marker: w,
      expected: m.modalities,
      re: new RegExp(`(?<![A-Za-z])${w.replace(/ /g, '\\s+')}(?![A-Za-z])`, 'i'),
    })),
  ),
  { marker: 'may', expected: ['possible'] as const, re: /(?<![A-Za-z])may(?![A-Za-z])/ },
];

export interface MarkerFinding {
  marker: string;
  /** The modalities that word suggests. */
  expected: readonly Modality[];
}

/**
 * Every marker but "may" in one pattern, each a group of its own in PATTERNS' order: the match is
 * the leftmost, and of those at one place the first in order, as a pattern at a time finds it.
 */
const ANY = new RegExp(
  PATTERNS.slice(0, -1)
    .map((p) => `(${p.re.source})`)
    .join('|'),
  'i',
);
const MAY = PATTERNS[PATTERNS.length - 1]!;

/** The first future or conditional marker in a quote (by position), or null. */
export function findModalityMarker(quote: string): MarkerFinding | null {
  const m = ANY.exec(quote);
  const may = MAY.re.exec(quote);
  // "may" is last in order: it wins only when it stands before every other marker
  if (may && (!m || may.index < m.index)) return { marker: MAY.marker, expected: MAY.expected };
  if (!m) return null;
  const p = PATTERNS[m.slice(1).findIndex((g) => g !== undefined)]!;
  return { marker: p.marker, expected: p.expected };
}
