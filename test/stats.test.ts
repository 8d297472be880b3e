// `minerals stats`: the counts (pure), then the built CLI on a small fixture and the shipped base.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseStats } from '../src/query/stats.js';
import type { FactRecord } from '../src/schema/index.js';
import { FIXTURES, run, tempDir, type RunResult } from './helpers.js';

const small = path.join(FIXTURES, 'query-facts-small');

describe('baseStats', () => {
  const records: FactRecord[] = [
    { kind: 'source', id: 'b', name: 'B', title: 'B', file: 'b.txt' },
    { kind: 'source', id: 'a', name: 'A', title: 'A', file: 'a.txt' },
    {
      kind: 'person',
      id: 'p',
      name: 'P',
      citations: [{ source: 'a', quote: 'q' }],
      roles: [{ title: 't', citations: [{ source: 'b', quote: 'q' }] }],
      claims: [
        {
          property: 'statement',
          text: 'x',
          citations: [
            { source: 'a', quote: 'q' },
            { source: 'a', quote: 'q2' },
            { source: 'b', quote: 'q' },
          ],
        },
        { property: 'statement', text: 'y', citations: [{ source: 'b', quote: 'q' }] },
        { property: 'role', text: 'z', citations: [{ source: 'a', quote: 'q' }] },
      ],
    },
  ];
  const share = (covered: number, total: number, percent: number) => ({ covered, total, percent });

  it('counts records by kind, claims and citations by source, claims by property, totals', () => {
    const s = baseStats(
      records,
      [{ source: 'a', sentences: share(1, 2, 50), figures: share(0, 0, 100) }],
      { files: 3, texts: 1 },
    );
    expect(s).toEqual({
      totals: { records: 3, claims: 3, citations: 7, sources: 2, files: 3, texts: 1 },
      kinds: {
        source: 2,
        country: 0,
        region: 0,
        organization: 0,
        person: 1,
        commodity: 0,
        deposit: 0,
        project: 0,
        deal: 0,
        policy: 0,
      },
      sources: [
        {
          id: 'a',
          file: 'a.txt',
          claims: 2,
          citations: 4,
          coverage: { sentences: share(1, 2, 50), figures: share(0, 0, 100) },
        },
        { id: 'b', file: 'b.txt', claims: 2, citations: 3, coverage: null },
      ],
      properties: [
        { property: 'statement', claims: 2 },
        { property: 'role', claims: 1 },
      ],
    });
  });

  it('an empty base has zero of everything', () => {
    const s = baseStats([], [], { files: 0, texts: 0 });
    expect(s.totals).toEqual({
      records: 0,
      claims: 0,
      citations: 0,
      sources: 0,
      files: 0,
      texts: 0,
    });
    expect(Object.values(s.kinds).every((n) => n === 0)).toBe(true);
    expect([s.sources, s.properties]).toEqual([[], []]);
  });
});

