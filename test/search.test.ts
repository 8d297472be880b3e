// `minerals search`: query parsing, word matching (case, accents, prefixes, phrases), snippets
// with their offsets, ranking; then the built CLI on a small fixture and on the shipped base.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fold,
  makeSnippet,
  markSnippet,
  matchText,
  parseQuery,
  search,
  searchDocs,
  tokenize,
  type SearchDoc,
  type Span,
} from '../src/query/search.js';
import type { FactRecord } from '../src/schema/index.js';
import { FIXTURES, run } from './helpers.js';

const small = path.join(FIXTURES, 'query-search-small');
const tsv = (args: string[]) =>
  run(['search', '--data', small, '--format', 'tsv', '--no-headers', ...args]);

describe('fold and tokenize', () => {
  it('folds case, accents and compatibility forms', () => {
    expect(fold('Montréal-Est ÅLESUND ﬁnance Ⅻ')).toBe('montreal-est alesund finance xii');
    expect(fold('Société') === fold('SOCIETE')).toBe(true);
    // a decomposed é (e + combining acute) folds like the composed one
    expect(fold('Socie\u0301te\u0301')).toBe('societe');
  });

  it('splits on anything that is not a letter, digit or mark, keeping string offsets', () => {
    expect(tokenize('Société Générale’s 250,000 t')).toEqual([
      { word: 'societe', start: 0, end: 7 },
      { word: 'generale', start: 8, end: 16 },
      { word: 's', start: 17, end: 18 },
      { word: '250', start: 19, end: 22 },
      { word: '000', start: 23, end: 26 },
      { word: 't', start: 27, end: 28 },
    ]);
    expect(tokenize('Socie\u0301te\u0301 x')).toEqual([
      { word: 'societe', start: 0, end: 9 },
      { word: 'x', start: 10, end: 11 },
    ]);
  });
});

describe('parseQuery', () => {
  it('makes quoted phrases, punctuation-joined chunks and single words', () => {
    expect(parseQuery('  "rare earth"  AMM-2025 gall “Montréal” "unclosed phrase')).toEqual([
      { words: ['rare', 'earth'], quoted: true },
      { words: ['amm', '2025'], quoted: false },
      { words: ['gall'], quoted: false },
      { words: ['montreal'], quoted: true },
      { words: ['unclosed', 'phrase'], quoted: true },
    ]);
  });

  it('has no terms for an empty query or one without words', () => {
    expect(parseQuery('')).toEqual([]);
    expect(parseQuery('   ')).toEqual([]);
    expect(parseQuery('"" -- ...')).toEqual([]);
  });
});

