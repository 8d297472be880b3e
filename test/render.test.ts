// Rendering: nothing the data holds reaches the terminal raw, and tables fit a terminal's width
// (but are never wrapped in a pipe).
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { Chalk } from 'chalk';
import { beforeAll, describe, expect, it } from 'vitest';
import { FactIndex } from '../src/query/facts.js';
import {
  csvCell,
  FORMATS,
  layOut,
  prepareFormat,
  renderRows,
  type Field,
} from '../src/render/output.js';

// the renderers of table and yaml load their libraries on demand, as printList does
beforeAll(async () => {
  for (const f of FORMATS) await prepareFormat(f);
});
import { renderPage } from '../src/render/page.js';
import { num } from '../src/query/values.js';
import { bar, figureLines } from '../src/render/figures.js';
import { run, tempDir } from './helpers.js';
import type { FactRecord, Quantity } from '../src/schema/index.js';

// C0 except newline (and CR, which csv rows end with), DEL, C1, bidi controls, zero-width, separators
const RAW =
  /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff]/u;
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '\u001b',
      '\u001b[31m',
      '\u009b',
      '\u202e',
      '\u200b',
      '\u2028',
      '\r',
      '\b',
      '\u0007',
      '\u0000',
      '\u007f',
      '\t',
      '\n',
      '\ufeff',
    ),
    fc.constantFrom('a', 'é', '中', '😀', ' ', ',', '"', '\\'),
  ),
  maxLength: 30,
});

