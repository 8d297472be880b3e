// `minerals draft SOURCE` (issue 15): the rules that make a claim of a figure (value, scale, unit,
// bound, modality, dates, property, record, commodity, speaker, quote), its YAML and JSON, and
// --write, which only inserts lines and refuses what it cannot write whole.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { draft } from '../src/query/draft.js';
import type { FactRecord } from '../src/schema/index.js';
import { Claim } from '../src/schema/values.js';
import { normalizeText, quoteOccurs } from '../src/util/quotes.js';
import { FIXTURES, ROOT, run, tempDir } from './helpers.js';

const BASE = path.join(FIXTURES, 'authoring', 'base');

/** A copy of the fixture base (data/ and seeds/) in a temporary directory. */
function copyBase(): { dir: string; data: string; seeds: string; args: string[] } {
  const dir = tempDir('minerals-draft-');
  fs.cpSync(BASE, dir, { recursive: true });
  const data = path.join(dir, 'data');
  const seeds = path.join(dir, 'seeds');
  return { dir, data, seeds, args: ['--no-cache', '--data', data, '--seeds', seeds] };
}

/** Every file under a directory with the SHA-256 of its bytes (or where its link points). */
function checksums(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const abs = path.join(e.parentPath, e.name);
    const rel = path.relative(dir, abs);
    if (e.isSymbolicLink()) out[rel] = `-> ${fs.readlinkSync(abs)}`;
    else if (e.isFile())
      out[rel] = crypto.createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
  }
  return out;
}

const RECORDS = [
  { id: 'kazakhstan', kind: 'country', name: 'Kazakhstan' },
  { id: 'copper', kind: 'commodity', name: 'Copper', symbol: 'Cu' },
  { id: 'acme', kind: 'organization', name: 'Acme Mining', aliases: ['Acme'], type: 'company' },
  { id: 'roe', kind: 'person', name: 'Jane Roe' },
  {
    id: 'acme-smelter',
    kind: 'project',
    name: 'Acme copper smelter',
    type: 'smelter',
    commodities: ['copper'],
    status: 'announced',
    operator: 'acme',
  },
] as unknown as FactRecord[];

/** The claims drafted from one text, each with its record. */
const drafted = (text: string) =>
  draft({
    source: { id: 's', published: '2025-03' },
    text: `${text}\n`,
    rule: {},
    records: RECORDS,
    quotes: [],
  });