describe('matchText', () => {
  const text = 'Rare earth prices rise; the market for rare metals on earth is smaller.';

  it('tells which terms occur; null when none does', () => {
    expect(matchText(parseQuery('rare prices'), text)!.terms).toEqual([0, 1]);
    expect(matchText(parseQuery('copper rare'), text)!.terms).toEqual([1]);
    expect(matchText(parseQuery('copper'), text)).toBeNull();
    expect(matchText([], text)).toBeNull();
  });

  it('matches the start of a word, and counts whole-word matches as exact', () => {
    expect(matchText(parseQuery('pric'), text)).toEqual({
      terms: [0],
      spans: [{ start: 11, end: 17 }],
      exact: 0,
      matched: 1,
      words: 13,
    });
    expect(matchText(parseQuery('prices'), text)).toEqual({
      terms: [0],
      spans: [{ start: 11, end: 17 }],
      exact: 1,
      matched: 1,
      words: 13,
    });
    // only at the start of a word: "arth" is inside "earth"
    expect(matchText(parseQuery('arth'), text)).toBeNull();
  });

  it('matches a quoted phrase only where its words stand together, and whole', () => {
    expect(matchText(parseQuery('"rare earth"'), text)).toEqual({
      terms: [0],
      spans: [{ start: 0, end: 10 }],
      exact: 1,
      matched: 2,
      words: 13,
    });
    expect(matchText(parseQuery('rare earth'), text)).toEqual({
      terms: [0, 1],
      spans: [
        { start: 0, end: 4 },
        { start: 5, end: 10 },
        { start: 39, end: 43 },
        { start: 54, end: 59 },
      ],
      exact: 2,
      matched: 4,
      words: 13,
    });
    expect(matchText(parseQuery('"metals earth"'), text)).toBeNull();
    expect(matchText(parseQuery('"pric"'), text)).toBeNull();
  });

  it('treats a punctuation-joined chunk as a phrase whose last word may be a prefix', () => {
    expect(matchText(parseQuery('AMM-2025'), 'at the AMM-2025 forum')!.spans).toEqual([
      { start: 7, end: 15 },
    ]);
    expect(matchText(parseQuery('AMM-20'), 'at the AMM-2025 forum')!.spans).toEqual([
      { start: 7, end: 15 },
    ]);
    expect(matchText(parseQuery('2025-AMM'), 'at the AMM-2025 forum')).toBeNull();
    expect(matchText(parseQuery('250,000'), 'more than 250,000 tons')!.spans).toEqual([
      { start: 10, end: 17 },
    ]);
  });

  it('is case- and accent-insensitive both ways', () => {
    expect(matchText(parseQuery('MONTREAL'), 'near Montréal-Est')!.spans).toEqual([
      { start: 5, end: 13 },
    ]);
    expect(matchText(parseQuery('montréal'), 'near MONTREAL')!.spans).toEqual([
      { start: 5, end: 13 },
    ]);
    expect(matchText(parseQuery('"societe miniere"'), 'Société Minière du Nord')!.spans).toEqual([
      { start: 0, end: 15 },
    ]);
  });
});

describe('makeSnippet', () => {
  const long =
    'The quick brown fox jumps over the lazy dog near the riverbank, where the fox sleeps under old willow trees all afternoon.';
  const snip = (q: string, text = long) => makeSnippet(text, matchText(parseQuery(q), text)!.spans);

  it('keeps a short text whole, with every match', () => {
    expect(snip('copper', 'Copper and more copper')).toEqual({
      text: 'Copper and more copper',
      matches: [
        [0, 6],
        [16, 22],
      ],
    });
  });

  it('cuts a long text at spaces around the first match, with ellipses and shifted offsets', () => {
    expect(snip('fox')).toEqual({
      text: 'The quick brown fox jumps over the lazy dog near the riverbank, where the fox…',
      matches: [
        [16, 19],
        [74, 77],
      ],
    });
    expect(snip('willow')).toEqual({
      text: '…near the riverbank, where the fox sleeps under old willow trees all afternoon.',
      matches: [[52, 58]],
    });
    expect(snip('lazy')).toEqual({
      text: '…brown fox jumps over the lazy dog near the riverbank, where the fox sleeps…',
      matches: [[26, 30]],
    });
    // about 80 characters, never more than 80 plus the two ellipses
    for (const q of ['fox', 'willow', 'lazy', 'riverbank', 'afternoon'])
      expect([...snip(q).text].length).toBeLessThanOrEqual(82);
  });

  it('gives offsets in characters (code points), so an emoji counts once', () => {
    const s = snip('copper', '🙂 café copper');
    expect(s).toEqual({ text: '🙂 café copper', matches: [[7, 13]] });
    expect([...s.text].slice(7, 13).join('')).toBe('copper');
  });

  it('marks every match in the snippet', () => {
    expect(markSnippet(snip('fox'))).toBe(
      'The quick brown «fox» jumps over the lazy dog near the riverbank, where the «fox»…',
    );
    expect(markSnippet(snip('"rare earth"', 'Rare earth prices'), '[', ']')).toBe(
      '[Rare earth] prices',
    );
  });
});

