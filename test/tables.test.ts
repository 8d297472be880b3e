// Tables that fit: the width a table takes (the terminal's, else $COLUMNS, else 80; a pipe's is
// unlimited), columns never cut (ids, numbers, dates, citation markers) and free text wrapped,
// columns dropped (empty, or fixed by a filter), the pager, --color, and report on a terminal.
// In-process, with the terminal's size and the pager given through the io; the pty test of the
// built CLI is test/pty.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Column, fitWidths, width, wrapCell } from '../src/render/fit.js';
import { cutOf, fixedColumns } from '../src/render/output.js';
import { pagerCommand, runPager, screenLines } from '../src/util/pager.js';
import { FIXTURES, run, tempDir } from './helpers.js';
import fs from 'node:fs';
import path from 'node:path';

const data = ['--data', path.join(FIXTURES, 'tables-wide')];
const lines = (...l: string[]) => `${l.join('\n')}\n`;
const term = (columns: number) => ({ tty: true, columns });

describe('a table on a terminal fits its width', () => {
  it('at 60 columns: ids, types and figures whole or broken after a hyphen, free text wrapped', async () => {
    const r = await run(['deals', ...data], term(60));
    expect(r.stdout).toBe(
      lines(
        'ID          NAME      TYPE       STATUS  PARTIES   VALUE',
        'northwind-  Northwin  offtake    signed  Northwin  1.25',
        'ostara-     d-                           d Mining  billion',
        'offtake     Ostara                       (supplie  USD',
        '            copper                       r),',
        '            concentr                     Ostara',
        '            ate                          Trading',
        '            offtake                      (offtake',
        '            agreemen                     r)',
        '            t',
        'birch-      Birch     joint-     signed  Ministry  40',
        'joint-      rare      venture            of Mines  million',
        'venture     earth                        (partner  USD',
        '            joint                        ),        (planned)',
        '            venture                      Northwin  ;',
        '                                         d Mining  > 250,000',
        '                                         (partner  USD',
        '                                         )',
        'cedar-      Cedar     agreement  signed  Freedoni',
        'royalty     royalty                      an',
        '                                         Copper',
        '                                         Holdings',
        '                                         (seller)',
        '                                         , Ostara',
        '                                         Trading',
        '                                         (buyer)',
      ),
    );
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
  });

  it('at 80 columns: words whole; only the id that must breaks, after a hyphen', async () => {
    expect((await run(['deals', ...data], term(80))).stdout).toBe(
      lines(
        'ID                   NAME         TYPE           STATUS  PARTIES      VALUE',
        'northwind-ostara-    Northwind-   offtake        signed  Northwind    1.25',
        'offtake              Ostara                              Mining       billion',
        '                     copper                              (supplier),  USD',
        '                     concentrate                         Ostara',
        '                     offtake                             Trading',
        '                     agreement                           (offtaker)',
        'birch-joint-venture  Birch rare   joint-venture  signed  Ministry of  40 million',
        '                     earth joint                         Mines        USD',
        '                     venture                             (partner),   (planned);',
        '                                                         Northwind    > 250,000',
        '                                                         Mining       USD',
        '                                                         (partner)',
        'cedar-royalty        Cedar        agreement      signed  Freedonian',
        '                     royalty                             Copper',
        '                                                         Holdings',
        '                                                         (seller),',
        '                                                         Ostara',
        '                                                         Trading',
        '                                                         (buyer)',
      ),
    );
  });

  it('at 200 columns: only the widest free text wraps', async () => {
    expect((await run(['deals', ...data], term(200))).stdout).toBe(
      lines(
        'ID                        NAME                                                   TYPE           STATUS  PARTIES                                                  VALUE',
        'northwind-ostara-offtake  Northwind-Ostara copper concentrate offtake agreement  offtake        signed  Northwind Mining (supplier), Ostara Trading (offtaker)   1.25 billion USD',
        'birch-joint-venture       Birch rare earth joint venture                         joint-venture  signed  Ministry of Mines (partner), Northwind Mining (partner)  40 million USD (planned); > 250,000 USD',
        'cedar-royalty             Cedar royalty                                          agreement      signed  Freedonian Copper Holdings (seller), Ostara Trading',
        '                                                                                                        (buyer)',
      ),
    );
  });

  const quotes = [
    '',
    '[1] "The offtake agreement is worth 1.25 billion dollars over ten years." — freedonia-wire-service',
    '[2] "The Ministry of Mines will contribute 40 million dollars to the Birch joint venture." — official-gazette-2025',
    '[3] "Ostara Trading offered more than 250,000 dollars for a stake in the Birch joint venture" — freedonia-wire-service',
  ];

  it('dates, sources and citation markers are never cut (facts --cite at 60, 80, 200)', async () => {
    const at = async (columns: number) =>
      (await run(['facts', '--cite', ...data], term(columns))).stdout;
    expect(await at(60)).toBe(
      lines(
        'ID          KIND  PROPERTY    VALUE      WHEN       SOURCE      CITES',
        'northwind-  deal  deal-value  1.25       2024-05    freedonia-  [1]',
        'ostara-                       billion               wire-',
        'offtake                       USD                   service',
        'birch-      deal  investment  40         2025–2027  official-   [2]',
        'joint-                        million               gazette-',
        'venture                       USD                   2025',
        '                              (planned)',
        'birch-      deal  offer-      > 250,000             freedonia-  [3]',
        'joint-            value       USD                   wire-',
        'venture                                             service',
        ...quotes,
      ),
    );
    expect(await at(80)).toBe(
      lines(
        'ID              KIND  PROPERTY     VALUE       WHEN       SOURCE           CITES',
        'northwind-      deal  deal-value   1.25        2024-05    freedonia-wire-  [1]',
        'ostara-offtake                     billion                service',
        '                                   USD',
        'birch-joint-    deal  investment   40 million  2025–2027  official-        [2]',
        'venture                            USD                    gazette-2025',
        '                                   (planned)',
        'birch-joint-    deal  offer-value  > 250,000              freedonia-wire-  [3]',
        'venture                            USD                    service',
        ...quotes,
      ),
    );
    expect(await at(200)).toBe(
      lines(
        'ID                        KIND  PROPERTY     VALUE                     WHEN       SOURCE                  CITES',
        'northwind-ostara-offtake  deal  deal-value   1.25 billion USD          2024-05    freedonia-wire-service  [1]',
        'birch-joint-venture       deal  investment   40 million USD (planned)  2025–2027  official-gazette-2025   [2]',
        'birch-joint-venture       deal  offer-value  > 250,000 USD                        freedonia-wire-service  [3]',
        ...quotes,
      ),
    );
  });

  it('takes its width from the terminal, else $COLUMNS, else 80', async () => {
    const first = async (opts: Parameters<typeof run>[1]) =>
      (await run(['deals', ...data], opts)).stdout.split('\n')[0];
    const at80 = 'ID                   NAME         TYPE           STATUS  PARTIES      VALUE';
    // the terminal's own width wins over $COLUMNS
    expect(await first({ tty: true, columns: 80, env: { COLUMNS: '200' } })).toBe(at80);
    // no width from the terminal: $COLUMNS, else 80
    expect(await first({ tty: true, env: { COLUMNS: '80' } })).toBe(at80);
    expect(await first({ tty: true, env: { COLUMNS: undefined } })).toBe(at80);
    expect(await first({ tty: true, env: { COLUMNS: 'wide' } })).toBe(at80);
  });

  it('in a pipe is as wide as its cells, whatever the width, and nothing wraps', async () => {
    for (const env of [{ COLUMNS: '40' }, { COLUMNS: undefined }]) {
      const r = await run(['deals', ...data], { env, columns: 40 });
      expect(r.stdout.split('\n')).toHaveLength(5);
      expect(r.stdout).toContain('Freedonian Copper Holdings (seller), Ostara Trading (buyer)\n');
    }
  });
});