describe('minerals stats on a small fixture', () => {
  it('prints a few small sections', async () => {
    expect(await run(['stats', '--data', small, '--top', '3'])).toEqual({
      stdout: [
        'Records by kind',
        '  source        2',
        '  country       1',
        '  region        0',
        '  organization  2',
        '  person        1',
        '  commodity     4',
        '  deposit       1',
        '  project       1',
        '  deal          0',
        '  policy        0',
        '',
        'Sources: claims, citations and coverage',
        '  SOURCE  CLAIMS  CITATIONS  SENTENCES  FIGURES',
        '  brief        3          3      66.7%    66.7%',
        '  report       5          7      80.0%   100.0%',
        '',
        'Claims by property (top 3 of 6)',
        '  contained-metal  2',
        '  investment       1',
        '  operator         1',
        '',
        'Totals',
        '  records    12',
        '  claims      7',
        '  citations  10',
        '  sources     2',
        '  files       4',
        '  texts       2',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('--json is one object: totals, kinds, sources with coverage, properties', async () => {
    const r = await run(['stats', '--data', small, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      totals: { records: 12, claims: 7, citations: 10, sources: 2, files: 4, texts: 2 },
      kinds: {
        source: 2,
        country: 1,
        region: 0,
        organization: 2,
        person: 1,
        commodity: 4,
        deposit: 1,
        project: 1,
        deal: 0,
        policy: 0,
      },
      sources: [
        {
          id: 'brief',
          file: 'brief.txt',
          claims: 3,
          citations: 3,
          coverage: {
            sentences: { covered: 2, total: 3, percent: 66.7 },
            figures: { covered: 2, total: 3, percent: 66.7 },
          },
        },
        {
          id: 'report',
          file: 'report.txt',
          claims: 5,
          citations: 7,
          coverage: {
            sentences: { covered: 4, total: 5, percent: 80 },
            figures: { covered: 5, total: 5, percent: 100 },
          },
        },
      ],
      properties: [
        { property: 'contained-metal', claims: 2 },
        { property: 'investment', claims: 1 },
        { property: 'operator', claims: 1 },
        { property: 'price', claims: 1 },
        { property: 'production', claims: 1 },
        { property: 'start-date', claims: 1 },
      ],
    });
  });

  it('a source whose text is missing: with --allow-invalid a warning, no coverage (null, "-" in the table)', async () => {
    const dir = tempDir();
    for (const f of fs.readdirSync(small))
      if (f.endsWith('.yaml')) fs.copyFileSync(path.join(small, f), path.join(dir, f));
    fs.mkdirSync(path.join(dir, 'seeds'));
    fs.copyFileSync(path.join(small, 'seeds', 'report.txt'), path.join(dir, 'seeds', 'report.txt'));
    const r = await run(['stats', '--data', dir, '--json', '--allow-invalid']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^minerals: warning: the fact base has \d+ errors?; results may be incomplete \(run: minerals validate\)\n$/,
    );
    const s = JSON.parse(r.stdout) as {
      totals: { texts: number };
      sources: Array<{ id: string; coverage: unknown }>;
    };
    expect(s.totals.texts).toBe(1);
    expect(s.sources.map((x) => [x.id, x.coverage === null])).toEqual([
      ['brief', true],
      ['report', false],
    ]);
    expect((await run(['stats', '--data', dir, '--allow-invalid'])).stdout).toContain(
      '\n  brief        3          3          -        -\n',
    );
  });
});

describe('minerals stats on the shipped base', () => {
  let r: RunResult;
  let s: ReturnType<typeof baseStats>;
  beforeAll(async () => {
    r = await run(['stats', '--json']);
    s = JSON.parse(r.stdout) as ReturnType<typeof baseStats>;
  });

  it('records by kind and totals', () => {
    expect(r.stderr).toBe('');
    expect(s.kinds).toEqual({
      source: 5,
      country: 11,
      region: 8,
      organization: 26,
      person: 9,
      commodity: 29,
      deposit: 3,
      project: 6,
      deal: 8,
      policy: 12,
    });
    expect(s.totals).toEqual({
      records: 117,
      claims: 202,
      citations: 369,
      sources: 5,
      files: 9,
      texts: 5,
    });
  });

  it('claims and citations by source, with coverage: sentences covered, figures structured', () => {
    expect(
      s.sources.map((x) => [
        x.id,
        x.claims,
        x.citations,
        x.coverage?.sentences.percent,
        x.coverage?.figures.percent,
      ]),
    ).toEqual([
      ['erg-not-for-sale', 45, 76, 100, 88.2],
      ['gate-kazakhstan-bets-big', 38, 69, 100, 85.7],
      ['kursiv-rare-earth-auctions', 34, 62, 100, 100],
      ['mntv-gallium-market', 56, 102, 100, 100],
      ['rare-metals-industry-expand', 32, 60, 100, 84.6],
    ]);
  });

  it('claims by property, most first', () => {
    expect(s.properties.slice(0, 5)).toEqual([
      { property: 'description', claims: 69 },
      { property: 'status', claims: 19 },
      { property: 'statement', claims: 18 },
      { property: 'rank', claims: 13 },
      { property: 'location', claims: 10 },
    ]);
    expect(s.properties).toHaveLength(34);
    expect(s.properties.reduce((a, p) => a + p.claims, 0)).toBe(202);
  });

  it('the table lists the top 10 properties by default, all with --top 0', async () => {
    expect((await run(['stats'])).stdout).toContain(
      '\nClaims by property (top 10 of 34)\n  description    69\n',
    );
    expect((await run(['stats', '--top', '0'])).stdout).toContain('\nClaims by property (34)\n');
  });

  it('--top takes a whole number (exit 2), and --help ends with examples', async () => {
    expect(await run(['stats', '--top', 'many'])).toEqual({
      stdout: '',
      stderr: 'minerals: --top takes a whole number, not "many"\n',
      code: 2,
    });
    expect((await run(['stats', '--help'])).stdout).toMatch(
      /\nExamples:\n( {2}\$ minerals stats.*\n){3}$/,
    );
  });
});
