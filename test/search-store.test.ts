// `search` through the store's full-text index (pipeline/store.ts searchDocs): the index only
// narrows what the search proper reads, so every query finds what a search of every record finds,
// ranked the same. A property test over words of the shipped base, their prefixes, phrases and
// words that occur nowhere.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openBase, openSearch, type OpenOptions } from '../src/pipeline/open.js';
import { parseQuery, search, searchDocs, tokenize } from '../src/query/search.js';
import { sqlite, UNIT_PLACE, unitHash } from '../src/pipeline/store.js';
import { ROOT, run, stampStore, storeExec, storeFile, tempDir } from './helpers.js';

describe('search through the full-text index', () => {
  it('finds what a search of every record finds, in the same order, for any query', async () => {
    const dir = tempDir();
    fs.cpSync(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
    const opts: OpenOptions = {
      dataDir: path.join(dir, 'data'),
      seedsDir: path.join(dir, 'seeds'),
      cwd: '/',
      cacheRoot: tempDir(),
      version: 'test',
    };
    const all = await openBase({ ...opts, cacheRoot: null }, 'texts');
    const everything = searchDocs(all.records, all.texts);
    await openBase(opts, 'index'); // the store, built
    const words = [
      ...new Set(
        everything.flatMap((d) => d.units.flatMap((u) => tokenize(u.text).map((t) => t.word))),
      ),
    ];
    expect(words.length).toBeGreaterThan(500);
    const word = fc.oneof(
      fc.constantFrom(...words),
      // the start of a word
      fc
        .tuple(fc.constantFrom(...words), fc.integer({ min: 1, max: 6 }))
        .map(([w, n]) => w.slice(0, n)),
      fc.constantFrom('zzqx', 'kazakhstanium', 'ß'),
    );
    const term = fc.oneof(
      word,
      fc.array(word, { minLength: 2, maxLength: 3 }).map((ws) => `"${ws.join(' ')}"`),
      fc.array(word, { minLength: 2, maxLength: 2 }).map((ws) => ws.join('-')),
    );
    let found = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(term, { minLength: 1, maxLength: 3 }), async (terms) => {
        const query = parseQuery(terms.join(' '));
        if (query.length === 0) return;
        const narrowed = await openSearch(
          opts,
          query.map((t) => t.words),
        );
        const expected = search(everything, query);
        found += expected.length;
        expect(search(narrowed.docs, query)).toEqual(expected);
      }),
      { numRuns: 150, seed: 20261201 },
    );
    // the property was not only checked on queries that find nothing
    expect(found).toBeGreaterThan(150);
  });
});

describe('the full-text index in the store', () => {
  const layout = (file: string) => {
    const db = new (sqlite())(file, { readonly: true });
    try {
      return db.prepare("SELECT value FROM meta WHERE key = 'search'").pluck().get();
    } finally {
      db.close();
    }
  };

  const setUp = async () => {
    const dir = tempDir();
    fs.cpSync(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
    const cache = tempDir();
    const args = ['search', 'karabas', 'copper', '--json', '--data', path.join(dir, 'data')];
    const env = { env: { MINERALS_CACHE_DIR: cache } };
    const good = await run(args, env);
    expect([good.code, good.stderr]).toEqual([0, '']);
    expect(JSON.parse(good.stdout).length).toBeGreaterThan(0);
    // the run that built the store searched it in memory; this one makes the index
    expect(await run(args, env)).toEqual(good);
    expect(layout(storeFile(cache))).toBe('4');
    return { args, env, good, file: storeFile(cache) };
  };
  it('a search row that does not match its checksum is damage: a notice, the right answer', async () => {
    const { args, env, good, file } = await setUp();
    storeExec(
      file,
      // the first row the search reads: one with Karabas, of a record that has copper too
      `UPDATE search_units SET unit = replace(unit, 'Karabas', 'Karabaz') WHERE rowid = (
        SELECT min(rowid) FROM search WHERE search MATCH 'karabas'
          AND rowid / ${UNIT_PLACE} IN (SELECT rowid / ${UNIT_PLACE} FROM search WHERE search MATCH 'copper'))`,
    );
    stampStore(file); // as bit rot under an unchanged stamp
    const notice = `minerals: the cache ${file} was damaged (a search row does not match its checksum); rebuilding it\n`;
    expect(await run(args, env)).toEqual({ ...good, stderr: notice });
    expect(await run(args, env)).toEqual(good);
  });

  it('a search row that is not one this program writes is damage, even with its checksum right', async () => {
    const { args, env, good, file } = await setUp();
    const db = new (sqlite())(file);
    try {
      const [rowid] = db
        .prepare(
          `SELECT min(rowid) FROM search WHERE search MATCH 'karabas'
            AND rowid / ${UNIT_PLACE} IN (SELECT rowid / ${UNIT_PLACE} FROM search WHERE search MATCH 'copper')`,
        )
        .raw()
        .get() as [number];
      // a kind that is none, and no name length
      const unit = 'mine\u001fkarabas\u001fname\u001f\u001f\u001f1\u001fKarabas';
      db.prepare('UPDATE search_units SET unit = ?, hash = ? WHERE rowid = ?').run(
        unit,
        unitHash(rowid, unit),
        rowid,
      );
    } finally {
      db.close();
    }
    stampStore(file); // as a forger would
    const notice = `minerals: the cache ${file} was damaged (a search row is not one); rebuilding it\n`;
    expect(await run(args, env)).toEqual({ ...good, stderr: notice });
    expect(await run(args, env)).toEqual(good);
  });

  it('an index of another layout (an older program made it) is made anew by the next search', async () => {
    const { args, env, good, file } = await setUp();
    // as an older program leaves it: written, and stamped as written
    storeExec(file, "UPDATE meta SET value = '3' WHERE key = 'search'");
    stampStore(file);
    expect(await run(args, env)).toEqual(good);
    expect(layout(file)).toBe('4');
    storeExec(file, "DELETE FROM meta WHERE key = 'search'");
    stampStore(file);
    expect(await run(args, env)).toEqual(good);
    expect(layout(file)).toBe('4');
  });
});
