import { describe, expect, it } from 'vitest';
import { sourceCoverage } from '../src/query/coverage.js';
import { findFigures, splitSentences } from '../src/query/sentences.js';

const pieces = (text: string, spans: Array<[number, number]>) =>
  spans.map(([s, e]) => text.slice(s, e));

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
  it('takes currency, scale and unit with the number', () => {
    const t =
      'Over US$20 million, 15 metric tons, a 2-million-metric-ton-per-year plant, 2.2 million square kilometers and 6.7%.';
    expect(pieces(t, findFigures(t))).toEqual([
      'US$20 million',
      '15 metric tons',
      '2-million-metric-ton-per-year',
      '2.2 million square kilometers',
      '6.7%',
    ]);
  });

  it('finds number words and fractions but not the idiom "one of"', () => {
    const t =
      'ERG once produced one-fifth of output; a twofold rise; prices doubled; one of the largest; top three; second-largest.';
    expect(pieces(t, findFigures(t))).toEqual([
      'one-fifth',
      'twofold',
      'doubled',
      'three',
      'second',
    ]);
  });

  it('does not take digits inside words', () => {
    expect(findFigures('C29 Metals and AMM2025')).toEqual([]);
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
