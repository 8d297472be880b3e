// Future and conditional words in a quote say a figure is not (yet) a fact: "will", "could",
// "expected", "if confirmed". A claim whose quote has one and that does not say its modality is
// read as actual, which is what this check warns about (as hedges.ts does for bounds).
import type { Modality } from '../schema/vocab.js';

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
