// findModalityMarker tries every marker in one pattern: the same finding as trying them a pattern
// at a time in order (the first by position; of those at one place, the first in the list).
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { findModalityMarker } from '../src/schema/markers.js';

const MARKERS: Array<[string[], string[]]> = [
  [
    ['will', 'would', 'plans', 'plan to', 'planned', 'planning', 'aims', 'aim to', 'aiming'],
    ['planned', 'target', 'expected'],
  ],
  [
    ['intends', 'set to'],
    ['planned', 'target', 'expected'],
  ],
  [['expected', 'expects', 'projected', 'forecast'], ['expected']],
  [['could', 'might', 'potential', 'potentially', 'if confirmed'], ['possible']],
  [
    ['targeted', 'targets', 'targeting'],
    ['target', 'planned'],
  ],
  [['considered', 'believed', 'reportedly'], ['reputed']],
  [['aimed for', 'seeks', 'sought', 'proposed'], ['proposed']],
];
const ONE_AT_A_TIME = [
  ...MARKERS.flatMap(([words, expected]) =>
    words.map((w) => ({
      marker: w,
      expected,
      re: new RegExp(`(?<![A-Za-z])${w.replace(/ /g, '\\s+')}(?![A-Za-z])`, 'i'),
    })),
  ),
  { marker: 'may', expected: ['possible'], re: /(?<![A-Za-z])may(?![A-Za-z])/ },
];

function oneAtATime(quote: string) {
  let best: { at: number; marker: string; expected: string[] } | null = null;
  for (const p of ONE_AT_A_TIME) {
    const m = p.re.exec(quote);
    if (m && (best === null || m.index < best.at))
      best = { at: m.index, marker: p.marker, expected: p.expected };
  }
  return best && { marker: best.marker, expected: best.expected };
}

it('finds the marker a pattern at a time would', () => {
  const words = [
    ...ONE_AT_A_TIME.map((p) => p.marker),
    'May',
    'WILL',
    'plan',
    'aimed',
    'x',
    ' ',
    '  ',
    '\n',
    '-',
  ];
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...words), { maxLength: 8 }).map((a) => a.join('')),
      (quote) => {
        expect(findModalityMarker(quote)).toEqual(oneAtATime(quote));
      },
    ),
    { numRuns: 5000 },
  );
});