describe('draft: the rules', () => {
  it.each([
    [
      'Acme will invest $1.2 billion in the smelter by 2029, said Jane Roe.',
      {
        record: 'acme-smelter',
        claim: {
          property: 'investment',
          quantity: { value: 1.2, scale: 'billion', unit: 'USD', bound: 'exact' },
          when: '2029',
          modality: 'planned',
          citations: [
            { source: 's', quote: '$1.2 billion in the smelter by 2029', said_by: 'roe' },
          ],
        },
      },
    ],
    [
      'Acme holds more than 286,000 tons of copper reserves.',
      {
        record: 'acme',
        claim: {
          property: 'reserves',
          commodity: 'copper',
          quantity: { value: 286000, unit: 't', bound: 'more-than' },
          citations: [
            { source: 's', quote: 'Acme holds more than 286,000 tons of copper reserves' },
          ],
        },
      },
    ],
    [
      'The Acme copper smelter could produce up to 15 metric tons annually from late 2026.',
      {
        record: 'acme-smelter',
        claim: {
          property: 'production',
          quantity: { value: 15, unit: 't/yr', bound: 'up-to' },
          when: { on: '2026', part: 'late' },
          modality: 'possible',
          citations: [
            {
              source: 's',
              quote:
                'The Acme copper smelter could produce up to 15 metric tons annually from late 2026',
            },
          ],
        },
      },
    ],
    [
      'Kazakhstan has approximately one-fifth of global copper output.',
      {
        record: 'kazakhstan',
        claim: {
          property: 'market-share',
          commodity: 'copper',
          quantity: { value: 0.2, unit: 'fraction', bound: 'approx' },
          citations: [
            {
              source: 's',
              quote: 'Kazakhstan has approximately one-fifth of global copper output',
            },
          ],
        },
      },
    ],
    [
      'Acme operates two mines in Kazakhstan, according to Jane Roe.',
      {
        record: 'acme',
        claim: {
          property: 'count',
          quantity: { value: 2, unit: 'count', bound: 'exact' },
          citations: [
            { source: 's', quote: 'Acme operates two mines in Kazakhstan', said_by: 'roe' },
          ],
        },
      },
    ],
    [
      'If confirmed, Acme expects to invest over $20 million since 2018.',
      {
        record: 'acme',
        claim: {
          property: 'investment',
          quantity: { value: 20, scale: 'million', unit: 'USD', bound: 'more-than' },
          when: { start: '2018' },
          modality: 'possible',
          citations: [{ source: 's', quote: 'Acme expects to invest over $20 million since 2018' }],
        },
      },
    ],
    [
      'Acme signed the deal in December.',
      {
        record: 'acme',
        claim: {
          property: 'date-of-event',
          date: {
            on: '2025-12',
            inferred: true,
            reason:
              '"December", read in the year the source was published (2025; see the source record)',
          },
          citations: [{ source: 's', quote: 'Acme signed the deal in December' }],
        },
      },
    ],
  ])('%s', (text, want) => {
    const d = drafted(text);
    expect(d.claims.map((c) => ({ record: c.record.id, claim: c.claim }))).toEqual([want]);
    expect(d.skipped).toEqual([]);
  });

  it('reads "from X to Y" as how things stand and what is planned, one scale for both, and a range of years as one interval', () => {
    const d = draft({
      source: { id: 's' },
      text: 'By 2026, Acme plans to expand the zone from 1.9 to 2.2 million square kilometers in 2024-2028.\n',
      rule: {},
      records: RECORDS,
      quotes: [],
    });
    const other =
      'the sentence names no policy, deposit, region, country; read as about the organization it names';
    expect(d.claims.map((c) => [c.record.id, c.claim, c.why])).toEqual([
      [
        'acme',
        {
          property: 'area',
          quantity: { value: 1.9, scale: 'million', unit: 'km2', bound: 'exact' },
          // the quote says "plans": `actual` is written so that validate reads it as meant
          modality: 'actual',
          citations: [
            {
              source: 's',
              quote: 'Acme plans to expand the zone from 1.9 to 2.2 million square kilometers',
            },
          ],
        },
        ['"from" 1.9: read as how things stand before the plans', other],
      ],
      [
        'acme',
        {
          property: 'area',
          quantity: { value: 2.2, scale: 'million', unit: 'km2', bound: 'exact' },
          when: '2026',
          modality: 'planned',
          citations: [
            {
              source: 's',
              quote:
                'By 2026, Acme plans to expand the zone from 1.9 to 2.2 million square kilometers',
            },
          ],
        },
        [other],
      ],
      [
        'acme',
        {
          property: 'date-of-event',
          date: { start: '2024', end: '2028' },
          modality: 'planned',
          citations: [
            {
              source: 's',
              quote:
                'Acme plans to expand the zone from 1.9 to 2.2 million square kilometers in 2024-2028',
            },
          ],
        },
        ['the text does not name it near the figure'],
      ],
    ]);
    expect(d.skipped).toEqual([]);
  });

  it('skips a heading, and a relative date or a month it cannot place in a year, saying why', () => {
    const d = draft({
      source: { id: 's' },
      text: 'Acme: From Zero to Number Two\n\nAcme grew last year and again in May.\n',
      rule: {},
      records: RECORDS,
      quotes: [],
    });
    expect(d.claims).toEqual([]);
    expect(d.skipped.map((s) => [s.line, s.figure, s.why])).toEqual([
      [1, 'Zero', 'a heading, which states nothing to claim'],
      [1, 'Number Two', 'a heading, which states nothing to claim'],
      [3, 'last year', 'a relative date: the text gives no date to resolve it to'],
      [
        3,
        'May',
        'a month with no year, and the source record gives no publication date to read it in',
      ],
    ]);
  });

  it('proposes a new record for a name the base does not have', () => {
    const d = drafted(
      'Separately, Altyn Copper Holdings reported grades of up to 2.4% at its Balkhash North project.',
    );
    expect(d.claims.map((c) => [c.record.id, c.record.stub, c.claim.quantity])).toEqual([
      [
        'balkhash-north-project',
        {
          id: 'balkhash-north-project',
          kind: 'project',
          name: 'Balkhash North project',
          type: 'other',
          commodities: ['copper'],
          status: 'unknown',
          citations: [{ source: 's', quote: 'Balkhash North project' }],
        },
        { value: 2.4, unit: '%', bound: 'up-to' },
      ],
    ]);
  });
});

