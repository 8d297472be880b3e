// Exit codes that scripts can trust (issue 12, point 7): a query refuses a base with errors (exit 1,
// the first errors on stderr) unless --allow-invalid, from the files or from the cache alike, and a
// warm refusal reads no data file; warnings alone never fail a query; a directory with no fact
// files is exit 2; the store of a base with errors (or of junk) holds its stamps and counts only,
// and no store outgrows its documented limit. Fixtures: test/fixtures/exits-invalid (4 errors, 1 warning),
// test/fixtures/exits-empty (no *.yaml), hazard-empty-files (warnings only); junk is made here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { storeLimit } from '../src/pipeline/store.js';
import { FIXTURES, ROOT, run, storeFile, storeState, tempDir } from './helpers.js';

/** How many times the parse stack was asked for: to read and check data files, or to patch the cache. */
const loads = vi.hoisted(() => ({ n: 0 }));
vi.mock('../src/pipeline/stack.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/pipeline/stack.js')>();
  return {
    parseStack: () => {
      loads.n++;
      return real.parseStack();
    },
  };
});

const INVALID = 'test/fixtures/exits-invalid';
const EMPTY = 'test/fixtures/exits-empty';

/** Every command that reads the base to answer, with arguments that would answer on a valid base. */
const QUERIES: string[][] = [
  ['deposits'],
  ['deals'],
  ['projects'],
  ['companies'],
  ['people'],
  ['metals'],
  ['sources'],
  ['policies'],
  ['countries'],
  ['deposits', '--json'],
  ['facts'],
  ['show', 'karabas'],
  ['deposit', 'show', 'karabas', '--json'],
  ['search', 'copper'],
  ['timeline'],
  ['conflicts'],
  ['stats'],
  ['graph'],
  ['report'],
  ['coverage'],
];

const REFUSED = [
  `minerals: the fact base in ${INVALID} has 4 errors; the first 3:`,
  `${INVALID}/more.yaml:4:12: error unknown-ref: no record has id "kazakstan" (did you mean "kazakhstan"?)`,
  '    4 |   country: kazakstan',
  '      |            ^',
  `${INVALID}/more.yaml:12:11: error bad-enum: "digging" is not one of "occurrence", "prospect", "exploration", "development", "producing", "past-producer", "closed", "unknown"`,
  '   12 |   status: digging',
  '      |           ^',
  `${INVALID}/more.yaml:13:7: error bad-id: "Bad_Id" is not a valid id: use lower-case letters, digits and single hyphens (e.g. "erg-mitsubishi")`,
  '   13 | - id: Bad_Id',
  '      |       ^',
  'minerals: run `minerals validate` for all of them, or pass --allow-invalid to query anyway',
  '',
].join('\n');

const WARNING =
  'minerals: warning: the fact base has 4 errors; results may be incomplete (run: minerals validate)\n';

/** Every file under a directory with its size in bytes. */
function sizes(dir: string): Array<[string, number]> {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel): [string, number] => [rel, fs.statSync(path.join(dir, rel)).size])
    .filter(([rel]) => fs.statSync(path.join(dir, rel)).isFile());
}
const total = (dir: string) => sizes(dir).reduce((n, [, s]) => n + s, 0);

