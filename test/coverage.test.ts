// `minerals coverage`: sentences and figures found in a text, the rules that count them as
// covered, quoted and structured (each on a small hand-made case), then the command on a fixture
// whose counts are worked out by hand (test/fixtures/coverage-structure).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ClaimQuote, coverageOf, sourceCoverage } from '../src/query/coverage.js';
import { findFigures, splitSentences } from '../src/query/sentences.js';
import type { FactRecord } from '../src/schema/index.js';
import { CoverageRow } from '../src/schema/output-reports.js';
import type { DateSpec, Quantity } from '../src/schema/values.js';
import { FIXTURES, ROOT, run, validateDir } from './helpers.js';

const pieces = (text: string, spans: Array<[number, number]>) =>
  spans.map(([s, e]) => text.slice(s, e));
/** The figures of a text as the words they are. */
const figures = (text: string) => findFigures(text).map((f) => text.slice(f.start, f.end));
/** The figures of a text with what each says. */
const said = (text: string) =>
  findFigures(text).map(({ start, end, ...value }) => ({ text: text.slice(start, end), ...value }));

describe('splitSentences', () => {
  it('splits at sentence ends but not after abbreviations', () => {
    const t =
      'U.S. President Donald Trump aimed for a deal. ERG is not for sale. Mr. Smith said so! Done?';
    expect(pieces(t, splitSentences(t))).toEqual([
      'U.S. President Donald Trump aimed for a deal.',
      'ERG is not for sale.',
      'Mr. Smith said so!',
      'Done?',
    ]);
  });

  it('keeps a closing quote with its sentence', () => {
    const t = '"ERG is definitely not for sale," said Ibragimov. "It is fair." He left.';
    expect(pieces(t, splitSentences(t))).toEqual([
      '"ERG is definitely not for sale," said Ibragimov.',
      '"It is fair."',
      'He left.',
    ]);
  });

  it('does not split decimals or lower-case continuations', () => {
    const t = 'Grades reach 6.7% in places. prices rose. Then 2026 came.';
    expect(pieces(t, splitSentences(t))).toEqual([
      'Grades reach 6.7% in places. prices rose.',
      'Then 2026 came.',
    ]);
  });
});

