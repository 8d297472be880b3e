// Figures as data, sorting, --where and repeatable filters, on a base with figures in several
// scales, units and bounds (test/fixtures/query-figures). Every expected output is written by hand.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, run } from './helpers.js';

const data = ['--data', path.join(FIXTURES, 'query-figures')];
const ids = async (...args: string[]) =>
  (await run([...args, ...data, '--fields', 'id', '--format', 'tsv', '--no-headers'])).stdout
    .split('\n')
    .filter((l) => l !== '');

describe('--sort on figures and dates', () => {
  it('sorts by the base value across scales and bounds, rows without a value last both ways', async () => {
    // alpha > 1.2e9, delta up to 1e9 (the value written), bravo 8e8, foxtrot 1e8-3e8 (its low
    // end), charlie 50,000 thousand = 5e7, echo none
    expect(await ids('projects', '--sort', '-investment')).toEqual([
      'alpha',
      'delta',
      'bravo',
      'foxtrot',
      'charlie',
      'echo',
    ]);
    expect(await ids('projects', '--sort', 'investment')).toEqual([
      'charlie',
      'foxtrot',
      'bravo',
      'delta',
      'alpha',
      'echo',
    ]);
    // 2 million t/yr, 500,000 t/yr, 15 t/yr; three without a capacity, last, in base order
    expect(await ids('projects', '--sort', '-capacity')).toEqual([
      'alpha',
      'bravo',
      'charlie',
      'delta',
      'echo',
      'foxtrot',
    ]);
  });

  it('sorts dates with the part of a year honoured: late 2025 after May 2025', async () => {
    const r = await run([
      'facts',
      ...data,
      '--property',
      'start-date',
      '--sort',
      'date',
      '--fields',
      'id,value',
    ]);
    expect(r.stdout).toBe(
      ['ID     VALUE', 'bravo  2025-05', 'alpha  late 2025 (planned)', ''].join('\n'),
    );
  });
});

describe('figures as data', () => {
  it('JSON carries each figure as the quantity facts gives, with modality, when and sources', async () => {
    const r = await run([
      'projects',
      ...data,
      '--json',
      '--fields',
      'id,investment',
      '--limit',
      '1',
    ]);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        id: 'alpha',
        investment: [
          {
            property: 'investment',
            commodity: null,
            quantity: {
              value: 1.2,
              scale: 'billion',
              unit: 'USD',
              bound: 'more-than',
              base: { unit: 'USD', value: 1200000000 },
            },
            modality: 'planned',
            when: null,
            sources: ['news'],
          },
        ],
      },
    ]);
  });

  it('csv gives the display form and, beside it, the base value as a plain number', async () => {
    const r = await run([
      'projects',
      ...data,
      '--format',
      'csv',
      '--fields',
      'id,investment,investment_usd,capacity,capacity_base',
    ]);
    expect(r.stdout).toBe(
      [
        'id,investment,investment_usd,capacity,capacity_base',
        'alpha,> 1.2 billion USD (planned),1200000000,2 million t/yr (planned),2000000',
        'bravo,800 million USD,800000000,"500,000 t/yr",500000',
        'charlie,"50,000 thousand USD",50000000,15 t/yr (possible),15',
        'delta,≤ 1 billion USD (planned),1000000000,,',
        'echo,,,,',
        'foxtrot,100–300 million USD (planned),100000000,,',
        '',
      ].join('\r\n'),
    );
    // the base-value column is csv and tsv only: JSON has the structured figures instead
    const json = JSON.parse((await run(['projects', ...data, '--json'])).stdout) as object[];
    expect(Object.keys(json[0]!)).not.toContain('investment_usd');
  });

  it('dates are one object shape in list JSON, words in tables and csv', async () => {
    const r = await run([
      'deals',
      '--json',
      '--fields',
      'id,signed',
      '--status',
      'signed,completed',
    ]);
    expect(JSON.parse(r.stdout)).toEqual([
      { id: 'erg-mitsubishi', signed: null },
      { id: 'erg-buyout-2013', signed: { on: '2013', precision: 'year' } },
      {
        id: 'c29-bask',
        signed: {
          on: '2025-05',
          inferred: true,
          reason:
            '"In May", in a text written in 2025 (it reports the AMM-2025 forum and expects an assessment by late 2025); read as May of that year.',
          precision: 'month',
        },
      },
      { id: 'kazakhstan-hms-bergbau', signed: null },
      { id: 'kazakhstan-maritime-house', signed: null },
      { id: 'kazakhstan-cove-capital', signed: null },
    ]);
    expect(
      (await run(['deals', '--format', 'csv', '--fields', 'id,signed', '--status', 'completed']))
        .stdout,
    ).toBe('id,signed\r\nerg-buyout-2013,2013\r\n');
  });
});