describe('search ranking', () => {
  const doc = (
    id: string,
    units: SearchDoc['units'],
    kind: SearchDoc['kind'] = 'commodity',
  ): SearchDoc => ({ kind, id, name: id, units });
  const ids = (docs: SearchDoc[], q: string, kind?: SearchDoc['kind']) =>
    search(docs, parseQuery(q), { kind }).map((h) => `${h.id}:${h.field}`);

  it('ranks name and alias > description > quote > source text', () => {
    const docs = [
      doc('a-text', [{ field: 'text', text: 'gallium here', source: 'a-text', line: 3 }], 'source'),
      doc('b-quote', [{ field: 'quote', text: 'gallium here', source: 's' }]),
      doc('c-description', [{ field: 'description', text: 'gallium here' }]),
      doc('d-alias', [{ field: 'alias', text: 'gallium here' }]),
      doc('e-name', [{ field: 'name', text: 'gallium here' }]),
    ];
    expect(ids(docs, 'gallium')).toEqual([
      'd-alias:alias',
      'e-name:name',
      'c-description:description',
      'b-quote:quote',
      'a-text:text',
    ]);
  });

  it('within a field: whole words before prefixes, more matched words, a shorter text, then id', () => {
    const docs = [
      doc('prefix', [{ field: 'name', text: 'Galliumite' }]),
      doc('long', [{ field: 'name', text: 'ERG gallium supply agreement' }]),
      doc('short', [{ field: 'name', text: 'Gallium' }]),
      doc('twice', [{ field: 'name', text: 'gallium and more gallium in a long name' }]),
      doc('z-same', [{ field: 'name', text: 'Gallium' }]),
    ];
    expect(ids(docs, 'gallium')).toEqual([
      'twice:name',
      'short:name',
      'z-same:name',
      'long:name',
      'prefix:name',
    ]);
  });

  it('gives one hit per record, at its best field, and keeps the earlier piece among equals', () => {
    const docs = [
      doc('x', [
        { field: 'quote', text: 'copper', source: 's' },
        { field: 'description', text: 'some copper' },
        { field: 'description', text: 'more copper' },
      ]),
    ];
    const hits = search(docs, parseQuery('copper'));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      id: 'x',
      field: 'description',
      source: null,
      line: null,
      snippet: { text: 'some copper', matches: [[5, 11]] },
    });
  });

  it('needs every term somewhere in the record (AND), and ranks more terms in the stronger field first', () => {
    const docs = [
      doc('split', [
        { field: 'name', text: 'copper' },
        { field: 'description', text: 'gold' },
      ]),
      doc('desc', [{ field: 'description', text: 'copper and gold' }]),
      doc('name', [{ field: 'name', text: 'copper gold' }]),
      doc('quote', [{ field: 'quote', text: 'copper and gold', source: 's' }], 'deposit'),
      doc('no-gold', [{ field: 'name', text: 'copper' }]),
    ];
    expect(ids(docs, 'copper gold')).toEqual([
      'name:name',
      'split:name',
      'desc:description',
      'quote:quote',
    ]);
    expect(search(docs, parseQuery('copper gold')).map((h) => markSnippet(h.snippet))).toEqual([
      '«copper» «gold»',
      '«copper»',
      '«copper» and «gold»',
      '«copper» and «gold»',
    ]);
  });

  it('--kind restricts the records; no terms, no hits', () => {
    const docs = [
      doc('c', [{ field: 'name', text: 'copper' }]),
      doc('d', [{ field: 'quote', text: 'copper and gold', source: 's' }], 'deposit'),
    ];
    expect(ids(docs, 'copper', 'deposit')).toEqual(['d:quote']);
    expect(ids(docs, 'copper', 'person')).toEqual([]);
    expect(search(docs, [])).toEqual([]);
  });
});