describe('a query on a base with errors', () => {
  it('is refused by every query command: exit 1, the count and the first 3 errors as validate prints them', async () => {
    const cache = tempDir();
    for (const args of QUERIES) {
      const cold = await run([...args, '--data', INVALID, '--no-cache']);
      expect({ args, ...cold }).toEqual({ args, stdout: '', stderr: REFUSED, code: 1 });
      // through the cache: the first run writes it, the second answers from it
      for (let i = 0; i < 2; i++)
        expect({
          args,
          i,
          ...(await run([...args, '--data', INVALID], { env: { MINERALS_CACHE_DIR: cache } })),
        }).toEqual({ args, i, ...cold });
    }
  });

  it('a warm query is refused from the store alone: no data file read or checked', async () => {
    const cache = tempDir();
    const env = { env: { MINERALS_CACHE_DIR: cache } };
    loads.n = 0;
    expect((await run(['deposits', '--data', INVALID], env)).code).toBe(1);
    expect(loads.n).toBeGreaterThan(0);
    loads.n = 0;
    const built = storeState(cache);
    for (const args of [['deposits'], ['facts', '--json'], ['search', 'copper'], ['stats']])
      expect({ args, ...(await run([...args, '--data', INVALID], env)) }).toEqual({
        args,
        stdout: '',
        stderr: REFUSED,
        code: 1,
      });
    expect(loads.n).toBe(0);
    expect(storeState(cache)).toEqual(built);
  });

  it('with --allow-invalid answers without the records that have errors, with a warning (exit 0), cold or warm', async () => {
    const cache = tempDir();
    const args = ['deposits', '--data', INVALID, '--allow-invalid', '--fields', 'id,status'];
    const expected = {
      stdout: 'ID        STATUS\nkarabas   exploration\nsyrymbet  exploration\n',
      stderr: WARNING,
      code: 0,
    };
    expect(await run([...args, '--no-cache'])).toEqual(expected);
    expect(await run(args, { env: { MINERALS_CACHE_DIR: cache } })).toEqual(expected);
    expect(await run(args, { env: { MINERALS_CACHE_DIR: cache } })).toEqual(expected);
    // the option is global: before the command too
    expect(
      await run(['--allow-invalid', 'show', 'karabas', '--data', INVALID, '--json']),
    ).toMatchObject({ stderr: WARNING, code: 0 });
    // a base with errors keeps no records in the cache: --allow-invalid reads the files each time
    loads.n = 0;
    await run(args, { env: { MINERALS_CACHE_DIR: cache } });
    expect(loads.n).toBeGreaterThan(0);
  });

  it('validate is unchanged: every problem on stdout, the summary on stderr, exit 1', async () => {
    const r = await run(['validate', '--data', INVALID, '--no-cache']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => /: (error|warning) /.test(l))).toEqual([
      `${INVALID}/more.yaml:4:12: error unknown-ref: no record has id "kazakstan" (did you mean "kazakhstan"?)`,
      `${INVALID}/more.yaml:12:11: error bad-enum: "digging" is not one of "occurrence", "prospect", "exploration", "development", "producing", "past-producer", "closed", "unknown"`,
      `${INVALID}/more.yaml:13:7: error bad-id: "Bad_Id" is not a valid id: use lower-case letters, digits and single hyphens (e.g. "erg-mitsubishi")`,
      `${INVALID}/more.yaml:19:7: error duplicate-id: duplicate id "karabas"; first defined at ${INVALID}/base.yaml:16:7`,
      `${INVALID}/notes.yaml:1:1: warning empty-file: file holds no records`,
    ]);
    expect(r.stderr).toBe('4 errors, 1 warning in 3 files (6 records, 1 citation)\n');
  });

  it('warnings alone do not fail a query', async () => {
    const data = 'test/fixtures/hazard-empty-files';
    expect((await run(['validate', '--data', data, '--no-cache'])).code).toBe(0);
    const expected = {
      stdout: 'ID     NAME   KIND     ISO2\nchile  Chile  country  CL\n',
      stderr: '',
      code: 0,
    };
    const cache = tempDir();
    expect(await run(['countries', '--data', data, '--no-cache'])).toEqual(expected);
    expect(
      await run(['countries', '--data', data], { env: { MINERALS_CACHE_DIR: cache } }),
    ).toEqual(expected);
    expect(
      await run(['countries', '--data', data], { env: { MINERALS_CACHE_DIR: cache } }),
    ).toEqual(expected);
  });

  it('is answered again once the errors are fixed, and refused again when one comes back', async () => {
    const dir = tempDir();
    fs.cpSync(path.join(FIXTURES, 'valid-minimal'), dir, { recursive: true });
    const file = path.join(dir, 'base.yaml');
    const good = fs.readFileSync(file, 'utf8');
    const env = { env: { MINERALS_CACHE_DIR: tempDir() } };
    const args = ['deposits', '--data', dir, '--fields', 'id'];
    const answer = { stdout: 'ID\nkarabas\n', stderr: '', code: 0 };
    expect(await run(args, env)).toEqual(answer);
    fs.writeFileSync(file, good.replace('status: exploration', 'status: digging'));
    const refused = await run(args, env);
    expect([refused.code, refused.stdout, refused.stderr.split('\n')[0]]).toEqual([
      1,
      '',
      `minerals: the fact base in ${dir} has 1 error:`,
    ]);
    expect(await run(args, env)).toEqual(refused);
    fs.writeFileSync(file, good);
    expect(await run(args, env)).toEqual(answer);
    expect(await run(args, env)).toEqual(answer);
  });

  it('is exit 2, as validate, when a data file could not be read (here: too large)', async () => {
    const dir = tempDir();
    fs.cpSync(path.join(FIXTURES, 'valid-minimal'), dir, { recursive: true });
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, 'huge.yaml'), `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    const v = await run(['validate', '--data', dir, '--no-cache']);
    expect(v.code).toBe(2);
    const expected = {
      stdout: '',
      stderr: [
        `minerals: the fact base in ${dir} has 1 error:`,
        `${dir}/huge.yaml:1:1: error file-too-large: file is 5242883 bytes, over the limit of 5242880 bytes; split it into smaller files`,
        'minerals: run `minerals validate` for all of them, or pass --allow-invalid to query anyway',
        '',
      ].join('\n'),
      code: 2,
    };
    const env = { env: { MINERALS_CACHE_DIR: tempDir() } };
    expect(await run(['deposits', '--data', dir, '--no-cache'])).toEqual(expected);
    expect(await run(['deposits', '--data', dir], env)).toEqual(expected);
    expect(await run(['deposits', '--data', dir], env)).toEqual(expected);
  });
});

describe('a data directory with no fact files', () => {
  it('is exit 2 with "no fact files in DIR" for every query, and writes no cache', async () => {
    const cache = tempDir();
    for (const args of QUERIES)
      for (const extra of [['--no-cache'], [], ['--allow-invalid']])
        expect({
          args,
          extra,
          ...(await run([...args, '--data', EMPTY, ...extra], {
            env: { MINERALS_CACHE_DIR: cache },
          })),
        }).toEqual({
          args,
          extra,
          stdout: '',
          stderr: `minerals: no fact files in ${EMPTY}\n`,
          code: 2,
        });
    expect(fs.readdirSync(cache)).toEqual([]);
  });

  it('an empty directory too (shown as given, absolute outside the working directory)', async () => {
    const dir = tempDir();
    expect(await run(['deals', '--data', dir])).toEqual({
      stdout: '',
      stderr: `minerals: no fact files in ${dir}\n`,
      code: 2,
    });
  });

  it('validate is unchanged: it says so and exits 0', async () => {
    expect(await run(['validate', '--data', EMPTY, '--no-cache'])).toEqual({
      stdout: '',
      stderr: `minerals: no data files (*.yaml, *.yml) in ${EMPTY}\n`,
      code: 0,
    });
  });
});

describe('the cache', () => {
  it('of a directory of junk, large files and copies of bases is its stamps and counts alone: kilobytes, not a copy', async () => {
    const dir = tempDir('minerals-junk-');
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(dir, `note-${i}.txt`), `note ${i}\n`);
    fs.writeFileSync(path.join(dir, 'disk.img'), Buffer.alloc(16 * 1024 * 1024, 7));
    fs.writeFileSync(path.join(dir, 'dump.json'), `[${'0,'.repeat(2 * 1024 * 1024)}0]\n`);
    fs.mkdirSync(path.join(dir, 'app', 'node_modules', 'pkg'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'app', 'node_modules', 'pkg', 'package.json'), '{}\n');
    // YAML that is no fact file: a compose file, a CI workflow, an editor's backup
    fs.writeFileSync(path.join(dir, 'app', 'compose.yml'), 'services:\n  web:\n    image: nginx\n');
    fs.mkdirSync(path.join(dir, 'app', 'ci'));
    fs.writeFileSync(path.join(dir, 'app', 'ci', 'build.yaml'), 'on: [push]\njobs: {}\n');
    fs.writeFileSync(path.join(dir, 'base.yaml~'), 'x'.repeat(3 * 1024 * 1024));
    // copies of real bases (what other programs leave in /tmp): their records are valid, but the
    // directory as a whole has errors (every id twice)
    for (const copy of ['run-1', 'run-2', 'run-3'])
      fs.cpSync(path.join(ROOT, 'data'), path.join(dir, copy, 'data'), { recursive: true });
    const cache = tempDir();
    const env = { env: { MINERALS_CACHE_DIR: cache } };
    const cold = await run(['deposits', '--data', dir], env);
    expect(cold.code).toBe(1);
    expect(cold.stdout).toBe('');
    expect(cold.stderr).toMatch(
      new RegExp(
        `^minerals: the fact base in ${dir} has \\d+ errors; the first 3:\\n${dir}/app/ci/build.yaml:1:1: error `,
      ),
    );
    expect(cold.stderr.split('\n').slice(-2)).toEqual([
      'minerals: run `minerals validate` for all of them, or pass --allow-invalid to query anyway',
      '',
    ]);
    loads.n = 0;
    expect(await run(['deposits', '--data', dir], env)).toEqual(cold);
    expect(loads.n).toBe(0);
    // one store with no records in it
    expect(storeState(cache).records).toBe(false);
    expect(fs.readdirSync(cache).sort()).toEqual([
      path.basename(storeFile(cache)),
      `${path.basename(storeFile(cache))}.ok`,
    ]);
    expect(total(cache)).toBeLessThan(64 * 1024);
  });

  it('of a valid base holds its records within the documented limit (4 times the data files and source texts, plus 1 KiB a file and 256 KiB)', async () => {
    const cache = tempDir();
    const dir = tempDir();
    fs.cpSync(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
    const data = path.join(dir, 'data');
    expect(
      (await run(['deposits', '--data', data], { env: { MINERALS_CACHE_DIR: cache } })).code,
    ).toBe(0);
    const files = sizes(data)
      .filter(([rel]) => /\.ya?ml$/.test(rel))
      .map(([, size]) => ({ size }));
    const bytes = total(cache);
    expect(storeState(cache).records).toBe(true);
    const texts = total(path.join(dir, 'seeds'));
    expect(bytes).toBeLessThanOrEqual(storeLimit(files, texts));
    // in practice: the records as JSON and as columns, the texts and the full-text index
    const yaml = files.reduce((n, f) => n + f.size, 0);
    expect(bytes).toBeGreaterThan(yaml);
  });
});

describe('not found and usage, command by command (the shipped base)', () => {
  it('an unknown name given to an option is 2 with suggestions; an unknown record given to show is 1', async () => {
    const env = { env: { MINERALS_CACHE_DIR: tempDir() } };
    const cases: Array<[string[], number, RegExp]> = [
      // a record asked for that is not there: 1
      [['show', 'no-such-record'], 1, /^minerals: no record "no-such-record"\n$/],
      [['deal', 'show', 'no-such-deal'], 1, /^minerals: no deal "no-such-deal"\n$/],
      [['deal', 'show', 'karabas'], 1, /^minerals: no deal "karabas"; karabas is a deposit: /],
      [
        ['deposit', 'show', 'karabaz'],
        1,
        /^minerals: no deposit "karabaz" \(did you mean karabas\?\)\n$/,
      ],
      // a name given to an option that names nothing: 2, with the closest names
      [
        ['deposits', '--metal', 'coper'],
        2,
        /^minerals: --metal: no commodity matches "coper" \(did you mean copper\?\)\n$/,
      ],
      [
        ['facts', '--metal', 'coper'],
        2,
        /^minerals: --metal: no commodity matches "coper" \(did you mean copper\?\)\n$/,
      ],
      [
        ['timeline', '--metal', 'coper'],
        2,
        /^minerals: --metal: no commodity matches "coper" \(did you mean copper\?\)\n$/,
      ],
      [
        ['deposits', '--country', 'kazakstan'],
        2,
        /^minerals: --country: no country matches "kazakstan" \(did you mean kazakhstan\?\)\n$/,
      ],
      [['deals', '--party', 'ergg'], 2, /^minerals: --party: .* \(did you mean erg\?\)\n$/],
      [
        ['facts', '--about', 'karabaz'],
        2,
        /^minerals: --about: no record matches "karabaz" \(did you mean karabas\?\)\n$/,
      ],
      [
        ['timeline', '--about', 'karabaz'],
        2,
        /^minerals: --about: .* \(did you mean karabas\?\)\n$/,
      ],
      [
        ['conflicts', '--about', 'karabaz'],
        2,
        /^minerals: --about: .* \(did you mean karabas\?\)\n$/,
      ],
      [['graph', '--about', 'karabaz'], 2, /^minerals: --about: .* \(did you mean karabas\?\)\n$/],
      [
        ['facts', '--said-by', 'nobody-at-all'],
        2,
        /^minerals: --said-by: no person or organization matches "nobody-at-all"\n$/,
      ],
      // a name that matches several records: 2, in show too
      [['show', 'kaz'], 2, /^minerals: "kaz" matches several records: .*; be more specific\n$/],
      // bad option values, unknown fields, topics, shells, outputs: 2
      [['deposits', '--status', 'nonsense'], 2, /^minerals: --status must be one of /],
      [
        ['deposits', '--sort', 'nosuch'],
        2,
        /^minerals: --sort: unknown field "nosuch"; valid fields: /,
      ],
      [['search', ' '], 2, /^minerals: search: /],
      [['help', 'nosuch'], 2, /^minerals: help: no command or topic "nosuch" /],
      [['schema', '--output', 'nosuch'], 2, /^minerals: --output: unknown command "nosuch"; /],
      [['completion', 'nosuch'], 2, /^minerals: completion: unknown shell "nosuch"; /],
      // where the data is: 2
      [
        ['deposits', '--data', 'no/such/dir'],
        2,
        /^minerals: data directory not found: no\/such\/dir /,
      ],
      [
        ['deposits', '--data', EMPTY],
        2,
        /^minerals: no fact files in test\/fixtures\/exits-empty\n$/,
      ],
      // nothing found is no failure: 0
      [['search', 'zzzqqqxxx'], 0, /^$/],
      [['projects', '--metal', 'copper', '--status', 'cancelled'], 0, /^$/],
    ];
    for (const [args, code, stderr] of cases) {
      const r = await run(args, env);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({
        args,
        code,
        stderr: expect.stringMatching(stderr),
      });
      // one line on stderr, never a stack trace
      expect(r.stderr.split('\n').length, args.join(' ')).toBeLessThanOrEqual(2);
    }
  });

  it('help exit-codes says so', async () => {
    const { stdout } = await run(['help', 'exit-codes']);
    for (const line of [
      '  1  the data has errors, or the record asked for is not there:',
      '     - a query (the lists, show, facts, timeline, conflicts, search, stats, graph, report,',
      '       coverage) refuses a base with errors: stderr says how many and shows the first 3 as',
      '     - a show command found no record of that id or name ("deal show karabas" also says that',
      '     - a name given to an option (--metal, --country, --about, --said-by, ...) that matches',
      '       ("minerals: no fact files in DIR");',
      '       size or token limit: validate, and a query on that base, exit 2 rather than 1;',
      '     - output that could not be written ("> /dev/full": no space left on the device); a',
    ])
      expect(stdout).toContain(`\n${line}\n`);
  });
});