describe('columns a table leaves out', () => {
  it('a column empty in every row: not in the table, but in csv and with --fields', async () => {
    const args = ['deals', '--party', 'freedonian-copper', ...data];
    expect((await run(args)).stdout).toBe(
      lines(
        'ID             NAME           TYPE       STATUS  PARTIES',
        'cedar-royalty  Cedar royalty  agreement  signed  Freedonian Copper Holdings (seller), Ostara Trading (buyer)',
      ),
    );
    expect((await run([...args, '--format', 'csv'])).stdout.split('\r\n')[0]).toBe(
      'id,name,type,status,parties,value,value_usd',
    );
    expect((await run([...args, '--fields', 'id,value'])).stdout).toBe(
      lines('ID             VALUE', 'cedar-royalty'),
    );
    // facts: no claim has a commodity
    expect((await run(['facts', ...data])).stdout.split('\n')[0]).toBe(
      'ID                        KIND  PROPERTY     VALUE                     WHEN       SOURCE',
    );
  });

  it('a column a filter fixed, when two or more rows share its value', async () => {
    // STATUS is the same in every row without a filter too: it stays
    expect((await run(['deals', ...data])).stdout.split('\n')[0]).toMatch(/ STATUS /);
    expect((await run(['deals', '--status', 'signed', ...data])).stdout).toBe(
      lines(
        'ID                        NAME                                                   TYPE           PARTIES                                                      VALUE',
        'northwind-ostara-offtake  Northwind-Ostara copper concentrate offtake agreement  offtake        Northwind Mining (supplier), Ostara Trading (offtaker)       1.25 billion USD',
        'birch-joint-venture       Birch rare earth joint venture                         joint-venture  Ministry of Mines (partner), Northwind Mining (partner)      40 million USD (planned); > 250,000 USD',
        'cedar-royalty             Cedar royalty                                          agreement      Freedonian Copper Holdings (seller), Ostara Trading (buyer)',
      ),
    );
    // --about fixes the record's columns: ID and KIND go
    expect((await run(['facts', '--about', 'birch-joint-venture', ...data])).stdout).toBe(
      lines(
        'PROPERTY     VALUE                     WHEN       SOURCE',
        'investment   40 million USD (planned)  2025–2027  official-gazette-2025',
        'offer-value  > 250,000 USD                        freedonia-wire-service',
      ),
    );
    // --type company: TYPE goes from the companies
    expect((await run(['companies', '--type', 'company', ...data])).stdout).toBe(
      lines(
        'ID                 NAME                        COUNTRY',
        'northwind          Northwind Mining            Freedonia',
        'ostara             Ostara Trading',
        'freedonian-copper  Freedonian Copper Holdings  Freedonia',
      ),
    );
  });

  it('keeps a fixed column with one row, when named with --fields, and in csv', async () => {
    const one = await run(['deals', '--status', 'signed', '--limit', '1', ...data]);
    expect(one.stdout.split('\n')[0]).toMatch(/ STATUS /);
    expect(
      (await run(['deals', '--status', 'signed', '--fields', 'id,status', ...data])).stdout,
    ).toBe(
      lines(
        'ID                        STATUS',
        'northwind-ostara-offtake  signed',
        'birch-joint-venture       signed',
        'cedar-royalty             signed',
      ),
    );
    expect(
      (await run(['deals', '--status', 'signed', '--format', 'tsv', ...data])).stdout.split(
        '\n',
      )[0],
    ).toBe('id\tname\ttype\tstatus\tparties\tvalue\tvalue_usd');
  });

  it('an empty list keeps its headers', async () => {
    expect((await run(['deals', '--status', 'denied', ...data])).stdout).toBe(
      lines('ID  NAME  TYPE  STATUS  PARTIES  VALUE'),
    );
  });

  it('knows which columns each filter fixes', () => {
    expect([
      ...fixedColumns({ status: 'signed', format: 'table', limit: 3, cite: true, saidBy: 'x' }),
    ]).toEqual(['status', 'said_by']);
    expect([...fixedColumns({ about: 'x', metal: undefined })]).toEqual([
      'about',
      'id',
      'record',
      'subject',
      'name',
      'kind',
      'subject_kind',
    ]);
    expect([...fixedColumns({ metal: 'copper', inferred: false })]).toEqual([
      'commodity',
      'commodities',
      'inferred',
    ]);
  });
});

