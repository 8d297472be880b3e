// `minerals timeline`: date spans and phrases, ordering, the overlap filter, --about and --metal,
// on a small fixture base and on the shipped data, through the query functions and the CLI.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FactIndex } from '../src/query/facts.js';
import {
  compareSpans,
  dateSpan,
  datePhrase,
  filterTimeline,
  isInferred,
  modalityOf,
  spansOverlap,
  timelineItems,
  type Span,
  type TimelineItem,
} from '../src/query/timeline.js';
import type { FactRecord } from '../src/schema/index.js';
import { TimelineRow } from '../src/schema/output-reports.js';
import { FIXTURES, ROOT, run, validateDir } from './helpers.js';

const FIXTURE = path.join(FIXTURES, 'query-timeline-basic');
const indexOf = (dir: string, seedsDir?: string) =>
  new FactIndex(validateDir(dir, seedsDir ? { seedsDir } : {}).base.records.map((r) => r.record));
const fixture = indexOf(FIXTURE);
const shipped = indexOf(path.join(ROOT, 'data'), path.join(ROOT, 'seeds'));
const row = (it: TimelineItem) => [datePhrase(it.date), it.record.id, it.property, it.value];

describe('date spans and phrases', () => {
  it('a prefix covers its first to its last day, at any precision', () => {
    expect(dateSpan('2026')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(dateSpan('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(dateSpan('2025-02')).toEqual({ start: '2025-02-01', end: '2025-02-28' });
    expect(dateSpan('2024-02-10')).toEqual({ start: '2024-02-10', end: '2024-02-10' });
    expect(dateSpan({ on: '2026', part: 'late', modality: 'planned' })).toEqual({
      start: '2026-01-01',
      end: '2026-12-31',
    });
  });

  it('intervals run from the first day of the start to the last day of the end; a missing end is open', () => {
    expect(dateSpan({ start: '2024', end: '2028' })).toEqual({
      start: '2024-01-01',
      end: '2028-12-31',
    });
    expect(dateSpan({ start: '2024-12' })).toEqual({ start: '2024-12-01', end: null });
    expect(dateSpan({ end: '2012' })).toEqual({ start: null, end: '2012-12-31' });
  });

  it('the phrase shows precision and part, without modality or inferred notes', () => {
    expect(datePhrase({ on: '2026', part: 'late', modality: 'planned' })).toBe('late 2026');
    expect(datePhrase({ on: '2024', part: 'end' })).toBe('end of 2024');
    expect(datePhrase({ start: '2024', end: '2028' })).toBe('2024–2028');
    expect(datePhrase({ start: '2018' })).toBe('since 2018');
    expect(datePhrase({ end: '2026', modality: 'target' })).toBe('by 2026');
    expect(datePhrase({ on: '2025-05', inferred: true, reason: 'In May' })).toBe('2025-05');
    expect(datePhrase('2013')).toBe('2013');
  });

  it("modality defaults to actual; a claim's own modality wins; inferred defaults to false", () => {
    const claim = (modality?: 'planned') => ({
      property: 'start-date' as const,
      date: '2026',
      ...(modality ? { modality } : {}),
      citations: [{ source: 's', quote: 'q' }],
    });
    expect([
      modalityOf({ claim: null, date: '2026' }),
      modalityOf({ claim: null, date: { on: '2026', modality: 'expected' } }),
      modalityOf({ claim: null, date: { start: '2018' } }),
      modalityOf({ claim: claim(), date: '2026' }),
      modalityOf({ claim: claim('planned'), date: '2026' }),
    ]).toEqual(['actual', 'expected', 'actual', 'actual', 'planned']);
    expect([isInferred('2026'), isInferred({ on: '2025', inferred: true, reason: 'r' })]).toEqual([
      false,
      true,
    ]);
  });
});

describe('overlap and order', () => {
  const s = (start: string | null, end: string | null): Span => ({ start, end });

  it('spans overlap when they share a day; open ends are unbounded', () => {
    expect(spansOverlap(s('2024-01-01', '2024-12-31'), s('2024-12-31', '2025-12-31'))).toBe(true);
    expect(spansOverlap(s('2024-01-01', '2024-12-31'), s('2025-01-01', '2025-12-31'))).toBe(false);
    expect(spansOverlap(s(null, '2012-12-31'), s('2012-12-31', null))).toBe(true);
    expect(spansOverlap(s(null, '2012-12-31'), s('2013-01-01', null))).toBe(false);
    expect(spansOverlap(s(null, null), s('1900-01-01', '1900-01-01'))).toBe(true);
  });

  it('orders by start (open first), then end (open last)', () => {
    const spans = [
      s('2025-01-01', '2025-12-31'),
      s('2024-01-01', null),
      s(null, '2028-12-31'),
      s('2024-01-01', '2024-12-31'),
      s(null, '2012-12-31'),
      s('2024-01-01', '2028-12-31'),
    ];
    expect([...spans].sort(compareSpans)).toEqual([
      s(null, '2012-12-31'),
      s(null, '2028-12-31'),
      s('2024-01-01', '2024-12-31'),
      s('2024-01-01', '2028-12-31'),
      s('2024-01-01', null),
      s('2025-01-01', '2025-12-31'),
    ]);
  });

  it('a claim with both a date value and a `when` gives two items; undated claims give none', () => {
    const records: FactRecord[] = [
      {
        kind: 'country',
        id: 'x',
        name: 'X',
        claims: [
          {
            property: 'date-of-event',
            date: '2021',
            when: '2020',
            modality: 'expected',
            citations: [{ source: 's', quote: 'q' }],
          },
          {
            property: 'count',
            quantity: { value: 3, unit: 'count', bound: 'exact' },
            citations: [{ source: 's', quote: 'q' }],
          },
        ],
      },
    ];
    const items = timelineItems(new FactIndex(records));
    expect(items.map((it) => [it.origin, datePhrase(it.date), modalityOf(it), it.value])).toEqual([
      // the value without its modality: the timeline has a modality column
      ['when', '2020', 'expected', '2021'],
      ['date', '2021', 'expected', null],
    ]);
  });
});

describe('the fixture base', () => {
  const all = timelineItems(fixture);

  it('lists every dated item in date order: a part of a year narrows it, an open interval stands at its known end', () => {
    expect(all.map(row)).toEqual([
      ['since 2018', 'smelter', 'production', '5 t/yr'],
      ['2019', 'jane', 'role.from', 'CEO, Acme'],
      ['2023', 'nordland', 'contained-metal', '300,000 t'],
      ['2024–2028', 'copper-plan', 'period', 'approved'],
      ['2024-02', 'acme-tin', 'date-of-event', null],
      ['2024-02-10', 'acme-tin', 'signed', 'signed'],
      // mid 2024 is May to August: after February
      ['mid 2024', 'jane', 'role.to', 'CEO, Acme'],
      ['2025', 'smelter', 'status', 'In construction.'],
      ['2025-03', 'report', 'published', 'Nordland report'],
      ['late 2026', 'smelter', 'start-date', null],
      // "by 2028" is a target for 2028, not the first row of the timeline
      ['by 2028', 'copper-plan', 'change', '40%'],
    ]);
    expect(all.map((it) => it.origin)).toEqual([
      'when',
      'role.from',
      'when',
      'period',
      'date',
      'signed',
      'role.to',
      'when',
      'published',
      'date',
      'when',
    ]);
  });

  it('--from/--to keep items that overlap the window; an open interval only at its known end', () => {
    // "since 2018" and "by 2028" no longer reach into every window
    expect(filterTimeline(all, { from: '2024-02-15', to: '2024-12' }).map(row)).toEqual([
      ['2024–2028', 'copper-plan', 'period', 'approved'],
      ['2024-02', 'acme-tin', 'date-of-event', null],
      ['mid 2024', 'jane', 'role.to', 'CEO, Acme'],
    ]);
    expect(filterTimeline(all, { from: '2026' }).map(row)).toEqual([
      ['2024–2028', 'copper-plan', 'period', 'approved'],
      ['late 2026', 'smelter', 'start-date', null],
      ['by 2028', 'copper-plan', 'change', '40%'],
    ]);
    expect(filterTimeline(all, { to: '2018' }).map(row)).toEqual([
      ['since 2018', 'smelter', 'production', '5 t/yr'],
    ]);
  });

  it('--about keeps items on the record, and on records it takes part in (role, party, operator)', () => {
    expect(
      filterTimeline(all, { about: ['acme'] }).map((it) => [it.record.id, it.property]),
    ).toEqual([
      ['smelter', 'production'],
      ['jane', 'role.from'],
      ['acme-tin', 'date-of-event'],
      ['acme-tin', 'signed'],
      ['jane', 'role.to'],
      ['smelter', 'status'],
      ['smelter', 'start-date'],
    ]);
    expect(
      filterTimeline(all, { about: ['nordland'] }).map((it) => [it.record.id, it.property]),
    ).toEqual([
      ['nordland', 'contained-metal'],
      ['copper-plan', 'period'],
      ['copper-plan', 'change'],
    ]);
  });

  it("--metal keeps items on a commodity or a member of it: the claim's own commodity first, else the record's", () => {
    const metals = filterTimeline(all, { metals: fixture.commodityClosure('metals') });
    expect(metals.map((it) => [it.record.id, it.property])).toEqual([
      ['nordland', 'contained-metal'],
      ['copper-plan', 'period'],
      ['smelter', 'status'],
      ['smelter', 'start-date'],
      ['copper-plan', 'change'],
    ]);
    const tin = filterTimeline(all, { metals: fixture.commodityClosure('tin') });
    expect(tin.map((it) => [it.record.id, it.property])).toEqual([
      ['smelter', 'production'],
      ['acme-tin', 'date-of-event'],
      ['acme-tin', 'signed'],
    ]);
  });
});

describe('the shipped fact base', () => {
  const all = timelineItems(shipped);

  it('has 40 dated items; the first is open-start, then 2012', () => {
    expect(all).toHaveLength(40);
    expect(
      all
        .slice(0, 2)
        .map((it) => [
          datePhrase(it.date),
          modalityOf(it),
          isInferred(it.date),
          it.record.id,
          it.property,
          it.value,
          it.citations.map((c) => c.source),
        ]),
    ).toEqual([
      [
        '2012',
        'actual',
        false,
        'china',
        'description',
        'China increased its output of gallium in 2012, after which ERG ceased gallium production.',
        ['erg-not-for-sale'],
      ],
      // "by 2012" stands at 2012; "china" sorts before "erg" on the same day
      ['by 2012', 'actual', true, 'erg', 'market-share', '0.2 (20%)', ['erg-not-for-sale']],
    ]);
  });

  it('the gallium project starts in 2026 (MNTV) and late 2026 (Gate), both planned', () => {
    const rows = filterTimeline(all, { about: ['erg-gallium'] });
    expect(
      rows.map((it) => [datePhrase(it.date), modalityOf(it), it.property, it.citations[0]!.quote]),
    ).toEqual([
      [
        '2026',
        'planned',
        'start-date',
        'a $20 million project to begin gallium production in 2026',
      ],
      ['late 2026', 'planned', 'start-date', 'with commercial production targeted for late 2026'],
    ]);
  });

  it('--metal gallium finds the claims about gallium', () => {
    const rows = filterTimeline(all, { metals: shipped.commodityClosure('gallium') });
    expect(rows.map((it) => [datePhrase(it.date), it.record.id, it.property])).toEqual([
      ['2012', 'china', 'description'],
      ['by 2012', 'erg', 'market-share'],
      ['since 2012', 'erg', 'status'],
      // China's export controls as dated events: imposed, then suspended
      ['2024-12', 'china-export-controls', 'status'],
      ['2024-12', 'china-gallium-ban-us', 'start-date'],
      ['since 2025', 'china-export-controls', 'status'],
      ['2026', 'erg-gallium', 'start-date'],
      ['2026', 'kazakhstan', 'rank'],
      ['late 2026', 'erg-gallium', 'start-date'],
      ['late 2026', 'kazakhstan', 'rank'],
    ]);
  });
});

describe('minerals timeline (CLI, in process)', () => {
  const data = ['--data', FIXTURE];

  it('prints a table in date order', async () => {
    expect(
      await run(['timeline', ...data, '--fields', 'date,modality,inferred,id,property,value']),
    ).toEqual({
      stdout: [
        'DATE        MODALITY  INFERRED  ID           PROPERTY         VALUE',
        'since 2018  actual              smelter      production       5 t/yr',
        '2019        actual              jane         role.from        CEO, Acme',
        '2023        actual              nordland     contained-metal  300,000 t',
        '2024–2028   actual              copper-plan  period           approved',
        '2024-02     actual              acme-tin     date-of-event',
        '2024-02-10  actual              acme-tin     signed           signed',
        'mid 2024    actual              jane         role.to          CEO, Acme',
        '2025        actual    yes       smelter      status           In construction.',
        '2025-03     actual              report       published        Nordland report',
        'late 2026   planned             smelter      start-date',
        'by 2028     target              copper-plan  change           40%',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('the default table shows date, modality, inferred, id, name, property, value and sources', async () => {
    const r = await run(['timeline', ...data, '--limit', '1']);
    // INFERRED is empty in the first row alone, and a table leaves out an empty column
    const all = await run(['timeline', ...data]);
    expect(all.stdout.split('\n')[0]!.split(/\s{2,}/)).toEqual([
      'DATE',
      'MODALITY',
      'INFERRED',
      'ID',
      'NAME',
      'PROPERTY',
      'VALUE',
      'SOURCES',
    ]);
    expect(r.stdout.split('\n')[1]!.split(/\s{2,}/)).toEqual([
      'since 2018',
      'actual',
      'smelter',
      'Acme smelter',
      'production',
      '5 t/yr',
      'report',
    ]);
  });

  it('--json gives the date with its precision, full citations and the claim', async () => {
    const r = await run(['timeline', ...data, '--json', '--from', '2025']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    // the keys of the published output schema, in its order
    expect(rows.map((x) => Object.keys(x))).toEqual(
      Array(rows.length).fill(Object.keys(TimelineRow.shape)),
    );
    expect(rows.map((x) => [(x.about as { id: string }).id, x.property])).toEqual([
      ['copper-plan', 'period'],
      ['smelter', 'status'],
      ['report', 'published'],
      ['smelter', 'start-date'],
      ['copper-plan', 'change'],
    ]);
    expect(rows[1]).toMatchObject({
      date: {
        on: '2025',
        inferred: true,
        reason: '"now", in a report published in 2025.',
        precision: 'year',
      },
      start: '2025-01-01',
      end: '2025-12-31',
      modality: 'actual',
      inferred: true,
      about: { id: 'smelter', kind: 'project', name: 'Acme smelter' },
      origin: 'when',
      value: 'In construction.',
      sources: ['report'],
      citations: [
        {
          source: 'report',
          file: 'report.txt',
          quote: 'The Acme smelter is now in construction',
          said_by: null,
        },
      ],
      claim: { property: 'status', text: 'In construction.' },
    });
    expect(rows[2]).toMatchObject({
      date: { on: '2025-03', precision: 'month' },
      origin: 'published',
      claim: null,
      commodity: null,
    });
    expect(rows[3]).toMatchObject({
      date: { on: '2026', part: 'late', precision: 'year' },
      // the part of the year narrows the days the date covers
      start: '2026-09-01',
      end: '2026-12-31',
      modality: 'planned',
      value: null,
    });
  });

  it('--about and --metal take names, aliases and symbols', async () => {
    const r = await run([
      'timeline',
      ...data,
      '--about',
      'Jane Roe',
      '--fields',
      'id,property',
      '--format',
      'csv',
    ]);
    expect(r).toEqual({
      stdout: 'id,property\r\njane,role.from\r\njane,role.to\r\n',
      stderr: '',
      code: 0,
    });
    const sn = await run([
      'timeline',
      ...data,
      '--metal',
      'Sn',
      '--fields',
      'id,property',
      '--format',
      'tsv',
      '--no-headers',
    ]);
    expect(sn).toEqual({
      stdout: 'smelter\tproduction\nacme-tin\tdate-of-event\nacme-tin\tsigned\n',
      stderr: '',
      code: 0,
    });
  });

  it('--cite numbers the citations and prints the quotes under the table', async () => {
    expect(
      await run(['timeline', ...data, '--about', 'jane', '--cite', '--fields', 'date,id,property']),
    ).toEqual({
      stdout: [
        'DATE      ID    PROPERTY   CITES',
        '2019      jane  role.from  [1]',
        'mid 2024  jane  role.to    [1]',
        '',
        '[1] "Jane Roe has been CEO of Acme since 2019 and left in mid-2024." — report',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('a bad --from or --to is a usage error (exit 2)', async () => {
    expect(await run(['timeline', ...data, '--from', 'May 2025'])).toEqual({
      stdout: '',
      stderr: 'minerals: --from takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not "May 2025"\n',
      code: 2,
    });
    expect(await run(['timeline', ...data, '--to', '2025-02-30'])).toEqual({
      stdout: '',
      stderr: 'minerals: --to: "2025-02-30" is not a calendar date\n',
      code: 2,
    });
    expect(await run(['timeline', ...data, '--from', '2026', '--to', '2025-12'])).toEqual({
      stdout: '',
      stderr: 'minerals: --from 2026 is after --to 2025-12\n',
      code: 2,
    });
  });

  it('an unknown --about is a usage error with suggestions', async () => {
    const r = await run(['timeline', '--about', 'ergg']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^minerals: --about: no .* matches "ergg" \(did you mean erg\?\)\n$/);
  });

  it('no match is exit 0: an empty JSON array', async () => {
    expect(await run(['timeline', ...data, '--about', 'jane', '--from', '2025', '--json'])).toEqual(
      {
        stdout: '[]\n',
        stderr: '',
        code: 0,
      },
    );
  });

  it('the shipped base: 40 rows, gallium start dates from two sources', async () => {
    const r = await run(['timeline', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBe(40);
    expect(
      await run(['timeline', '--about', 'erg-gallium', '--fields', 'date,modality,id,sources']),
    ).toEqual({
      stdout: [
        'DATE       MODALITY  ID           SOURCES',
        '2026       planned   erg-gallium  mntv-gallium-market',
        'late 2026  planned   erg-gallium  gate-kazakhstan-bets-big',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('--help ends with real examples', async () => {
    const r = await run(['timeline', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nExamples:\n( {2}\$ minerals timeline.*\n){2,3}$/);
  });
});