describe('search ranking by the tally (no spans until a hit, strongest fields first)', () => {
  // the ranking as its parts define it: matchText of every piece, the best by tier, terms, whole
  // words, words matched and length, the earlier among equals; a record needs every term somewhere
  const TIER: Record<string, number> = {
    ...{ name: 4, alias: 4, title: 4, description: 3, role: 3, claim: 3 },
    ...{ quote: 2, note: 2, text: 1 },
  };
  type Key = [number, number, number, number, number];
  const key = (field: string, m: NonNullable<ReturnType<typeof matchText>>): Key => [
    TIER[field]!,
    m.terms.length,
    m.exact,
    m.matched,
    -m.words,
  ];
  const ranksBefore = (a: Key, b: Key) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
    return false;
  };
  function reference(docs: SearchDoc[], q: string) {
    const terms = parseQuery(q);
    const hits: Array<{
      id: string;
      field: string;
      line: number | null;
      key: Key;
      snippet: unknown;
    }> = [];
    for (const d of docs) {
      const seen = new Set<number>();
      let best: { u: SearchDoc['units'][number]; key: Key; spans: Span[] } | undefined;
      for (const u of d.units) {
        const m = matchText(terms, u.text);
        if (!m) continue;
        for (const t of m.terms) seen.add(t);
        const k = key(u.field, m);
        if (!best || ranksBefore(k, best.key)) best = { u, key: k, spans: m.spans };
      }
      if (best && seen.size === terms.length)
        hits.push({
          id: d.id,
          field: best.u.field,
          line: best.u.line ?? null,
          key: best.key,
          snippet: makeSnippet(best.u.text, best.spans),
        });
    }
    hits.sort((a, b) =>
      ranksBefore(a.key, b.key)
        ? -1
        : ranksBefore(b.key, a.key)
          ? 1
          : a.id < b.id
            ? -1
            : a.id > b.id
              ? 1
              : 0,
    );
    return hits.map(({ key: _, ...h }) => h);
  }
  const actual = (docs: SearchDoc[], q: string) =>
    search(docs, parseQuery(q)).map((h) => ({
      id: h.id,
      field: h.field,
      line: h.line,
      snippet: h.snippet,
    }));

  const WORDS = [
    'gallium',
    'galliums',
    'gall',
    'Gallium',
    'GALL',
    'ore',
    'or',
    'Société',
    'societe',
    'ß',
    'x2',
  ];
  const text = fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(' ', '-', ', ', ' "', '  ', 'é ')), {
      maxLength: 8,
    })
    .map((ws) => ws.map(([w, sep]) => w + sep).join(''));
  const field = fc.constantFrom('name', 'alias', 'description', 'claim', 'note', 'quote', 'text');
  const docs = fc.array(fc.array(fc.record({ field, text }), { minLength: 1, maxLength: 6 }), {
    minLength: 1,
    maxLength: 6,
  });
  const query = fc
    .array(
      fc.oneof(
        fc.constantFrom(...WORDS, 'galli', 'o', 'soc'),
        fc.constantFrom('"ore gall"', '"gallium"', '"gall"', 'ore-gall', '"ß ore"', 'societe-x2'),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((ts) => ts.join(' '));

  it('ranks as matchText of every piece would, with or without the word counts the store keeps', () => {
    fc.assert(
      fc.property(docs, query, fc.boolean(), (units, q, counted) => {
        const ds: SearchDoc[] = units.map((us, i) => ({
          kind: 'commodity',
          id: `r${i % 3}${i}`,
          name: `r${i}`,
          units: us.map((u, n) => ({
            field: u.field as SearchDoc['units'][number]['field'],
            text: u.text.trim() === '' ? 'ore' : u.text,
            line: n,
            ...(counted ? { words: tokenize(u.text.trim() === '' ? 'ore' : u.text).length } : {}),
          })),
        }));
        expect(actual(ds, q)).toEqual(reference(ds, q));
      }),
      { numRuns: 400, seed: 20261202 },
    );
  });

  it('reads a weaker field for a term the stronger ones lack: every term must occur in the record', () => {
    const d: SearchDoc = {
      kind: 'commodity',
      id: 'g',
      name: 'g',
      units: [
        { field: 'text', text: 'gallium ore here' },
        { field: 'name', text: 'Gallium' },
        { field: 'quote', text: 'ore only' },
      ],
    };
    expect(actual([d], 'gallium ore')).toEqual([
      { id: 'g', field: 'name', line: null, snippet: { text: 'Gallium', matches: [[0, 7]] } },
    ]);
    expect(actual([d], 'gallium copper')).toEqual([]);
  });
});