describe('how a column may be narrowed', () => {
  it('ids, dates, numbers, sources and markers are never cut; other text wraps', () => {
    for (const name of ['id', 'when', 'date', 'signed', 'source', 'sources', 'cites', 'status'])
      expect(cutOf({ name }), name).toBe('never');
    expect(cutOf({ name: 'tonnes', align: 'right' })).toBe('never');
    for (const name of ['name', 'description', 'value', 'parties', 'figures', 'text'])
      expect(cutOf({ name }), name).toBe('wrap');
    expect(cutOf({ name: 'name', cut: 'never' })).toBe('never');
  });

  it('wraps free text at spaces, keeps a sign with its number, and loses nothing', () => {
    expect(wrapCell('more than > 250,000 t of copper', 12, 'wrap')).toEqual([
      'more than',
      '> 250,000 t',
      'of copper',
    ]);
    expect(wrapCell('a takeover-offer', 10, 'wrap')).toEqual(['a', 'takeover-', 'offer']);
    expect(wrapCell('Supercalifragilistic', 8, 'wrap')).toEqual(['Supercal', 'ifragili', 'stic']);
    // a word with a digit is never broken, even in a column too narrow for it
    expect(wrapCell('in 2024-2028', 6, 'wrap')).toEqual(['in', '2024-2028']);
  });

  it('keeps each item of a never-cut cell whole, breaking between items', () => {
    expect(wrapCell('copper, molybdenum, lead', 12, 'never')).toEqual([
      'copper,',
      'molybdenum,',
      'lead',
    ]);
    expect(wrapCell('[1][2][13]', 7, 'never')).toEqual(['[1][2]', '[13]']);
    expect(wrapCell('since 2012', 6, 'never')).toEqual(['since 2012']);
    // the last resort: after a hyphen
    expect(wrapCell('kazakhstan-maritime-house', 20, 'never')).toEqual([
      'kazakhstan-maritime-',
      'house',
    ]);
  });

  const text = fc
    .array(fc.constantFrom('a', 'b', 'é', '-', ' ', '1', ',', ';', '>', '[', ']', '中'), {
      maxLength: 60,
    })
    .map((a) => a.join(''));

  it('loses no character, and keeps within the width a column was fitted to', () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 5 }),
        fc.constantFrom<'never' | 'wrap'>('never', 'wrap'),
        fc.integer({ min: 1, max: 80 }),
        (cells, cut, space) => {
          const column: Column = { head: 'HEAD', cells, cut };
          const [w] = fitWidths([column], space);
          for (const cell of cells) {
            const out = wrapCell(cell, w!, cut);
            // nothing is lost: the cell without its spaces is the lines without theirs
            expect(out.join('').replace(/ /g, '')).toBe(cell.replace(/ /g, ''));
            for (const line of out) expect(width(line)).toBeLessThanOrEqual(w!);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the pager', () => {
  const pager = () => {
    const calls: Array<[string, string]> = [];
    return {
      calls,
      page: async (text: string, command: string) => {
        calls.push([text, command]);
        return true;
      },
    };
  };

  it('takes output longer than the terminal on a terminal, through less -FRX by default', async () => {
    const p = pager();
    const r = await run(['deals', ...data], { ...term(80), rows: 10, page: p.page });
    expect(r.stdout).toBe('');
    expect(p.calls).toHaveLength(1);
    expect(p.calls[0]![1]).toBe('less -FRX');
    expect(p.calls[0]![0]).toMatch(/^ID {19}NAME/);
  });

  it('not output that fits, nor with --no-pager, in a pipe, or with MINERALS_PAGER empty or cat', async () => {
    for (const [args, opts] of [
      [['deals'], { ...term(80), rows: 40 }],
      [['deals', '--no-pager'], { ...term(80), rows: 10 }],
      [['--no-pager', 'deals'], { ...term(80), rows: 10 }],
      [['deals'], { rows: 10 }],
      [['deals'], { ...term(80), rows: 10, env: { MINERALS_PAGER: '' } }],
      [['deals'], { ...term(80), rows: 10, env: { MINERALS_PAGER: 'cat', PAGER: 'more' } }],
    ] as const) {
      const p = pager();
      const r = await run([...args, ...data], { ...opts, page: p.page });
      expect(p.calls, args.join(' ')).toEqual([]);
      expect(r.stdout).toMatch(/^ID /);
    }
  });

  it('is MINERALS_PAGER, else PAGER', async () => {
    const p = pager();
    await run(['deals', ...data], { ...term(80), rows: 5, page: p.page, env: { PAGER: 'more' } });
    await run(['deals', ...data], {
      ...term(80),
      rows: 5,
      page: p.page,
      env: { PAGER: 'more', MINERALS_PAGER: 'less -S' },
    });
    expect(p.calls.map((c) => c[1])).toEqual(['more', 'less -S']);
    expect(pagerCommand({})).toBe('less -FRX');
  });

  it('pages help and errors go to stderr; a pager that cannot start leaves the output printed', async () => {
    const r = await run(['deals', ...data], {
      ...term(80),
      rows: 5,
      page: async () => false,
    });
    expect(r.stdout).toMatch(/^ID {19}NAME/);
    const p = pager();
    const bad = await run(['deals', '--status', 'nonsense', ...data], {
      ...term(80),
      rows: 1,
      page: p.page,
    });
    expect([bad.code, bad.stdout, p.calls]).toEqual([2, '', []]);
    expect(bad.stderr).toMatch(/^minerals: /);
  });

  it('counts the lines a long line takes on the terminal', () => {
    expect(screenLines('ab\n\nabcdef\n', 4)).toBe(4);
    expect(screenLines('', 80)).toBe(0);
  });

  it('runs a real pager: the text on its input; a reader that quits early is no error', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'paged.txt');
    expect(await runPager('one\ntwo\n', `cat > ${JSON.stringify(file)}`, process.env)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe('one\ntwo\n');
    // quits without reading a megabyte: EPIPE, swallowed
    expect(await runPager('x'.repeat(1 << 20), 'true', process.env)).toBe(true);
    // not found: false, so that the caller prints the text itself
    expect(await runPager('text', 'no-such-pager-minerals', process.env)).toBe(false);
    expect(await runPager('text', 'no-such-pager-minerals "$HOME"', process.env)).toBe(false);
  });
});