/** A copy of the shipped base without the claims that cite `source`. */
function setAside(source: string): string[] {
  const dir = tempDir('minerals-aside-');
  const data = path.join(dir, 'data');
  fs.mkdirSync(data);
  for (const name of fs.readdirSync(path.join(ROOT, 'data'))) {
    const text = fs.readFileSync(path.join(ROOT, 'data', name), 'utf8');
    if (!name.endsWith('.yaml')) {
      fs.writeFileSync(path.join(data, name), text);
      continue;
    }
    const doc = parseDocument(text);
    for (const item of isSeq(doc.contents) ? doc.contents.items : []) {
      const claims = isMap(item) ? item.get('claims') : null;
      if (!isMap(item) || !isSeq(claims)) continue;
      claims.items = claims.items.filter(
        (c) =>
          !(c as { toJSON(): { citations: Array<{ source: string }> } })
            .toJSON()
            .citations.some((k) => k.source === source),
      );
      if (claims.items.length === 0) item.delete('claims');
    }
    fs.writeFileSync(path.join(data, name), doc.toString());
  }
  return ['--no-cache', '--data', data, '--seeds', path.join(ROOT, 'seeds')];
}

describe('draft on the shipped sources, their claims set aside', () => {
  const SOURCES = [
    'erg-not-for-sale',
    'gate-kazakhstan-bets-big',
    'kursiv-rare-earth-auctions',
    'mntv-gallium-market',
    'rare-metals-industry-expand',
  ];

  it('drafts claims the schema takes, each quote verbatim in the text and holding its figure', async () => {
    for (const source of SOURCES) {
      const r = await run([...setAside(source), 'draft', source, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as {
        file: string;
        claims: Array<{ claim: unknown; figure: string }>;
      };
      const text = fs.readFileSync(path.join(ROOT, 'seeds', out.file), 'utf8');
      expect(out.claims.length).toBeGreaterThan(5);
      for (const c of out.claims) {
        const claim = Claim.parse(c.claim);
        const quote = claim.citations[0]!.quote;
        expect(quoteOccurs(text, () => normalizeText(text), quote, normalizeText(quote))).toBe(
          true,
        );
        expect(normalizeText(quote)).toContain(normalizeText(c.figure));
      }
    }
  });

  it('recovers the curated figures of a source: the Karabas claims, with bound, modality, speaker and quote', async () => {
    const r = await run([
      ...setAside('mntv-gallium-market'),
      'draft',
      'mntv-gallium-market',
      '--json',
    ]);
    const claims = (
      JSON.parse(r.stdout) as { claims: Array<{ record: { id: string }; claim: Claim }> }
    ).claims;
    expect(claims.filter((c) => c.record.id === 'karabas').map((c) => c.claim)).toEqual([
      {
        property: 'grade',
        quantity: { value: 6.7, unit: '%', bound: 'up-to' },
        citations: [
          {
            source: 'mntv-gallium-market',
            quote: 'with concentrations as high as 6.7%',
            said_by: 'kunanbayeva',
          },
        ],
      },
      {
        property: 'contained-metal',
        commodity: 'copper',
        quantity: { value: 250000, unit: 't', bound: 'more-than' },
        citations: [
          {
            source: 'mntv-gallium-market',
            quote: 'Karabas site holds more than 250,000 tons of copper',
          },
        ],
      },
      {
        property: 'ore',
        quantity: { value: 1, scale: 'million', unit: 't', bound: 'up-to' },
        modality: 'possible',
        citations: [{ source: 'mntv-gallium-market', quote: 'up to 1 million tons of ore' }],
      },
      {
        property: 'date-of-event',
        date: { on: '2025', part: 'late' },
        modality: 'expected',
        citations: [
          { source: 'mntv-gallium-market', quote: 'assessment is expected by late 2025' },
        ],
      },
    ]);
  });
});

describe('minerals draft', () => {
  it('prints the claims as YAML to review, grouped by record, with what to check', async () => {
    const b = copyBase();
    const r = await run([...b.args, 'draft', 'fixture-article']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(fs.readFileSync(path.join(FIXTURES, 'authoring', 'draft.yaml'), 'utf8'));
  });

  it('--write appends the claims under their records, only inserting lines, and new records to FILE', async () => {
    const b = copyBase();
    const before = fs.readFileSync(path.join(b.data, 'records.yaml'), 'utf8');
    const r = await run([
      ...b.args,
      'draft',
      'fixture-article',
      '--write',
      path.join(b.data, 'drafted.yaml'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'wrote 10 drafted claims:',
        `  ${path.relative(ROOT, path.join(b.data, 'records.yaml'))}: 4 claims under erg`,
        `  ${path.relative(ROOT, path.join(b.data, 'records.yaml'))}: 2 claims under kazakhstan`,
        `  ${path.relative(ROOT, path.join(b.data, 'records.yaml'))}: 2 claims under ministry-of-industry-and-construction`,
        `  ${path.relative(ROOT, path.join(b.data, 'drafted.yaml'))}: 1 new record (balkhash-north-project) with 2 claims`,
        'check them, then run `minerals validate` and `minerals fmt`',
        '',
      ].join('\n'),
    );
    // every line of the file as it was is still there, in order: lines were only inserted
    const after = fs.readFileSync(path.join(b.data, 'records.yaml'), 'utf8').split('\n');
    let i = 0;
    for (const line of after) if (line === before.split('\n')[i]) i++;
    expect(i).toBe(before.split('\n').length);
    expect(after.length).toBeGreaterThan(before.split('\n').length + 40);
    expect(fs.readFileSync(path.join(b.data, 'drafted.yaml'), 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=schema\.json\n# Records drafted by `minerals draft`/,
    );
    // the base with the drafted claims validates, and a second draft has nothing to propose
    const v = await run([...b.args, 'validate']);
    expect([v.code, v.stdout, v.stderr]).toEqual([0, '', '']);
    const again = await run([...b.args, 'draft', 'fixture-article', '--json']);
    const out = JSON.parse(again.stdout) as {
      claims: unknown[];
      skipped: Array<{ figure: string }>;
    };
    expect(out.claims).toEqual([]);
    expect(out.skipped.map((s) => s.figure)).toEqual(['Tuesday']);
  });

  it('--write appends new records to a FILE that exists, keeping its bytes', async () => {
    const b = copyBase();
    const file = path.join(b.data, 'more.yaml');
    const old = '# mine\n- id: zinc\n  kind: commodity\n  name: Zinc\n';
    fs.writeFileSync(file, old);
    const r = await run([...b.args, 'draft', 'fixture-article', '--write', file]);
    expect(r.code, r.stderr).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith(old)).toBe(true);
    expect(text.slice(old.length)).toMatch(
      /^\n# new record: the base has no project named "Balkhash North project"/,
    );
  });

  it.each([
    [
      'outside the data directory',
      (b: ReturnType<typeof copyBase>) => path.join(b.dir, 'elsewhere.yaml'),
      (b: ReturnType<typeof copyBase>) =>
        `minerals: --write ${path.join(b.dir, 'elsewhere.yaml')}: outside the data directory ${b.data}; drafts are written only into the data\n`,
    ],
    [
      'not a data file name',
      (b: ReturnType<typeof copyBase>) => path.join(b.data, 'notes.txt'),
      (b: ReturnType<typeof copyBase>) =>
        `minerals: --write ${path.join(b.data, 'notes.txt')}: not a data file name (it must end in .yaml or .yml and not start with a dot)\n`,
    ],
    [
      'a symbolic link',
      (b: ReturnType<typeof copyBase>) => {
        const link = path.join(b.data, 'link.yaml');
        fs.symlinkSync(path.join(b.data, 'records.yaml'), link);
        return link;
      },
      (b: ReturnType<typeof copyBase>) =>
        `minerals: --write ${path.join(b.data, 'link.yaml')}: not a regular file (a symbolic link); nothing written\n`,
    ],
    [
      'a file that is one mapping, not a list',
      (b: ReturnType<typeof copyBase>) => {
        const file = path.join(b.data, 'one.yaml');
        fs.writeFileSync(file, 'id: zinc\nkind: commodity\nname: Zinc\n');
        return file;
      },
      (b: ReturnType<typeof copyBase>) =>
        `minerals: --write ${path.join(b.data, 'one.yaml')}: it does not hold a list of records, so records cannot be appended; nothing written\n`,
    ],
  ])('--write refuses %s, with exit 2 and nothing written', async (_what, target, message) => {
    const b = copyBase();
    const file = target(b);
    const sums = checksums(b.dir);
    const r = await run([...b.args, 'draft', 'fixture-article', '--write', file]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', message(b)]);
    expect(checksums(b.dir)).toEqual(sums);
  });

  it('--write refuses a record written in flow style, and writes no other file', async () => {
    const b = copyBase();
    const file = path.join(b.data, 'records.yaml');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace(
          /- id: kazakhstan\n {2}kind: country\n {2}name: Kazakhstan\n {2}iso2: KZ\n/,
          '- {id: kazakhstan, kind: country, name: Kazakhstan, iso2: KZ}\n',
        ),
    );
    const sums = checksums(b.dir);
    const r = await run([
      ...b.args,
      'draft',
      'fixture-article',
      '--write',
      path.join(b.data, 'new.yaml'),
    ]);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      `minerals: ${path.relative(ROOT, file)}: record kazakhstan is written in flow style ({...}); nothing written\n`,
    ]);
    expect(checksums(b.dir)).toEqual(sums);
  });

  it('names an unknown source, and a record that is not a source', async () => {
    const b = copyBase();
    expect(await run([...b.args, 'draft', 'no-such'])).toEqual({
      stdout: '',
      stderr: 'minerals: no source "no-such"\n',
      code: 1,
    });
    const r = await run([...b.args, 'draft', 'erg']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^minerals: no source "erg"; erg is an organization/);
  });
});

describe('draft on hostile text', () => {
  it('writes a sentence with escape and bidi characters as a comment that shows them, and a base that validates', async () => {
    const b = copyBase();
    const file = path.join(b.seeds, '001_fixture.txt');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace('Kazakhstan already produces', 'Kazakhstan \u001b[31malready\u202e produces'),
    );
    const shown = await run([...b.args, 'draft', 'fixture-article'], { tty: true });
    expect(shown.stdout).toContain(
      '# line 7: Kazakhstan ^[[31malready\\u{202E} produces more than 500,000 tons of copper a year',
    );
    expect(shown.stdout).not.toMatch(/[\u001b\u202e]/);
    const r = await run([
      ...b.args,
      'draft',
      'fixture-article',
      '--write',
      path.join(b.data, 'new.yaml'),
    ]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const records = fs.readFileSync(path.join(b.data, 'records.yaml'), 'utf8');
    expect(records).toContain('    # line 7: Kazakhstan ^[[31malready\\u{202E} produces');
    expect(records).not.toMatch(/#[^\n]*[\u001b\u202e]/);
    expect(await run([...b.args, 'validate'])).toEqual({ stdout: '', stderr: '', code: 0 });
  });
});
