// Query commands on a small fixture and on the shipped data: resolution rules with their exit
// codes, filters, formats, fields, sort and limit, show pages, and the JSON value contract.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FactIndex } from '../src/query/facts.js';
import { resolve } from '../src/query/resolve.js';
import { quantityJson, quantityText } from '../src/query/values.js';
import { FIXTURES, run, validateDir } from './helpers.js';

const groups = path.join(FIXTURES, 'query-groups');
const q = (args: string[]) => run([...args, '--data', groups]);

/** jq ARGS on INPUT: its output, having exited 0. */
function jq(args: string[], input: string): string {
  const r = spawnSync('jq', args, { input, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('resolving what the user types', () => {
  const index = new FactIndex(validateDir(groups).base.records.map((r) => r.record));
  const id = (text: string, kinds?: Parameters<typeof resolve>[2]) => {
    const r = resolve(index, text, kinds);
    return r.ok ? r.record.id : `${r.reason}: ${r.candidates.join(' ')}`;
  };

  it('id, name, alias and symbol, in any case', () => {
    expect(id('cerium')).toBe('cerium');
    expect(id('LANTHANIDES')).toBe('lanthanides');
    expect(id('ree')).toBe('rare-earths');
    expect(id('Ce', ['commodity'])).toBe('cerium');
    expect(id('cu', ['commodity'])).toBe('copper');
  });

  it('an unambiguous prefix of words resolves; an ambiguous one lists the candidates', () => {
    expect(id('lanthanu')).toBe('lanthanum');
    expect(id('rare ear')).toBe('rare-earths');
    expect(id('acme', ['organization'])).toBe('acme');
    expect(id('acm', ['organization'])).toBe('ambiguous: acme acme-east');
  });

  it('nothing close: the closest ids as suggestions', () => {
    expect(id('cerum', ['commodity'])).toBe('none: cerium');
    expect(id('zzzz')).toBe('none: ');
  });
});

describe('deposits', () => {
  it('--metal on a group finds the members of its members', async () => {
    expect(
      (await q(['deposits', '--metal', 'rare-earths', '--fields', 'id', '--format', 'tsv'])).stdout,
    ).toBe('id\nceria\nlanth\n');
    expect(
      (await q(['deposits', '--metal', 'lanthanides', '--fields', 'id', '--format', 'tsv'])).stdout,
    ).toBe('id\nceria\nlanth\n');
    expect(
      (await q(['deposits', '--metal', 'Ce', '--fields', 'id', '--format', 'tsv'])).stdout,
    ).toBe('id\nceria\n');
  });

  it('--region takes regions inside it; --country and --operator and --status filter', async () => {
    expect(
      (await q(['deposits', '--region', 'east', '--fields', 'id', '--format', 'tsv'])).stdout,
    ).toBe('id\nceria\n');
    expect(
      (await q(['deposits', '--country', 'kazakhstan', '--fields', 'id', '--format', 'tsv']))
        .stdout,
    ).toBe('id\nceria\nlanth\n');
    expect(
      (await q(['deposits', '--operator', 'acme mining', '--fields', 'id', '--format', 'tsv']))
        .stdout,
    ).toBe('id\nceria\n');
    expect(
      (await q(['deposits', '--status', 'prospect', '--fields', 'id', '--format', 'tsv'])).stdout,
    ).toBe('id\nlanth\n');
  });

  it('an unknown or ambiguous name is a usage error (exit 2) with suggestions', async () => {
    expect(await q(['deposits', '--metal', 'cerum'])).toEqual({
      stdout: '',
      stderr: 'minerals: --metal: no commodity matches "cerum" (did you mean cerium?)\n',
      code: 2,
    });
    expect(await q(['deposits', '--operator', 'acm'])).toEqual({
      stdout: '',
      stderr:
        'minerals: --operator "acm" matches several records: acme, acme-east; be more specific\n',
      code: 2,
    });
    expect(await q(['deposits', '--status', 'open'])).toEqual({
      stdout: '',
      stderr:
        'minerals: --status must be one of occurrence, prospect, exploration, development, producing, past-producer, closed, unknown, not "open"\n',
      code: 2,
    });
  });

  it('an empty result is success: nothing printed but the header, [] in JSON', async () => {
    expect(await q(['deposits', '--status', 'closed'])).toEqual({
      stdout: 'ID  NAME  COUNTRY  STATUS  COMMODITIES  FIGURES\n',
      stderr: '',
      code: 0,
    });
    expect(await q(['deposits', '--status', 'closed', '--json'])).toEqual({
      stdout: '[]\n',
      stderr: '',
      code: 0,
    });
  });

  it('the table: bound marks, escaped control characters, no colour in a pipe', async () => {
    expect(await q(['deposits'])).toEqual({
      stdout: [
        'ID     NAME                  COUNTRY     STATUS       COMMODITIES        FIGURES',
        'ceria  Ceria ^[[31mred^[[0m  Kazakhstan  exploration  cerium             ≈ 10,000 t cerium',
        'lanth  Lanth                 Kazakhstan  prospect     lanthanum, copper  5 thousand t lanthanum',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('csv, tsv, ndjson and yaml carry raw values; --sort, --limit, --no-headers', async () => {
    expect(
      await q(['deposits', '--format', 'csv', '--fields', 'id,commodities,status']),
    ).toMatchObject({
      stdout:
        'id,commodities,status\r\nceria,cerium,exploration\r\nlanth,lanthanum; copper,prospect\r\n',
      code: 0,
    });
    expect((await q(['deposits', '--format', 'ndjson', '--fields', 'id,status'])).stdout).toBe(
      '{"id":"ceria","status":"exploration"}\n{"id":"lanth","status":"prospect"}\n',
    );
    expect(
      (await q(['deposits', '--format', 'yaml', '--fields', 'id', '--sort', '-id'])).stdout,
    ).toBe('- id: lanth\n- id: ceria\n');
    expect(
      (await q(['deposits', '--format', 'tsv', '--fields', 'id', '--limit', '1', '--no-headers']))
        .stdout,
    ).toBe('ceria\n');
  });

  it('bad --fields, --format, --sort and --limit are usage errors listing what is valid', async () => {
    expect(await q(['deposits', '--fields', 'id,nmae'])).toEqual({
      stdout: '',
      stderr:
        'minerals: unknown field "nmae"; valid fields: id, name, kind, country, country_name, region, region_name, status, commodities, operator, operator_name, figures, figures_t, aliases, description, claims, sources\n',
      code: 2,
    });
    // a list of no field at all (an empty variable in a script) is a mistake, not empty rows
    for (const empty of ['', ',', ' , '])
      expect({ empty, out: await q(['deposits', '--fields', empty, '--json']) }).toEqual({
        empty,
        out: {
          stdout: '',
          stderr:
            'minerals: --fields names no field; valid fields: id, name, kind, country, country_name, region, region_name, status, commodities, operator, operator_name, figures, figures_t, aliases, description, claims, sources\n',
          code: 2,
        },
      });
    expect((await q(['deposits', '--format', 'xml'])).stderr).toBe(
      'minerals: --format must be one of table, json, ndjson, csv, tsv, yaml, not "xml"\n',
    );
    expect((await q(['deposits', '--sort', 'size'])).code).toBe(2);
    expect((await q(['deposits', '--limit', '-1'])).stderr).toBe(
      'minerals: --limit takes a whole number, not "-1"\n',
    );
  });

  it('JSON quantities carry the value as written, unit, scale, bound and the base value', async () => {
    const rows = JSON.parse(
      (await q(['deposits', '--json', '--fields', 'id,claims'])).stdout,
    ) as Array<{
      id: string;
      claims: Array<{ quantity: unknown; citations: unknown[] }>;
    }>;
    expect(rows[1]!.claims[0]!.quantity).toEqual({
      value: 5,
      scale: 'thousand',
      unit: 't',
      bound: 'exact',
      base: { unit: 't', value: 5000 },
    });
    expect(rows[1]!.claims[0]!.citations).toEqual([
      { source: 's', file: 's.txt', quote: 'holds 5,000 tons of lanthanum', said_by: null },
    ]);
    // JSON keeps the data's escape characters as JSON escapes, never raw
    expect((await q(['deposits', '--json', '--fields', 'name'])).stdout).toBe(
      '[{"name":"Ceria \\u001b[31mred\\u001b[0m"},{"name":"Lanth"}]\n',
    );
  });
});

describe('values', () => {
  it('quantity text shows bounds and units; JSON converts to the base unit', () => {
    expect(quantityText({ value: 250000, unit: 't', bound: 'more-than' })).toBe('> 250,000 t');
    expect(
      quantityText({
        value: 1,
        scale: 'million',
        unit: 't',
        bound: 'up-to',
        basis: { material: 'ore' },
      }),
    ).toBe('≤ 1 million t ore');
    expect(
      quantityText({ low: 1.9, high: 2.2, scale: 'million', unit: 'km2', bound: 'range' }),
    ).toBe('1.9–2.2 million km2');
    expect(quantityText({ value: 2, unit: 'rank', bound: 'exact' })).toBe('#2');
    expect(quantityText({ value: 0.2, unit: 'fraction', bound: 'exact' })).toBe('0.2 (20%)');
    expect(
      quantityJson({ low: 1.9, high: 2.2, scale: 'million', unit: 'km2', bound: 'range' }).base,
    ).toEqual({ unit: 'km2', low: 1900000, high: 2200000 });
    expect(quantityJson({ value: 15, unit: 'kt/yr', bound: 'exact' }).base).toEqual({
      unit: 't/yr',
      value: 15000,
    });
  });
});

describe('show', () => {
  it('an unknown id exits 1 with suggestions; an ambiguous name exits 2', async () => {
    expect(await q(['show', 'cerum'])).toEqual({
      stdout: '',
      stderr: 'minerals: no record "cerum" (did you mean cerium?)\n',
      code: 1,
    });
    expect(await q(['company', 'show', 'acm'])).toEqual({
      stdout: '',
      stderr: 'minerals: "acm" matches several records: acme, acme-east; be more specific\n',
      code: 2,
    });
    expect((await q(['deposit', 'show', 'acme'])).code).toBe(1);
  });

  it('the page: fields, claims with numbered quotes, and referenced by', async () => {
    expect((await q(['deposit', 'show', 'lanth'])).stdout).toBe(
      [
        'Lanth  deposit lanth',
        '  country      Kazakhstan (kz)',
        '  commodities  Lanthanum (lanthanum), Copper (copper)',
        '  status       prospect',
        '',
        'At a glance',
        '  operator  not stated in the texts',
        '  size      contained-metal lanthanum: 5 thousand t  (s)',
        '  grade     not stated in the texts',
        '  drilling  not stated in the texts',
        '  status    prospect',
        '',
        'Claims (1)',
        '  PROPERTY         COMMODITY  VALUE         SOURCE',
        '  contained-metal  lanthanum  5 thousand t  s [1]',
        '',
        'Quotes',
        '  [1] "holds 5,000 tons of lanthanum" — s (s.txt)',
        '',
      ].join('\n'),
    );
    expect((await q(['company', 'show', 'acme mining'])).stdout).toContain(
      'Referenced by (1)\n  deposit      ceria  (operator)\n',
    );
  });

  it('a commodity page gathers its group: members, deposits and figures', async () => {
    const page = JSON.parse((await q(['metal', 'show', 'lanthanides', '--json'])).stdout) as Record<
      string,
      unknown
    >;
    expect(page.members).toEqual(['cerium', 'lanthanum']);
    expect(page.deposits).toEqual([
      { id: 'ceria', kind: 'deposit', name: 'Ceria \u001b[31mred\u001b[0m' },
      { id: 'lanth', kind: 'deposit', name: 'Lanth' },
    ]);
    expect((page.related_claims as unknown[]).length).toBe(2);
  });
});

describe('on the shipped data', () => {
  it('minerals deposits --metal copper --json | jq -r ".[].name"', async () => {
    const json = await run(['deposits', '--metal', 'copper', '--json']);
    expect(jq(['-r', '.[].name'], json.stdout)).toBe('Karabas\nSyrymbet\n');
  });

  it('every list command answers, with its row count', async () => {
    const counts: Record<string, number> = {};
    for (const c of [
      'deposits',
      'deals',
      'projects',
      'companies',
      'people',
      'metals',
      'sources',
      'policies',
      'countries',
    ])
      counts[c] = (JSON.parse((await run([c, '--json'])).stdout) as unknown[]).length;
    expect(counts).toEqual({
      deposits: 3,
      deals: 8,
      projects: 6,
      companies: 26,
      people: 9,
      metals: 29,
      sources: 5,
      policies: 12,
      countries: 19,
    });
  });

  it('links as fields: a deal names its project, a policy its wider policy and projects, a deposit its operator', async () => {
    const tsv = async (args: string[]) =>
      (await run([...args, '--format', 'tsv', '--no-headers'])).stdout;
    expect(
      await tsv(['deals', '--project', 'ERG gallium project', '--fields', 'id,projects']),
    ).toBe('erg-mitsubishi\terg-gallium\n');
    expect(await tsv(['deposits', '--operator', 'erg', '--fields', 'id,operator'])).toBe(
      'karabas\terg\n',
    );
    expect(
      (await tsv(['policies', '--fields', 'id,part_of,projects']))
        .split('\n')
        .filter((l) => !l.endsWith('\t\t')),
    ).toEqual([
      'china-gallium-ban-us\tchina-export-controls\t',
      'steel-production-target\t\tqarmet-karagandy-expansion; kazakhsteel',
      '',
    ]);
    expect(
      JSON.parse((await run(['policies', '--json', '--fields', 'id,part_of'])).stdout).filter(
        (p: { part_of: string | null }) => p.part_of !== null,
      ),
    ).toEqual([{ id: 'china-gallium-ban-us', part_of: 'china-export-controls' }]);
    // a link to the wrong kind is an error like any other reference
    expect((await run(['deals', '--project', 'karabas', '--fields', 'id'])).stderr).toBe(
      'minerals: --project: no project matches "karabas"\n',
    );
  });

  it('every list takes --modality: records with a claim of that modality', async () => {
    const ids = async (args: string[]) =>
      (await run([...args, '--fields', 'id', '--format', 'tsv', '--no-headers'])).stdout;
    expect(await ids(['projects', '--modality', 'possible'])).toBe('erg-gallium\n');
    expect(await ids(['deals', '--modality', 'proposed'])).toBe('cameron-erg\ntrump-ukraine\n');
    expect(await ids(['deposits', '--modality', 'reputed', '--modality', 'possible'])).toBe(
      'karabas\nsyrymbet\n',
    );
    expect((await run(['deals', '--modality', 'proposed', '--fields', 'id,value'])).stdout).toBe(
      [
        'ID             VALUE',
        'cameron-erg    5 billion USD (proposed)',
        'trump-ukraine  500 billion USD (proposed)',
        '',
      ].join('\n'),
    );
  });

  it('--party resolves a name to deals; people --org; companies --type', async () => {
    expect(
      (
        await run([
          'deals',
          '--party',
          'Eurasian Resources Group',
          '--fields',
          'id',
          '--format',
          'tsv',
          '--no-headers',
        ])
      ).stdout,
    ).toBe('erg-mitsubishi\ncameron-erg\nerg-buyout-2013\n');
    expect(
      (
        await run([
          'deals',
          '--party',
          'mitsubishi',
          '--fields',
          'id',
          '--format',
          'tsv',
          '--no-headers',
        ])
      ).stdout,
    ).toBe('erg-mitsubishi\n');
    expect(
      (await run(['people', '--org', 'erg', '--fields', 'id', '--format', 'tsv', '--no-headers']))
        .stdout,
    ).toBe('ibragimov\n');
    expect(
      (
        await run([
          'companies',
          '--type',
          'media',
          '--fields',
          'id',
          '--format',
          'tsv',
          '--no-headers',
        ])
      ).stdout,
    ).toBe('reuters\ntimes-of-central-asia\nmntv\nkursiv\n');
  });

  it('deal show erg-mitsubishi gives the parties, claims and quotes', async () => {
    const deal = JSON.parse((await run(['deal', 'show', 'erg-mitsubishi', '--json'])).stdout) as {
      parties: unknown;
      claims: unknown[];
      status: string;
    };
    expect(deal.status).toBe('signed');
    expect(deal.parties).toEqual([
      { ref: 'erg', role: 'supplier' },
      { ref: 'mitsubishi', role: 'offtaker' },
    ]);
  });

  it('deal show erg-mitsubishi answers how much and when, says what the texts do not, and gathers the linked project', async () => {
    const page = (await run(['deal', 'show', 'erg-mitsubishi'])).stdout;
    expect(page.slice(page.indexOf('At a glance'), page.indexOf('Stated in'))).toBe(
      [
        'At a glance',
        '  value   not stated in the texts',
        '  volume  not stated in the texts',
        '  signed  not stated in the texts',
        '  status  signed',
        '          Signed ("inked") during a presidential visit to Japan.  (gate-kazakhstan-bets-big)',
        '',
        'Linked (1)',
        '  project  erg-gallium  ERG gallium project',
        '      capacity    gallium: 15 t/yr (planned)  (gate-kazakhstan-bets-big)',
        '                  gallium: 15 t/yr (possible)  (mntv-gallium-market; said by Shukhrat Ibragimov)',
        '      investment  > 20 million USD (planned)  (gate-kazakhstan-bets-big)',
        '                  20 million USD (planned)  (mntv-gallium-market)',
        '      start-date  late 2026 (planned)  (gate-kazakhstan-bets-big)',
        '                  2026 (planned)  (mntv-gallium-market)',
        '      status      announced',
        '                  Announced; ERG has announced the project and signed a supply agreement with Mitsubishi.  (mntv-gallium-market, gate-kazakhstan-bets-big)',
        '',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await run(['deal', 'show', 'erg-mitsubishi', '--json'])).stdout) as {
      key_facts: Array<{ label: string; field: unknown; claims: unknown[] }>;
      linked: Array<{
        relation: string;
        about: { id: string };
        key_facts: Array<{ label: string; claims: Array<{ modality: string }> }>;
      }>;
    };
    expect(json.key_facts.map((k) => [k.label, k.field, k.claims.length])).toEqual([
      ['value', null, 0],
      ['volume', null, 0],
      ['signed', null, 0],
      ['status', 'signed', 1],
    ]);
    expect(json.linked.map((l) => [l.relation, l.about.id])).toEqual([['project', 'erg-gallium']]);
    expect(json.linked[0]!.key_facts[0]!.claims.map((c) => c.modality)).toEqual([
      'planned',
      'possible',
    ]);
    // the project's page links back to the deal
    const project = (await run(['project', 'show', 'erg-gallium'])).stdout;
    expect(project).toContain(
      '\nLinked (1)\n  deal  erg-mitsubishi  ERG-Mitsubishi gallium supply agreement\n      value   not stated in the texts\n',
    );
  });

  it('person show lists every claim attributed to the person anywhere, not only on their record', async () => {
    const page = (await run(['person', 'show', 'ibragimov'])).stdout;
    const said = page.slice(page.indexOf('Said ('));
    expect(said.split('\n').slice(0, 1)).toEqual(['Said (7)']);
    expect(said).toContain(
      '\n  erg-gallium  capacity (gallium)   15 t/yr (possible)  (mntv-gallium-market)\n',
    );
    expect(said).toContain(
      '\n  cameron-erg  status               Denied by ERG; there are no negotiations on the sale of ERG, which is "definitely not for sale".  (erg-not-for-sale)\n',
    );
    const json = JSON.parse((await run(['person', 'show', 'ibragimov', '--json'])).stdout) as {
      said: Array<{ about: { id: string } }>;
    };
    expect(json.said.map((c) => c.about.id)).toEqual([
      'cameron-erg',
      'erg',
      'erg',
      'erg',
      'ibragimov',
      'ibragimov',
      'erg-gallium',
    ]);
    // an organization's page takes in what its people said
    const erg = JSON.parse((await run(['company', 'show', 'erg', '--json'])).stdout) as {
      said: unknown[];
    };
    expect(erg.said).toHaveLength(16);
  });
});

describe('--cite', () => {
  it('numbers the citations behind the figures and prints the quotes under the table', async () => {
    expect(await q(['deposits', '--cite', '--fields', 'id,figures'])).toEqual({
      stdout: [
        'ID     FIGURES                 CITES',
        'ceria  ≈ 10,000 t cerium       [1]',
        'lanth  5 thousand t lanthanum  [2]',
        '',
        '[1] "holds about 10,000 tons of cerium" — s',
        '[2] "holds 5,000 tons of lanthanum" — s',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('is ignored by machine formats, whose rows carry their citations anyway', async () => {
    expect((await q(['deposits', '--cite', '--fields', 'id', '--format', 'tsv'])).stdout).toBe(
      'id\nceria\nlanth\n',
    );
  });
});