describe('--color', () => {
  const ESC = '\u001b[';
  const show = ['deal', 'show', 'cedar-royalty', ...data];

  it('always, never and auto; the flag wins over NO_COLOR and FORCE_COLOR', async () => {
    // the test environment sets NO_COLOR
    expect((await run(['--color', 'always', ...show])).stdout).toContain(`${ESC}1mCedar royalty`);
    expect((await run([...show, '--color=always'])).stdout).toContain(ESC);
    const forced = { env: { NO_COLOR: undefined, FORCE_COLOR: '1' }, tty: true };
    expect((await run(['--color', 'never', ...show], forced)).stdout).not.toContain(ESC);
    expect((await run(['--no-color', ...show], forced)).stdout).not.toContain(ESC);
    // auto: the environment, then the terminal
    expect((await run(['--color', 'auto', ...show], forced)).stdout).toContain(ESC);
    expect((await run(['--color', 'auto', ...show], { tty: true })).stdout).not.toContain(ESC);
    const plain = { env: { NO_COLOR: undefined }, tty: true };
    expect((await run(['--color', 'auto', ...show], plain)).stdout).toContain(ESC);
    expect(
      (await run(['--color', 'auto', ...show], { env: { NO_COLOR: undefined } })).stdout,
    ).not.toContain(ESC);
  });

  it('the last of --color and --no-color wins; a bad value is a usage error', async () => {
    expect((await run(['--no-color', '--color', 'always', ...show])).stdout).toContain(ESC);
    expect((await run(['--color', 'always', '--no-color', ...show])).stdout).not.toContain(ESC);
    const r = await run(['--color', 'sometimes', ...show]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^minerals: .*--color.*sometimes/);
  });
});

describe('report on a terminal', () => {
  it('refuses to write HTML to a terminal, and says how (exit 2)', async () => {
    expect(await run(['report', ...data], { tty: true })).toEqual({
      stdout: '',
      stderr:
        'minerals: report: will not write HTML to a terminal; write it to a file with `minerals report --out FILE`, or pipe it: `minerals report > FILE`\n',
      code: 2,
    });
  });

  it('writes it with --out, or into a pipe', async () => {
    const out = path.join(tempDir(), 'r.html');
    const r = await run(['report', '--out', out, ...data], { tty: true });
    expect([r.code, r.stdout]).toEqual([0, '']);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/i);
    expect((await run(['report', ...data])).stdout).toMatch(/^<!doctype html>/i);
  });
});