describe('findFigures', () => {
  it('takes currency, scale and unit with the number, and says what it measures', () => {
    const t =
      'Over US$20 million, 15 metric tons, a 2-million-metric-ton-per-year plant, 2.2 million square kilometers, 6.7%, 75,000 staff and 1.9 to 2.';
    expect(said(t)).toEqual([
      { text: 'US$20 million', kind: 'number', number: 20e6, scaled: true, measure: 'money' },
      { text: '15 metric tons', kind: 'number', number: 15, scaled: false, measure: 'mass' },
      {
        text: '2-million-metric-ton-per-year',
        kind: 'number',
        number: 2e6,
        scaled: true,
        measure: 'mass',
      },
      {
        text: '2.2 million square kilometers',
        kind: 'number',
        number: 2.2e6,
        scaled: true,
        measure: 'area',
      },
      { text: '6.7%', kind: 'number', number: 6.7, scaled: false, measure: 'ratio' },
      { text: '75,000', kind: 'number', number: 75000, scaled: false, measure: null },
      { text: '1.9', kind: 'number', number: 1.9, scaled: false, measure: null },
      { text: '2', kind: 'number', number: 2, scaled: false, measure: null },
    ]);
  });

  it('does not take digits inside words or codes', () => {
    expect(findFigures('C29 Metals and AMM2025')).toEqual([]);
    expect(figures('At the AMM-2025 forum, after COVID-19, in 2013.')).toEqual(['2013']);
  });

  it('a bare 1900-2099 is a year; with a unit or separator it is an amount', () => {
    expect(said('In 2013, 2,013 tons and 2013 tons; 1850 and 2100.')).toEqual([
      { text: '2013', kind: 'year', date: { year: 2013 } },
      { text: '2,013 tons', kind: 'number', number: 2013, scaled: false, measure: 'mass' },
      { text: '2013 tons', kind: 'number', number: 2013, scaled: false, measure: 'mass' },
      { text: '1850', kind: 'number', number: 1850, scaled: false, measure: null },
      { text: '2100', kind: 'number', number: 2100, scaled: false, measure: null },
    ]);
  });

  it('finds written-out numbers with their values, but not the idiom "one of"', () => {
    const t =
      'Two plants, twenty-five wells, two hundred staff, a dozen sites and fifteen million tons; one of the largest.';
    expect(said(t)).toEqual([
      { text: 'Two', kind: 'number-word', number: 2 },
      { text: 'twenty-five', kind: 'number-word', number: 25 },
      { text: 'two hundred', kind: 'number-word', number: 200 },
      { text: 'dozen', kind: 'number-word', number: 12 },
      { text: 'fifteen million', kind: 'number-word', number: 15e6 },
    ]);
  });

  it('finds fractions and multiples with their values', () => {
    const t =
      'It produced one-fifth of output, two-thirds of sales, a third of the ore and half the tin; a twofold rise; prices doubled; output halved; twice as much; three-fold.';
    expect(said(t).map((f) => [f.text, f.kind, 'number' in f ? f.number : null])).toEqual([
      ['one-fifth', 'fraction', 0.2],
      ['two-thirds', 'fraction', 2 / 3],
      ['a third', 'fraction', 1 / 3],
      ['half', 'fraction', 0.5],
      ['twofold', 'multiple', 2],
      ['doubled', 'multiple', 2],
      ['halved', 'multiple', 0.5],
      ['twice', 'multiple', 2],
      ['three-fold', 'multiple', 3],
    ]);
  });

  it('finds ranks: superlatives with whose they are, top N, number N, ordinals', () => {
    const t =
      "It is the world's largest ferrochrome producer and the world's second-largest gallium producer, among the top three holders, a top 10 supplier, from Zero to Number Two, with Kazakhstan's first-ever plant, the 3rd mine, and China, the top global consumer.";
    expect(said(t).map((f) => [f.text, f.kind, 'number' in f ? f.number : null])).toEqual([
      ["world's largest", 'rank', 1],
      ["world's second-largest", 'rank', 2],
      ['top three', 'rank', 3],
      ['top 10', 'rank', 10],
      ['Zero', 'number-word', 0],
      ['Number Two', 'rank', 2],
      ['first-ever', 'rank', 1],
      ['3rd', 'rank', 3],
      ['the top', 'rank', 1],
    ]);
  });

  it('a group membership, an ordinal that orders the text and "the top of" are not ranks', () => {
    expect(
      figures(
        "ERG is one of the largest employers, one of the world's biggest miners, among the largest groups and a leading diversified group, in a number of markets.",
      ),
    ).toEqual([]);
    expect(figures('First, the ore sits on the top of the hill.')).toEqual([]);
  });

  it('finds dates with a part of the year, a month or a day', () => {
    const t =
      'From late 2026, mid-2026, the end of 2024, December 2024, 5 December 2024, December 5, 2024, the first quarter of 2025, H2 2025 and 2025-03-14.';
    expect(said(t)).toEqual([
      { text: 'late 2026', kind: 'date', date: { year: 2026, part: 'late' } },
      { text: 'mid-2026', kind: 'date', date: { year: 2026, part: 'mid' } },
      { text: 'end of 2024', kind: 'date', date: { year: 2024, part: 'end' } },
      { text: 'December 2024', kind: 'date', date: { months: [12, 12], year: 2024 } },
      {
        text: '5 December 2024',
        kind: 'date',
        date: { months: [12, 12], day: 5, year: 2024 },
      },
      {
        text: 'December 5, 2024',
        kind: 'date',
        date: { months: [12, 12], day: 5, year: 2024 },
      },
      { text: 'first quarter of 2025', kind: 'date', date: { year: 2025, part: 'Q1' } },
      { text: 'H2 2025', kind: 'date', date: { year: 2025, part: 'H2' } },
      { text: '2025-03-14', kind: 'date', date: { year: 2025, months: [3, 3], day: 14 } },
    ]);
  });

  it('a month without a year, a month range and a relative phrase are relative dates', () => {
    const t =
      'Beijing acted in December; In May, C29 signed; output rose in January-March and late December; said last year; by year-end; this week; in the last few weeks; months after; over the past decade; two years ago; on Monday; in the first half of the year.';
    expect(said(t)).toEqual([
      { text: 'December', kind: 'relative-date', date: { months: [12, 12] } },
      { text: 'May', kind: 'relative-date', date: { months: [5, 5] } },
      { text: 'January-March', kind: 'relative-date', date: { months: [1, 3] } },
      { text: 'late December', kind: 'relative-date', date: { months: [12, 12], part: 'late' } },
      { text: 'last year', kind: 'relative-date', date: {} },
      { text: 'year-end', kind: 'relative-date', date: {} },
      { text: 'this week', kind: 'relative-date', date: {} },
      { text: 'last few weeks', kind: 'relative-date', date: {} },
      { text: 'months after', kind: 'relative-date', date: {} },
      { text: 'past decade', kind: 'relative-date', date: {} },
      { text: 'two years ago', kind: 'relative-date', date: {} },
      { text: 'Monday', kind: 'relative-date', date: {} },
      { text: 'first half', kind: 'relative-date', date: { part: 'H1' } },
    ]);
  });

  it('"may" and a bare month abbreviation are not dates', () => {
    expect(figures('Prices may rise. May I ask? The Mar plant; Dec. 2024 and Jan 5.')).toEqual([
      'Dec. 2024',
      'Jan 5',
    ]);
  });

  it('where patterns overlap the one that starts first wins, then the longer', () => {
    expect(
      figures("It is the world's second-largest, in the top three by late 2026 (number two)."),
    ).toEqual(["world's second-largest", 'top three', 'late 2026', 'number two']);
  });
});

