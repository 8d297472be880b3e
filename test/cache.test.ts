// The cache of the loaded base (pipeline/store.ts, pipeline/build.ts, pipeline/open.ts): the same answers
// with and without it, rebuilt when anything it stands for changes or when it is damaged, never
// corrupted by two runs at once, and never written with --no-cache.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebuild, refresh } from '../src/pipeline/build.js';
import { openBase, type OpenOptions } from '../src/pipeline/open.js';
import { CACHE_FORMAT, baseCacheDir, manifestPath, readManifest } from '../src/pipeline/store.js';

const openIndex = (opts: OpenOptions) => openBase(opts, 'index');
import { BIN, ROOT, run, tempDir } from './helpers.js';

/** A copy of the shipped base (data/ with seeds/ beside it) in a temp dir. */
function copyBase(): { dataDir: string; seedsDir: string } {
  const dir = tempDir('minerals-cache-');
  fs.cpSync(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
  return { dataDir: path.join(dir, 'data'), seedsDir: path.join(dir, 'seeds') };
}

const open = (
  b: { dataDir: string; seedsDir: string },
  cacheRoot: string | null,
  version = 'test',
) => openIndex({ dataDir: b.dataDir, seedsDir: b.seedsDir, cwd: '/', cacheRoot, version });

const QUERIES = [
  ['deposits', '--metal', 'copper'],
  ['deposits', '--json'],
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
];

describe('cache', () => {
  it('gives byte-identical output to a run without it, cold and warm, for every kind of query', async () => {
    const cache = tempDir('minerals-cache-root-');
    const env = { MINERALS_CACHE_DIR: cache };
    /** The one base's manifest: when it was built, and the file as last written. */
    const stamp = () => {
      const dir = path.join(cache, fs.readdirSync(cache)[0]!);
      const { ino, mtimeMs } = fs.statSync(manifestPath(dir));
      return { builtAt: readManifest(dir)?.builtAt, ino, mtimeMs };
    };
    for (const args of QUERIES) {
      const none = await run(['--no-cache', ...args]);
      const cold = await run(args, { env });
      const built = stamp();
      const warm = await run(args, { env });
      expect({ args, cold }).toEqual({ args, cold: none });
      expect({ args, warm }).toEqual({ args, warm: none });
      // the warm run answered from the cache: the manifest was neither rebuilt nor rewritten (search
      // and stats too: they read the source texts beside a fresh cache)
      expect({ args, warm: stamp() }).toEqual({ args, warm: built });
    }
    expect(fs.readdirSync(cache)).toHaveLength(1);
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

  it('is rebuilt when a source text changes, or for another program version', async () => {
    const b = copyBase();
    const root = tempDir();
    await open(b, root);
    const seed = path.join(b.seedsDir, fs.readdirSync(b.seedsDir)[0]!);
    fs.appendFileSync(seed, '\nA line added.\n');
    expect((await open(b, root)).fromCache).toBe(false);
    expect((await open(b, root)).fromCache).toBe(true);
    expect((await open(b, root, 'other-version')).fromCache).toBe(false);
  });

  it('refuses a broken base on a warm run as on a cold one, from the manifest; --allow-invalid warns and answers', async () => {
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
    const dir = path.join(cache, fs.readdirSync(cache)[0]!);
    const built = readManifest(dir)!.builtAt;
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
    expect(readManifest(dir)!.builtAt).toBe(built);
    const allowed = await run([...args, '--allow-invalid'], env);
    expect(allowed).toEqual({
      stdout: 'ID\nkarabas\nsyrymbet\nkuirektykol\n',
      stderr:
        'minerals: warning: the fact base has 1 error; results may be incomplete (run: minerals validate)\n',
      code: 0,
    });
    expect(await run([...args, '--allow-invalid'], env)).toEqual(allowed);
  });

  it('detects a truncated or damaged entry and a damaged manifest, and rebuilds', async () => {
    const b = copyBase();
    const root = tempDir();
    await open(b, root);
    const dir = baseCacheDir(root, b.dataDir, b.seedsDir, 'test');
    const entries = fs
      .readdirSync(path.join(dir, 'entries'))
      .map((n) => path.join(dir, 'entries', n));
    const deposits = entries.find((e) => e.endsWith('.deposit.json'))!;
    fs.truncateSync(deposits, 10);
    const truncated = await open(b, root);
    expect([truncated.fromCache, truncated.index.ofKind('deposit').length]).toEqual([false, 3]);

    fs.writeFileSync(manifestPath(dir), '{"format": 1, "files": [');
    expect((await open(b, root)).fromCache).toBe(false);
    expect(readManifest(dir)?.format).toBe(CACHE_FORMAT);
  });

  it('an entry damaged in place (same size) is caught when read: the run starts again and answers', async () => {
    const b = copyBase();
    const cache = tempDir();
    const args = ['deposits', '--data', b.dataDir, '--metal', 'copper', '--json'];
    const good = await run(args, { env: { MINERALS_CACHE_DIR: cache } });
    const [base] = fs.readdirSync(cache);
    const entries = path.join(cache, base!, 'entries');
    const deposits = path.join(
      entries,
      fs.readdirSync(entries).find((n) => n.endsWith('.deposit.json'))!,
    );
    fs.writeFileSync(deposits, 'x'.repeat(fs.statSync(deposits).size));
    expect(await run(args, { env: { MINERALS_CACHE_DIR: cache } })).toEqual(good);
    expect(good.code).toBe(0);
  });

  it('a damaged entry is rebuilt inside the store: the right answer, a cache fresh again', async () => {
    // (a base with errors has no entries to damage: its records are never cached)
    const b = copyBase();
    const cache = tempDir();
    const env = { env: { MINERALS_CACHE_DIR: cache } };
    const args = ['show', 'karabas', '--data', b.dataDir, '--json'];
    const cold = await run(args, env);
    expect([cold.code, cold.stderr]).toEqual([0, '']);
    const dir = path.join(cache, fs.readdirSync(cache)[0]!);
    const built = readManifest(dir)!.builtAt;
    // every entry damaged in place (same size: the manifest still looks fresh), so the first read
    // after opening fails
    const entries = path.join(dir, 'entries');
    for (const n of fs.readdirSync(entries)) {
      const file = path.join(entries, n);
      fs.writeFileSync(file, 'x'.repeat(fs.statSync(file).size));
    }
    expect(await run(args, env)).toEqual(cold);
    expect(readManifest(dir)!.builtAt).toBeGreaterThan(built);
    const again = await open(
      b,
      cache,
      JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
    );
    expect([again.fromCache, again.index.get('gallium')?.name]).toEqual([true, 'Gallium']);
  });

  it('the store answers from the files when an entry turns out damaged after the base was opened', async () => {
    const b = copyBase();
    const cache = tempDir();
    await open(b, cache);
    const opened = await open(b, cache);
    expect(opened.fromCache).toBe(true);
    const dir = baseCacheDir(cache, b.dataDir, b.seedsDir, 'test');
    for (const n of fs.readdirSync(path.join(dir, 'entries')))
      if (n.endsWith('.policy.json')) fs.writeFileSync(path.join(dir, 'entries', n), 'null\n');
    // nothing was read yet: the damage shows only now, and the store rebuilds
    expect(opened.index.ofKind('policy').map((p) => p.id)).toContain('rare-metals-plan-2024-2028');
    expect(opened.index.get('karabas')?.kind).toBe('deposit');
  });

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
    const reopened = await openIndex({
      dataDir: b.dataDir,
      seedsDir: b.seedsDir,
      cwd: '/',
      cacheRoot: cache,
      version: JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
    });
    expect(reopened.fromCache).toBe(true);
    expect(reopened.index.ofKind('deposit').map((d) => d.id)).toEqual([
      'karabas',
      'syrymbet',
      'kuirektykol',
    ]);
  });

  it('--no-cache neither reads nor writes it; an unusable cache directory is no error', async () => {
    const cache = tempDir();
    const none = await run(['--no-cache', 'deposits'], { env: { MINERALS_CACHE_DIR: cache } });
    expect(none.code).toBe(0);
    expect(fs.readdirSync(cache)).toEqual([]);
    const blocked = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocked, '');
    expect(await run(['deposits', '--cache-dir', blocked])).toEqual(none);
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
      cacheDir: null,
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
    const [baseDir] = fs.readdirSync(cache);
    const builtAt = () => readManifest(path.join(cache, baseDir!))?.builtAt;
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
    // records in the cache, so this edit is a full load, and queries are refused as without it
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

  it('patches the cache only when the edit keeps the files, ids, kinds and source records', async () => {
    const b = copyBase();
    const root = tempDir();
    const version = 'test';
    const dir = baseCacheDir(root, b.dataDir, b.seedsDir, version);
    const opts = { dataDir: b.dataDir, seedsDir: b.seedsDir, cwd: '/', cacheDir: dir, version };
    const edit = (name: string, from: string, to: string) => {
      const file = path.join(b.dataDir, name);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));
    };
    await open(b, root);
    expect(refresh(dir, opts)).toBeNull(); // nothing changed
    edit('deposits.yaml', 'name: Karabas', 'name: Karabas 2');
    const patched = refresh(dir, opts);
    expect(patched?.errors).toBe(0);
    expect((await open(b, root)).index.get('karabas')?.name).toBe('Karabas 2');
    edit('deposits.yaml', 'id: karabas', 'id: karabas-2'); // an id changes: everything is checked again
    expect(refresh(dir, opts)).toBeNull();
    await open(b, root);
    edit('sources.yaml', 'publisher: MNTV', 'publisher: MNTV News'); // a source record: full rebuild
    expect(refresh(dir, opts)).toBeNull();
  });
});
