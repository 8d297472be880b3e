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

/** The first future or conditional marker in a quote (by position), or null. */
export function findModalityMarker(quote: string): MarkerFinding | null {
  let best: { at: number; finding: MarkerFinding } | null = null;
  for (const p of PATTERNS) {
    const m = p.re.exec(quote);
    if (m && (best === null || m.index < best.at))
      best = { at: m.index, finding: { marker: p.marker, expected: p.expected } };
  }
  return best?.finding ?? null;
}