describe('sourceCoverage: body and sentences', () => {
  const text = [
    'Site menu',
    'Headline about copper',
    'The Karabas site holds more than 250,000 tons of copper. The numbers tell the story. Drilling found copper in 42 of 51 wells.',
    'Supported by',
    'Tin prices hit $33,000 per ton.',
    'Related posts',
    'Other story with 99 tons',
  ].join('\n');
  const rule = {
    start: 'Headline about copper',
    end: 'Related posts',
    exclude: ['Supported by'],
    no_fact: [{ text: 'The numbers tell the story.', reason: 'rhetoric' }],
  };
  const quote = (q: string): ClaimQuote => ({ quote: q });

  it('counts sentences and figures in the body only, and what the quotes cover', () => {
    const c = sourceCoverage(text, rule, [
      quote('The Karabas site holds more than 250,000 tons of copper'),
      quote('Drilling found copper in 42 of'),
    ]);
    expect(c.unmatched).toEqual([]);
    expect(c.sentences).toEqual({
      total: 4,
      covered: 2,
      no_fact: 1,
      percent: 50,
      uncovered: [
        { text: 'Headline about copper', line: 2 },
        { text: 'Tin prices hit $33,000 per ton.', line: 5 },
      ],
    });
    expect(c.figures).toMatchObject({ total: 4, quoted: 2, percent_quoted: 50 });
    expect(c.figures.unquoted.map((f) => `${f.line}:${f.text}`)).toEqual(['3:51', '5:$33,000']);
  });

  it('reports rule texts that do not occur in the source', () => {
    const c = sourceCoverage(
      text,
      { start: 'Nope', exclude: ['Also nope'], no_fact: [{ text: 'Missing', reason: 'x' }] },
      [],
    );
    expect(c.unmatched).toEqual(['Nope', 'Also nope', 'Missing']);
  });

  it('matches quotes across typographic differences and line breaks', () => {
    const c = sourceCoverage('First line “quoted” — here.\nSecond line.', {}, [
      quote('line "quoted" - here. Second line.'),
    ]);
    expect(c.sentences.covered).toBe(2);
    expect(c.sentences.total).toBe(2);
  });

  it('an empty body is fully covered, not a division by zero', () => {
    const c = sourceCoverage('', {}, []);
    expect([c.sentences.percent, c.figures.percent_quoted, c.figures.percent_structured]).toEqual([
      100, 100, 100,
    ]);
  });

  // "Tin rose and copper fell sharply." has 28 non-space characters: 14 must be quoted.
  const covered = (...quotes: string[]) =>
    sourceCoverage('Tin rose and copper fell sharply.', {}, quotes.map(quote)).sentences.covered;

  it('a sentence is covered when half of its non-space characters are quoted', () => {
    expect(covered('Tin rose and copper')).toBe(1); // 16 of 28
    expect(covered('Tin rose and copp')).toBe(1); // 14 of 28: exactly half
    expect(covered('Tin rose and cop')).toBe(0); // 13 of 28
    expect(covered('copper')).toBe(0); // a name in a long sentence is not enough
  });

  it('quotes add up, and overlapping quotes count their characters once', () => {
    expect(covered('Tin rose', 'fell sharply.')).toBe(1); // 7 + 12 = 19
    expect(covered('Tin rose', 'Tin rose and')).toBe(0); // 10
  });
});