describe('no raw control characters in any rendered output', () => {
  it('holds for every format (csv and tsv on a terminal), and for the show page', () => {
    fc.assert(
      fc.property(nasty, nasty, nasty, (name, alias, quote) => {
        const rec = {
          id: 'x',
          kind: 'deposit',
          name,
          aliases: [alias],
          description: quote,
          country: 'kz',
          commodities: ['cu'],
          status: 'exploration',
          claims: [
            { property: 'status', text: name, citations: [{ source: 's', quote, said_by: 'p' }] },
          ],
        } as unknown as FactRecord;
        const index = new FactIndex([rec]);
        const fields: Field<FactRecord>[] = [
          { name: 'id', value: (r) => r.id, table: true },
          { name: 'name', value: (r) => r.name, table: true },
          { name: 'aliases', value: (r) => r.aliases ?? [], table: true },
          { name: 'quote', value: () => quote, table: true },
        ];
        for (const format of FORMATS)
          for (const isTTY of [true, false]) {
            // off a terminal csv and tsv carry the text as it is, for a program (roundtrip.test.ts)
            if (!isTTY && (format === 'csv' || format === 'tsv')) continue;
            const out = renderRows([rec], fields, { format, isTTY, width: 40 });
            // tsv separates cells with tabs (a tab inside the data is escaped); csv rows end with CRLF
            const text = format === 'tsv' ? out.replace(/\t/g, ' ') : out.replace(/\r\n/g, '\n');
            expect(RAW.test(text), `${format} ${JSON.stringify(out)}`).toBe(false);
          }
        const page = renderPage(rec, index, {
          chalk: new Chalk({ level: 0 }),
          isTTY: true,
          width: 60,
        });
        expect(RAW.test(page), JSON.stringify(page)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('table width', () => {
  type Row = { id: string; text: string; n: number };
  const rows: Row[] = [
    {
      id: 'karabas',
      text: 'Initial estimates suggest the Karabas site holds more than 250,000 tons of copper',
      n: 250000,
    },
    { id: 'syrymbet', text: 'tin reserves now stand at 286,000 tons', n: 286000 },
  ];
  const fields: Field<Row>[] = [
    { name: 'id', value: (r) => r.id, table: true },
    { name: 'quote', value: (r) => r.text, table: true },
    {
      name: 'tonnes',
      value: (r) => r.n,
      text: (r) => r.n.toLocaleString('en-US'),
      align: 'right',
      table: true,
    },
  ];

  it('on a terminal, the free-text column wraps to fit 60 columns, numbers right-aligned', () => {
    const out = renderRows(rows, fields, { format: 'table', isTTY: true, width: 60 });
    expect(out).toBe(
      [
        'ID        QUOTE                                       TONNES',
        'karabas   Initial estimates suggest the Karabas      250,000',
        '          site holds more than 250,000 tons of',
        '          copper',
        'syrymbet  tin reserves now stand at 286,000 tons     286,000',
        '',
      ].join('\n'),
    );
    for (const line of out.split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
  });

  it('in a pipe, nothing is wrapped and headers are kept', () => {
    const out = renderRows(rows, fields, { format: 'table', isTTY: false, width: 60 });
    expect(out.split('\n')[1]).toBe(
      'karabas   Initial estimates suggest the Karabas site holds more than 250,000 tons of copper  250,000',
    );
  });
});

describe('number formatting', () => {
  it('groups thousands exactly as en-US toLocaleString does, without loading ICU', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer(),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.constantFrom(0, -0, 250000, 6.7, 1e21, 1e-7, -1234567.5),
        ),
        (n) => {
          expect(num(n)).toBe(n.toLocaleString('en-US', { maximumFractionDigits: 20 }));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('figures with bars (metal show)', () => {
  const q = (value: number, unit: Quantity['unit'], extra: Partial<Quantity> = {}): Quantity =>
    ({ value, unit, bound: 'exact', ...extra }) as Quantity;

  it('bar: a tenth a block, at least one block above zero, clamped', () => {
    expect([bar(0), bar(0.01), bar(0.2), bar(0.55), bar(1), bar(3), bar(-1)]).toEqual([
      '░░░░░░░░░░',
      '█░░░░░░░░░',
      '██░░░░░░░░',
      '██████░░░░',
      '██████████',
      '██████████',
      '░░░░░░░░░░',
    ]);
  });

  it('aligns values, bars shares against the whole and amounts against the largest of their dimension', () => {
    expect(
      figureLines([
        { about: 'erg', property: 'market-share', quantity: q(0.2, 'fraction'), sources: 'a' },
        { about: 'plant-a', property: 'capacity', quantity: q(15, 't/yr'), sources: 'a' },
        {
          about: 'plant-b',
          property: 'capacity',
          quantity: q(60, 't/yr', { bound: 'up-to' }),
          sources: 'b',
        },
        { about: 'kazakhstan', property: 'rank', quantity: q(2, 'rank'), sources: 'a, b' },
      ]),
    ).toEqual([
      'erg         market-share  0.2 (20%)  ██░░░░░░░░  (a)',
      'plant-a     capacity        15 t/yr  ███░░░░░░░  (a)',
      'plant-b     capacity      ≤ 60 t/yr  ██████████  (b)',
      'kazakhstan  rank                 #2              (a, b)',
    ]);
  });

  it("the gallium page shows ERG's share of the world market as a bar", async () => {
    const out = (await run(['metal', 'show', 'gallium'])).stdout;
    expect(out).toContain(
      '\nFigures elsewhere (7)\n  erg          market-share  0.2 (20%)  ██░░░░░░░░  (erg-not-for-sale)\n',
    );
    // a figure's modality and what it is among follow the bar
    expect(out).toContain(
      '\n  erg-gallium  capacity        15 t/yr  ██████████  (planned)  (gate-kazakhstan-bets-big)\n',
    );
    expect(out).toContain(
      '\n  kazakhstan   rank                 #2              among gallium producers worldwide (possible)  (mntv-gallium-market)\n',
    );
  });
});

describe('table layout', () => {
  beforeAll(() => prepareFormat('table'));

  it('is what cli-table3 makes of the same lines and widths', async () => {
    const { default: Table } = await import('cli-table3');
    const cli = (rows: string[][], widths: number[], aligns: Array<'left' | 'right'>) => {
      const empty = Object.fromEntries(
        ['top', 'top-mid', 'top-left', 'top-right', 'bottom', 'bottom-mid', 'bottom-left']
          .concat(['bottom-right', 'left', 'left-mid', 'mid', 'mid-mid', 'right', 'right-mid'])
          .map((k) => [k, '']),
      );
      const t = new Table({
        head: [],
        chars: { ...empty, middle: '  ' },
        style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
        colAligns: aligns,
        colWidths: widths,
        wordWrap: false,
      });
      t.push(...rows);
      if (t.length === 0) return '';
      return `${t
        .toString()
        .split('\n')
        .map((l) => l.trimEnd())
        .join('\n')}\n`;
    };
    // narrow and wide letters, emoji, combining marks, the search's marks, spaces at the ends
    const cell = fc
      .array(fc.constantFrom('a', 'Z', '7', ' ', '-', 'é', 'ж', '«', '»', '…', '—', '漢', '😀'), {
        maxLength: 8,
      })
      .map((cs) => cs.join(''));
    const table = fc.integer({ min: 1, max: 4 }).chain((columns) =>
      fc.record({
        rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), {
          maxLength: 4,
        }),
        widths: fc.array(fc.integer({ min: 0, max: 10 }), {
          minLength: columns,
          maxLength: columns,
        }),
        aligns: fc.array(fc.constantFrom<'left' | 'right'>('left', 'right'), {
          minLength: columns,
          maxLength: columns,
        }),
      }),
    );
    fc.assert(
      fc.property(table, ({ rows, widths, aligns }) => {
        expect(layOut(rows, widths, aligns)).toBe(cli(rows, widths, aligns));
      }),
      { numRuns: 500, seed: 20261202 },
    );
    // combining marks: width 0 to cli-table3
    expect(layOut([['e\u0301', 'x']], [3, 1], ['left', 'left'])).toBe(
      cli([['e\u0301', 'x']], [3, 1], ['left', 'left']),
    );
  });
});

describe('csv and tsv cells a spreadsheet could run (OWASP CSV injection)', () => {
  it('a cell that starts like a formula gets a leading quote; a number keeps its sign', () => {
    // [cell, as csv writes it]
    const cases: Array<[string, string]> = [
      ['=1+1', "'=1+1"],
      ['+cmd', "'+cmd"],
      ['-x', "'-x"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tx', "'\tx"],
      ['=a,b', '"\'=a,b"'],
      ['-5', '-5'],
      ['+3', '+3'],
      ['-0.25', '-0.25'],
      ['-1e3', '-1e3'],
      ['2024-2028', '2024-2028'],
      ['ok', 'ok'],
    ];
    expect(cases.map(([cell]) => [cell, csvCell(cell)])).toEqual(cases);
  });

  it('the list commands print such cells defused in csv and tsv, as they are in json', async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'places.yaml'),
      `- id: evil
  kind: country
  name: '=HYPERLINK("http://x.example","click")'
  aliases: ['@SUM(1+1)', '-5']
`,
    );
    const args = ['countries', '--fields', 'id,name,aliases', '--data', dir, '--no-cache'];
    expect((await run([...args, '--format', 'csv'])).stdout).toBe(
      'id,name,aliases\r\nevil,"\'=HYPERLINK(""http://x.example"",""click"")",\'@SUM(1+1); -5\r\n',
    );
    expect((await run([...args, '--format', 'tsv'])).stdout).toBe(
      'id\tname\taliases\nevil\t\'=HYPERLINK("http://x.example","click")\t\'@SUM(1+1); -5\n',
    );
    expect(JSON.parse((await run([...args, '--json'])).stdout)).toEqual([
      { id: 'evil', name: '=HYPERLINK("http://x.example","click")', aliases: ['@SUM(1+1)', '-5'] },
    ]);
  });
});