describe('--where', () => {
  it('compares figures in any scale and unit, honouring bounds conservatively', async () => {
    // delta is "up to 1 billion": not every value it allows is >= 1e9
    expect(await ids('projects', '--where', 'investment>=1e9')).toEqual(['alpha']);
    expect(await ids('projects', '--where', 'investment >= 1 billion USD')).toEqual(['alpha']);
    // "more than 1.2 billion" meets "> 1.2 billion"; "up to 1 billion" meets "<= 1e9"
    expect(await ids('projects', '--where', 'investment>1.2 billion')).toEqual(['alpha']);
    expect(await ids('projects', '--where', 'investment<=1e9')).toEqual([
      'bravo',
      'charlie',
      'delta',
      'foxtrot',
    ]);
    expect(await ids('projects', '--where', 'investment<1 billion')).toEqual([
      'bravo',
      'charlie',
      'foxtrot',
    ]);
    expect(await ids('projects', '--where', 'investment=800 million USD')).toEqual(['bravo']);
    expect(await ids('projects', '--where', 'investment!=800 million USD')).toEqual([
      'alpha',
      'charlie',
      'foxtrot',
    ]);
    expect(await ids('projects', '--where', 'capacity>=1 Mt/yr')).toEqual(['alpha']);
    expect(await ids('projects', '--where', 'capacity>=500 kt/yr')).toEqual(['alpha', 'bravo']);
    // a unit of another dimension of the property (t, not t/yr) meets only figures in it
    expect(await ids('projects', '--where', 'capacity>=1 t')).toEqual([]);
  });

  it('is repeatable and ANDed, and works on facts and on dates', async () => {
    expect(
      await ids('projects', '--where', 'investment>=5e8', '--where', 'capacity<1 Mt/yr'),
    ).toEqual(['bravo']);
    const facts = await run([
      'facts',
      ...data,
      '--where',
      'date>=2025-06',
      '--fields',
      'id,property,value',
    ]);
    expect(facts.stdout).toBe(
      ['ID     PROPERTY    VALUE', 'alpha  start-date  late 2025 (planned)', ''].join('\n'),
    );
  });

  it('a condition that cannot be read is a usage error (exit 2) saying why', async () => {
    const err = async (cond: string) => {
      const r = await run(['projects', ...data, '--where', cond]);
      return [r.code, r.stdout, r.stderr];
    };
    expect(await err('investment>=1 billion t')).toEqual([
      2,
      '',
      'minerals: --where "investment>=1 billion t": unit t does not fit investment; investment takes USD\n',
    ]);
    expect(await err('investment>=1 billion furlongs')).toEqual([
      2,
      '',
      'minerals: --where "investment>=1 billion furlongs": no unit "furlongs"; investment takes USD\n',
    ]);
    expect(await err('investmnt>1')).toEqual([
      2,
      '',
      'minerals: --where "investmnt>1": no property "investmnt" (did you mean investment?)\n',
    ]);
    expect(await err('status=signed')).toEqual([
      2,
      '',
      'minerals: --where "status=signed": status holds a text, not a number; --where compares numbers and dates\n',
    ]);
    expect(await err('investment')).toEqual([
      2,
      '',
      'minerals: --where "investment": write PROPERTY OP VALUE with OP one of = != < <= > >= ("investment>=1 billion USD", "date>=2026")\n',
    ]);
    expect(await err('date>=2026-13')).toEqual([
      2,
      '',
      'minerals: --where "date>=2026-13": a date is YYYY, YYYY-MM or YYYY-MM-DD, not "2026-13"\n',
    ]);
  });
});