const q = (value: number, unit: Quantity['unit'], more: Partial<Quantity> = {}): Quantity => ({
  value,
  unit,
  bound: 'exact',
  ...more,
});

/**
 * What coverage makes of the one figure of `sentence` when one claim quotes `quote` (the whole
 * sentence by default): 'structured', 'not quoted', or why it is not structured.
 */
function verdict(
  sentence: string,
  holds: { quantity?: Quantity; dates?: DateSpec[] },
  quote = sentence,
): string {
  const c = sourceCoverage(sentence, {}, [{ quote, ...holds }]);
  expect(c.figures.total).toBe(1);
  if (c.figures.structured === 1) return 'structured';
  return c.figures.unstructured[0]?.reason ?? 'not quoted';
}

describe('structured: a claim that quotes the figure holds its value', () => {
  it('an amount: the value times its scale and unit factor, with a unit of the same measure', () => {
    const s = 'ERG will invest US$20 million.';
    expect(verdict(s, { quantity: q(20, 'USD', { scale: 'million' }) })).toBe('structured');
    expect(verdict(s, { quantity: q(0.02, 'USD', { scale: 'billion' }) })).toBe('structured');
    expect(verdict(s, { quantity: q(25, 'USD', { scale: 'million' }) })).toBe('value-differs');
    expect(verdict(s, { quantity: q(20, 'USD') })).toBe('value-differs');
    expect(verdict(s, { quantity: q(20e6, 'count') })).toBe('value-differs');
    expect(verdict('Tin hit $33,000 per ton.', { quantity: q(33000, 'USD/t') })).toBe('structured');
  });

  it('tons: a mass or mass rate, converted to tons', () => {
    const s = 'Reserves are 2.6 million tons.';
    expect(verdict(s, { quantity: q(2.6, 'Mt') })).toBe('structured');
    expect(verdict(s, { quantity: q(2.6, 't', { scale: 'million' }) })).toBe('structured');
    expect(verdict(s, { quantity: q(2.6, 'kt') })).toBe('value-differs');
    expect(verdict('It makes 15 metric tons a year.', { quantity: q(15, 't/yr') })).toBe(
      'structured',
    );
    expect(verdict('It makes 15 metric tons a year.', { quantity: q(15, 'kt/yr') })).toBe(
      'value-differs',
    );
  });

  it('a percentage: a ratio, as a percent or a fraction', () => {
    const s = 'Each owned 20% of it.';
    expect(verdict(s, { quantity: q(20, '%', { bound: 'approx' }) })).toBe('structured');
    expect(verdict(s, { quantity: q(0.2, 'fraction') })).toBe('structured');
    expect(verdict(s, { quantity: q(20, 'count') })).toBe('value-differs');
  });

  it('a bare number: any unit; without a scale word also the number as written', () => {
    expect(verdict('Copper was found in 42 wells.', { quantity: q(42, 'count') })).toBe(
      'structured',
    );
    const c = sourceCoverage('The zone grows from 1.9 to 2.2 million square kilometers.', {}, [
      {
        quote: 'from 1.9 to 2.2 million square kilometers',
        quantity: { low: 1.9, high: 2.2, scale: 'million', unit: 'km2', bound: 'range' },
      },
    ]);
    expect(c.figures).toMatchObject({ total: 2, structured: 2 });
  });

  it('a written-out number: a quantity of that value in any unit', () => {
    expect(verdict('It has assets on four continents.', { quantity: q(4, 'count') })).toBe(
      'structured',
    );
    expect(verdict('Prices rose in five years.', { quantity: q(5, 'yr') })).toBe('structured');
    expect(verdict('It has two partners.', { quantity: q(3, 'count') })).toBe('value-differs');
    expect(verdict('It has two partners.', {})).toBe('no-quantity');
  });

  it('a fraction: a ratio of that size', () => {
    const s = 'ERG once produced one-fifth of the gallium.';
    expect(verdict(s, { quantity: q(0.2, 'fraction') })).toBe('structured');
    expect(verdict(s, { quantity: q(20, '%') })).toBe('structured');
    expect(verdict(s, { quantity: q(0.25, 'fraction') })).toBe('value-differs');
    expect(verdict(s, { quantity: q(0.2, 'count') })).toBe('value-differs');
  });

  it('a multiple: a multiple, or the change in percent', () => {
    expect(verdict('Prices doubled.', { quantity: q(2, 'x') })).toBe('structured');
    expect(verdict('Prices doubled.', { quantity: q(100, '%') })).toBe('structured');
    expect(verdict('Output halved.', { quantity: q(-50, '%') })).toBe('structured');
    expect(verdict('A twofold rise.', { quantity: q(3, 'x') })).toBe('value-differs');
  });

  it('a rank: a quantity in unit rank with that value, whatever its bound', () => {
    expect(verdict("It is the world's largest producer.", { quantity: q(1, 'rank') })).toBe(
      'structured',
    );
    const top = 'It is among the top three holders.';
    expect(verdict(top, { quantity: q(3, 'rank', { bound: 'at-most' }) })).toBe('structured');
    expect(verdict(top, { quantity: q(2, 'rank', { bound: 'at-most' }) })).toBe('value-differs');
    expect(verdict(top, { quantity: q(3, 'count') })).toBe('value-differs');
    expect(verdict('It rose to Number Two.', { quantity: q(2, 'rank') }, 'Number Two')).toBe(
      'structured',
    );
    expect(verdict('It is the first-ever plant.', { quantity: q(1, 'rank') })).toBe('structured');
  });

  it('a year: a date or when with an end in that year, never a quantity', () => {
    const s = 'ERG was taken private in 2013.';
    expect(verdict(s, { dates: ['2013'] })).toBe('structured');
    expect(verdict(s, { dates: ['2013-06-01'] })).toBe('structured');
    expect(verdict(s, { dates: [{ start: '2012', end: '2013' }] })).toBe('structured');
    expect(verdict(s, { dates: [{ start: '2010', end: '2015' }] })).toBe('value-differs');
    expect(verdict(s, { dates: ['2014'] })).toBe('value-differs');
    expect(verdict(s, { quantity: q(2013, 'count') })).toBe('no-date');
  });

  it('a date with a part of the year needs the same part', () => {
    const s = 'Production starts in late 2026.';
    expect(verdict(s, { dates: [{ on: '2026', part: 'late' }] })).toBe('structured');
    expect(verdict(s, { dates: ['2026'] })).toBe('value-differs');
    expect(verdict(s, { dates: [{ on: '2026', part: 'early' }] })).toBe('value-differs');
    expect(verdict('Production starts in 2026.', { dates: [{ on: '2026', part: 'late' }] })).toBe(
      'structured',
    );
    expect(
      verdict('Results come in the first quarter of 2025.', {
        dates: [{ on: '2025', part: 'Q1' }],
      }),
    ).toBe('structured');
  });

  it('a month: a date in that month (and that year and day when the text gives them)', () => {
    const s = 'The ban came in December 2024.';
    expect(verdict(s, { dates: ['2024-12'] })).toBe('structured');
    expect(verdict(s, { dates: ['2024-12-05'] })).toBe('structured');
    expect(verdict(s, { dates: ['2024'] })).toBe('value-differs');
    expect(verdict(s, { dates: ['2023-12'] })).toBe('value-differs');
    expect(verdict('It came on 5 December 2024.', { dates: ['2024-12'] })).toBe('value-differs');
  });

  it('a month without a year: a date in that month of any year, else a relative date', () => {
    const s = 'Beijing banned exports in December.';
    expect(verdict(s, { dates: [{ on: '2024-12', inferred: true, reason: 'r' }] })).toBe(
      'structured',
    );
    expect(verdict(s, { dates: ['2024'] })).toBe('relative-date');
    expect(verdict(s, {})).toBe('relative-date');
  });

  it('a span of months: a date from the first month to the last, or a part that spans them', () => {
    const s = 'Output rose in January-March 2025.';
    expect(verdict(s, { dates: [{ start: '2025-01', end: '2025-03' }] })).toBe('structured');
    expect(verdict(s, { dates: [{ on: '2025', part: 'Q1' }] })).toBe('structured');
    expect(verdict(s, { dates: [{ on: '2025', part: 'H1' }] })).toBe('value-differs');
    expect(verdict(s, { dates: [{ start: '2025-01', end: '2025-06' }] })).toBe('value-differs');
  });

  it('a relative phrase: a date resolved from context (inferred), whatever its value', () => {
    const s = 'Bektenov said last year that data is declassified.';
    expect(verdict(s, { dates: [{ on: '2024', inferred: true, reason: 'r' }] })).toBe('structured');
    expect(verdict(s, { dates: ['2024'] })).toBe('relative-date');
  });

  it('the claim must quote the figure itself, not only the words around it', () => {
    const s = 'ERG will invest US$20 million.';
    expect(verdict(s, { quantity: q(20, 'USD', { scale: 'million' }) }, 'ERG will invest')).toBe(
      'not quoted',
    );
  });
});

