// `minerals facts`: flattening and filtering claims (pure), then the built CLI on a small fixture
// and on the shipped base: every filter, every way of naming a record, exit codes, JSON through jq.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  aboutCommodity,
  filterClaims,
  flattenClaims,
  sourcesOf,
  speakersOf,
  type ClaimRow,
} from '../src/query/claims.js';
import type { Claim, FactRecord } from '../src/schema/index.js';
import { FIXTURES, run } from './helpers.js';

const small = path.join(FIXTURES, 'query-facts-small');
/** Rows of a TSV run without headers, as arrays of cells. */
const tsv = async (args: string[], fields = 'id,property,commodity,value,source') => {
  const r = await run(['facts', ...args, '--format', 'tsv', '--no-headers', '--fields', fields]);
  return {
    ...r,
    rows: r.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split('\t')),
  };
};
const json = async (args: string[]) => {
  const r = await run(['facts', ...args, '--json']);
  return {
    ...r,
    rows:
      r.code === 0
        ? (JSON.parse(r.stdout) as Array<Record<string, unknown> & { about: { id: string } }>)
        : [],
  };
};

describe('flattenClaims and filterClaims', () => {
  const claim = (
    property: Claim['property'],
    extra: Partial<Claim>,
    cites: Claim['citations'],
  ): Claim => ({ property, text: 'x', ...extra, citations: cites });
  const records: FactRecord[] = [
    {
      kind: 'commodity',
      id: 'tin',
      name: 'Tin',
      citations: [{ source: 's1', quote: 'record-level citations are not claims' }],
      claims: [claim('price', {}, [{ source: 's1', quote: 'q', said_by: 'ann' }])],
    },
    { kind: 'commodity', id: 'cerium', name: 'Cerium', groups: ['rare-earths'] },
    {
      kind: 'deposit',
      id: 'd',
      name: 'D',
      commodities: ['tin'],
      status: 'exploration',
      claims: [
        claim('status', {}, [{ source: 's1', quote: 'q' }]),
        claim('reserves', { commodity: 'cerium' }, [
          { source: 's1', quote: 'q', said_by: 'bob' },
          { source: 's2', quote: 'q', said_by: 'ann' },
          { source: 's1', quote: 'q2' },
        ]),
      ],
    },
    {
      kind: 'person',
      id: 'ann',
      name: 'Ann',
      roles: [{ title: 'analyst', citations: [{ source: 's1', quote: 'roles are not claims' }] }],
    },
  ];
  const rows = flattenClaims(records);
  const names = (rs: ClaimRow[]) => rs.map((r) => `${r.about.id}/${r.claim.property}`);

  it('lists every claim, in record order, with the record it is about', () => {
    expect(names(rows)).toEqual(['tin/price', 'd/status', 'd/reserves']);
  });

  it('filters by record, property, commodity (the claim’s, or the commodity record’s own)', () => {
    expect(names(filterClaims(rows, { about: new Set(['d']) }))).toEqual([
      'd/status',
      'd/reserves',
    ]);
    expect(names(filterClaims(rows, { property: ['status'] }))).toEqual(['d/status']);
    expect(names(filterClaims(rows, { commodities: new Set(['tin']) }))).toEqual(['tin/price']);
    expect(names(filterClaims(rows, { commodities: new Set(['rare-earths', 'cerium']) }))).toEqual([
      'd/reserves',
    ]);
    expect(aboutCommodity(rows[1]!, new Set(['tin']))).toBe(false);
  });

  it('matches --source and --said-by on one citation, and combines filters with AND', () => {
    expect(names(filterClaims(rows, { source: new Set(['s2']) }))).toEqual(['d/reserves']);
    expect(names(filterClaims(rows, { saidBy: new Set(['ann']) }))).toEqual([
      'tin/price',
      'd/reserves',
    ]);
    expect(
      names(filterClaims(rows, { saidBy: new Set(['ann']), source: new Set(['s1']) })),
    ).toEqual(['tin/price']);
    expect(
      names(filterClaims(rows, { saidBy: new Set(['bob']), source: new Set(['s2']) })),
    ).toEqual([]);
    expect(names(filterClaims(rows, { about: new Set(['d']), property: ['price'] }))).toEqual([]);
    expect(names(filterClaims(rows, {}))).toEqual(names(rows));
  });

  it('lists each source and speaker of a claim once, in citation order', () => {
    expect(sourcesOf(rows[2]!.claim)).toEqual(['s1', 's2']);
    expect(speakersOf(rows[2]!.claim)).toEqual(['bob', 'ann']);
    expect(speakersOf(rows[1]!.claim)).toEqual([]);
  });
});

