// The store of the loaded base (pipeline/store.ts, pipeline/build.ts, pipeline/open.ts): the same
// answers with and without it, rebuilt when anything it stands for changes or when it is damaged
// (with a one-line notice), never corrupted by two runs at once or a run killed mid-build, and
// never written with --no-cache.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebuild, refresh } from '../src/pipeline/build.js';
import { openBase, type OpenOptions } from '../src/pipeline/open.js';
import { listNow, openStore, STORE_FORMAT, storedFiles, storePath } from '../src/pipeline/store.js';
import {
  BIN,
  ROOT,
  run,
  stampStore,
  storeExec,
  storeFile,
  storeState,
  tempDir,
} from './helpers.js';

const openIndex = (opts: OpenOptions) => openBase(opts, 'index');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

/** A copy of the shipped base (data/ with seeds/ beside it) in a temp dir. */
function copyBase(): { dataDir: string; seedsDir: string } {
  const dir = tempDir('minerals-cache-');
  fs.cpSync(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
  return { dataDir: path.join(dir, 'data'), seedsDir: path.join(dir, 'seeds') };
}

/**
 * A copy of the base, a cache of its own, and the command `args(dataDir)` run once to build the
 * store: what each test of the store's damage starts from (its answer, and the store's file).
 */
async function builtStore(args: (dataDir: string) => string[]) {
  const b = copyBase();
  const cache = tempDir();
  const env = { env: { MINERALS_CACHE_DIR: cache } };
  const argv = args(b.dataDir);
  const good = await run(argv, env);
  expect([good.code, good.stderr]).toEqual([0, '']);
  return { cache, env, args: argv, good, file: storeFile(cache) };
}

const open = (
  b: { dataDir: string; seedsDir: string },
  cacheRoot: string | null,
  version = 'test',
  notice?: (line: string) => void,
) => openIndex({ dataDir: b.dataDir, seedsDir: b.seedsDir, cwd: '/', cacheRoot, version, notice });

const QUERIES = [
  ['deposits', '--metal', 'copper'],
  ['deposits', '--json'],
  // lists answered from the JSON rows the store keeps (list_rows), every kind with a list
  ['deposits', '--metal', 'copper', '--json'],
  ['projects', '--metal', 'rare-earths', '--format', 'ndjson', '--limit', '2'],
  ['metals', '--json'],
  ['deals', '--json'],
  ['companies', '--format', 'ndjson'],
  ['people', '--json'],
  ['sources', '--format', 'ndjson'],
  ['policies', '--metal', 'gallium', '--json'],
  ['countries', '--json'],
  ['deals', '--party', 'erg', '--format', 'csv'],
  ['show', 'erg', '--json'],
  ['metal', 'show', 'rare-earths'],
  ['timeline', '--from', '2025', '--json'],
  ['conflicts', '--json'],
  ['facts', '--metal', 'gallium', '--format', 'ndjson'],
  ['people', '--org', 'erg', '--format', 'yaml'],
  ['search', 'gallium', '--json'],
  ['stats', '--json'],
  ['deposits', '--metal', 'nosuch'],
  // questions the store narrows to the records that can answer them (pipeline/store.ts narrow, named)
  ['facts', '--about', 'karabas', '--json'],
  ['facts', '--said-by', 'erg', '--json'],
  ['facts', '--source', 'erg-not-for-sale', '--format', 'csv'],
  ['facts', '--property', 'reserves,capacity', '--modality', 'planned', '--json'],
  ['facts', '--metal', 'rare-earths', '--kind', 'deposit,policy', '--json'],
  ['timeline', '--about', 'erg', '--json'],
  ['timeline', '--metal', 'gallium', '--kind', 'project,deal'],
  ['show', 'Karabas site', '--json'],
  ['show', 'kazakhstan'],
  ['metal', 'show', 'gallium', '--json'],
  ['source', 'show', 'erg-not-for-sale'],
  ['person', 'show', 'ibragimov', '--json'],
  ['project', 'show', 'erg-gallium', '--json'],
  ['deposit', 'show', 'karabas'],
  ['policy', 'show', 'china-export-controls', '--json'],
  ['company', 'show', 'eurasian res'],
  ['show', 'eurasian'],
  ['search', 'rare', 'earth', '--json'],
  ['search', '"export ban"', '--json'],
  ['conflicts', '--about', 'karabas', '--class', 'tension,contradiction,refinement', '--json'],
  ['conflicts', '--about', 'gallium', '--class', 'change,basis,refinement'],
  ['sources', '--json'],
  ['graph', '--about', 'erg', '--depth', '2', '--json'],
];

describe('cache', () => {
  it('gives byte-identical output to a run without it, cold and warm, for every kind of query', async () => {
    const cache = tempDir('minerals-cache-root-');
    const env = { MINERALS_CACHE_DIR: cache };
    /** The one base's store: when it was built, and the file as last written. */
    const stamp = () => storeState(cache);
    for (const args of QUERIES) {
      const none = await run(['--no-cache', ...args]);
      const cold = await run(args, { env });
      const built = stamp();
      const warm = await run(args, { env });
      // the first warm list keeps the JSON rows it made (list_rows): the same store, patched
      const kept = stamp();
      expect({ args, kept: [kept.builtAt, kept.ino] }).toEqual({
        args,
        kept: [built.builtAt, built.ino],
      });
      const again = await run(args, { env });
      expect({ args, cold }).toEqual({ args, cold: none });
      expect({ args, warm }).toEqual({ args, warm: none });
      expect({ args, again }).toEqual({ args, again: none });
      // the warm run answered from the store: it was neither rebuilt nor rewritten (search and
      // stats too: they check the source texts' stamps and read the texts from the store)
      expect({ args, again: stamp() }).toEqual({ args, again: kept });
    }
    expect(fs.readdirSync(cache).sort()).toEqual([
      path.basename(storeFile(cache)),
      `${path.basename(storeFile(cache))}.ok`,
    ]);
  });

  it('is read on the second run, and answers from it without loading a data file', async () => {
    const b = copyBase();
    const root = tempDir();
    const first = await open(b, root);
    const second = await open(b, root);
    expect([first.fromCache, second.fromCache]).toEqual([false, true]);
    expect(second.index.ofKind('deposit').map((d) => d.id)).toEqual(
      first.index.ofKind('deposit').map((d) => d.id),
    );
    expect([...second.index.byId.keys()]).toEqual([...first.index.byId.keys()]);
    expect(second.index.referencedBy('erg')).toEqual(first.index.referencedBy('erg'));
    expect(second.errors).toBe(0);
  });

  it('is rebuilt when a data file changes, is added or removed, and the answer follows the files', async () => {
    const b = copyBase();
    const root = tempDir();
    await open(b, root);
    const file = path.join(b.dataDir, 'deposits.yaml');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('name: Karabas', 'name: Karabas Two'),
    );
    const changed = await open(b, root);
    expect([changed.fromCache, changed.index.get('karabas')?.name]).toEqual([false, 'Karabas Two']);
    expect((await open(b, root)).fromCache).toBe(true);

    fs.writeFileSync(
      path.join(b.dataDir, 'extra.yaml'),
      'id: extra-metal\nkind: commodity\nname: Extra metal\n',
    );
    const added = await open(b, root);
    expect([added.fromCache, added.index.get('extra-metal')?.name]).toEqual([false, 'Extra metal']);
    fs.rmSync(path.join(b.dataDir, 'extra.yaml'));
    const removed = await open(b, root);
    expect([removed.fromCache, removed.index.get('extra-metal')]).toEqual([false, undefined]);
  });

  it('catches an edit that keeps the size and the modification time (content hash of recent files)', async () => {
    const b = copyBase();
    const root = tempDir();
    const file = path.join(b.dataDir, 'deposits.yaml');
    const before = fs.statSync(file);
    await open(b, root);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('name: Karabas', 'name: Karabaz'));
    fs.utimesSync(file, before.atime, before.mtime);
    expect(fs.statSync(file).size).toBe(before.size);
    const after = await open(b, root);
    expect([after.fromCache, after.index.get('karabas')?.name]).toEqual([false, 'Karabaz']);
  });

  it('is rebuilt when a source text changes (for commands that read texts), a text is added, or for another program version', async () => {
    const b = copyBase();
    const root = tempDir();
    const texts = () =>
      openBase(
        { dataDir: b.dataDir, seedsDir: b.seedsDir, cwd: '/', cacheRoot: root, version: 'test' },
        'texts',
      );
    await open(b, root);
    const seed = path.join(b.seedsDir, fs.readdirSync(b.seedsDir)[0]!);
    fs.appendFileSync(seed, '\nA line added.\n');
    // a query on records does not stat every text: only the seeds directory itself
    expect((await open(b, root)).fromCache).toBe(true);
    const read = await texts();
    expect(read.fromCache).toBe(false);
    expect([...read.texts.values()].some((t) => t.text.endsWith('\nA line added.\n'))).toBe(true);
    expect((await texts()).fromCache).toBe(true);
    // a file added to the seeds directory changes the directory: everything is checked again
    fs.writeFileSync(path.join(b.seedsDir, 'new.txt'), 'A new text.\n');
    expect((await open(b, root)).fromCache).toBe(false);
    expect((await open(b, root)).fromCache).toBe(true);
    expect((await open(b, root, 'other-version')).fromCache).toBe(false);
  });

  it('refuses a broken base on a warm run as on a cold one, from the store; --allow-invalid warns and answers', async () => {
    const b = copyBase();
    const cache = tempDir();
    const file = path.join(b.dataDir, 'deposits.yaml');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('country: kazakhstan', 'country: kazakstan'),
    );
    const args = ['deposits', '--data', b.dataDir, '--fields', 'id'];
    const env = { env: { MINERALS_CACHE_DIR: cache } };
    const cold = await run(args, env);
    const built = storeState(cache);
    expect(built.records).toBe(false);
    const warm = await run(args, env);
    expect(cold).toEqual({
      stdout: '',
      stderr: [
        `minerals: the fact base in ${b.dataDir} has 1 error:`,
        `${file}:9:12: error unknown-ref: no record has id "kazakstan" (did you mean "kazakhstan"?)`,
        '    9 |   country: kazakstan',
        '      |            ^',
        'minerals: run `minerals validate` for all of them, or pass --allow-invalid to query anyway',
        '',
      ].join('\n'),
      code: 1,
    });
    expect(warm).toEqual(cold);
    expect(storeState(cache)).toEqual(built);
    // its check stamp gone (the file is not known to be as this program wrote it): rebuilt
    fs.rmSync(`${storeFile(cache)}.ok`);
    expect(await run(args, env)).toEqual({
      ...cold,
      stderr: `minerals: the cache ${storeFile(cache)} was damaged (changed since this program last wrote it); rebuilding it\n${cold.stderr}`,
    });
    expect(await run(args, env)).toEqual(cold);
    const allowed = await run([...args, '--allow-invalid'], env);
    expect(allowed).toEqual({
      stdout: 'ID\nkarabas\nsyrymbet\nkuirektykol\n',
      stderr:
        'minerals: warning: the fact base has 1 error; results may be incomplete (run: minerals validate)\n',
      code: 0,
    });
    expect(await run([...args, '--allow-invalid'], env)).toEqual(allowed);
  });

  it('a refusal kept in the store is worded from the directory it was made in: from another one the files are read', async () => {
    // duplicate-id names the first definition's file as seen from the working directory
    const data = path.join(ROOT, 'test', 'fixtures', 'rule-duplicate-id');
    const cache = tempDir();
    const query = ['countries', '--data', data, '--cache-dir', cache];
    const elsewhere = path.join(ROOT, 'test');
    for (const cwd of [ROOT, elsewhere, elsewhere, ROOT]) {
      const want = await run([...query, '--no-cache'], { cwd });
      expect(want.code).toBe(1);
      expect(want.stderr).toContain('first defined at');
      expect({ cwd, ...(await run(query, { cwd })) }).toEqual({ cwd, ...want });
    }
  });

  it('a store another run has written and not yet stamped is waited for while that run is alive, not taken for damage', async () => {
    const { cache, env, args, good, file } = await builtStore((DATA) => [
      'deposits',
      '--data',
      DATA,
      '--metal',
      'copper',
      '--json',
    ]);
    // another run's write, as it stands between its commit and its stamp: the file changed, FILE.ok
    // not yet, and that run's marker beside it; it stamps 600 ms later (longer than the short waits)
    storeExec(file, "UPDATE meta SET key = key WHERE key = 'base'");
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `setTimeout(() => {
          const fs = require('node:fs');
          const st = fs.statSync(process.argv[1]);
          fs.writeFileSync(process.argv[1] + '.ok', st.size + ' ' + st.mtimeMs + ' ' + st.ctimeMs + ' ' + st.ino);
          fs.rmSync(process.argv[1] + '.writing.' + process.pid);
        }, 600)`,
        file,
      ],
      { stdio: 'ignore' },
    );
    fs.writeFileSync(`${file}.writing.${writer.pid}`, '');
    const done = new Promise((resolve) => writer.on('exit', resolve));
    expect(await run(args, env)).toEqual(good);
    await done;
    expect(fs.readdirSync(cache).filter((n) => n.includes('.writing.'))).toEqual([]);
    // a marker whose process is gone is no reason to wait: the change is damage, and the marker goes
    storeExec(file, "UPDATE meta SET key = key WHERE key = 'base'");
    fs.writeFileSync(`${file}.writing.${writer.pid}`, '');
    expect(await run(args, env)).toEqual({
      ...good,
      stderr: `minerals: the cache ${file} was damaged (changed since this program last wrote it); rebuilding it\n`,
    });
    expect(fs.readdirSync(cache).filter((n) => n.includes('.writing.'))).toEqual([]);
  });

  it('a store that is not a database, is cut short, or has another schema version is rebuilt with a one-line notice', async () => {
    const { env, args, good, file } = await builtStore((DATA) => [
      'deposits',
      '--data',
      DATA,
      '--metal',
      'copper',
      '--json',
    ]);
    const notice = (why: string) =>
      `minerals: the cache ${file} was damaged (${why}); rebuilding it\n`;
    const changed = 'changed since this program last wrote it';
    // each change as another program makes it (the file's stamp shows it), and (stamped) as damage
    // no stamp shows, caught by what is read
    const damages: Array<[string, () => void]> = [
      [
        'not an SQLite database',
        () => fs.writeFileSync(file, 'not a database at all, but long enough '.repeat(200)),
      ],
      ['SQLITE_CORRUPT', () => fs.truncateSync(file, fs.statSync(file).size - 20000)],
      ['not an SQLite database', () => fs.truncateSync(file, 0)],
      ['schema version 99', () => storeExec(file, 'PRAGMA user_version = 99')],
      [changed, () => storeExec(file, 'DELETE FROM meta')],
      [
        'no meta row',
        () => {
          storeExec(file, 'DELETE FROM meta');
          stampStore(file);
        },
      ],
      [
        'meta row is not as written',
        () => {
          storeExec(file, `UPDATE meta SET value = '{"version": 1}'`);
          stampStore(file);
        },
      ],
    ];
    for (const [why, damage] of damages) {
      damage();
      expect({ why, ...(await run(args, env)) }).toEqual({ why, ...good, stderr: notice(why) });
      // rebuilt: the next run is quiet again, and the store has this program's schema
      expect({ why, ...(await run(args, env)) }).toEqual({ why, ...good });
      expect(openStore(file)?.db.pragma('user_version', { simple: true })).toBe(STORE_FORMAT);
    }
  });

  it('a flipped byte in a record row is caught by its checksum: a notice, the right answer, a store fresh again', async () => {
    const { env, args, good, file } = await builtStore((DATA) => [
      'show',
      'karabas',
      '--data',
      DATA,
      '--json',
    ]);
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf('"name":"Karabas"');
    expect(at).toBeGreaterThan(0);
    bytes[at + 9] ^= 0x01; // K -> J: still valid JSON, still a valid page
    fs.writeFileSync(file, bytes);
    stampStore(file); // as bit rot under an unchanged stamp
    const notice = `minerals: the cache ${file} was damaged (a record row does not match its checksum); rebuilding it\n`;
    expect(await run(args, env)).toEqual({ ...good, stderr: notice });
    expect(await run(args, env)).toEqual(good);
  });

  it('damage found while answering (a row changed after the store was checked) falls back to the files', async () => {
    const b = copyBase();
    const cache = tempDir();
    await open(b, cache);
    const opened = await open(b, cache);
    expect(opened.fromCache).toBe(true);
    // as bit rot that no stamp sees: the row changes, its hash does not
    const file = storePath(cache, b.dataDir, b.seedsDir);
    storeExec(file, `UPDATE records SET json = json || ' ' WHERE kind = 'policy'`);
    const notices: string[] = [];
    const again = await open(b, cache, 'test', (l) => notices.push(l));
    // the open sees the file changed since this program wrote it, and rebuilds it
    expect(notices).toEqual([
      `minerals: the cache ${path.relative('/', file)} was damaged (changed since this program last wrote it); rebuilding it`,
    ]);
    expect(again.index.ofKind('policy').map((p) => p.id)).toContain('rare-metals-plan-2024-2028');
    // and damage the open cannot see (the check stamp written anew): caught on read
    storeExec(
      file,
      `UPDATE records SET json = replace(json, 'Karabas', 'Karabaz') WHERE id = 'karabas'`,
    );
    stampStore(file);
    notices.length = 0;
    const third = await open(b, cache, 'test', (l) => notices.push(l));
    expect(third.fromCache).toBe(true);
    expect(third.index.get('karabas')?.name).toBe('Karabas');
    expect(notices).toHaveLength(1);
    expect(third.index.ofKind('deposit').map((d) => d.id)).toEqual([
      'karabas',
      'syrymbet',
      'kuirektykol',
    ]);
  });

  it('the first search makes the full-text index and says so; an edit keeps it up to date', async () => {
    const b = copyBase();
    const cache = tempDir();
    const env = { env: { MINERALS_CACHE_DIR: cache } };
    const args = (...a: string[]) => [...a, '--data', b.dataDir];
    await run(args('deposits'), env);
    const file = storeFile(cache);
    const indexed = () => openStore(file)!.meta.search;
    expect(indexed()).toBe(false);
    const first = await run(args('search', 'Karabas', '--json'), env);
    expect(indexed()).toBe(true);
    const built = storeState(cache);
    expect(await run(args('search', 'Karabas', '--json'), env)).toEqual(first);
    expect(storeState(cache)).toEqual(built);
    // a name edited in place: the store is patched, its index too
    const deposits = path.join(b.dataDir, 'deposits.yaml');
    fs.writeFileSync(
      deposits,
      fs.readFileSync(deposits, 'utf8').replace('name: Karabas', 'name: Karabas Zephyr'),
    );
    await run(args('deposits'), env);
    expect(storeState(cache).builtAt).toBe(built.builtAt);
    const edited = await run(args('search', 'zephyr', '--json'), env);
    expect(edited).toEqual(await run(args('--no-cache', 'search', 'zephyr', '--json')));
    expect(JSON.parse(edited.stdout).map((h: { about: { id: string } }) => h.about.id)).toEqual([
      'karabas',
    ]);
    expect(indexed()).toBe(true);
  });

  // a real process: a build killed half-way
  it('a build killed by SIGKILL leaves the previous store intact, and the next run answers', async () => {
    const b = copyBase();
    const cache = tempDir();
    const env = { env: { MINERALS_CACHE_DIR: cache } };
    const args = ['deposits', '--data', b.dataDir, '--json'];
    const before = await run(args, env);
    const built = storeState(cache);
    // enough new records that the rebuild takes a while
    const big = Array.from(
      { length: 3000 },
      (_, i) =>
        `- id: extra-${i}\n  kind: commodity\n  name: Extra ${i}\n  description: An extra commodity number ${i}.\n`,
    ).join('');
    fs.writeFileSync(path.join(b.dataDir, 'zz-extra.yaml'), big);
    const p = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, MINERALS_CACHE_DIR: cache },
    });
    // kill it once it writes its temporary database
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const tick = setInterval(() => {
        if (fs.readdirSync(cache).some((n) => n.endsWith('.tmp'))) {
          clearInterval(tick);
          p.kill('SIGKILL');
          resolve();
        } else if (p.exitCode !== null || Date.now() - started > 20_000) {
          clearInterval(tick);
          reject(new Error('the build ended before it could be killed'));
        }
      }, 2);
    });
    await new Promise((resolve) => p.on('close', resolve));
    expect(p.signalCode).toBe('SIGKILL');
    // the store is the one from before, whole
    expect(storeState(cache)).toEqual(built);
    const reopened = openStore(storeFile(cache));
    expect(reopened?.meta.builtAt).toBe(built.builtAt);
    reopened?.db.close();
    fs.rmSync(path.join(b.dataDir, 'zz-extra.yaml'));
    expect(await run(args, env)).toEqual(before);
    // the next build clears what the killed one left
    fs.writeFileSync(path.join(b.dataDir, 'zz-extra.yaml'), big);
    const after = await run([...args.slice(0, -1), '--fields', 'id'], env);
    expect(after.code).toBe(0);
    expect(fs.readdirSync(cache).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 30_000);

  // a real process: two separate processes racing to build one cache
  it('two runs at once on an empty cache both answer, and leave a valid cache', async () => {
    const b = copyBase();
    const cache = tempDir();
    const spawnRun = () =>
      new Promise<{ out: string; code: number | null }>((resolve) => {
        const p = spawn(process.execPath, [BIN, 'deposits', '--json', '--data', b.dataDir], {
          env: { ...process.env, MINERALS_CACHE_DIR: cache },
        });
        let out = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.on('close', (code) => resolve({ out, code }));
      });
    const [x, y] = await Promise.all([spawnRun(), spawnRun()]);
    expect(x.code).toBe(0);
    expect(y).toEqual(x);
    const reopened = await open(b, cache, VERSION);
    expect(reopened.fromCache).toBe(true);
    expect(reopened.index.ofKind('deposit').map((d) => d.id)).toEqual([
      'karabas',
      'syrymbet',
      'kuirektykol',
    ]);
  });

  it('--no-cache neither reads nor writes it; an unusable cache directory is no error, with a notice', async () => {
    const cache = tempDir();
    const none = await run(['--no-cache', 'deposits'], { env: { MINERALS_CACHE_DIR: cache } });
    expect(none.code).toBe(0);
    expect(fs.readdirSync(cache)).toEqual([]);
    const blocked = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocked, '');
    expect(await run(['deposits', '--cache-dir', blocked])).toEqual({
      ...none,
      stderr: `minerals: not using the cache directory ${blocked}: it is not a directory; reading the files instead\n`,
    });
  });

  it('shows a progress line on a terminal while a large base loads, and clears it', () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    for (let i = 0; i < 25; i++)
      fs.writeFileSync(
        path.join(dataDir, `c${String(i).padStart(2, '0')}.yaml`),
        `id: c${i}\nkind: commodity\nname: C ${i}\n`,
      );
    const lines: Array<string | null> = [];
    rebuild({
      dataDir,
      seedsDir: path.join(dir, 'seeds'),
      cwd: dir,
      storeFile: null,
      version: 't',
      progress: (l) => lines.push(l),
      progressAfterMs: 0,
    });
    expect(lines.at(-1)).toBeNull();
    expect(lines.at(-2)).toMatch(
      /^minerals: \[#{20}\] 25\/25 data files \(25 records\), [\d,]+ files\/s, 0 s left$/,
    );
    expect(
      lines.slice(0, -1).every((l) => /^minerals: \[[#.]{20}\] \d+\/25 data files/.test(l!)),
    ).toBe(true);
  });

  it('after an edit that keeps the ids, only that file is checked again: same answers and counts as a full load', async () => {
    const b = copyBase();
    const cache = tempDir();
    const env = { MINERALS_CACHE_DIR: cache };
    const args = (a: string[]) => [...a, '--data', b.dataDir];
    await run(args(['deposits']), { env });
    const builtAt = () => storeState(cache).builtAt;
    const built = builtAt();
    const queries = [
      ['deposits', '--metal', 'copper', '--json'],
      ['show', 'karabas', '--json'],
      ['projects', '--json'],
      ['company', 'show', 'erg', '--json'],
      ['metal', 'show', 'copper'],
    ];
    const same = async () => {
      for (const q of queries) {
        const cached = await run(args(q), { env });
        expect({ q, cached }).toEqual({ q, cached: await run(args(['--no-cache', ...q])) });
      }
    };
    // a figure and a name changed
    const file = path.join(b.dataDir, 'deposits.yaml');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace('value: 250000', 'value: 260000')
        .replace('name: Karabas', 'name: Karabas Copper'),
    );
    await same();
    expect(builtAt()).toBe(built); // patched, never rebuilt
    // a reference now points at a country: one ref-kind error. A base with errors keeps no
    // records in the store, so this edit is a full load, and queries are refused as without it
    const projects = path.join(b.dataDir, 'projects.yaml');
    fs.writeFileSync(
      projects,
      fs.readFileSync(projects, 'utf8').replace('operator: erg', 'operator: kazakhstan'),
    );
    await same();
    const warm = await run(args(['deposits', '--fields', 'id']), { env });
    expect([warm.code, warm.stderr.split('\n')[0]]).toEqual([
      1,
      `minerals: the fact base in ${b.dataDir} has 1 error:`,
    ]);
    expect(warm).toEqual(await run(args(['--no-cache', 'deposits', '--fields', 'id'])));
    const allowed = await run(args(['deposits', '--fields', 'id', '--allow-invalid']), { env });
    expect(allowed.stderr).toBe(
      'minerals: warning: the fact base has 1 error; results may be incomplete (run: minerals validate)\n',
    );
    expect(allowed).toEqual(
      await run(args(['--no-cache', 'deposits', '--fields', 'id', '--allow-invalid'])),
    );
  });

  it('patches the store only when the edit keeps the files, ids, kinds and source records', async () => {
    const b = copyBase();
    const root = tempDir();
    const version = 'test';
    const file = storePath(root, b.dataDir, b.seedsDir);
    const opts = { dataDir: b.dataDir, seedsDir: b.seedsDir, cwd: '/', storeFile: file, version };
    const patch = () => {
      const store = openStore(file)!;
      try {
        return refresh(file, opts, { store, files: storedFiles(store.db) }, listNow(b.dataDir)!);
      } finally {
        store.db.close();
      }
    };
    const edit = (name: string, from: string, to: string) => {
      const f = path.join(b.dataDir, name);
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(from, to));
    };
    await open(b, root);
    expect(patch()).toBeNull(); // nothing changed
    edit('deposits.yaml', 'name: Karabas', 'name: Karabas 2');
    const patched = patch();
    expect(patched?.errors).toBe(0);
    const after = await open(b, root);
    expect([after.fromCache, after.index.get('karabas')?.name]).toEqual([true, 'Karabas 2']);
    edit('deposits.yaml', 'id: karabas', 'id: karabas-2'); // an id changes: everything is checked again
    expect(patch()).toBeNull();
    await open(b, root);
    edit('sources.yaml', 'publisher: MNTV', 'publisher: MNTV News'); // a source record: full rebuild
    expect(patch()).toBeNull();
  });

  it('a patch checks again the records an edit changed, and every record of a file that had a diagnostic: counts as a fresh build', async () => {
    const b = copyBase();
    const root = tempDir();
    const fresh = tempDir();
    const opts = (r: string) => ({
      dataDir: b.dataDir,
      seedsDir: b.seedsDir,
      cwd: '/',
      storeFile: storePath(r, b.dataDir, b.seedsDir),
      version: 'test',
    });
    const patch = () => {
      const o = opts(root);
      const store = openStore(o.storeFile)!;
      try {
        return refresh(
          o.storeFile,
          o,
          { store, files: storedFiles(store.db) },
          listNow(b.dataDir)!,
        );
      } finally {
        store.db.close();
      }
    };
    /** Each file's [path, errors, warnings] as the store keeps them, and the base's totals. */
    const counts = (r: string) => {
      const store = openStore(opts(r).storeFile)!;
      try {
        return {
          files: storedFiles(store.db).map((f) => [f.path, f.errors, f.warnings]),
          warnings: store.meta.warnings,
        };
      } finally {
        store.db.close();
      }
    };
    /** The counts of a store built afresh from the files as they are now. */
    const built = async () => {
      fs.rmSync(fresh, { recursive: true, force: true });
      fs.mkdirSync(fresh);
      await open(b, fresh);
      return counts(fresh);
    };
    const edit = (from: string, to: string) => {
      const f = path.join(b.dataDir, 'deposits.yaml');
      const text = fs.readFileSync(f, 'utf8');
      expect(text).toContain(from);
      fs.writeFileSync(f, text.replace(from, to));
    };
    await open(b, root);
    expect(counts(root).warnings).toBe(0);
    // Karabas's claim loses its modality: its quote says "expected", a warning
    edit('part: late}\n      modality: expected\n', 'part: late}\n');
    expect(patch()?.warnings).toBe(1);
    expect(counts(root)).toEqual(await built());
    // another record of that file changes: Karabas, unchanged, is checked again and still warned of
    edit('undeveloped source of tin.', 'undeveloped tin source.');
    expect(patch()?.warnings).toBe(1);
    const now = counts(root);
    expect(now.files.find((f) => f[0] === 'deposits.yaml')).toEqual(['deposits.yaml', 0, 1]);
    expect(now).toEqual(await built());
    // the warning goes with the modality back
    edit('part: late}\n', 'part: late}\n      modality: expected\n');
    expect(patch()?.warnings).toBe(0);
    expect(counts(root)).toEqual(await built());
  });
});