describe('coverageOf: which citations count', () => {
  const source: FactRecord = { kind: 'source', id: 's', name: 'S', title: 'S', file: 's.txt' };
  const texts = new Map([
    ['s', { file: 's.txt', text: 'Jane Roe became CEO of ERG in 2019. ERG has 14 mines.' }],
  ]);
  const rowOf = (records: FactRecord[]) => coverageOf([source, ...records], texts)[0]!;

  it("a record's own citations cover no sentence and no figure", () => {
    const r = rowOf([
      {
        kind: 'organization',
        id: 'erg',
        name: 'ERG',
        type: 'company',
        citations: [{ source: 's', quote: 'ERG has 14 mines.' }],
      },
    ]);
    expect(r.sentences).toMatchObject({ total: 2, covered: 0 });
    expect(r.figures).toMatchObject({ total: 2, quoted: 0, structured: 0 });
  });

  it("claims count, and a person's roles with their from and to", () => {
    const r = rowOf([
      {
        kind: 'person',
        id: 'roe',
        name: 'Jane Roe',
        roles: [
          {
            title: 'CEO',
            organization: 'erg',
            from: '2019',
            citations: [{ source: 's', quote: 'Jane Roe became CEO of ERG in 2019.' }],
          },
        ],
      },
      {
        kind: 'organization',
        id: 'erg',
        name: 'ERG',
        type: 'company',
        claims: [
          {
            property: 'count',
            quantity: q(14, 'count'),
            citations: [{ source: 's', quote: 'ERG has 14 mines.' }],
          },
        ],
      },
    ]);
    expect(r.sentences).toMatchObject({ total: 2, covered: 2 });
    expect(r.figures).toMatchObject({ total: 2, quoted: 2, structured: 2 });
  });
});

