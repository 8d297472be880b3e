// `minerals conflicts`: quantity intervals per bound, intersection, date parts, the grouping and
// classification rules (contradiction, refinement, change, basis) in memory, on a small fixture
// base with each pair's class written out by hand, on the shipped data, and the CLI (in process).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  conflictsOf,
  findConflicts,
  intersects,
  intervalText,
  quantityInterval,
  type Conflict,
  type Interval,
} from '../src/query/conflicts.js';
import { FactIndex } from '../src/query/facts.js';
import { narrowSpan } from '../src/query/timeline.js';
import type { DateSpec, FactRecord, Quantity } from '../src/schema/index.js';
import type { Modality } from '../src/schema/vocab.js';
import { ConflictRow } from '../src/schema/output-reports.js';
import { FIXTURES, ROOT, run, validateDir } from './helpers.js';

const FIXTURE = path.join(FIXTURES, 'query-conflicts-basic');
const indexOf = (dir: string, seedsDir?: string) =>
  new FactIndex(validateDir(dir, seedsDir ? { seedsDir } : {}).base.records.map((r) => r.record));
const q = (o: Partial<Quantity> & { unit: Quantity['unit'] }): Quantity => ({
  bound: 'exact',
  ...o,
});
const iv = (low: number, high: number, lowOpen = false, highOpen = false): Interval => ({
  low,
  high,
  lowOpen,
  highOpen,
});
/** A conflict as [subject, property, commodity, class, sources differ, positions, pairs [a, b, aspect, sources differ]]. */
const summary = (c: Conflict) => [
  c.subject.id,
  c.property,
  c.commodity,
  c.class,
  c.sourcesDiffer,
  c.versions.map((v) => v.position),
  c.pairs.map((p) => [p.a, p.b, p.aspect, p.sourcesDiffer]),
];

describe('quantity intervals', () => {
  it('one interval per bound, in base units', () => {
    expect(quantityInterval(q({ value: 20, scale: 'million', unit: 'USD' }))).toEqual(
      iv(20e6, 20e6),
    );
    expect(quantityInterval(q({ value: 800000, unit: 't', bound: 'approx' }))).toEqual(
      iv(720000, 880000),
    );
    expect(quantityInterval(q({ value: 250000, unit: 't', bound: 'more-than' }))).toEqual(
      iv(250000, Infinity, true, true),
    );
    expect(quantityInterval(q({ value: 3, unit: 'kt', bound: 'at-least' }))).toEqual(
      iv(3000, Infinity, false, true),
    );
    expect(quantityInterval(q({ value: 10, unit: '%', bound: 'less-than' }))).toEqual(
      iv(-Infinity, 10, true, true),
    );
    expect(quantityInterval(q({ value: 1, scale: 'million', unit: 't', bound: 'up-to' }))).toEqual(
      iv(-Infinity, 1e6, true, false),
    );
    expect(quantityInterval(q({ value: 3, unit: 'rank', bound: 'at-most' }))).toEqual(
      iv(-Infinity, 3, true, false),
    );
    expect(
      quantityInterval(q({ low: 1.9, high: 2.2, scale: 'million', unit: 'km2', bound: 'range' })),
    ).toEqual(iv(1.9e6, 2.2e6));
  });

  it('converts units and scale words, rounding away floating-point noise', () => {
    expect(quantityInterval(q({ value: 20, unit: 'kt' }))).toEqual(iv(20000, 20000));
    expect(quantityInterval(q({ value: 2, unit: 'Mt/yr' }))).toEqual(iv(2e6, 2e6));
    expect(quantityInterval(q({ value: 0.2, unit: 'fraction' }))).toEqual(iv(20, 20));
    expect(quantityInterval(q({ value: 8.2, scale: 'million', unit: 'km2' }))).toEqual(
      iv(8200000, 8200000),
    ); // 8.2 * 1e6 = 8199999.999999999
    expect(quantityInterval(q({ value: 100, unit: 'USD/t', bound: 'approx' }))).toEqual(
      iv(90, 110),
    ); // 100 * 1.1 = 110.00000000000001
    expect(quantityInterval(q({ value: -5, unit: '%', bound: 'approx' }))).toEqual(iv(-5.5, -4.5));
  });

  it('intersection respects open and closed ends', () => {
    expect(intersects(iv(20e6, 20e6), iv(20e6, Infinity, true, true))).toBe(false); // "$20 million" vs "over $20 million"
    expect(intersects(iv(250000, Infinity, true, true), iv(234000, 286000))).toBe(true); // "> 250,000" vs "≈ 260,000"
    expect(intersects(iv(-Infinity, 10, true, false), iv(10, 10))).toBe(true); // "up to 10" vs "10"
    expect(intersects(iv(-Infinity, 10, true, true), iv(10, 10))).toBe(false); // "less than 10" vs "10"
    expect(intersects(iv(10, Infinity, false, true), iv(-Infinity, 10, true, false))).toBe(true); // ">= 10" vs "<= 10"
    expect(intersects(iv(10, 20), iv(25, 25))).toBe(false);
    expect(intersects(iv(-Infinity, Infinity, true, true), iv(5, 5))).toBe(true);
  });

  it('prints intervals with their open and closed ends', () => {
    expect(
      [iv(20e6, 20e6), iv(250000, Infinity, true, true), iv(-Infinity, 1e6, true, false)].map(
        intervalText,
      ),
    ).toEqual(['[20000000, 20000000]', '(250000, ∞)', '(-∞, 1000000]']);
  });
});