describe('searchDocs', () => {
  it('collects names, aliases, title, description, role titles, claim texts, notes, quotes and source lines', () => {
    const records: FactRecord[] = [
      { kind: 'source', id: 'src', name: 'Src', title: 'The  Title', file: 'a.txt' },
      {
        kind: 'person',
        id: 'p',
        name: 'P',
        aliases: ['Pe'],
        description: 'Desc\nsplit',
        roles: [{ title: 'geologist', citations: [{ source: 'src', quote: 'role quote' }] }],
        citations: [{ source: 'src', quote: 'record quote', note: 'citation note' }],
        claims: [
          {
            property: 'statement',
            text: 'claim text',
            note: 'claim note',
            citations: [{ source: 'src', quote: 'claim quote' }],
          },
          {
            property: 'statement',
            text: 'claim text',
            citations: [{ source: 'src', quote: 'claim quote' }],
          },
        ],
      },
    ];
    const docs = searchDocs(records, new Map([['src', { text: 'line one\n\nline three\r\n' }]]));
    expect(
      docs.map((d) => d.units.map((u) => [u.field, u.text, u.source ?? null, u.line ?? null])),
    ).toEqual([
      [
        ['name', 'Src', null, null],
        ['title', 'The Title', null, null],
        ['text', 'line one', 'src', 1],
        ['text', 'line three', 'src', 3],
      ],
      [
        ['name', 'P', null, null],
        ['alias', 'Pe', null, null],
        ['description', 'Desc split', null, null],
        ['role', 'geologist', null, null],
        ['claim', 'claim text', null, null],
        ['note', 'claim note', null, null],
        ['quote', 'record quote', 'src', null],
        ['note', 'citation note', 'src', null],
        ['quote', 'role quote', 'src', null],
        ['quote', 'claim quote', 'src', null],
      ],
    ]);
  });
});