describe('the shipped base without its claims', () => {
  it('covers no sentence and quotes no figure: record-level citations count for nothing', () => {
    const { base } = validateDir(path.join(ROOT, 'data'), { seedsDir: path.join(ROOT, 'seeds') });
    const records = base.records.map(({ record }) => ({ ...record, claims: [] }));
    const rows = coverageOf(records, base.texts);
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(r.sentences.covered).toBe(0);
      expect([r.figures.quoted, r.figures.structured]).toEqual([0, 0]);
    }
  });
});

describe('minerals coverage on a fixture counted by hand', () => {
  const data = ['--data', path.join(FIXTURES, 'coverage-structure')];
  // report.txt, body lines 2-10 (the no_fact "Why does this matter?" aside): 9 sentences, 16 figures
  //   2  Birch mine report              only the source's own citation quotes it: not covered
  //   3  US$20 million, late 2026       one claim: {20, million, USD}, when {2026, late}: 2 structured
  //   4  15 metric tons, one-fifth      {15, t/yr}; {20, %}: 2 structured
  //   5  world's largest, top three     {1, rank}: structured; {2, rank}: value differs
  //   6  2013, two, $4.5 billion        an owner (ref) claim with when 2013: 1 structured, 2 no quantity
  //   7  December, year-end, doubled    quote "by year-end it had doubled" (22 of 47 characters:
  //                                     sentence not covered; December not quoted); {2, x} with an
  //                                     inferred when: 2 structured
  //   8  last year, 40,000 tons         {40000, t}, no date: 1 structured, 1 relative date
  //   9  30%                            only a record's own citation quotes it: not quoted
  //   10 120                            {120, count}: structured; 35 of 57 characters quoted: covered
  const table = [
    'SOURCE       SENTENCES          QUOTED      STRUCTURED  NO-FACT',
    'report      6/9  66.7%    14/16  87.5%    10/16  62.5%        1',
  ];

  it('the table: sentences covered, figures quoted, figures structured', async () => {
    expect(await run(['coverage', ...data])).toEqual({
      stdout: `${table.join('\n')}\n`,
      stderr: '',
      code: 0,
    });
  });

  it('--uncovered: the to-do list by line, with why each figure is not structured', async () => {
    expect(await run(['coverage', '--uncovered', ...data])).toEqual({
      stdout: `${[
        ...table,
        '',
        'report (report.txt)',
        '  report.txt:2: sentence not quoted: Birch mine report',
        '  report.txt:5: figure not structured (a claim holds another value): top three in "Northwind is the world\'s largest lanthanum producer and ranks in the top three for cerium."',
        '  report.txt:6: figure not structured (no quantity claim): two in "In 2013, two partners bought the Alder deposit for $4.5 billion."',
        '  report.txt:6: figure not structured (no quantity claim): $4.5 billion in "In 2013, two partners bought the Alder deposit for $4.5 billion."',
        '  report.txt:7: sentence not quoted: Output rose in December, and by year-end it had doubled.',
        '  report.txt:7: figure not quoted (relative date): December in "Output rose in December, and by year-end it had doubled."',
        '  report.txt:8: figure not structured (relative date, not resolved): last year in "The company said last year that reserves stand at 40,000 tons."',
        '  report.txt:9: sentence not quoted: Prices fell by 30%.',
        '  report.txt:9: figure not quoted: 30% in "Prices fell by 30%."',
      ].join('\n')}\n`,
      stderr: '',
      code: 0,
    });
  });

  it('--json: both numbers and both lists, valid against the published row schema', async () => {
    const r = await run(['coverage', '--json', ...data]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as unknown[];
    expect(() => CoverageRow.array().parse(rows)).not.toThrow();
    const l7 = 'Output rose in December, and by year-end it had doubled.';
    const l6 = 'In 2013, two partners bought the Alder deposit for $4.5 billion.';
    expect(rows).toEqual([
      {
        source: 'report',
        file: 'report.txt',
        sentences: {
          total: 9,
          covered: 6,
          no_fact: 1,
          percent: 66.7,
          uncovered: [
            { text: 'Birch mine report', line: 2 },
            { text: l7, line: 7 },
            { text: 'Prices fell by 30%.', line: 9 },
          ],
        },
        figures: {
          total: 16,
          quoted: 14,
          structured: 10,
          percent_quoted: 87.5,
          percent_structured: 62.5,
          unquoted: [
            { text: 'December', line: 7, sentence: l7, kind: 'relative-date' },
            { text: '30%', line: 9, sentence: 'Prices fell by 30%.', kind: 'number' },
          ],
          unstructured: [
            {
              text: 'top three',
              line: 5,
              sentence:
                "Northwind is the world's largest lanthanum producer and ranks in the top three for cerium.",
              kind: 'rank',
              reason: 'value-differs',
            },
            { text: 'two', line: 6, sentence: l6, kind: 'number-word', reason: 'no-quantity' },
            { text: '$4.5 billion', line: 6, sentence: l6, kind: 'number', reason: 'no-quantity' },
            {
              text: 'last year',
              line: 8,
              sentence: 'The company said last year that reserves stand at 40,000 tons.',
              kind: 'relative-date',
              reason: 'relative-date',
            },
          ],
        },
        unmatched: [],
      },
    ]);
  });

  it('--fail-under checks sentences and structured figures, not quoted ones', async () => {
    // sentences 66.7%, quoted 87.5%, structured 62.5%
    expect((await run(['coverage', '--fail-under', '62.5', ...data])).code).toBe(0);
    expect(await run(['coverage', '--fail-under', '63', ...data])).toEqual({
      stdout: `${table.join('\n')}\n`,
      stderr: '',
      code: 1,
    });
  });
});