describe('date intervals for comparison', () => {
  it('a part of a year narrows it; other dates keep their whole prefix', () => {
    expect(narrowSpan({ on: '2026', part: 'late' })).toEqual({
      start: '2026-09-01',
      end: '2026-12-31',
    });
    expect(narrowSpan({ on: '2027', part: 'early' })).toEqual({
      start: '2027-01-01',
      end: '2027-04-30',
    });
    expect(narrowSpan({ on: '2024', part: 'mid' })).toEqual({
      start: '2024-05-01',
      end: '2024-08-31',
    });
    expect(narrowSpan({ on: '2024', part: 'end' })).toEqual({
      start: '2024-11-01',
      end: '2024-12-31',
    });
    expect(narrowSpan({ on: '2024', part: 'Q1' })).toEqual({
      start: '2024-01-01',
      end: '2024-03-31',
    });
    expect(narrowSpan({ on: '2024', part: 'H2' })).toEqual({
      start: '2024-07-01',
      end: '2024-12-31',
    });
    expect(narrowSpan({ on: '2024-02', part: 'late' })).toEqual({
      start: '2024-02-01',
      end: '2024-02-29',
    });
    expect(narrowSpan('2026')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(narrowSpan({ start: '2018' })).toEqual({ start: '2018-01-01', end: null });
  });
});

describe('classification rules (in memory)', () => {
  const cite = (source: string) => [{ source, quote: 'q' }];
  const record = (claims: NonNullable<FactRecord['claims']>): FactRecord => ({
    kind: 'country',
    id: 'x',
    name: 'X',
    claims,
  });
  const conflictsIn = (claims: NonNullable<FactRecord['claims']>) =>
    conflictsOf(record(claims), new FactIndex([])).map(summary);
  /** [class, positions, reasons] per conflict. */
  const classesIn = (claims: NonNullable<FactRecord['claims']>) =>
    conflictsOf(record(claims), new FactIndex([])).map((c) => [
      c.class,
      c.versions.map((v) => v.position),
      c.pairs.map((p) => p.reason),
    ]);
  const usd = (value: number, o: Partial<Quantity> = {}) =>
    q({ value, scale: 'million', unit: 'USD', ...o });

  it('different commodities or dimensions are never compared; different bases are `basis` when they differ', () => {
    expect(
      conflictsIn([
        {
          property: 'capacity',
          commodity: 'tin',
          quantity: q({ value: 1, unit: 't/yr' }),
          citations: cite('a'),
        },
        {
          property: 'capacity',
          commodity: 'copper',
          quantity: q({ value: 2, unit: 't/yr' }),
          citations: cite('b'),
        },
        {
          property: 'capacity',
          commodity: 'tin',
          quantity: q({ value: 3, unit: 't' }),
          citations: cite('b'),
        },
        {
          property: 'resources',
          quantity: q({ value: 5, unit: 'Mt', basis: { material: 'ore' } }),
          citations: cite('a'),
        },
        {
          property: 'resources',
          quantity: q({ value: 50, unit: 'kt', basis: { material: 'contained-metal' } }),
          citations: cite('b'),
        },
        {
          property: 'resources',
          quantity: q({
            value: 60,
            unit: 'kt',
            basis: { material: 'contained-metal', class: 'C1' },
          }),
          citations: cite('b'),
        },
      ]),
    ).toEqual([
      [
        'x',
        'resources',
        null,
        'basis',
        true,
        [3, 4, 5],
        [
          [0, 1, 'value', true],
          [0, 2, 'value', true],
          [1, 2, 'value', false],
        ],
      ],
    ]);
  });

  it('quantities on different bases that agree, or that hold at different times, are not reported', () => {
    expect(
      conflictsIn([
        {
          property: 'reserves',
          quantity: q({ value: 20, unit: 'kt', basis: { system: 'JORC' } }),
          when: '2020',
          citations: cite('a'),
        },
        {
          property: 'reserves',
          quantity: q({ value: 20000, unit: 't', basis: { system: 'GKZ' } }),
          when: '2020',
          citations: cite('b'),
        },
        {
          property: 'reserves',
          quantity: q({ value: 40, unit: 'kt', basis: { system: 'KAZRC' } }),
          when: '2024',
          citations: cite('b'),
        },
      ]),
    ).toEqual([]);
  });

  it('a missing basis field is the same as `unspecified`', () => {
    expect(
      conflictsIn([
        { property: 'resources', quantity: q({ value: 5, unit: 't' }), citations: cite('a') },
        {
          property: 'resources',
          quantity: q({
            value: 6,
            unit: 't',
            basis: { category: 'unspecified', system: 'unspecified' },
          }),
          citations: cite('b'),
        },
      ]),
    ).toEqual([['x', 'resources', null, 'contradiction', true, [0, 1], [[0, 1, 'value', true]]]]);
  });

  it('a claim with no `when` is compared with one that has it', () => {
    expect(
      conflictsIn([
        { property: 'area', quantity: q({ value: 5, unit: 'km2' }), citations: cite('a') },
        {
          property: 'area',
          quantity: q({ value: 6, unit: 'km2' }),
          when: '2024',
          citations: cite('a'),
        },
      ]),
    ).toEqual([['x', 'area', null, 'contradiction', false, [0, 1], [[0, 1, 'value', false]]]]);
  });

  it('text values are compared case- and space-insensitively, and only across sources', () => {
    expect(
      conflictsIn([
        { property: 'status', text: 'In  force.', citations: cite('a') },
        { property: 'status', text: 'in force.', citations: cite('b') },
        { property: 'status', text: 'Lifted.', citations: [...cite('a'), ...cite('b')] },
        { property: 'description', text: 'One thing.', citations: cite('a') },
        { property: 'description', text: 'Another.', citations: cite('b') },
      ]),
    ).toEqual([]);
  });

  it('an exact figure may be a rounding, to half its last written digit, of a bounded or finer one', () => {
    const pair = (a: Quantity, b: Quantity) =>
      classesIn([
        { property: 'investment', quantity: a, citations: cite('a') },
        { property: 'investment', quantity: b, citations: cite('b') },
      ]);
    expect(pair(usd(20), usd(20.4))).toEqual([
      [
        'refinement',
        [0, 1],
        ['20 million USD may be rounded: [19500000, 20500000] meets [20400000, 20400000] USD'],
      ],
    ]);
    expect(pair(usd(20.6), usd(20))).toEqual([
      [
        'contradiction',
        [0, 1],
        ['[20600000, 20600000] and [20000000, 20000000] USD do not intersect'],
      ],
    ]);
    // written to the same digit: neither is a rounding of the other
    expect(pair(usd(20), usd(21))[0]![0]).toBe('contradiction');
    // the rounding interval is closed: "1.2 billion" meets "at least 1.25 billion", not "over"
    expect(
      pair(q({ value: 1.2, scale: 'billion', unit: 'USD' }), usd(1250, { bound: 'at-least' })),
    ).toEqual([
      [
        'refinement',
        [0, 1],
        ['1.2 billion USD may be rounded: [1150000000, 1250000000] meets [1250000000, ∞) USD'],
      ],
    ]);
    expect(
      pair(
        q({ value: 1.2, scale: 'billion', unit: 'USD' }),
        usd(1250, { bound: 'more-than' }),
      )[0]![0],
    ).toBe('contradiction');
    // an approximate figure is already widened: it is not read as rounded again
    expect(pair(usd(100, { bound: 'approx' }), usd(111))[0]![0]).toBe('contradiction');
    // both bounded: nothing to round
    expect(pair(usd(20, { bound: 'more-than' }), usd(20, { bound: 'less-than' }))[0]![0]).toBe(
      'contradiction',
    );
    // intervals that intersect are a refinement without any rounding
    expect(pair(usd(20, { bound: 'up-to' }), usd(15))).toEqual([
      ['refinement', [0, 1], ['(-∞, 20000000] and [15000000, 15000000] USD intersect']],
    ]);
  });

  it('compares claims of the same certainty only: planned with expected, not with actual or target', () => {
    const claim = (value: number, modality?: Modality, source = 'a') => ({
      property: 'capacity' as const,
      quantity: q({ value, unit: 't/yr' }),
      ...(modality ? { modality } : {}),
      citations: cite(source),
    });
    expect(
      classesIn([
        claim(10, 'planned'),
        claim(12, 'expected', 'b'),
        claim(20, 'target'),
        claim(5),
        claim(30, 'possible'),
        claim(40, 'proposed'),
      ]),
    ).toEqual([['contradiction', [0, 1], ['[10, 10] and [12, 12] t/yr do not intersect']]]);
    expect(classesIn([claim(30, 'possible'), claim(40, 'possible', 'b')])[0]![0]).toBe(
      'contradiction',
    );
  });

  it('time: different values at other times are a change; the same value at a time within another a refinement', () => {
    const rank = (value: number, when: DateSpec | undefined, source: string) => ({
      property: 'rank' as const,
      commodity: 'gallium',
      quantity: q({ value, unit: 'rank' }),
      ...(when === undefined ? {} : { when }),
      citations: cite(source),
    });
    expect(conflictsIn([rank(2, '2024', 'a'), rank(3, '2025', 'b')])).toEqual([
      ['x', 'rank', 'gallium', 'change', true, [0, 1], [[0, 1, 'value', true]]],
    ]);
    expect(classesIn([rank(2, { on: '2026', part: 'late' }, 'a'), rank(3, '2026', 'b')])).toEqual([
      ['change', [0, 1], ['[2, 2] and [3, 3] rank at different times: late 2026 and 2026']],
    ]);
    expect(conflictsIn([rank(2, { on: '2026', part: 'late' }, 'a'), rank(2, '2026', 'b')])).toEqual(
      [['x', 'rank', 'gallium', 'refinement', true, [0, 1], [[0, 1, 'when', true]]]],
    );
    // the same value at times apart, or agreeing values at times apart: nothing to report
    expect(conflictsIn([rank(2, '2024', 'a'), rank(2, '2025', 'b')])).toEqual([]);
    expect(
      conflictsIn([
        {
          property: 'investment',
          quantity: usd(20, { bound: 'at-least' }),
          when: '2024',
          citations: cite('a'),
        },
        { property: 'investment', quantity: usd(25), when: '2025', citations: cite('b') },
      ]),
    ).toEqual([]);
    // agreeing values at a time within another: a refinement of both
    expect(
      classesIn([
        {
          property: 'investment',
          quantity: usd(20, { bound: 'more-than' }),
          when: '2024',
          citations: cite('a'),
        },
        {
          property: 'investment',
          quantity: usd(20),
          when: { on: '2024', part: 'H1' },
          citations: cite('b'),
        },
      ]),
    ).toEqual([
      [
        'refinement',
        [0, 1],
        [
          '20 million USD may be rounded: [19500000, 20500000] meets (20000000, ∞) USD; H1 2024 lies within 2024',
        ],
      ],
    ]);
  });

  it('statuses: dated and different, a change; undated (or one undated), a contradiction', () => {
    const status = (text: string, when: DateSpec | undefined, source: string) => ({
      property: 'status' as const,
      text,
      ...(when === undefined ? {} : { when }),
      citations: cite(source),
    });
    expect(
      classesIn([status('Imposed.', '2023-07', 'a'), status('Suspended.', '2024-11', 'b')]),
    ).toEqual([['change', [0, 1], ['different status at different times: 2023-07 and 2024-11']]]);
    expect(
      classesIn([status('Imposed.', undefined, 'a'), status('Suspended.', undefined, 'b')]),
    ).toEqual([['contradiction', [0, 1], ['different status from different sources']]]);
    expect(
      classesIn([status('Imposed.', '2023-07', 'a'), status('Suspended.', undefined, 'b')])[0]![0],
    ).toBe('contradiction');
    // the same status at a month within a year: a refinement
    expect(
      classesIn([status('In force.', '2023', 'a'), status('in force.', '2023-07', 'b')]),
    ).toEqual([['refinement', [0, 1], ['the values agree; 2023-07 lies within 2023']]]);
  });

  it('an inferred date alone never makes a contradiction', () => {
    const start = (date: DateSpec, source: string) => ({
      property: 'start-date' as const,
      date,
      citations: cite(source),
    });
    const inferred = (on: string) => ({ on, inferred: true, reason: 'read from "in May"' });
    expect(classesIn([start('2025', 'a'), start(inferred('2024-05'), 'b')])).toEqual([]);
    expect(classesIn([start('2025', 'a'), start('2024', 'b')])).toEqual([
      [
        'contradiction',
        [0, 1],
        ['2025-01-01..2025-12-31 and 2024-01-01..2024-12-31 do not overlap'],
      ],
    ]);
    expect(classesIn([start('2025', 'a'), start(inferred('2025-05'), 'b')])).toEqual([
      ['refinement', [0, 1], ['2025-05 (inferred) lies within 2025']],
    ]);
    // an inferred `when` separates times like any other: a change, never a contradiction
    expect(
      classesIn([
        {
          property: 'rank',
          quantity: q({ value: 2, unit: 'rank' }),
          when: inferred('2025'),
          citations: cite('a'),
        },
        {
          property: 'rank',
          quantity: q({ value: 3, unit: 'rank' }),
          when: inferred('2026'),
          citations: cite('b'),
        },
      ]),
    ).toEqual([
      [
        'change',
        [0, 1],
        ['[2, 2] and [3, 3] rank at different times: 2025 (inferred) and 2026 (inferred)'],
      ],
    ]);
  });

  it('one group gives a conflict per class, contradictions first', () => {
    const production = (value: number, when: string, source: string) => ({
      property: 'production' as const,
      quantity: q({ value, unit: 't' }),
      when,
      citations: cite(source),
    });
    expect(
      conflictsIn([
        production(100, '2023', 'a'),
        production(200, '2023', 'b'),
        production(300, '2024', 'a'),
      ]),
    ).toEqual([
      ['x', 'production', null, 'contradiction', true, [0, 1], [[0, 1, 'value', true]]],
      [
        'x',
        'production',
        null,
        'change',
        true,
        [0, 1, 2],
        [
          [0, 2, 'value', false],
          [1, 2, 'value', true],
        ],
      ],
    ]);
  });
});

describe('the fixture base: each pair with its class, by hand', () => {
  const index = indexOf(FIXTURE);
  const all = findConflicts(index);

  it('finds exactly the conflicts its comments describe', () => {
    expect(all.map(summary)).toEqual([
      ['alpha', 'investment', null, 'refinement', true, [0, 1], [[0, 1, 'value', true]]],
      ['alpha', 'start-date', null, 'refinement', true, [2, 3], [[0, 1, 'value', true]]],
      [
        'alpha',
        'status',
        null,
        'contradiction',
        true,
        [4, 5, 6],
        [
          [0, 1, 'value', true],
          [1, 2, 'value', true],
        ],
      ],
      ['alpha', 'operator', null, 'contradiction', true, [7, 8], [[0, 1, 'value', true]]],
      ['alpha', 'employees', null, 'contradiction', false, [11, 12], [[0, 1, 'value', false]]],
      ['alpha', 'production', null, 'change', false, [13, 14], [[0, 1, 'value', false]]],
      ['alpha', 'price', null, 'contradiction', true, [17, 18], [[0, 1, 'value', true]]],
      ['beta', 'contained-metal', 'copper', 'refinement', true, [0, 1], [[0, 1, 'value', true]]],
      [
        'beta',
        'reserves',
        'copper',
        'contradiction',
        true,
        [3, 4, 6],
        [
          [0, 2, 'value', true],
          [1, 2, 'value', false],
        ],
      ],
      [
        'beta',
        'reserves',
        'copper',
        'basis',
        true,
        [2, 3, 4, 5, 6],
        [
          [0, 1, 'value', false],
          [0, 2, 'value', true],
          [0, 3, 'value', true],
          [0, 4, 'value', true],
          [1, 3, 'value', true],
          [2, 3, 'value', false],
          [3, 4, 'value', false],
        ],
      ],
      ['beta', 'start-date', null, 'contradiction', true, [7, 8], [[0, 1, 'value', true]]],
      ['beta', 'grade', 'copper', 'contradiction', true, [11, 12], [[0, 1, 'value', true]]],
      ['beta', 'ownership', null, 'refinement', true, [13, 14], [[0, 1, 'value', true]]],
      ['beta', 'market-share', null, 'refinement', true, [15, 16], [[0, 1, 'value', true]]],
      ['export-ban', 'status', null, 'change', true, [0, 1], [[0, 1, 'value', true]]],
      ['gamma', 'capacity', null, 'refinement', true, [0, 1], [[0, 1, 'value', true]]],
      ['gamma', 'investment', null, 'contradiction', true, [2, 3], [[0, 1, 'value', true]]],
      ['gamma', 'market-share', null, 'contradiction', true, [4, 5], [[0, 1, 'value', true]]],
      ['gamma', 'employees', null, 'change', true, [6, 7], [[0, 1, 'value', true]]],
      ['gamma', 'end-date', null, 'refinement', true, [12, 13], [[0, 1, 'value', true]]],
      ['gamma', 'output-target', null, 'contradiction', true, [14, 15], [[0, 1, 'value', true]]],
      ['gamma', 'resources', 'gallium', 'basis', true, [17, 18], [[0, 1, 'value', true]]],
      ['nordland', 'rank', 'gallium', 'refinement', true, [0, 1], [[0, 1, 'when', true]]],
    ]);
  });

  it('gives each pair a reason and a conflict its shared basis', () => {
    expect(
      all.map((c) => [c.subject.id, c.property, c.class, c.pairs.map((p) => p.reason)]),
    ).toEqual([
      [
        'alpha',
        'investment',
        'refinement',
        ['20 million USD may be rounded: [19500000, 20500000] meets (20000000, ∞) USD'],
      ],
      ['alpha', 'start-date', 'refinement', ['late 2026 lies within 2026']],
      [
        'alpha',
        'status',
        'contradiction',
        ['different status from different sources', 'different status from different sources'],
      ],
      ['alpha', 'operator', 'contradiction', ['different operator from different sources']],
      ['alpha', 'employees', 'contradiction', ['[100, 100] and [200, 200] count do not intersect']],
      [
        'alpha',
        'production',
        'change',
        ['[100, 100] and [200, 200] t at different times: 2023 and 2024'],
      ],
      ['alpha', 'price', 'contradiction', ['[90, 110] and [111, 111] USD/t do not intersect']],
      ['beta', 'contained-metal', 'refinement', ['(250000, ∞) and [234000, 286000] t intersect']],
      [
        'beta',
        'reserves',
        'contradiction',
        [
          '[20000, 20000] and [25000, 25000] t do not intersect',
          '[20000, 20000] and [25000, 25000] t do not intersect',
        ],
      ],
      [
        'beta',
        'reserves',
        'basis',
        [
          'different bases: reserve/ore and reserve/contained-metal/JORC',
          'different bases: reserve/ore and reserve/contained-metal/JORC',
          'different bases: reserve/ore and reserve/contained-metal/GKZ',
          'different bases: reserve/ore and reserve/contained-metal/JORC',
          'different bases: reserve/contained-metal/JORC and reserve/contained-metal/GKZ',
          'different bases: reserve/contained-metal/JORC and reserve/contained-metal/GKZ',
          'different bases: reserve/contained-metal/GKZ and reserve/contained-metal/JORC',
        ],
      ],
      [
        'beta',
        'start-date',
        'contradiction',
        ['2027-01-01..2027-04-30 and 2028-01-01..2028-12-31 do not overlap'],
      ],
      ['beta', 'grade', 'contradiction', ['[10, 20] and [25, 25] % do not intersect']],
      ['beta', 'ownership', 'refinement', ['10% may be rounded: [9.5, 10.5] meets (-∞, 10) %']],
      ['beta', 'market-share', 'refinement', ['(-∞, 10] and [10, 10] % intersect']],
      [
        'export-ban',
        'status',
        'change',
        ['different status at different times: 2023-07 and 2024-11'],
      ],
      [
        'gamma',
        'capacity',
        'refinement',
        ['2 million t/yr may be rounded: [1500000, 2500000] meets [2100000, 2100000] t/yr'],
      ],
      [
        'gamma',
        'investment',
        'contradiction',
        ['[20000000, 20000000] and [21000000, 21000000] USD do not intersect'],
      ],
      ['gamma', 'market-share', 'contradiction', ['(20, ∞) and (-∞, 20) % do not intersect']],
      [
        'gamma',
        'employees',
        'change',
        ['[50, 50] and [80, 80] count at different times: 2025 and late 2025'],
      ],
      ['gamma', 'end-date', 'refinement', ['2030-06 (inferred) lies within 2030']],
      ['gamma', 'output-target', 'contradiction', ['[10, 10] and [12, 12] t/yr do not intersect']],
      ['gamma', 'resources', 'basis', ['different bases: unspecified and contained-metal']],
      ['nordland', 'rank', 'refinement', ['the values agree; late 2026 lies within 2026']],
    ]);
    const jorc = { category: 'reserve', material: 'contained-metal', system: 'JORC', class: null };
    expect(
      all.filter((c) => c.basis !== null).map((c) => [c.subject.id, c.property, c.class, c.basis]),
    ).toEqual([
      [
        'beta',
        'contained-metal',
        'refinement',
        {
          category: 'unspecified',
          material: 'contained-metal',
          system: 'unspecified',
          class: null,
        },
      ],
      ['beta', 'reserves', 'contradiction', jorc],
    ]);
    // a basis conflict has no shared basis; each version carries its own
    const basis = all.find((c) => c.subject.id === 'beta' && c.class === 'basis')!;
    expect(basis.versions.map((v) => v.basis)).toEqual([
      { category: 'reserve', material: 'ore', system: 'unspecified', class: null },
      jorc,
      jorc,
      { ...jorc, system: 'GKZ' },
      jorc,
    ]);
  });

  it('leaves out what is not compared: other times with the same value, other certainty, other dimension, an inferred date apart', () => {
    const pairs = new Set(
      all.flatMap((c) =>
        c.pairs.map(
          (p) => `${c.subject.id}:${c.versions[p.a]!.position}-${c.versions[p.b]!.position}`,
        ),
      ),
    );
    for (const p of [
      'alpha:9-10', // partners are many
      'alpha:15-16', // planned and actual
      'alpha:17-19', // deprecated
      'alpha:18-19',
      'beta:3-4', // 20 kt = 20,000 t
      'beta:9-10', // 8.2 million km2 = 8,200,000 km2
      'gamma:8-9', // the same area in 2023 and 2024
      'gamma:10-11', // an inferred start date apart from a stated one
      'gamma:14-16', // target against planned
      'gamma:15-16', // target against expected
      'gamma:0-19', // t/yr against t
      'gamma:1-19',
    ])
      expect(pairs.has(p), p).toBe(false);
  });
});

describe('the shipped fact base', () => {
  const index = indexOf(path.join(ROOT, 'data'), path.join(ROOT, 'seeds'));
  const all = findConflicts(index);
  const find = (subject: string, property: string) =>
    all.filter((c) => c.subject.id === subject && c.property === property);

  it('the gallium investment: "$20 million" (MNTV) may be a rounding of "Over US$20 million" (Gate)', () => {
    const [c, ...rest] = find('erg-gallium', 'investment');
    expect(rest).toEqual([]);
    expect(c!.class).toBe('refinement');
    expect(c!.versions.map((v) => [v.bound, v.interval, v.unit, v.claim.citations])).toEqual([
      [
        'more-than',
        iv(20e6, Infinity, true, true),
        'USD',
        [
          {
            source: 'gate-kazakhstan-bets-big',
            quote: 'The numbers tell the story: Over US$20 million will flow into the project',
          },
        ],
      ],
      [
        'exact',
        iv(20e6, 20e6),
        'USD',
        [
          {
            source: 'mntv-gallium-market',
            quote: 'has announced a $20 million project to begin gallium production in 2026',
          },
        ],
      ],
    ]);
    expect(c!.pairs.map((p) => p.reason)).toEqual([
      '20 million USD may be rounded: [19500000, 20500000] meets (20000000, ∞) USD',
    ]);
  });

  it('precision, not disagreement: the gallium start date is a refinement; the rank is expected by one text and possible in the other, so not compared', () => {
    expect(
      [...find('erg-gallium', 'start-date'), ...find('kazakhstan', 'rank')].map((c) => [
        c.subject.id,
        c.property,
        c.class,
        c.versions.map((v) => `${v.value} [${v.sources.join(', ')}]`),
        c.pairs.map((p) => [p.aspect, p.reason]),
      ]),
    ).toEqual([
      [
        'erg-gallium',
        'start-date',
        'refinement',
        ['late 2026 (planned) [gate-kazakhstan-bets-big]', '2026 (planned) [mntv-gallium-market]'],
        [['value', 'late 2026 lies within 2026']],
      ],
    ]);
    expect(
      (index.get('kazakhstan')!.claims ?? [])
        .filter((c) => c.property === 'rank' && c.commodity === 'gallium')
        .map((c) => c.modality),
    ).toEqual(['expected', 'possible']);
  });

  it("China's export controls: a contradiction while the statuses are undated, a change once both are dated", () => {
    for (const id of ['china-export-controls', 'china-gallium-ban-us']) {
      const statuses = (index.get(id)!.claims ?? []).filter(
        (c) => c.property === 'status' && c.rank !== 'deprecated',
      );
      const dated = statuses.every((c) => c.when !== undefined);
      const found = find(id, 'status');
      if (statuses.length < 2) expect(found).toEqual([]);
      else
        expect({ id, classes: found.map((c) => c.class) }).toEqual({
          id,
          classes: [dated ? 'change' : 'contradiction'],
        });
    }
  });

  it('the Rudny HBI plant: "revealed plans" (a fact) against "set to inaugurate" (planned): different certainty, no conflict', () => {
    expect(find('hbi-plant-rudny', 'status')).toEqual([]);
    expect(
      (index.get('hbi-plant-rudny')!.claims ?? [])
        .filter((c) => c.property === 'status')
        .map((c) => c.modality),
    ).toEqual(['actual', 'planned']);
  });

  it('Karabas, Kuirektykol and the exploration zone have no conflicts (different basis, times, certainty)', () => {
    expect(
      all.filter(
        (c) =>
          c.class !== 'tension' &&
          ['karabas', 'kuirektykol', 'kazakhstan-geological-exploration', 'syrymbet'].includes(
            c.subject.id,
          ),
      ),
    ).toEqual([]);
  });

  it('the two tensions the data records: an implied grade at Karabas, and a "first-ever" gallium operation', () => {
    expect(
      all
        .filter((c) => c.class === 'tension')
        .map((c) => [c.subject.id, c.property, c.versions.map((v) => v.value), c.pairs, c.tension]),
    ).toEqual([
      [
        'erg-gallium',
        'rank',
        ['#1 among commercial gallium operations in Kazakhstan (planned)'],
        [],
        '"First-ever commercial gallium operation" and "From Zero to Number Two" against "ERG once produced one-fifth of the world\'s gallium" (another text, before 2012): the claims cannot both be read literally.',
      ],
      [
        'karabas',
        'contained-metal',
        ['> 250,000 t'],
        [],
        'More than 250,000 t of copper in at most 1 million t of ore is a grade of at least 25%, while the best drill grade reported is 6.7% ("concentrations as high as 6.7%").',
      ],
    ]);
  });
});

describe('minerals conflicts (CLI, in process)', () => {
  const data = ['--data', FIXTURE];
  const FIELDS = ['--fields', 'id,property,commodity,basis,class,sources_differ'];

  it('prints the contradictions by default, one row per group', async () => {
    expect(await run(['conflicts', ...data, ...FIELDS])).toEqual({
      stdout: [
        'ID     PROPERTY       COMMODITY  BASIS                         CLASS          SOURCES DIFFER',
        'alpha  status                                                  contradiction  yes',
        'alpha  operator                                                contradiction  yes',
        'alpha  employees                                               contradiction  no',
        'alpha  price                                                   contradiction  yes',
        'beta   reserves       copper     reserve/contained-metal/JORC  contradiction  yes',
        'beta   start-date                                              contradiction  yes',
        'beta   grade          copper                                   contradiction  yes',
        'gamma  investment                                              contradiction  yes',
        'gamma  market-share                                            contradiction  yes',
        'gamma  output-target                                           contradiction  yes',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('--class selects the other classes: one, repeated, a comma list, or all', async () => {
    const rows = async (...classes: string[]) => {
      const r = await run([
        'conflicts',
        ...data,
        ...classes.flatMap((c) => ['--class', c]),
        '--fields',
        'id,property,class',
        '--format',
        'tsv',
        '--no-headers',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return r.stdout;
    };
    expect(await rows('refinement')).toBe(
      [
        'alpha\tinvestment\trefinement',
        'alpha\tstart-date\trefinement',
        'beta\tcontained-metal\trefinement',
        'beta\townership\trefinement',
        'beta\tmarket-share\trefinement',
        'gamma\tcapacity\trefinement',
        'gamma\tend-date\trefinement',
        'nordland\trank\trefinement',
        '',
      ].join('\n'),
    );
    const changeAndBasis = [
      'alpha\tproduction\tchange',
      'beta\treserves\tbasis',
      'export-ban\tstatus\tchange',
      'gamma\temployees\tchange',
      'gamma\tresources\tbasis',
      '',
    ].join('\n');
    expect(await rows('change', 'basis')).toBe(changeAndBasis);
    expect(await rows('basis,change')).toBe(changeAndBasis);
    const all = (await rows('all')).split('\n');
    expect(all).toHaveLength(24); // 23 conflicts and the final newline
    expect(await rows('contradiction', 'all')).toBe(all.join('\n'));
    expect(all.filter((l) => l.endsWith('\tcontradiction')).join('\n')).toBe(
      (await rows('contradiction')).trimEnd(),
    );
  });

  it('an unknown --class is a usage error that names the classes', async () => {
    expect(await run(['conflicts', '--class', 'contradictions'])).toEqual({
      stdout: '',
      stderr:
        'minerals: --class must be one of contradiction, refinement, change, basis, tension, all, not "contradictions" (did you mean contradiction?)\n',
      code: 2,
    });
    expect((await run(['conflicts', '--class', 'change,kind'])).code).toBe(2);
    // --kind names a record kind in other commands: the message points at --class
    expect(await run(['conflicts', '--kind', 'refinement'])).toEqual({
      stdout: '',
      stderr:
        'minerals: conflicts takes --class "refinement", not --kind (which names a kind of record); classes: contradiction, refinement, change, basis, tension, all\n',
      code: 2,
    });
  });

  it('the shipped base: no contradiction on the gallium project, two refinements with --class all', async () => {
    expect(await run(['conflicts', '--about', 'erg-gallium', '--class', 'contradiction'])).toEqual({
      stdout: 'ID  PROPERTY  COMMODITY  BASIS  CLASS  VERSIONS\n',
      stderr: '',
      code: 0,
    });
    // the table leaves out SUBJECT and CLASS (--about and --class fix them), COMMODITY and BASIS (empty)
    expect(
      await run(['conflicts', '--about', 'erg-gallium', '--class', 'refinement,change,basis']),
    ).toEqual({
      stdout: [
        'PROPERTY    VERSIONS',
        'investment  > 20 million USD (planned) [gate-kazakhstan-bets-big] | 20 million USD (planned) [mntv-gallium-market]',
        'start-date  late 2026 (planned) [gate-kazakhstan-bets-big] | 2026 (planned) [mntv-gallium-market]',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('a basis conflict shows each version with its basis', async () => {
    const r = await run([
      'conflicts',
      ...data,
      '--class',
      'basis',
      '--about',
      'gamma',
      '--fields',
      'id,versions',
    ]);
    expect(r.stdout).toBe(
      [
        'ID     VERSIONS',
        'gamma  5 million t (unspecified) [report] | 50 kt (contained-metal) [news]',
        '',
      ].join('\n'),
    );
  });

  it('--json: the class on each row; versions with value, bound, basis, base interval and full citations; pairs with aspect and reason', async () => {
    const r = await run(['conflicts', '--json', '--about', 'erg-gallium', '--class', 'all']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    // the keys of the published output schema, in its order
    expect(rows.map((x) => Object.keys(x))).toEqual(Array(3).fill(Object.keys(ConflictRow.shape)));
    expect(rows.map((x) => x.class)).toEqual(['refinement', 'refinement', 'tension']);
    expect(rows[0]).toEqual({
      about: { id: 'erg-gallium', kind: 'project', name: 'ERG gallium project' },
      property: 'investment',
      commodity: null,
      basis: null,
      class: 'refinement',
      sources_differ: true,
      versions: [
        {
          position: 0,
          value: '> 20 million USD (planned)',
          bound: 'more-than',
          basis: null,
          interval: { low: 20000000, high: null, low_open: true, high_open: true, unit: 'USD' },
          interval_text: '(20000000, ∞) USD',
          when: null,
          note: null,
          sources: ['gate-kazakhstan-bets-big'],
          citations: [
            {
              source: 'gate-kazakhstan-bets-big',
              file: '001_378aa3aa87a45fa4.txt',
              quote: 'The numbers tell the story: Over US$20 million will flow into the project',
              said_by: null,
            },
          ],
        },
        {
          position: 1,
          value: '20 million USD (planned)',
          bound: 'exact',
          basis: null,
          interval: {
            low: 20000000,
            high: 20000000,
            low_open: false,
            high_open: false,
            unit: 'USD',
          },
          interval_text: '[20000000, 20000000] USD',
          when: null,
          note: 'The size of the project announced; differs from Gate\'s "Over US$20 million"; both are kept.',
          sources: ['mntv-gallium-market'],
          citations: [
            {
              source: 'mntv-gallium-market',
              file: '003_7fd1036cce212589.txt',
              quote: 'has announced a $20 million project to begin gallium production in 2026',
              said_by: null,
            },
          ],
        },
      ],
      pairs: [
        {
          a: 0,
          b: 1,
          aspect: 'value',
          sources_differ: true,
          reason: '20 million USD may be rounded: [19500000, 20500000] meets (20000000, ∞) USD',
        },
      ],
      tension: null,
    });
    expect(
      (rows[1]!.versions as Array<Record<string, unknown>>).map((v) => [
        v.interval,
        v.interval_text,
      ]),
    ).toEqual([
      [
        { low: '2026-09-01', high: '2026-12-31', low_open: false, high_open: false, unit: 'day' },
        '2026-09-01..2026-12-31',
      ],
      [
        { low: '2026-01-01', high: '2026-12-31', low_open: false, high_open: false, unit: 'day' },
        '2026-01-01..2026-12-31',
      ],
    ]);
  });

  it('--json on the fixture: every class, and basis per version on a basis row', async () => {
    const r = await run(['conflicts', ...data, '--json', '--class', 'all']);
    const rows = JSON.parse(r.stdout) as Array<{
      about: { id: string };
      property: string;
      class: string;
      basis: unknown;
      versions: Array<{ basis: unknown }>;
    }>;
    expect(rows.map((x) => x.class).filter((c, i, a) => a.indexOf(c) === i)).toEqual([
      'refinement',
      'contradiction',
      'change',
      'basis',
    ]);
    const gamma = rows.find((x) => x.about.id === 'gamma' && x.class === 'basis')!;
    expect([gamma.basis, gamma.versions.map((v) => v.basis)]).toEqual([
      null,
      [
        null,
        {
          category: 'unspecified',
          material: 'contained-metal',
          system: 'unspecified',
          class: null,
        },
      ],
    ]);
  });

  it("--cite numbers both sides' citations and prints the quotes under the table", async () => {
    expect(
      await run([
        'conflicts',
        '--about',
        'erg-gallium',
        '--class',
        'refinement',
        '--cite',
        '--fields',
        'id,property,class',
      ]),
    ).toEqual({
      stdout: [
        'ID           PROPERTY    CLASS       CITES',
        'erg-gallium  investment  refinement  [1][2]',
        'erg-gallium  start-date  refinement  [3][4]',
        '',
        '[1] "The numbers tell the story: Over US$20 million will flow into the project" — gate-kazakhstan-bets-big',
        '[2] "has announced a $20 million project to begin gallium production in 2026" — mntv-gallium-market',
        '[3] "with commercial production targeted for late 2026" — gate-kazakhstan-bets-big',
        '[4] "a $20 million project to begin gallium production in 2026" — mntv-gallium-market',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('--about keeps conflicts on records the subject takes part in', async () => {
    const r = await run([
      'conflicts',
      ...data,
      '--about',
      'Globex',
      '--fields',
      'id,property',
      '--format',
      'csv',
    ]);
    expect(r).toEqual({ stdout: 'id,property\r\nalpha,operator\r\n', stderr: '', code: 0 });
    const acme = await run([
      'conflicts',
      ...data,
      '--about',
      'acme',
      '--class',
      'all',
      '--fields',
      'id,property,class',
      '--format',
      'tsv',
      '--no-headers',
    ]);
    expect(acme.stdout).toBe(
      [
        'alpha\tinvestment\trefinement',
        'alpha\tstart-date\trefinement',
        'alpha\tstatus\tcontradiction',
        'alpha\toperator\tcontradiction',
        'alpha\temployees\tcontradiction',
        'alpha\tproduction\tchange',
        'alpha\tprice\tcontradiction',
        '',
      ].join('\n'),
    );
  });

  it('an unknown --about is a usage error with suggestions', async () => {
    const r = await run(['conflicts', '--about', 'galium']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^minerals: --about: no .* matches "galium" \(did you mean gallium\b.*\?\)\n$/,
    );
  });

  it('no conflicts is exit 0 and an empty JSON array, whatever the class', async () => {
    for (const cls of ['contradiction', 'all'])
      expect(
        await run([
          'conflicts',
          '--data',
          path.join(FIXTURES, 'valid-minimal'),
          '--class',
          cls,
          '--json',
        ]),
      ).toEqual({ stdout: '[]\n', stderr: '', code: 0 });
  });

  it('--help explains the classes and ends with real examples', async () => {
    const r = await run(['conflicts', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '\nClasses (--class; contradictions and tensions when it is not given):\n',
    );
    for (const cls of ['contradiction', 'refinement', 'change', 'basis', 'tension'])
      expect(r.stdout).toMatch(new RegExp(`\\n  ${cls} +\\S`));
    expect(r.stdout).toMatch(/\nExamples:\n( {2}\$ minerals conflicts.*\n){2,3}$/);
  });
});
