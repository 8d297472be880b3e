// `minerals export`: the SQLite database read back with the sqlite3 command-line tool (what a
// user has), the CSV and NDJSON directories with their datapackage.json, and the refusals: an
// existing target is never replaced without --force, what is not a file or an export never, and
// nothing is ever left half-written or temporary.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXPORT_FORMATS } from '../src/pipeline/export.js';
import { STORE_FORMAT } from '../src/pipeline/store.js';
import { searchBody, searchDocs, tokenize } from '../src/query/search.js';
import { displayPath } from '../src/util/display.js';
import type { FactRecord } from '../src/schema/index.js';
import { LIST_COMMANDS } from '../src/schema/kinds.js';
import { FIXTURES, parseCsv, ROOT, run, stampStore, tempDir } from './helpers.js';

const LISTS = LIST_COMMANDS.map((l) => l.command);
const BASE_TABLES = [
  'records',
  'claims',
  'citations',
  'source_texts',
  'aliases',
  'record_commodities',
  'refs',
  'diagnostics',
  'meta',
];
const VERSION = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** A copy of the shipped base (data/ and seeds/) in a temporary directory, with its own cache. */
function shippedCopy(): { dir: string; env: Record<string, string> } {
  const dir = tempDir('minerals-export-');
  fs.cpSync(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
  return { dir, env: { MINERALS_CACHE_DIR: tempDir('minerals-export-cache-') } };
}

/** `minerals --data data ARGS` in `dir`. */
const runIn = (dir: string, env: Record<string, string>, args: string[]) =>
  run(['--data', 'data', ...args], { cwd: dir, env });

function findSqlite3(): boolean {
  return spawnSync('sh', ['-c', 'command -v sqlite3'], { encoding: 'utf8' }).status === 0;
}
const SQLITE3 = findSqlite3();
if (!SQLITE3 && !process.env.CI)
  console.warn(
    'skipping the tests of `minerals export sqlite` that read the database: no sqlite3 on PATH (apt-get install sqlite3)',
  );

/** Run SQL on a database with the sqlite3 tool: its rows, cells split on "|" (-json: parsed). */
function sqlite3(file: string, sql: string): string[][] {
  if (!SQLITE3) throw new Error('sqlite3 is not on PATH and CI is set: .ci/run should install it');
  const r = spawnSync('sqlite3', ['-bail', file, sql], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout === ''
    ? []
    : r.stdout
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => l.split('|'));
}

function sqlite3Json(file: string, sql: string): Array<Record<string, unknown>> {
  if (!SQLITE3) throw new Error('sqlite3 is not on PATH and CI is set: .ci/run should install it');
  const r = spawnSync('sqlite3', ['-bail', '-json', file, sql], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.trim() === '' ? [] : (JSON.parse(r.stdout) as Array<Record<string, unknown>>);
}

const jsonIds = (stdout: string) => (JSON.parse(stdout) as Array<{ id: string }>).map((r) => r.id);

/** Without sqlite3 the tests are skipped locally, but fail in CI (.ci/run installs it). */
describe.skipIf(!SQLITE3 && !process.env.CI)('export sqlite of the shipped base', () => {
  let dir = '';
  let env: Record<string, string> = {};
  let file = '';
  beforeAll(async () => {
    ({ dir, env } = shippedCopy());
    file = path.join(dir, 'base.sqlite');
    expect(await runIn(dir, env, ['export', 'sqlite', 'base.sqlite'])).toEqual({
      stdout: '',
      stderr: '',
      code: 0,
    });
  });

  it('is a SQLite database holding as many records of each kind as stats counts', async () => {
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    const stats = JSON.parse((await runIn(dir, env, ['stats', '--json'])).stdout) as {
      totals: { records: number; claims: number; citations: number };
      kinds: Record<string, number>;
    };
    const kinds = Object.fromEntries(
      sqlite3(file, 'SELECT kind, count(*) FROM records GROUP BY kind').map(([k, n]) => [
        k,
        Number(n),
      ]),
    );
    expect(kinds).toEqual(stats.kinds);
    expect(sqlite3(file, 'SELECT count(*) FROM claims')).toEqual([[String(stats.totals.claims)]]);
    expect(sqlite3(file, 'SELECT count(*) FROM citations')).toEqual([
      [String(stats.totals.citations)],
    ]);
  });

  it('has a table per list command, named like it, with its ids in its order', async () => {
    for (const list of LISTS) {
      const r = await runIn(dir, env, [list, '--json']);
      expect(r.code).toBe(0);
      expect(
        sqlite3(file, `SELECT id FROM "${list}"`).map(([id]) => id),
        list,
      ).toEqual(jsonIds(r.stdout));
    }
  });

  it("whose columns and cells are the list's csv (an empty cell NULL, counts as numbers)", async () => {
    for (const list of LISTS) {
      const [header, ...rows] = parseCsv((await runIn(dir, env, [list, '--format', 'csv'])).stdout);
      const columns = sqlite3Json(file, `SELECT name, type FROM pragma_table_info('${list}')`);
      expect(
        columns.map((c) => c.name),
        list,
      ).toEqual(header);
      const got = sqlite3Json(file, `SELECT * FROM "${list}"`);
      expect(
        got.map((row) => header!.map((h) => (row[h] === null ? '' : String(row[h])))),
        list,
      ).toEqual(rows);
      for (const row of got)
        for (const c of columns) {
          const v = row[c.name as string];
          if (v !== null)
            expect(typeof v, `${list}.${c.name}`).toBe(c.type === 'TEXT' ? 'string' : 'number');
        }
    }
    expect(
      sqlite3(file, "SELECT type FROM pragma_table_info('sources') WHERE name = 'citing_claims'"),
    ).toEqual([['INTEGER']]);
  });

  it('finds by its full-text index what `minerals search` finds', async () => {
    const r = await runIn(dir, env, ['search', 'gallium', '--json']);
    const found = new Set(
      (JSON.parse(r.stdout) as Array<{ about: { id: string } }>).map((h) => h.about.id),
    );
    expect(found.size).toBeGreaterThan(5);
    const fts = sqlite3(
      file,
      "SELECT r.id FROM search JOIN records r ON r.ord = search.rowid WHERE search MATCH 'gallium'",
    ).map(([id]) => id);
    expect(new Set(fts)).toEqual(found);
    expect(fts).toHaveLength(found.size);
  });

  it('is in pages of 16 KiB, whole by the checks of SQLite and of its full-text index', () => {
    expect(sqlite3(file, 'PRAGMA page_size')).toEqual([['16384']]);
    expect(sqlite3(file, 'PRAGMA integrity_check')).toEqual([['ok']]);
    // FTS5's own check: each row's words are in the index, and nothing else is
    expect(sqlite3(file, "INSERT INTO search(search, rank) VALUES ('integrity-check', 1)")).toEqual(
      [],
    );
    expect(sqlite3(file, 'SELECT count(*) FROM search')).toEqual(
      sqlite3(file, 'SELECT count(*) FROM records'),
    );
  });

  it('holds the source texts in full, and the meta rows: version, schema version, a hash of the records', () => {
    const texts = sqlite3Json(file, 'SELECT id, file, text FROM source_texts ORDER BY id');
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts)
      expect(t.text).toBe(fs.readFileSync(path.join(dir, 'seeds', t.file as string), 'utf8'));
    const meta = Object.fromEntries(sqlite3(file, 'SELECT key, value FROM meta'));
    const json = sqlite3Json(file, 'SELECT json FROM records ORDER BY ord').map((r) => r.json);
    const hash = crypto
      .createHash('sha1')
      .update(json.map((j) => `${j}\n`).join(''))
      .digest('hex');
    expect(meta).toEqual({
      tool: 'minerals',
      tool_version: VERSION,
      schema_version: String(STORE_FORMAT),
      records: String(json.length),
      errors: '0',
      data_sha1: hash,
      data_sha1_of: 'records.json in base order (ord), each followed by a newline',
    });
    expect(sqlite3(file, 'PRAGMA user_version')).toEqual([[String(STORE_FORMAT)]]);
    // none of the store's bookkeeping: its file stamps and this machine's paths
    expect(fs.readFileSync(file).includes(Buffer.from(dir))).toBe(false);
    expect(sqlite3(file, "SELECT name FROM sqlite_schema WHERE name IN ('files', 'hash')")).toEqual(
      [],
    );
  });

  it('is the same base without the cache (--no-cache builds a store apart and exports it)', async () => {
    const cacheFiles = fs.readdirSync(env.MINERALS_CACHE_DIR!).sort();
    expect(await runIn(dir, env, ['--no-cache', 'export', 'sqlite', 'nocache.sqlite'])).toEqual({
      stdout: '',
      stderr: '',
      code: 0,
    });
    const other = path.join(dir, 'nocache.sqlite');
    for (const sql of [
      'SELECT key, value FROM meta',
      'SELECT * FROM deposits',
      'SELECT * FROM projects',
      'SELECT count(*) FROM claims',
    ])
      expect(sqlite3(other, sql)).toEqual(sqlite3(file, sql));
    expect(fs.readdirSync(env.MINERALS_CACHE_DIR!).sort()).toEqual(cacheFiles);
  });

  it('rebuilds a store whose damage only reading it shows, with a notice, and exports the same base', async () => {
    const cache = env.MINERALS_CACHE_DIR!;
    const [name] = fs.readdirSync(cache).filter((f) => f.endsWith('.sqlite'));
    const store = path.join(cache, name!);
    // a record row that does not match its checksum, in a store stamped as checked since
    sqlite3(store, 'UPDATE records SET hash = hash + 1 WHERE ord = 3');
    stampStore(store);
    expect(await runIn(dir, env, ['export', 'sqlite', 'again.sqlite'])).toEqual({
      stdout: '',
      stderr: `minerals: the cache ${displayPath(store, dir)} was damaged (a record row does not match its checksum); rebuilding it\n`,
      code: 0,
    });
    const again = path.join(dir, 'again.sqlite');
    for (const sql of [
      'SELECT key, value FROM meta',
      'SELECT * FROM deposits',
      'SELECT * FROM claims',
    ])
      expect(sqlite3(again, sql)).toEqual(sqlite3(file, sql));
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('export csv and ndjson', () => {
  let dir = '';
  let env: Record<string, string> = {};
  beforeAll(async () => {
    ({ dir, env } = shippedCopy());
    for (const format of ['csv', 'ndjson'])
      expect(await runIn(dir, env, ['export', format, `out-${format}`])).toEqual({
        stdout: '',
        stderr: '',
        code: 0,
      });
  });

  interface Resource {
    name: string;
    path: string;
    format: string;
    mediatype: string;
    schema: { fields: Array<{ name: string; type: string }> };
  }
  const pkgOf = (format: string) =>
    JSON.parse(fs.readFileSync(path.join(dir, `out-${format}`, 'datapackage.json'), 'utf8')) as {
      profile: string;
      name: string;
      resources: Resource[];
    };

  it('writes a file per table and a datapackage.json, and nothing else', () => {
    for (const format of ['csv', 'ndjson'])
      expect(fs.readdirSync(path.join(dir, `out-${format}`)).sort()).toEqual(
        [...[...LISTS, ...BASE_TABLES].map((t) => `${t}.${format}`), 'datapackage.json'].sort(),
      );
    expect(fs.readdirSync(dir).sort()).toEqual(['data', 'out-csv', 'out-ndjson', 'seeds']);
  });

  it('describes each file in the datapackage.json: name, path, format, mediatype, typed fields', () => {
    for (const format of ['csv', 'ndjson']) {
      const pkg = pkgOf(format);
      expect(pkg.profile).toBe('tabular-data-package');
      expect(pkg.name).toMatch(/^[a-z0-9._-]+$/);
      expect(pkg.resources.map((r) => r.name)).toEqual([...LISTS, ...BASE_TABLES]);
      for (const r of pkg.resources) {
        expect(r.path).toBe(`${r.name}.${format}`);
        expect(r.format).toBe(format);
        expect(r.mediatype).toBe(format === 'csv' ? 'text/csv' : 'application/x-ndjson');
        expect(r.name).toMatch(/^[a-z0-9._-]+$/);
        for (const f of r.schema.fields)
          expect(['string', 'number', 'integer', 'boolean']).toContain(f.type);
        const text = fs.readFileSync(path.join(dir, `out-${format}`, r.path), 'utf8');
        if (format === 'csv') {
          const [header, ...rows] = parseCsv(text);
          expect(header, r.name).toEqual(r.schema.fields.map((f) => f.name));
          // every cell fits its field's type
          for (const row of rows)
            r.schema.fields.forEach((f, i) => {
              const cell = row[i]!;
              if (cell === '') return;
              if (f.type === 'integer') expect(cell, `${r.name}.${f.name}`).toMatch(/^-?\d+$/);
              if (f.type === 'number') expect(Number.isFinite(Number(cell))).toBe(true);
            });
        } else
          for (const line of text.split('\n').slice(0, -1)) {
            const row = JSON.parse(line) as Record<string, unknown>;
            expect(Object.keys(row), r.name).toEqual(r.schema.fields.map((f) => f.name));
            for (const f of r.schema.fields) {
              const v = row[f.name];
              if (v !== null)
                expect(typeof v, `${r.name}.${f.name}`).toBe(
                  f.type === 'string' ? 'string' : 'number',
                );
            }
          }
      }
    }
    const sources = pkgOf('csv').resources.find((r) => r.name === 'sources')!;
    expect(sources.schema.fields.find((f) => f.name === 'citing_claims')?.type).toBe('integer');
  });

  it("writes each list's file as `minerals LIST --format csv` prints it, byte for byte", async () => {
    for (const list of LISTS) {
      const r = await runIn(dir, env, [list, '--format', 'csv']);
      expect(fs.readFileSync(path.join(dir, 'out-csv', `${list}.csv`), 'utf8'), list).toBe(
        r.stdout,
      );
    }
  });

  it('writes the same rows in NDJSON as the list prints with --format ndjson, less its structured columns', async () => {
    const lines = fs
      .readFileSync(path.join(dir, 'out-ndjson', 'deposits.ndjson'), 'utf8')
      .split('\n')
      .slice(0, -1)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const listed = (await runIn(dir, env, ['deposits', '--json'])).stdout;
    expect(lines.map((l) => l.id)).toEqual(jsonIds(listed));
    const csv = parseCsv((await runIn(dir, env, ['deposits', '--format', 'csv'])).stdout);
    expect(lines.map((l) => csv[0]!.map((h) => (l[h] === null ? '' : String(l[h]))))).toEqual(
      csv.slice(1),
    );
  });

  it('quotes by RFC 4180: the source texts, with their line breaks and quotes, read back whole', () => {
    const [header, ...rows] = parseCsv(
      fs.readFileSync(path.join(dir, 'out-csv', 'source_texts.csv'), 'utf8'),
    );
    expect(header).toEqual(['id', 'file', 'text']);
    expect(rows.length).toBeGreaterThan(0);
    for (const [, file, text] of rows)
      expect(text).toBe(fs.readFileSync(path.join(dir, 'seeds', file!), 'utf8'));
    expect(rows.some(([, , text]) => /\n/.test(text!) && /[",]/.test(text!))).toBe(true);
    const ndjson = fs
      .readFileSync(path.join(dir, 'out-ndjson', 'source_texts.ndjson'), 'utf8')
      .split('\n')
      .slice(0, -1)
      .map((l) => JSON.parse(l) as { text: string });
    expect(ndjson.map((t) => t.text)).toEqual(rows.map((r) => r[2]));
  });
});

describe('refusals and atomicity', () => {
  let dir = '';
  let env: Record<string, string> = {};
  beforeAll(() => {
    ({ dir, env } = shippedCopy());
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A fresh working directory beside data/ and seeds/ (by symbolic links), and its entries later. */
  function workDir(): { cwd: string; entries: () => string[] } {
    const cwd = tempDir('minerals-export-target-');
    fs.symlinkSync(path.join(dir, 'data'), path.join(cwd, 'data'));
    fs.symlinkSync(path.join(dir, 'seeds'), path.join(cwd, 'seeds'));
    return {
      cwd,
      entries: () =>
        fs
          .readdirSync(cwd)
          .filter((e) => e !== 'data' && e !== 'seeds')
          .sort(),
    };
  }
  const refused = (stderr: string) => ({ stdout: '', stderr, code: 2 });

  it('refuses an existing file without --force, leaving it as it was', async () => {
    const { cwd, entries } = workDir();
    fs.writeFileSync(path.join(cwd, 'out.sqlite'), 'precious\n');
    expect(await runIn(cwd, env, ['export', 'sqlite', 'out.sqlite'])).toEqual(
      refused('minerals: export: out.sqlite exists; pass --force to replace it\n'),
    );
    expect(fs.readFileSync(path.join(cwd, 'out.sqlite'), 'utf8')).toBe('precious\n');
    expect(entries()).toEqual(['out.sqlite']);
  });

  it('replaces it with --force', async () => {
    const { cwd, entries } = workDir();
    fs.writeFileSync(path.join(cwd, 'out.sqlite'), 'old\n');
    expect(await runIn(cwd, env, ['export', 'sqlite', 'out.sqlite', '--force'])).toEqual({
      stdout: '',
      stderr: '',
      code: 0,
    });
    expect(fs.readFileSync(path.join(cwd, 'out.sqlite')).subarray(0, 15).toString()).toBe(
      'SQLite format 3',
    );
    expect(entries()).toEqual(['out.sqlite']);
  });

  it('refuses a non-empty directory without --force; with it replaces an earlier export, never another directory', async () => {
    const { cwd, entries } = workDir();
    fs.mkdirSync(path.join(cwd, 'mine'));
    fs.writeFileSync(path.join(cwd, 'mine', 'notes.txt'), 'mine\n');
    for (const force of [[], ['--force']])
      expect(await runIn(cwd, env, ['export', 'csv', 'mine', ...force])).toEqual(
        refused(
          force.length === 0
            ? 'minerals: export: mine exists and is not empty; pass --force to replace it\n'
            : 'minerals: export: mine holds no earlier export (no datapackage.json); it is not replaced, even with --force\n',
        ),
      );
    expect(fs.readdirSync(path.join(cwd, 'mine'))).toEqual(['notes.txt']);

    // an empty directory is taken as it is
    fs.mkdirSync(path.join(cwd, 'out'));
    expect((await runIn(cwd, env, ['export', 'csv', 'out'])).code).toBe(0);
    expect(fs.readdirSync(path.join(cwd, 'out'))).toContain('deposits.csv');
    expect(await runIn(cwd, env, ['export', 'ndjson', 'out'])).toEqual(
      refused('minerals: export: out exists and is not empty; pass --force to replace it\n'),
    );
    expect((await runIn(cwd, env, ['export', 'ndjson', 'out', '--force'])).code).toBe(0);
    const now = fs.readdirSync(path.join(cwd, 'out'));
    expect(now).toContain('deposits.ndjson');
    expect(now.some((f) => f.endsWith('.csv'))).toBe(false);
    expect(entries()).toEqual(['mine', 'out']);
  });

  it('refuses, even with --force, a target that is not what it writes: a link, a directory, a FIFO, a file for csv', async () => {
    const { cwd, entries } = workDir();
    fs.writeFileSync(path.join(cwd, 'real.sqlite'), 'real\n');
    fs.symlinkSync('real.sqlite', path.join(cwd, 'link.sqlite'));
    fs.mkdirSync(path.join(cwd, 'folder'));
    fs.writeFileSync(path.join(cwd, 'folder', 'x'), 'x\n');
    expect(spawnSync('mkfifo', [path.join(cwd, 'fifo')]).status).toBe(0);
    const cases: Array<[string[], string]> = [
      [
        ['sqlite', 'link.sqlite'],
        'link.sqlite is a symbolic link, not a regular file; it is not replaced, even with --force',
      ],
      [
        ['sqlite', 'folder'],
        'folder is a directory, not a regular file; it is not replaced, even with --force',
      ],
      [
        ['sqlite', 'fifo'],
        'fifo is a FIFO, not a regular file; it is not replaced, even with --force',
      ],
      [
        ['csv', 'real.sqlite'],
        'real.sqlite is a regular file, not a directory; it is not replaced, even with --force',
      ],
      [
        ['ndjson', 'link.sqlite'],
        'link.sqlite is a symbolic link, not a directory; it is not replaced, even with --force',
      ],
    ];
    for (const [args, message] of cases)
      for (const force of [[], ['--force']])
        expect(await runIn(cwd, env, ['export', ...args, ...force])).toEqual(
          refused(`minerals: export: ${message}\n`),
        );
    expect(fs.readFileSync(path.join(cwd, 'real.sqlite'), 'utf8')).toBe('real\n');
    expect(fs.readlinkSync(path.join(cwd, 'link.sqlite'))).toBe('real.sqlite');
    expect(fs.statSync(path.join(cwd, 'fifo')).isFIFO()).toBe(true);
    expect(fs.readdirSync(path.join(cwd, 'folder'))).toEqual(['x']);
    expect(entries()).toEqual(['fifo', 'folder', 'link.sqlite', 'real.sqlite']);
  });

  it('says why it cannot write into a directory that is not there', async () => {
    const { cwd, entries } = workDir();
    expect(await runIn(cwd, env, ['export', 'sqlite', 'no/such/out.sqlite'])).toEqual(
      refused('minerals: export: cannot write no/such/out.sqlite: no such directory\n'),
    );
    expect(entries()).toEqual([]);
  });

  it('leaves nothing behind when writing fails half-way, and the earlier export in place', async () => {
    const { cwd, entries } = workDir();
    // the rename of what was made into the target's place fails (as on a full disk)
    const failing = (target: string) => {
      const rename = fs.renameSync;
      return vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
        if (to === path.join(cwd, target) && String(from).endsWith('.tmp'))
          throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        rename(from, to);
      });
    };
    failing('out.sqlite');
    expect(await runIn(cwd, env, ['export', 'sqlite', 'out.sqlite'])).toEqual(
      refused('minerals: export: cannot write out.sqlite: no space left on the device\n'),
    );
    expect(entries()).toEqual([]);
    vi.restoreAllMocks();

    expect((await runIn(cwd, env, ['export', 'csv', 'out'])).code).toBe(0);
    const before = fs.readdirSync(path.join(cwd, 'out')).sort();
    failing('out');
    expect(await runIn(cwd, env, ['export', 'ndjson', 'out', '--force'])).toEqual(
      refused('minerals: export: cannot write out: no space left on the device\n'),
    );
    vi.restoreAllMocks();
    expect(fs.readdirSync(path.join(cwd, 'out')).sort()).toEqual(before);
    expect(entries()).toEqual(['out']);
  });

  it('refuses a base with errors as a query does, and exports what loads with --allow-invalid', async () => {
    const { cwd, entries } = workDir();
    const data = path.join(FIXTURES, 'exits-invalid');
    const r = await run(['--data', data, 'export', 'sqlite', 'out.sqlite'], { cwd, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^minerals: the fact base in .* has 4 errors; the first 3:\n/);
    expect(entries()).toEqual([]);
    const allowed = await run(['--data', data, '--allow-invalid', 'export', 'csv', 'out'], {
      cwd,
      env,
    });
    expect(allowed).toEqual({
      stdout: '',
      stderr:
        'minerals: warning: the fact base has 4 errors; the export leaves out the records with errors (run: minerals validate)\n',
      code: 0,
    });
    const listed = await run(['--data', data, '--allow-invalid', 'deposits', '--format', 'csv'], {
      cwd,
      env,
    });
    expect(fs.readFileSync(path.join(cwd, 'out', 'deposits.csv'), 'utf8')).toBe(listed.stdout);
    expect(fs.readFileSync(path.join(cwd, 'out', 'meta.csv'), 'utf8')).toMatch(/\r\nerrors,4\r\n/);
    expect(entries()).toEqual(['out']);
  });
});

describe('the full-text body of a record', () => {
  /** The body as its definition says: tokenize's words of each piece of text, a line each. */
  const byTokenize = (r: FactRecord) =>
    searchDocs([r])[0]!
      .units.map((u) =>
        tokenize(u.text)
          .map((t) => t.word)
          .join(' '),
      )
      .join('\n');
  const record = (name: string, description: string) =>
    ({ kind: 'deposit', id: 'x', name, description }) as unknown as FactRecord;

  it('is the words tokenize finds, for ASCII and for any other text', () => {
    const texts = [
      'Gallium, germanium & INDIUM: 250,000 t (2024).',
      '  tabs\tand\nnew  lines  ',
      'snake_case-and.dots/slashes',
      '--- ... ---',
      'Ålesund naïve CAFÉ café',
      'ﬁne ½ ² ª º',
      'e\u0301 \u0301alone x\u0301y',
      '東京 Straße İstanbul ΣΊΣΥΦΟΣ',
      'emoji 🙂 between words',
      'ascii with “curly” quotes — and dashes',
    ];
    // and random ASCII: every printable character and some white space
    let seed = 13;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 300; i++)
      texts.push(
        Array.from({ length: next() % 40 }, () =>
          next() % 10 === 0 ? '\t' : String.fromCharCode(32 + (next() % 95)),
        ).join(''),
      );
    for (const [i, text] of texts.entries()) {
      const r = record(text, texts[(i + 1) % texts.length]!);
      expect(searchBody(r, new Map()), JSON.stringify(text)).toBe(byTokenize(r));
    }
  });
});

describe('bad usage', () => {
  it('an unknown format is a usage error that lists the formats', async () => {
    expect(await run(['export', 'xlsx', 'out'])).toEqual({
      stdout: '',
      stderr: `minerals: export: FORMAT must be one of ${EXPORT_FORMATS.join(', ')}, not "xlsx"\n`,
      code: 2,
    });
  });

  it('a missing file or format is a usage error', async () => {
    expect(await run(['export', 'sqlite'])).toEqual({
      stdout: '',
      stderr: "minerals: missing required argument 'target'; see 'minerals export --help'\n",
      code: 2,
    });
    expect(await run(['export'])).toEqual({
      stdout: '',
      stderr: "minerals: missing required argument 'format'; see 'minerals export --help'\n",
      code: 2,
    });
  });
});