describe('minerals search on a small fixture', () => {
  it('ranks a whole-word name above a prefix name, a claim, then a source line', async () => {
    const r = await tsv(['copper', '--fields', 'rank,kind,id,field,line,snippet,matches']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '1\tcommodity\tcopper\tname\t\tCopper\t[0,6]',
        '2\tdeposit\tcopperfield\tname\t\tCopperfield\t[0,11]',
        '3\torganization\tsmn\tclaim\t\tCopper\t[0,6]',
        '4\tsource\tgazette\ttext\t3\t…Minière du Nord reported copper at Montréal-Est, near the old Copperfield…\t[26,32]; [63,74]',
        '',
      ].join('\n'),
    );
  });

  it('folds accents: montreal finds Montréal', async () => {
    expect((await tsv(['montreal', '--fields', 'id,field,snippet'])).stdout).toBe(
      [
        'copperfield\tdescription\tOld mine near Montréal-Est.',
        'smn\tquote\tSociété Minière du Nord reported copper at Montréal-Est',
        'gazette\ttext\t…Minière du Nord reported copper at Montréal-Est, near the old Copperfield mine.',
        '',
      ].join('\n'),
    );
  });

  it('a quoted phrase marks the phrase; unquoted words are marked one by one', async () => {
    const marked = async (q: string) =>
      (await run(['search', '--data', small, q, '--no-headers'])).stdout;
    expect(await marked('"rare earth"')).toBe(
      [
        'policy  rare-earth-plan  name    «Rare earth» plan',
        'source  gazette          text:4  Analysts expect «rare earth» prices to rise; the market for rare metals on earth…',
        '',
      ].join('\n'),
    );
    expect(await marked('rare earth')).toBe(
      [
        'policy  rare-earth-plan  name    «Rare» «earth» plan',
        'source  gazette          text:4  Analysts expect «rare» «earth» prices to rise; the market for «rare» metals on «earth»…',
        '',
      ].join('\n'),
    );
  });

  it('takes several arguments as one query, and --kind restricts it', async () => {
    expect((await tsv(['societe', 'miniere', '--fields', 'id,field'])).stdout).toBe(
      'smn\tname\ngazette\ttext\n',
    );
    expect((await tsv(['copper', '--kind', 'deposit', '--fields', 'id,field'])).stdout).toBe(
      'copperfield\tname\n',
    );
  });

  it('the words may stand in different fields of one record: shown at the strongest', async () => {
    expect((await tsv(['copperfield', 'montreal', '--fields', 'id,field,line'])).stdout).toBe(
      'copperfield\tname\t\ngazette\ttext\t3\n',
    );
    expect((await tsv(['copperfield', 'zinc'])).stdout).toBe('');
  });

  it('JSON gives the snippet text, its match offsets and where it was found', async () => {
    const r = await run(['search', '--data', small, 'copperfield', '--json']);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        rank: 1,
        about: { id: 'copperfield', kind: 'deposit', name: 'Copperfield' },
        field: 'name',
        source: null,
        line: null,
        snippet: 'Copperfield',
        matches: [[0, 11]],
      },
      {
        rank: 2,
        about: { id: 'gazette', kind: 'source', name: 'Mining Gazette' },
        field: 'text',
        source: 'gazette',
        line: 3,
        snippet: '…Minière du Nord reported copper at Montréal-Est, near the old Copperfield mine.',
        matches: [[63, 74]],
      },
    ]);
  });

  it('bolds the matches when colour is on, and uses «» when it is off', async () => {
    const on = await run(['search', '--data', small, 'smn', '--no-headers'], {
      env: { NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    expect(on.stdout).toBe('organization  smn  alias  \u001b[1mSMN\u001b[22m\n');
    expect((await run(['search', '--data', small, 'smn', '--no-headers'])).stdout).toBe(
      'organization  smn  alias  «SMN»\n',
    );
  });

  it('no hit: exit 0, [] in JSON', async () => {
    expect(await run(['search', '--data', small, 'zinc', '--json'])).toEqual({
      stdout: '[]\n',
      stderr: '',
      code: 0,
    });
    expect(await run(['search', '--data', small, 'zinc'])).toEqual({
      stdout: 'KIND  ID  FIELD  SNIPPET\n',
      stderr: '',
      code: 0,
    });
  });
});

describe('minerals search usage errors (exit 2)', () => {
  it('an empty query', async () => {
    expect(await run(['search', ''])).toEqual({
      stdout: '',
      stderr: 'minerals: search: give some text to look for\n',
      code: 2,
    });
    expect(await run(['search', '--', '--'])).toEqual({
      stdout: '',
      stderr: 'minerals: search: "--" has no words to look for\n',
      code: 2,
    });
    expect(await run(['search'])).toEqual({
      stdout: '',
      stderr: "minerals: missing required argument 'text'; see 'minerals search --help'\n",
      code: 2,
    });
  });

  it('--help ends with real examples', async () => {
    const r = await run(['search', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nExamples:\n( {2}\$ minerals search.*\n){3}$/);
  });

  it('an unknown --kind, with the closest kind', async () => {
    expect(await run(['search', 'erg', '--kind', 'projects'])).toEqual({
      stdout: '',
      stderr:
        'minerals: --kind must be one of source, country, region, organization, person, commodity, deposit, project, deal, policy, not "projects" (did you mean project?)\n',
      code: 2,
    });
  });
});

describe('minerals search on the shipped base', () => {
  it('gallium --kind project: the ERG gallium project first, by its name', async () => {
    const r = await run(['search', 'gallium', '--kind', 'project', '--json']);
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.stdout) as Array<{
      about: { id: string };
      field: string;
      snippet: string;
      matches: number[][];
    }>;
    expect(hits.map((h) => [h.about.id, h.field])).toEqual([
      ['erg-gallium', 'name'],
      ['hbi-plant-rudny', 'claim'],
      ['pavlodar-aluminium-plant', 'description'],
    ]);
    expect(hits[0]).toMatchObject({ snippet: 'ERG gallium project', matches: [[4, 11]] });
  });

  it('karabas copper --kind deposit: Karabas by its name, copper only in its other fields', async () => {
    expect(await run(['search', 'karabas', 'copper', '--kind', 'deposit'])).toEqual({
      stdout: 'KIND     ID       FIELD  SNIPPET\ndeposit  karabas  name   «Karabas»\n',
      stderr: '',
      code: 0,
    });
  });

  it('gallium: the commodity itself first, then names that contain the word', async () => {
    const r = await run([
      'search',
      'gallium',
      '--limit',
      '6',
      '--format',
      'tsv',
      '--fields',
      'id,field',
    ]);
    expect(r.stdout).toBe(
      'id\tfield\ngallium\tname\nerg-gallium\tname\nerg-mitsubishi\tname\nmntv-gallium-market\ttitle\nchina-export-controls\tname\nchina-gallium-ban-us\tname\n',
    );
  });

  it('an alias finds its record (Sharlapayev), and a phrase found only in a source text finds the source', async () => {
    expect(
      (
        await run([
          'search',
          'sharlapayev',
          '--format',
          'tsv',
          '--fields',
          'id,field',
          '--limit',
          '1',
        ])
      ).stdout,
    ).toBe('id\tfield\nsharlapaev\talias\n');
    const r = await run(['search', '"fair practice"', '--kind', 'source', '--json']);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        rank: 1,
        about: {
          id: 'kursiv-rare-earth-auctions',
          kind: 'source',
          name: 'Kazakhstan auctions rare earth deposits (untitled text, original source kz.kursiv.media)',
        },
        field: 'text',
        source: 'kursiv-rare-earth-auctions',
        line: 3,
        snippet: '…rights, stating, “It is fair practice… I support the auctioning of some…',
        matches: [[25, 38]],
      },
    ]);
  });

  it('every offset in the JSON points at the matched words (checked with jq)', async () => {
    const hits = await run(['search', 'gallium', '--json']);
    const out = execFileSync(
      'bash',
      [
        '-c',
        `jq -r '.[] | .snippet as $s | .matches[] | $s[.[0]:.[1]] | ascii_downcase' | sort -u`,
      ],
      { encoding: 'utf8', input: hits.stdout },
    );
    expect(out).toBe('gallium\n');
  });
});

