// The published JSON shape of every command (`minerals schema --output COMMAND`) checked against
// what the real CLI prints, on the shipped data and on fixtures, with ajv in strict mode.
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020Import from 'ajv/dist/2020.js';
import type { Ajv2020 as Ajv2020Class, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli.js';
import { showCommand } from '../src/commands/show.js';
import { SHOW_COMMANDS } from '../src/schema/kinds.js';
import { makeContext, type Io } from '../src/context.js';
import { FactIndex } from '../src/query/facts.js';
import { loadBase } from '../src/load/base.js';
import { OUTPUTS } from '../src/commands/index.js';
import { outputJsonSchema } from '../src/schema/output.js';

type OutputCommand = string;
const OUTPUT_COMMANDS = [...OUTPUTS.keys()];
import { FIXTURES, ROOT, run, tempDir } from './helpers.js';

// ajv is CommonJS: TypeScript (NodeNext) types the default import as the module object, while
// at run time it is the class itself (which also carries `.default`)
const Ajv2020 = ((Ajv2020Import as unknown as { default?: typeof Ajv2020Class }).default ??
  Ajv2020Import) as typeof Ajv2020Class;

const DATA = path.join(ROOT, 'data');
/** An Io that prints nothing, to build the program and look at its commands. */
const QUIET: Io = {
  out: () => undefined,
  err: () => undefined,
  stdoutIsTTY: false,
  stderrIsTTY: false,
  env: {},
  cwd: ROOT,
};
const fixture = (name: string) => ['--data', path.join(FIXTURES, name)];

const schemas = new Map<OutputCommand, Record<string, unknown>>();
let ajv: Ajv2020Class;

function newAjv() {
  // strict mode; nullable fields are `type: [T, "null"]`, which strict mode allows only when asked
  return new Ajv2020({
    strict: true,
    allowUnionTypes: true,
    allErrors: true,
    formats: { uri: (s: string) => URL.canParse(s) },
  });
}

const idOf = (c: OutputCommand) =>
  `https://minerals.invalid/schema/output/${c.replaceAll(' ', '-')}.json`;
const validator = (c: OutputCommand): ValidateFunction => ajv.getSchema(idOf(c))!;
/** The schema of one list item (an ndjson line). */
const itemValidator = (c: OutputCommand): ValidateFunction =>
  ajv.compile({ $ref: `${idOf(c)}#/items` });

const explain = (errors: ErrorObject[] | null | undefined) =>
  JSON.stringify(errors?.slice(0, 5), null, 1);

function expectValid(c: OutputCommand, value: unknown): void {
  const validate = validator(c);
  const ok = validate(value);
  expect(ok, `${c}: ${explain(validate.errors)}`).toBe(true);
}

const runs = new Map<string, unknown>();
/** Run the CLI with --json (once per argument list) and return the parsed output, checking the exit code. */
async function runJson(args: string[], code = 0): Promise<unknown> {
  const key = JSON.stringify(args);
  if (!runs.has(key)) {
    const r = await run(['--json', ...args]);
    expect(r.code, r.stderr).toBe(code);
    runs.set(key, JSON.parse(r.stdout) as unknown);
  }
  return runs.get(key);
}

/** Run the CLI with --format ndjson and return the parsed lines. */
async function runNdjson(args: string[]): Promise<unknown[]> {
  const r = await run([...args, '--format', 'ndjson']);
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stdout.split('\n');
  expect(lines.pop()).toBe('');
  return lines.map((l) => JSON.parse(l) as unknown);
}

beforeAll(async () => {
  ajv = newAjv();
  for (const [c, spec] of OUTPUTS) {
    const schema = outputJsonSchema(c, { ...spec, schema: await spec.schema() });
    schemas.set(c, schema);
    ajv.addSchema(schema);
  }
});

describe('minerals schema --output', () => {
  it('covers exactly the commands that print JSON, in help order', () => {
    expect(OUTPUT_COMMANDS).toEqual([
      'deposits',
      'deals',
      'projects',
      'companies',
      'people',
      'metals',
      'sources',
      'policies',
      'countries',
      'facts',
      'show',
      'search',
      'timeline',
      'conflicts',
      'stats',
      'validate',
      'coverage',
      'source add',
      'draft',
      'fmt',
      'graph',
    ]);
  });

  it('publishes a draft 2020-12 schema with an $id and a title for every command, each compiling in strict mode', () => {
    for (const c of OUTPUT_COMMANDS) {
      const s = schemas.get(c)!;
      expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(s.$id).toBe(idOf(c));
      expect(s.title).toBe(`minerals ${c} JSON output`);
      expect(typeof newAjv().compile(s)).toBe('function');
    }
  });

  it('gives lists as arrays of a closed row object, and show, stats, graph, source add and draft as one closed object', () => {
    for (const c of OUTPUT_COMMANDS) {
      const s = schemas.get(c)!;
      if (c === 'show') expect(s.oneOf).toHaveLength(10);
      else if (
        c === 'stats' ||
        c === 'graph' ||
        c === 'source add' ||
        c === 'draft' ||
        c === 'fmt'
      ) {
        expect(s.type).toBe('object');
        expect(s.additionalProperties).toBe(false);
      } else {
        expect(s.type).toBe('array');
        const ref = (s.items as { $ref: string }).$ref;
        const row = (s.$defs as Record<string, Record<string, unknown>>)[
          ref.replace('#/$defs/', '')
        ]!;
        if (c === 'countries') expect(row.oneOf).toHaveLength(2);
        else expect([c, row.additionalProperties]).toEqual([c, false]);
      }
    }
  });

  it('says in the description that --fields keeps only the named keys, for the commands that take --fields', () => {
    // the commands of the CLI itself that take --fields (not OUTPUTS[c].fields, which the
    // description is written from)
    const takesFields = buildProgram(QUIET, () => undefined)
      .commands.filter((cmd) => cmd.options.some((o) => o.long === '--fields'))
      .map((cmd) => cmd.name());
    for (const c of OUTPUT_COMMANDS) {
      const d = schemas.get(c)!.description as string;
      expect([c, d.includes('With --fields a,b each object carries only the keys named')]).toEqual([
        c,
        takesFields.includes(c),
      ]);
    }
    expect(schemas.get('deposits')!.description).toBe(
      'The JSON that `minerals deposits --json` prints: an array, one object per deposit that passes the filters. ' +
        'With --fields a,b each object carries only the keys named, in that order. ' +
        'With --format ndjson each object is printed on a line of its own and validates against the `items` schema.',
    );
  });

  it('prints the schema the tests validate against, and takes the kind show commands as aliases of show', async () => {
    const r = await run(['schema', '--output', 'deposits']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`${JSON.stringify(schemas.get('deposits'), null, 2)}\n`);
    const deal = await run(['schema', '--output', 'deal']);
    expect([deal.code, deal.stderr]).toEqual([0, '']);
    expect(deal.stdout).toBe(`${JSON.stringify(schemas.get('show'), null, 2)}\n`);
  });

  it('rejects an unknown command with a suggestion, exit 2', async () => {
    const list = OUTPUT_COMMANDS.join(', ');
    const r = await run(['schema', '--output', 'depostis']);
    expect(r).toEqual({
      stdout: '',
      stderr: `minerals: --output: unknown command "depostis" (did you mean deposits?); commands with JSON output: ${list}\n`,
      code: 2,
    });
    const none = await run(['schema', '--output', 'xyzzyplugh']);
    expect(none).toEqual({
      stdout: '',
      stderr: `minerals: --output: unknown command "xyzzyplugh"; commands with JSON output: ${list}\n`,
      code: 2,
    });
  });

  it('leaves `minerals schema` with no option byte-identical to data/schema.json', async () => {
    const r = await run(['schema']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(fs.readFileSync(path.join(DATA, 'schema.json'), 'utf8'));
  });
});

type Case = [OutputCommand, 'json' | 'ndjson', string[], number, number];
/**
 * Invocations whose output must validate: [command, format, CLI args, exit code, minimum rows].
 * An ndjson case checks each line against the `items` schema of the command's array.
 */
const CASES: Case[] = [
  ['validate', 'json', [...fixture('rule-many-errors'), 'validate'], 1, 5],
  ['validate', 'json', [...fixture('hazard-empty-files'), 'validate'], 0, 1],
  ['coverage', 'json', ['coverage'], 0, 5],
  ['deposits', 'json', ['deposits'], 0, 3],
  ['deposits', 'json', ['deposits', '--metal', 'copper'], 0, 1],
  [
    'deposits',
    'ndjson',
    ['deposits', '--country', 'kazakhstan', '--sort', '-name', '--limit', '2'],
    0,
    2,
  ],
  ['deals', 'json', ['deals'], 0, 8],
  ['deals', 'ndjson', ['deals', '--party', 'erg'], 0, 1],
  ['projects', 'json', ['projects'], 0, 6],
  ['projects', 'ndjson', ['projects', '--metal', 'gallium'], 0, 1],
  ['companies', 'json', ['companies'], 0, 20],
  ['companies', 'ndjson', ['companies', '--type', 'media'], 0, 1],
  ['people', 'json', ['people'], 0, 9],
  ['people', 'ndjson', ['people', '--org', 'erg'], 0, 1],
  ['metals', 'json', ['metals'], 0, 20],
  ['metals', 'ndjson', ['metals', '--group', 'rare-earths'], 0, 2],
  ['sources', 'json', ['sources'], 0, 5],
  ['sources', 'ndjson', ['sources'], 0, 5],
  ['policies', 'json', ['policies'], 0, 12],
  ['policies', 'ndjson', ['policies', '--metal', 'gallium'], 0, 1],
  ['countries', 'json', ['countries'], 0, 19],
  ['countries', 'ndjson', ['countries', '--country', 'kazakhstan'], 0, 2],
  ['timeline', 'json', ['timeline'], 0, 20],
  ['timeline', 'ndjson', ['timeline', '--from', '2025'], 0, 5],
  ['timeline', 'json', ['timeline', '--metal', 'gallium'], 0, 1],
  ['timeline', 'json', [...fixture('query-timeline-basic'), 'timeline'], 0, 3],
  ['conflicts', 'json', ['conflicts'], 0, 0],
  ['conflicts', 'json', ['conflicts', '--class', 'all'], 0, 3],
  ['conflicts', 'json', [...fixture('query-conflicts-basic'), 'conflicts'], 0, 10],
  [
    'conflicts',
    'json',
    [...fixture('query-conflicts-basic'), 'conflicts', '--class', 'all'],
    0,
    23,
  ],
  [
    'conflicts',
    'json',
    [...fixture('query-conflicts-basic'), 'conflicts', '--class', 'basis'],
    0,
    2,
  ],
  [
    'conflicts',
    'ndjson',
    [...fixture('query-conflicts-basic'), 'conflicts', '--about', 'alpha', '--class', 'all'],
    0,
    7,
  ],
  ['facts', 'json', ['facts'], 0, 100],
  ['facts', 'json', ['facts', '--about', 'erg-gallium'], 0, 2],
  ['facts', 'ndjson', ['facts', '--metal', 'copper'], 0, 2],
  ['facts', 'json', [...fixture('query-facts-small'), 'facts'], 0, 2],
  ['search', 'json', ['search', 'gallium'], 0, 5],
  ['search', 'json', ['search', 'karabas', 'copper'], 0, 1],
  ['search', 'ndjson', ['search', 'gallium', '--kind', 'project'], 0, 1],
  ['search', 'json', [...fixture('query-search-small'), 'search', 'copper'], 0, 1],
];

describe('real output validates against the published schema', () => {
  it.each(CASES)('%s --format %s: %j', async (command, format, args, code, atLeast) => {
    if (format === 'json') {
      const out = await runJson(args, code);
      expect(Array.isArray(out)).toBe(true);
      expect((out as unknown[]).length).toBeGreaterThanOrEqual(atLeast);
      expectValid(command, out);
    } else {
      const lines = await runNdjson(args);
      expect(lines.length).toBeGreaterThanOrEqual(atLeast);
      const validate = itemValidator(command);
      for (const line of lines) expect(validate(line), explain(validate.errors)).toBe(true);
    }
  });

  it('validate on the clean shipped data prints an empty array, which validates', async () => {
    const out = await runJson(['validate']);
    expect(out).toEqual([]);
    expectValid('validate', out);
  });

  const SHOWS: string[][] = [
    ...SHOW_COMMANDS.map((s) => [s.command, 'show', s.example]),
    ['show', 'erg-mitsubishi'],
  ];
  it.each(SHOWS)('show: minerals --json %s %s %s', async (...args) => {
    expectValid('show', await runJson(args));
  });

  it('show pages of a commodity and a source carry their extra lists', async () => {
    const metal = (await runJson(['metal', 'show', 'gallium'])) as Record<string, unknown>;
    expect(Object.keys(metal).slice(-9)).toEqual([
      'citations',
      'claims',
      'referenced_by',
      'members',
      'deposits',
      'projects',
      'deals',
      'policies',
      'related_claims',
    ]);
    expect((metal.related_claims as unknown[]).length).toBeGreaterThan(0);
    const source = (await runJson(['source', 'show', 'mntv-gallium-market'])) as Record<
      string,
      unknown
    >;
    expect(Object.keys(source).slice(-4)).toEqual([
      'citations',
      'claims',
      'referenced_by',
      'citing_claims',
    ]);
    expect((source.citing_claims as unknown[]).length).toBeGreaterThan(5);
  });

  it('show of every record of the shipped data validates (in-process)', async () => {
    const base = loadBase({ dataDir: DATA, seedsDir: path.join(ROOT, 'seeds'), cwd: ROOT });
    const ids = [...new FactIndex(base.records.map((r) => r.record)).byId.keys()];
    expect(ids.length).toBeGreaterThan(100);
    const kinds = new Set<string>();
    const validate = validator('show');
    // a cache of its own, so that the base is loaded from its files once, not once per record
    const cacheDir = tempDir('minerals-show-cache-');
    for (const id of ids) {
      let out = '';
      const io: Io = {
        out: (s) => void (out += s),
        err: () => undefined,
        stdoutIsTTY: false,
        stderrIsTTY: false,
        env: {},
        cwd: ROOT,
      };
      expect(await showCommand(makeContext({ json: true, data: DATA, cacheDir }, io), id)).toBe(0);
      const page = JSON.parse(out) as { kind: string };
      kinds.add(page.kind);
      expect(validate(page), `${id}: ${explain(validate.errors)}`).toBe(true);
    }
    expect(kinds.size).toBe(10);
  });

  it('fmt --check validates, on the shipped data and on a fixture with broken files', async () => {
    expectValid('fmt', await runJson(['fmt', '--check']));
    const broken = (await runJson([...fixture('hazard-broken-syntax'), 'fmt', '--check'], 1)) as {
      diagnostics: unknown[];
    };
    expect(broken.diagnostics.length).toBeGreaterThan(0);
    expectValid('fmt', broken);
  });

  it('stats validates, on the shipped data and on a fixture', async () => {
    const stats = (await runJson(['stats'])) as { totals: { records: number } };
    expect(stats.totals.records).toBeGreaterThan(100);
    expectValid('stats', stats);
    expectValid('stats', await runJson([...fixture('query-facts-small'), 'stats']));
  });

  it('source add validates, written to a copy of the base and as a dry run on the shipped one', async () => {
    const dir = tempDir('minerals-source-add-json-');
    fs.writeFileSync(path.join(dir, 'article.txt'), 'Acme Corp found lithium near Almaty.\n');
    const add = [
      'add',
      path.join(dir, 'article.txt'),
      '--id',
      'acme',
      '--title',
      'A',
      '--publisher',
      'B',
    ];
    const dry = await runJson(['--data', DATA, 'source', ...add, '--dry-run']);
    expect(dry).toMatchObject({
      written: false,
      diff: expect.stringMatching(/^--- \/dev\/null\n/),
    });
    expectValid('source add', dry);
    fs.cpSync(DATA, path.join(dir, 'data'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
    const written = await runJson(['--data', path.join(dir, 'data'), 'source', ...add]);
    expect(written).toMatchObject({ written: true, diff: null });
    expectValid('source add', written);
  });

  it('draft validates, with claims, new records and figures skipped', async () => {
    const base = path.join(FIXTURES, 'authoring', 'base');
    const out = (await runJson([
      '--data',
      path.join(base, 'data'),
      '--seeds',
      path.join(base, 'seeds'),
      'draft',
      'fixture-article',
    ])) as { claims: unknown[]; new_records: unknown[]; skipped: unknown[] };
    expect([out.claims.length, out.new_records.length, out.skipped.length]).toEqual([10, 1, 1]);
    expectValid('draft', out);
  });

  it('graph validates, for the whole base and around one record', async () => {
    const all = (await runJson(['graph'])) as { nodes: unknown[]; edges: unknown[] };
    expect(all.nodes.length).toBeGreaterThan(50);
    expect(all.edges.length).toBeGreaterThan(50);
    expectValid('graph', all);
    const near = (await runJson(['graph', '--about', 'erg', '--depth', '2', '--commodities'])) as {
      nodes: unknown[];
    };
    expect(near.nodes.length).toBeGreaterThan(1);
    expectValid('graph', near);
  });

  it('--fields gives objects with only the named keys, in that order', async () => {
    const out = (await runJson(['deposits', '--fields', 'name,id'])) as Array<
      Record<string, unknown>
    >;
    expect(out.length).toBe(((await runJson(['deposits'])) as unknown[]).length);
    expect(out.map((o) => Object.keys(o).join(','))).toEqual(out.map(() => 'name,id'));
  });
});

describe('the published schema is not trivially permissive', () => {
  type Json = Record<string, unknown>;
  const clone = <T>(x: T): T => structuredClone(x);
  const errorsOf = (c: OutputCommand, value: unknown) => {
    const validate = validator(c);
    expect(validate(value)).toBe(false);
    return validate.errors!.map(
      (e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`,
    );
  };
  let deposits: Json[];
  beforeAll(async () => {
    deposits = (await runJson(['deposits'])) as Json[];
  });
  const withQuantity = () => {
    const i = deposits.findIndex((d) => (d.claims as Json[]).some((c) => c.quantity !== undefined));
    const j = (deposits[i]!.claims as Json[]).findIndex((c) => c.quantity !== undefined);
    return { i, j };
  };

  it('rejects a row with an extra key', () => {
    const bad = clone(deposits);
    bad[0]!.extra = 1;
    expect(errorsOf('deposits', bad)).toEqual([
      '/0 additionalProperties {"additionalProperty":"extra"}',
    ]);
  });

  it('rejects a row without a key the command always prints', () => {
    const bad = clone(deposits);
    delete bad[1]!.operator;
    expect(errorsOf('deposits', bad)).toEqual(['/1 required {"missingProperty":"operator"}']);
  });

  it('rejects a quantity without `base`', () => {
    const { i, j } = withQuantity();
    const bad = clone(deposits);
    delete ((bad[i]!.claims as Json[])[j]!.quantity as Json).base;
    expect(errorsOf('deposits', bad)).toEqual([
      `/${i}/claims/${j}/quantity required {"missingProperty":"base"}`,
    ]);
  });

  it('rejects a claim without `citations`', () => {
    const bad = clone(deposits);
    delete (bad[0]!.claims as Json[])[0]!.citations;
    expect(errorsOf('deposits', bad)).toEqual([
      '/0/claims/0 required {"missingProperty":"citations"}',
    ]);
  });

  it('rejects a citation without `file`, and a date without `precision`', async () => {
    const facts = (await runJson(['facts', '--about', 'erg-gallium'])) as Json[];
    const k = facts.findIndex((f) => f.date !== null);
    expect(k).toBeGreaterThanOrEqual(0);
    const bad = clone(facts);
    delete (bad[0]!.citations as Json[])[0]!.file;
    delete (bad[k]!.date as Json).precision;
    // `date` is nullable: ajv also reports that the object is not null, and that neither branch of the anyOf holds
    expect(errorsOf('facts', bad).filter((e) => e.includes(' required '))).toEqual([
      `/0/citations/0 required {"missingProperty":"file"}`,
      `/${k}/date required {"missingProperty":"precision"}`,
    ]);
  });

  it('rejects a show page with an extra key or a value of the wrong type', async () => {
    const page = (await runJson(['deposit', 'show', 'karabas'])) as Json;
    expect(validator('show')({ ...page, extra: true })).toBe(false);
    expect(validator('show')({ ...page, referenced_by: 'erg' })).toBe(false);
    expect(validator('show')({ ...page, kind: 'mine' })).toBe(false);
    expect(validator('show')(page)).toBe(true);
  });

  it('rejects stats without a kind count', async () => {
    const stats = (await runJson(['stats'])) as { kinds: Json };
    const bad = clone(stats);
    delete bad.kinds.policy;
    expect(errorsOf('stats', bad)).toEqual(['/kinds required {"missingProperty":"policy"}']);
  });
});