describe('filters', () => {
  it('are repeatable and take comma lists: values ORed, filters ANDed; vocabularies in any case', async () => {
    expect(await ids('projects', '--status', 'announced', '--status', 'operating')).toEqual([
      'bravo',
      'charlie',
      'delta',
      'foxtrot',
    ]);
    expect(await ids('projects', '--status', 'ANNOUNCED,Operating')).toEqual(
      await ids('projects', '--status', 'announced', '--status', 'operating'),
    );
    expect(await ids('projects', '--status', 'announced', '--type', 'SMELTER,mine')).toEqual([
      'bravo',
      'foxtrot',
    ]);
    expect(await ids('projects', '--modality', 'possible')).toEqual(['charlie']);
    const bad = await run(['projects', ...data, '--type', 'factory']);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'minerals: --type must be one of plant, smelter, refinery, mine, exploration, programme, other, not "factory"\n',
    ]);
  });

  it('facts and timeline take --kind (repeatable, any case); timeline --inferred and --no-inferred', async () => {
    const tsv = async (...a: string[]) =>
      (await run([...a, '--format', 'tsv', '--no-headers'])).stdout;
    expect(
      await tsv('facts', '--kind', 'SOURCE,country', '--property', 'location', '--fields', 'id'),
    ).toBe('erg-not-for-sale\nmntv-gallium-market\n');
    expect(await tsv('timeline', '--kind', 'deal', '--inferred', '--fields', 'date,id')).toBe(
      '2025-05\tc29-bask\n2025-05\tc29-bask\n',
    );
    expect(await tsv('timeline', '--kind', 'deal', '--no-inferred', '--fields', 'date,id')).toBe(
      '2013\terg-buyout-2013\n2013\terg-buyout-2013\n',
    );
  });

  it('search --kind and --field, timeline --origin and countries --kind filter by their columns', async () => {
    const tsv = async (...a: string[]) =>
      (await run([...a, '--format', 'tsv', '--no-headers'])).stdout;
    expect(
      await tsv(
        'search',
        'gallium',
        '--kind',
        'project,DEAL',
        '--field',
        'name',
        '--fields',
        'rank,id',
      ),
    ).toBe('1\terg-gallium\n2\terg-mitsubishi\n');
    expect(await tsv('timeline', '--origin', 'signed,period', '--fields', 'date,id')).toBe(
      '2013\terg-buyout-2013\n2024–2028\trare-metals-plan-2024-2028\n2025-05\tc29-bask\n',
    );
    expect((await tsv('countries', '--kind', 'Country', '--fields', 'id')).split('\n')[0]).toBe(
      'kazakhstan',
    );
    expect(await tsv('countries', '--kind', 'region', '--country', 'china', '--fields', 'id')).toBe(
      '',
    );
  });

  it('--metal copper --metal tin and --metal copper,tin keep both (the shipped base)', async () => {
    const deposits = async (...a: string[]) =>
      (await run(['deposits', ...a, '--fields', 'id', '--format', 'tsv', '--no-headers'])).stdout;
    expect(await deposits('--metal', 'copper', '--metal', 'tin')).toBe('karabas\nsyrymbet\n');
    expect(await deposits('--metal', 'copper,tin')).toBe('karabas\nsyrymbet\n');
    expect(await deposits('--metal', 'tin')).toBe('syrymbet\n');
    expect(
      (await run(['policies', '--type', 'Export-Control', '--fields', 'id', '--format', 'tsv']))
        .stdout,
    ).toBe('id\nchina-gallium-ban-us\nchina-export-controls\n');
  });
});