describe('search time grows with the text, not with its square', () => {
  // a seed with one enormous line: every word of it matches. Quadratic work (an index recounted
  // from the line's start for each match, a list searched for each match) took minutes here; the
  // bound below is a thousand times what linear work takes, so it fails only on such code
  const doc = (line: string): SearchDoc => ({
    kind: 'source',
    id: 's',
    name: 's',
    units: [{ field: 'text', text: line, source: 's', line: 1 }],
  });
  it('one line of 100,000 matching words, ASCII and not, gives its hit at once', {
    timeout: 30_000,
  }, () => {
    for (const lead of ['', '\u{1D400} é ']) {
      const line = `${lead}${'cu '.repeat(100_000)}end`;
      const [hit] = search([doc(line)], parseQuery('cu'));
      expect(hit!.snippet.text.startsWith(`${lead}cu cu`)).toBe(true);
      expect(hit!.score.matched).toBe(100_000);
      // every match shown is a "cu" at the code points it names
      const chars = [...hit!.snippet.text];
      for (const [a, b] of hit!.snippet.matches) expect(chars.slice(a, b).join('')).toBe('cu');
    }
  });

  it('a snippet names its matches by code point, surrogate pairs and lone halves alike (fast-check)', () => {
    const piece = fc.constantFrom('cu', 'cup', 'x', ' ', '\u{1D400}', '\uD800', '\uDC00', 'é', '—');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const m = matchText(parseQuery('cu'), text);
        if (!m) return;
        const s = makeSnippet(text, m.spans, 20);
        const chars = [...s.text];
        for (const [a, b] of s.matches)
          expect(chars.slice(a, b).join('').toLowerCase()).toMatch(/^cu/);
      }),
      { numRuns: 2000 },
    );
  });
});
