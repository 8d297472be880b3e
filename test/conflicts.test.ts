// `minerals conflicts`: quantity intervals per bound, intersection, date parts, the grouping and
// comparison rules on a small fixture base and on the shipped data, and the CLI (in process).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  conflictsOf,
  findConflicts,
  intersects,
  intervalText,
  narrowSpan,
  quantityInterval,
  type Conflict,
  type Interval,
} from '../src/query/conflicts.js';
import { FactIndex } from '../src/query/facts.js';
import type { FactRecord, Quantity } from '../src/schema/index.js';
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
const summary = (c: Conflict) => [
  c.subject.id,
  c.property,
  c.commodity,
  c.kind,
  c.sourcesDiffer,
  c.versions.map((v) => v.position),
  c.pairs.map((p) => [p.a, p.b, p.kind, p.aspect, p.sourcesDiffer]),
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

describe('grouping and comparison rules (in memory)', () => {
  const cite = (source: string) => [{ source, quote: 'q' }];
  const record = (claims: NonNullable<FactRecord['claims']>): FactRecord => ({
    kind: 'country',
    id: 'x',
    name: 'X',
    claims,
  });
  const conflictsIn = (claims: NonNullable<FactRecord['claims']>) =>
    conflictsOf(record(claims), new FactIndex([])).map(summary);

  it('different commodities, dimensions or basis are never compared', () => {
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
    ).toEqual([
      [
        'x',
        'resources',
        null,
        'incompatible',
        true,
        [0, 1],
        [[0, 1, 'incompatible', 'value', true]],
      ],
    ]);
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
    ).toEqual([
      ['x', 'area', null, 'incompatible', false, [0, 1], [[0, 1, 'incompatible', 'value', false]]],
    ]);
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
});

describe('the fixture base', () => {
  const index = indexOf(FIXTURE);
  const all = findConflicts(index);

  it('finds exactly the conflicts its comments describe', () => {
    expect(all.map(summary)).toEqual([
      [
        'alpha',
        'investment',
        null,
        'incompatible',
        true,
        [0, 1],
        [[0, 1, 'incompatible', 'value', true]],
      ],
      ['alpha', 'start-date', null, 'differs', true, [2, 3], [[0, 1, 'differs', 'value', true]]],
      [
        'alpha',
        'status',
        null,
        'differs',
        true,
        [4, 5, 6],
        [
          [0, 1, 'differs', 'value', true],
          [1, 2, 'differs', 'value', true],
        ],
      ],
      ['alpha', 'operator', null, 'differs', true, [7, 8], [[0, 1, 'differs', 'value', true]]],
      [
        'alpha',
        'employees',
        null,
        'incompatible',
        false,
        [11, 12],
        [[0, 1, 'incompatible', 'value', false]],
      ],
      [
        'alpha',
        'price',
        null,
        'incompatible',
        true,
        [17, 18],
        [[0, 1, 'incompatible', 'value', true]],
      ],
      [
        'beta',
        'reserves',
        'copper',
        'incompatible',
        true,
        [3, 4, 6],
        [
          [0, 2, 'incompatible', 'value', true],
          [1, 2, 'incompatible', 'value', false],
        ],
      ],
      [
        'beta',
        'start-date',
        null,
        'incompatible',
        true,
        [7, 8],
        [[0, 1, 'incompatible', 'value', true]],
      ],
      [
        'beta',
        'grade',
        'copper',
        'incompatible',
        true,
        [11, 12],
        [[0, 1, 'incompatible', 'value', true]],
      ],
      [
        'beta',
        'ownership',
        null,
        'incompatible',
        true,
        [13, 14],
        [[0, 1, 'incompatible', 'value', true]],
      ],
      ['nordland', 'rank', 'gallium', 'differs', true, [0, 1], [[0, 1, 'differs', 'when', true]]],
    ]);
  });

  it('gives each pair a reason and a group its basis', () => {
    expect(all.map((c) => c.pairs.map((p) => p.reason))).toEqual([
      ['(20000000, ∞) and [20000000, 20000000] USD do not intersect'],
      ['late 2026 and 2026 overlap but differ'],
      ['different status from different sources', 'different status from different sources'],
      ['different operator from different sources'],
      ['[100, 100] and [200, 200] count do not intersect'],
      ['[90, 110] and [111, 111] USD/t do not intersect'],
      [
        '[20000, 20000] and [25000, 25000] t do not intersect',
        '[20000, 20000] and [25000, 25000] t do not intersect',
      ],
      ['2027-01-01..2027-04-30 and 2028-01-01..2028-12-31 do not overlap'],
      ['[10, 20] and [25, 25] % do not intersect'],
      ['(-∞, 10) and [10, 10] % do not intersect'],
      ['the values agree but hold at late 2026 (expected) and 2026 (expected)'],
    ]);
    expect(all.map((c) => c.basis)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      { category: 'reserve', material: 'contained-metal', system: 'JORC', class: null },
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('the shipped fact base', () => {
  const index = indexOf(path.join(ROOT, 'data'), path.join(ROOT, 'seeds'));
  const all = findConflicts(index);

  it('finds the known quantity, date and status conflicts', () => {
    expect(
      all.map((c) => [
        c.subject.id,
        c.property,
        c.commodity,
        c.kind,
        c.versions.map((v) => `${v.value} [${v.sources.join(', ')}]`),
      ]),
    ).toEqual([
      [
        'china-export-controls',
        'status',
        null,
        'differs',
        [
          "Imposed; China imposed export restrictions on gallium, germanium and antimony months before ERG's announcement. [mntv-gallium-market]",
          'Suspended after talks with the Trump administration; the materials still operate under export licensing regimes controlled by Chinese authorities. [gate-kazakhstan-bets-big]',
        ],
      ],
      [
        'china-gallium-ban-us',
        'status',
        null,
        'differs',
        [
          'In force; Beijing banned gallium exports to the U.S. in December. [erg-not-for-sale]',
          'Suspended; Beijing suspended its bans on gallium, antimony and germanium after talks with the Trump administration. [gate-kazakhstan-bets-big]',
        ],
      ],
      [
        'erg-gallium',
        'investment',
        null,
        'incompatible',
        ['> 20 million USD [gate-kazakhstan-bets-big]', '20 million USD [mntv-gallium-market]'],
      ],
      [
        'erg-gallium',
        'start-date',
        null,
        'differs',
        ['late 2026 (planned) [gate-kazakhstan-bets-big]', '2026 (planned) [mntv-gallium-market]'],
      ],
      [
        'hbi-plant-rudny',
        'status',
        null,
        'differs',
        [
          'Planned; ERG "revealed plans to construct" the plant (announced the same week as the gallium deal). [gate-kazakhstan-bets-big]',
          'ERG and Baowu Steel are "set to inaugurate" advanced iron ore processing in Rudny. [rare-metals-industry-expand]',
        ],
      ],
      [
        'kazakhstan',
        'rank',
        'gallium',
        'differs',
        ['#2 [gate-kazakhstan-bets-big]', '#2 [mntv-gallium-market]'],
      ],
    ]);
    expect(all.every((c) => c.sourcesDiffer)).toBe(true);
  });

  it('the gallium investment: "Over US$20 million" (Gate) cannot be "$20 million" (MNTV)', () => {
    const c = all.find((x) => x.subject.id === 'erg-gallium' && x.property === 'investment')!;
    expect(c.versions.map((v) => [v.bound, v.interval, v.unit, v.claim.citations])).toEqual([
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
  });

  it('Karabas, Kuirektykol and the exploration zone have no conflicts (different basis, times)', () => {
    expect(
      all.filter((c) =>
        ['karabas', 'kuirektykol', 'kazakhstan-geological-exploration', 'syrymbet'].includes(
          c.subject.id,
        ),
      ),
    ).toEqual([]);
  });
});

describe('minerals conflicts (CLI, in process)', () => {
  const data = ['--data', FIXTURE];

  it('prints one row per conflicting group', async () => {
    expect(
      await run([
        'conflicts',
        ...data,
        '--fields',
        'subject,property,commodity,basis,kind,sources_differ',
      ]),
    ).toEqual({
      stdout: [
        'SUBJECT   PROPERTY    COMMODITY  BASIS                         KIND          SOURCES DIFFER',
        'alpha     investment                                           incompatible  yes',
        'alpha     start-date                                           differs       yes',
        'alpha     status                                               differs       yes',
        'alpha     operator                                             differs       yes',
        'alpha     employees                                            incompatible  no',
        'alpha     price                                                incompatible  yes',
        'beta      reserves    copper     reserve/contained-metal/JORC  incompatible  yes',
        'beta      start-date                                           incompatible  yes',
        'beta      grade       copper                                   incompatible  yes',
        'beta      ownership                                            incompatible  yes',
        'nordland  rank        gallium                                  differs       yes',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('the default table lists the versions with their sources', async () => {
    expect(await run(['conflicts', '--about', 'erg-gallium'])).toEqual({
      stdout: [
        'SUBJECT      PROPERTY    COMMODITY  BASIS  KIND          VERSIONS',
        'erg-gallium  investment                    incompatible  > 20 million USD [gate-kazakhstan-bets-big] | 20 million USD [mntv-gallium-market]',
        'erg-gallium  start-date                    differs       late 2026 (planned) [gate-kazakhstan-bets-big] | 2026 (planned) [mntv-gallium-market]',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('--json: versions with value, bound, base interval and full citations; pairs with kind and reason', async () => {
    const r = await run(['conflicts', '--json', '--about', 'erg-gallium']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    // the keys of the published output schema, in its order
    expect(rows.map((x) => Object.keys(x))).toEqual(Array(2).fill(Object.keys(ConflictRow.shape)));
    expect(rows[0]).toEqual({
      subject: 'erg-gallium',
      name: 'ERG gallium project',
      subject_kind: 'project',
      property: 'investment',
      commodity: null,
      basis: null,
      kind: 'incompatible',
      sources_differ: true,
      versions: [
        {
          position: 0,
          value: '> 20 million USD',
          bound: 'more-than',
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
          value: '20 million USD',
          bound: 'exact',
          interval: {
            low: 20000000,
            high: 20000000,
            low_open: false,
            high_open: false,
            unit: 'USD',
          },
          interval_text: '[20000000, 20000000] USD',
          when: null,
          note: 'Differs from Gate\'s "Over US$20 million"; both are kept.',
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
          kind: 'incompatible',
          aspect: 'value',
          sources_differ: true,
          reason: '(20000000, ∞) and [20000000, 20000000] USD do not intersect',
        },
      ],
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

  it("--cite numbers both sides' citations and prints the quotes under the table", async () => {
    expect(
      await run([
        'conflicts',
        '--about',
        'erg-gallium',
        '--cite',
        '--fields',
        'subject,property,kind',
      ]),
    ).toEqual({
      stdout: [
        'SUBJECT      PROPERTY    KIND          CITES',
        'erg-gallium  investment  incompatible  [1][2]',
        'erg-gallium  start-date  differs       [3][4]',
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
      'subject,property',
      '--format',
      'csv',
    ]);
    expect(r).toEqual({ stdout: 'subject,property\r\nalpha,operator\r\n', stderr: '', code: 0 });
    const acme = await run([
      'conflicts',
      ...data,
      '--about',
      'acme',
      '--fields',
      'subject,property',
      '--format',
      'tsv',
      '--no-headers',
    ]);
    expect(acme.stdout).toBe(
      'alpha\tinvestment\nalpha\tstart-date\nalpha\tstatus\nalpha\toperator\nalpha\temployees\nalpha\tprice\n',
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

  it('no conflicts is exit 0 and an empty JSON array', async () => {
    expect(
      await run(['conflicts', '--data', path.join(FIXTURES, 'valid-minimal'), '--json']),
    ).toEqual({ stdout: '[]\n', stderr: '', code: 0 });
  });

  it('--help ends with real examples', async () => {
    const r = await run(['conflicts', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nExamples:\n( {2}\$ minerals conflicts.*\n){2,3}$/);
  });
});
