import { describe, expect, it } from 'vitest';
import { sourceCoverage } from '../src/query/coverage.js';
import { findFigures, splitSentences } from '../src/query/sentences.js';

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

describe('sourceCoverage', () => {
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

  it('counts sentences and figures in the body only, and what the quotes cover', () => {
    const c = sourceCoverage(text, rule, [
      'holds more than 250,000 tons of copper',
      'copper in 42 of',
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
    expect(c.figures.total).toBe(4);
    expect(c.figures.covered).toBe(2);
    expect(c.figures.percent).toBe(50);
    expect(c.figures.uncovered.map((f) => `${f.line}:${f.text}`)).toEqual(['3:51', '5:$33,000']);
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
      'line "quoted" - here. Second line.',
    ]);
    expect(c.sentences.covered).toBe(2);
    expect(c.sentences.total).toBe(2);
  });

  it('an empty body is fully covered, not a division by zero', () => {
    expect(sourceCoverage('', {}, []).sentences.percent).toBe(100);
  });
});