describe('minerals facts on a small fixture', () => {
  it('the table: record, property, commodity, value, when, and the sources that say so', async () => {
    const r = await run(['facts', '--data', small]);
    expect(r).toEqual({
      stdout: [
        // the modality stands next to the value: "50 million USD (planned)"
        'ID      KIND       PROPERTY         COMMODITY  VALUE                     WHEN  SOURCE',
        'alder   deposit    contained-metal  copper     > 40,000 t                      report',
        'alder   deposit    contained-metal  cerium     1,200 t                         report',
        'birch   project    production       lanthanum  300 t                     2024  report',
        'birch   project    investment                  50 million USD (planned)  2026  brief',
        'birch   project    start-date                  2027 (expected)                 brief',
        'birch   project    operator                    Northwind Mining                brief, report',
        'copper  commodity  price                       9,000 USD/t                     report',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('--cite numbers each citation on its row and prints the quotes under the table', async () => {
    expect(
      (
        await run([
          'facts',
          '--data',
          small,
          '--about',
          'birch',
          '--property',
          'operator',
          '--cite',
        ])
      ).stdout,
    ).toBe(
      [
        // COMMODITY and WHEN are empty: left out
        'ID     KIND     PROPERTY  VALUE             SOURCE         CITES',
        'birch  project  operator  Northwind Mining  brief, report  [1][2]',
        '',
        '[1] "Northwind Mining plans to invest $50 million in the Birch project" — brief',
        '[2] "Lanthanum output at Birch" — report',
        '',
      ].join('\n'),
    );
  });

  it('JSON: {about, ...claimJson} with every key present, base values and citations with their file', async () => {
    const r = await json(['--data', small, '--about', 'birch', '--property', 'investment']);
    expect(r.rows).toEqual([
      {
        about: { id: 'birch', kind: 'project', name: 'Birch project' },
        property: 'investment',
        commodity: null,
        quantity: {
          value: 50,
          scale: 'million',
          unit: 'USD',
          bound: 'exact',
          base: { unit: 'USD', value: 50000000 },
        },
        date: null,
        ref: null,
        text: null,
        when: { on: '2026', precision: 'year' },
        modality: 'planned',
        among: null,
        tension: null,
        rank: 'normal',
        rank_reason: null,
        note: null,
        citations: [
          {
            source: 'brief',
            file: 'brief.txt',
            quote: 'Northwind Mining plans to invest $50 million in the Birch project',
            said_by: 'northwind',
          },
        ],
      },
    ]);
  });

  it('--metal takes a group and every member; a commodity record’s own claims count', async () => {
    expect((await tsv(['--data', small, '--metal', 'rare-earths'])).rows).toEqual([
      ['alder', 'contained-metal', 'cerium', '1,200 t', 'report'],
      ['birch', 'production', 'lanthanum', '300 t', 'report'],
    ]);
    expect((await tsv(['--data', small, '--metal', 'Cu'])).rows).toEqual([
      ['alder', 'contained-metal', 'copper', '> 40,000 t', 'report'],
      ['copper', 'price', '', '9,000 USD/t', 'report'],
    ]);
  });

  it('--said-by matches citations, alone and with --source', async () => {
    expect(
      (await tsv(['--data', small, '--said-by', 'Jane Roe'])).rows.map((r) => `${r[0]}/${r[1]}`),
    ).toEqual(['alder/contained-metal', 'copper/price']);
    expect(
      (await tsv(['--data', small, '--said-by', 'northwind'])).rows.map((r) => `${r[0]}/${r[1]}`),
    ).toEqual([
      'alder/contained-metal', // said by Northwind
      'alder/contained-metal', // said by Jane Roe, who works for Northwind
      'birch/investment',
      'copper/price', // Jane Roe
    ]);
    expect(
      (await tsv(['--data', small, '--said-by', 'northwind', '--source', 'brief'])).rows.map(
        (r) => `${r[0]}/${r[1]}`,
      ),
    ).toEqual(['birch/investment']);
    expect(
      (await tsv(['--data', small, '--said-by', 'ministry'])).rows.map((r) => `${r[0]}/${r[1]}`),
    ).toEqual(['birch/start-date']);
  });

  it('record-level and role citations are not claims', async () => {
    expect((await json(['--data', small, '--about', 'roe'])).rows).toEqual([]);
    expect(
      (await json(['--data', small, '--source', 'report'])).rows.map(
        (r) => `${r.about.id}/${String(r.property)}`,
      ),
    ).toEqual([
      'alder/contained-metal',
      'alder/contained-metal',
      'birch/production',
      'birch/operator',
      'copper/price',
    ]);
  });
});

describe('minerals facts on the shipped base', () => {
  it('Karabas contained metal: one claim, more than 250,000 t of copper, with its quote', async () => {
    const r = await json(['--about', 'karabas', '--property', 'contained-metal']);
    expect(r.stderr).toBe('');
    expect(r.rows).toEqual([
      {
        about: { id: 'karabas', kind: 'deposit', name: 'Karabas' },
        property: 'contained-metal',
        commodity: 'copper',
        quantity: {
          value: 250000,
          unit: 't',
          bound: 'more-than',
          basis: { category: 'unspecified', material: 'contained-metal', system: 'unspecified' },
          base: { unit: 't', value: 250000 },
        },
        date: null,
        ref: null,
        text: null,
        when: null,
        modality: 'actual',
        among: null,
        tension:
          'More than 250,000 t of copper in at most 1 million t of ore is a grade of at least 25%, while the best drill grade reported is 6.7% ("concentrations as high as 6.7%").',
        rank: 'normal',
        rank_reason: null,
        note: '"Initial estimates"; the text gives no resource or reserve category.',
        citations: [
          {
            source: 'mntv-gallium-market',
            file: '003_7fd1036cce212589.txt',
            quote:
              'Initial estimates suggest the Karabas site holds more than 250,000 tons of copper',
            said_by: null,
          },
        ],
      },
    ]);
  });

  it('--said-by alzhanova: the five claims Aida Alzhanova is quoted for', async () => {
    expect((await tsv(['--said-by', 'alzhanova'], 'id,property,commodity,value')).rows).toEqual([
      ['tin', 'price', '', '33,000 USD/t'],
      ['tin', 'change', '', '2×'],
      ['tin', 'duration', '', '5 yr'],
      [
        'syrymbet',
        'description',
        'tin',
        "The site's proximity to China, the top global consumer, makes it strategically valuable.",
      ],
      ['china', 'rank', 'tin', '#1'],
    ]);
    // a word prefix of her name resolves to her too
    expect((await tsv(['--said-by', 'aida'], 'id,property')).rows).toHaveLength(5);
  });

  it('--source: every claim with a citation from it (prefix "mntv" resolves to mntv-gallium-market)', async () => {
    const r = await json(['--source', 'mntv']);
    expect(r.rows).toHaveLength(56);
    expect(
      r.rows.every((c) =>
        (c.citations as Array<{ source: string }>).some((x) => x.source === 'mntv-gallium-market'),
      ),
    ).toBe(true);
    expect(
      (await json(['--said-by', 'reuters', '--source', 'erg-not-for-sale'])).rows.map(
        (c) => `${c.about.id}/${String(c.property)}`,
      ),
    ).toEqual([
      'cameron-erg/offer-value',
      'cameron-erg/status',
      'erg/description',
      'cameron/description',
      'kazakhstan/description',
    ]);
  });

  it('--property and --metal combine with AND; a group takes its members (aluminium: alumina)', async () => {
    expect((await tsv(['--metal', 'rare-earths', '--property', 'contained-metal'])).rows).toEqual([
      [
        'kuirektykol',
        'contained-metal',
        'rare-earths',
        '≈ 800,000 t',
        'kursiv-rare-earth-auctions',
      ],
      [
        'kazakhstan',
        'contained-metal',
        'rare-earths',
        '2.6 million t',
        'kursiv-rare-earth-auctions',
      ],
    ]);
    expect((await tsv(['--metal', 'aluminum'])).rows).toEqual([
      ['erg', 'rank', 'alumina', '≤ #10', 'erg-not-for-sale'],
    ]);
    expect((await tsv(['--metal', 'iron'], 'id,commodity')).rows).toEqual([
      ['erg', 'iron-ore'],
      ['hbi-plant-rudny', 'hot-briquetted-iron'],
    ]);
  });

  it('--sort base_value compares quantities across units and scales', async () => {
    expect(
      (await tsv(['--property', 'contained-metal', '--sort', '-base_value'], 'id,value,base_value'))
        .rows,
    ).toEqual([
      ['kazakhstan', '2.6 million t', '2600000'],
      ['kuirektykol', '≈ 800,000 t', '800000'],
      ['karabas', '> 250,000 t', '250000'],
    ]);
  });

  it('names a record by id, name, alias, symbol or word prefix', async () => {
    const count = async (args: string[]) => (await json(args)).rows.length;
    expect(await count(['--about', 'erg'])).toBe(23);
    expect(await count(['--about', 'Eurasian Resources Group'])).toBe(23);
    expect(await count(['--about', 'eurasian'])).toBe(23);
    expect(await count(['--about', 'Karabas site'])).toBe(13);
    expect(await count(['--about', 'Sharlapayev'])).toBe(await count(['--about', 'sharlapaev']));
    expect(await count(['--metal', 'Cu'])).toBe(await count(['--metal', 'copper']));
    expect(await count(['--metal', 'Cu'])).toBe(10);
  });

  it('--modality keeps claims of the given modalities, repeated or as a,b; the value shows it', async () => {
    const gallium = async (...m: string[]) =>
      (
        await tsv(
          ['--about', 'erg-gallium', ...m.flatMap((x) => ['--modality', x])],
          'property,value',
        )
      ).rows;
    expect(await gallium('possible')).toEqual([['capacity', '15 t/yr (possible)']]);
    expect(await gallium('planned', 'possible')).toEqual([
      ['investment', '> 20 million USD (planned)'],
      ['investment', '20 million USD (planned)'],
      ['start-date', 'late 2026 (planned)'],
      ['start-date', '2026 (planned)'],
      ['capacity', '15 t/yr (planned)'],
      ['capacity', '15 t/yr (possible)'],
      [
        'description',
        "Kazakhstan's first-ever commercial gallium operation, launched in effect by the supply agreement with Mitsubishi. (planned)",
      ],
      ['rank', '#1 among commercial gallium operations in Kazakhstan (planned)'],
      [
        'technology',
        'Process technology from the Pavlodar aluminum plant, combined with proprietary extraction methods developed in-house. (planned)',
      ],
      ['technology', 'Pavlodar aluminum plant (planned)'],
      ['feedstock', 'Bauxite (planned)'],
    ]);
    expect(await gallium('planned,possible')).toEqual(await gallium('planned', 'possible'));
    // JSON carries the modality of every claim, actual when the data says none
    const all = (await json(['--about', 'erg-gallium'])).rows;
    expect(all.filter((c) => c.modality === 'actual')).toHaveLength(all.length - 11);
    expect(await run(['facts', '--modality', 'planed'])).toEqual({
      stdout: '',
      stderr:
        'minerals: --modality must be one of actual, planned, expected, possible, target, proposed, reputed, not "planed" (did you mean planned?)\n',
      code: 2,
    });
  });

  it("--said-by an organization takes in its sub-organizations' and its people's statements", async () => {
    const speakers = async (who: string) =>
      (await tsv(['--said-by', who], 'id,property,said_by')).rows.map((r) => r.join(' '));
    expect(await speakers('kunanbayeva')).toEqual([
      'karabas count kunanbayeva',
      'karabas count kunanbayeva',
      'karabas grade kunanbayeva',
    ]);
    const erg = await speakers('erg');
    // ERG's CEO (a role at erg) and ERG Exploration's geologist (erg-exploration's parent is erg)
    expect(erg.filter((s) => s.endsWith(' kunanbayeva'))).toHaveLength(3);
    expect(erg.filter((s) => s.endsWith(' ibragimov'))).toHaveLength(7);
    expect(erg.filter((s) => s.endsWith(' erg'))).toHaveLength(6);
    expect(erg).toHaveLength(16);
  });

  it('an empty result is exit 0: [] in JSON, the header in a table', async () => {
    expect(await run(['facts', '--about', 'karabas', '--property', 'price', '--json'])).toEqual({
      stdout: '[]\n',
      stderr: '',
      code: 0,
    });
    expect(await run(['facts', '--about', 'karabas', '--property', 'price'])).toEqual({
      stdout: 'ID  KIND  PROPERTY  COMMODITY  VALUE  WHEN  SOURCE\n',
      stderr: '',
      code: 0,
    });
  });

  it('minerals facts --json | jq: 202 claims, 13 about Karabas, every one cited', async () => {
    const facts = await run(['facts', '--json']);
    const jq = (filter: string) => {
      const r = spawnSync('jq', ['-c', filter], { input: facts.stdout, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    expect(jq('length')).toBe('202\n');
    expect(jq('[.[] | select(.about.id == "karabas")] | length')).toBe('13\n');
    expect(jq('[.[] | select((.citations | length) == 0)] | length')).toBe('0\n');
    expect(jq('[.[] | select(.property == "offer-value") | .quantity.base.value]')).toBe(
      '[5000000000]\n',
    );
  });
});

describe('minerals facts usage errors (exit 2)', () => {
  const err = async (args: string[]) => {
    const r = await run(['facts', ...args]);
    return [r.code, r.stdout, r.stderr];
  };

  it('an unknown name says what is closest', async () => {
    expect(await err(['--metal', 'coper'])).toEqual([
      2,
      '',
      'minerals: --metal: no commodity matches "coper" (did you mean copper?)\n',
    ]);
    expect(await err(['--about', 'xyzzy'])).toEqual([
      2,
      '',
      'minerals: --about: no record matches "xyzzy"\n',
    ]);
    expect(await err(['--said-by', 'karabas'])).toEqual([
      2,
      '',
      'minerals: --said-by: no person or organization matches "karabas"\n',
    ]);
    expect(await err(['--source', 'reuters'])).toEqual([
      2,
      '',
      'minerals: --source: no source matches "reuters"\n',
    ]);
  });

  it('an ambiguous name lists the candidates', async () => {
    expect(await err(['--about', 'kaz'])).toEqual([
      2,
      '',
      'minerals: --about "kaz" matches several records: kazakhstan-hms-bergbau, kazakhstan-maritime-house, kazakhstan-cove-capital, kazakhstan-government, ministry-of-industry-and-construction, kazakhstan, central-kazakhstan, northern-kazakhstan; be more specific\n',
    ]);
  });

  it('--property must be a property, with the closest named', async () => {
    const [code, out, stderr] = await err(['--property', 'reserve']);
    expect([code, out]).toEqual([2, '']);
    expect(stderr).toMatch(
      /^minerals: --property must be one of reserves, resources, contained-metal, .*, description, not "reserve" \(did you mean reserves\?\)\n$/,
    );
  });

  it('--help ends with real examples', async () => {
    const r = await run(['facts', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nExamples:\n( {2}\$ minerals facts.*\n){3}$/);
  });
});
