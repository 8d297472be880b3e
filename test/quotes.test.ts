// Quote matching (util/quotes.ts): the shortcut that finds a quote as written must never find one
// that the normalized comparison (validate's rule) would not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foundAsWritten, normalizeText } from '../src/util/quotes.js';

/** Letters with the characters normalizing maps or joins: marks, jamo, dashes, quotes, spaces. */
const PIECES = [
  'a',
  'e',
  'n',
  ' ',
  '  ',
  '\n',
  '\u00a0',
  '\u0301', // combining acute
  '\u0327', // combining cedilla
  'é',
  '\u1100', // Hangul L
  '\u1161', // Hangul V
  '\u11a8', // Hangul T
  '\uac00', // Hangul LV
  '\u2014',
  '-',
  '\u201c',
  '"',
  '\u2026',
  '...',
  '\u{1d165}', // a combining mark outside the BMP
  '\u0b47',
  '\u0b3e', // Oriya: two that NFC joins
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join(''));

describe('foundAsWritten', () => {
  it('finds a quote only where the normalized quote is in the normalized text', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        const from = Math.min(a, b) % (t.length + 1);
        const quote = t.slice(from, from + ((Math.max(a, b) - Math.min(a, b)) % 8) + 1);
        if (foundAsWritten(t, quote) && normalizeText(quote) !== '')
          expect(normalizeText(t).includes(normalizeText(quote))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves the cases NFC decides to the normalized comparison', () => {
    // the quote ends where the text goes on with a mark that joins its last letter
    expect(foundAsWritten('cafe\u0301 noir', 'cafe')).toBe(false);
    expect(normalizeText('cafe\u0301 noir').includes(normalizeText('cafe'))).toBe(false);
    // the quote starts with a mark
    expect(foundAsWritten('e\u0301te\u0301', '\u0301te')).toBe(false);
    // a Hangul vowel after the quote's last jamo
    expect(foundAsWritten('\u1100\u1161', '\u1100')).toBe(false);
    // as written and whole: found
    expect(foundAsWritten('Kazakhstan \u2014 the  largest', 'Kazakhstan \u2014 the  largest')).toBe(
      true,
    );
    expect(foundAsWritten('an ore body', 'ore')).toBe(true);
    expect(foundAsWritten(undefined, 'ore')).toBe(false);
    expect(foundAsWritten('an ore body', 'gold')).toBe(false);
  });
});

describe('normalizeText', () => {
  it('makes each run of white space one space, as replacing every run would', () => {
    const ws = fc
      .array(
        fc.constantFrom(
          'a',
          'b',
          ' ',
          '\n',
          '\t',
          '\r',
          '\u00a0',
          '\u2003',
          '\u3000',
          '\ufeff',
          '\u2028',
          '\u2014',
          '\u2026',
        ),
        {
          maxLength: 30,
        },
      )
      .map((p) => p.join(''));
    const everyRun = (s: string) =>
      s
        .normalize('NFC')
        .replace(/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-')
        .replace(/\u2026/g, '...')
        .replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
        .trim();
    fc.assert(
      fc.property(ws, (s) => {
        expect(normalizeText(s)).toBe(everyRun(s));
      }),
      { numRuns: 3000 },
    );
    expect(normalizeText(' a \n\n b\u00a0c  ')).toBe('a b c');
  });
});
