// The JSON rows lists print, kept by the store (list_rows in pipeline/store.ts): made by the first
// list that prints them, read as they are from then on, checked by their checksum, and dropped by
// an edit of anything they show (their record, a record they name, a commodity's group).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, SqliteStore, sqlite } from '../src/pipeline/store.js';
import { ROOT, run, storeExec, storeFile, storeState, tempDir } from './helpers.js';

/** A copy of the shipped base (data/ with seeds/ beside it) in a temp dir. */
function copyBase(): { dataDir: string; seedsDir: string } {
  const dir = tempDir('minerals-rows-');
  fs.cpSync(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
  return { dataDir: path.join(dir, 'data'), seedsDir: path.join(dir, 'seeds') };
}

/** Runs on one copy of the base with one cache, and the same question without a cache. */
function session(b = copyBase()) {
  const cache = tempDir('minerals-rows-cache-');
  const env = { env: { MINERALS_CACHE_DIR: cache } };
  const at = (args: string[]) => [...args, '--data', b.dataDir, '--seeds', b.seedsDir];
  return {
    b,
    cache,
    run: (...args: string[]) => run(at(args), env),
    fresh: (...args: string[]) => run(['--no-cache', ...at(args)]),
    kept: () => {
      const s = openStore(storeFile(cache))!;
      try {
        const made = s.db
          .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'list_rows'")
          .pluck()
          .get();
        return made === 0
          ? 0
          : (s.db.prepare('SELECT count(*) FROM list_rows').pluck().get() as number);
      } finally {
        s.db.close();
      }
    },
    edit: (file: string, from: string, to: string) => {
      const p = path.join(b.dataDir, file);
      const text = fs.readFileSync(p, 'utf8');
      expect(text).toContain(from);
      fs.writeFileSync(p, text.replace(from, to));
    },
  };
}

/** Write the store's check stamp as this program does, so that the open does not check it again. */
function stampChecked(file: string): void {
  const st = fs.statSync(file);
  fs.writeFileSync(`${file}.ok`, `${st.size} ${st.mtimeMs} ${st.ctimeMs} ${st.ino}`);
}

describe('list rows kept by the store', () => {
  it('are made by the first list that prints them, then read as they are: the same bytes as without a cache', async () => {
    const s = session();
    const expected = await s.fresh('deposits', '--json');
    expect(expected.code).toBe(0);
    expect((await s.run('show', 'karabas')).code).toBe(0); // cold: builds the store
    expect(s.kept()).toBe(0);
    expect(await s.run('deposits', '--json')).toEqual(expected); // makes and keeps the rows
    expect(s.kept()).toBe(3);
    const state = storeState(s.cache);
    expect(await s.run('deposits', '--json')).toEqual(expected); // reads them
    expect(storeState(s.cache)).toEqual(state);
    // the store's bookkeeping: not part of an export
    const out = path.join(tempDir('minerals-rows-export-'), 'base.sqlite');
    expect((await s.run('export', 'sqlite', out)).code).toBe(0);
    const exported = new (sqlite())(out, { readonly: true });
    try {
      expect(
        exported
          .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'list_rows'")
          .pluck()
          .get(),
      ).toBe(0);
      expect(exported.prepare('SELECT count(*) FROM deposits').pluck().get()).toBe(3);
    } finally {
      exported.close();
    }
    // a narrower list reads the same rows; ndjson prints them a line each
    expect(await s.run('deposits', '--metal', 'copper', '--format', 'ndjson')).toEqual(
      await s.fresh('deposits', '--metal', 'copper', '--format', 'ndjson'),
    );
    expect(s.kept()).toBe(3);
    // what the rows cannot answer goes the long way, and keeps nothing
    for (const args of [
      ['deals', '--json', '--sort', '-signed'],
      ['deals', '--json', '--fields', 'id,name'],
      ['deals', '--status', 'signed', '--json'],
      ['deals'],
    ]) {
      expect({ args, out: await s.run(...args) }).toEqual({ args, out: await s.fresh(...args) });
      expect(s.kept()).toBe(3);
    }
  });

  it('a row whose bytes changed is caught by its checksum: a notice, the right answer, a store fresh again', async () => {
    const s = session();
    await s.run('deposits', '--json');
    const good = await s.run('deposits', '--json');
    const file = storeFile(s.cache);
    // as bit rot that no stamp sees: the row changes, its hash does not
    storeExec(
      file,
      `UPDATE list_rows SET json = CAST(replace(CAST(json AS TEXT), 'Karabas', 'Karabaz') AS BLOB)`,
    );
    stampChecked(file);
    const notice = `minerals: the cache ${file} was damaged (a list row does not match its checksum); rebuilding it\n`;
    expect(await s.run('deposits', '--json')).toEqual({ ...good, stderr: notice });
    expect(await s.run('deposits', '--json')).toEqual(good);
    expect(await s.run('deposits', '--json')).toEqual(good);
    // a row that is text, not the bytes this program keeps, is damage too
    storeExec(file, `UPDATE list_rows SET json = CAST(json AS TEXT)`);
    stampChecked(file);
    expect(await s.run('deposits', '--json')).toEqual({ ...good, stderr: notice });
    // and a table of that name this program did not make
    await s.run('deposits', '--json');
    storeExec(
      file,
      'DROP TABLE list_rows; CREATE TABLE list_rows(ord INTEGER PRIMARY KEY, other TEXT)',
    );
    stampChecked(file);
    expect(await s.run('deposits', '--json')).toEqual({
      ...good,
      stderr: `minerals: the cache ${file} was damaged (SQLITE_ERROR); rebuilding it\n`,
    });
    expect(await s.run('deposits', '--json')).toEqual(good);
  });

  it('an edit drops the rows that show what it changed: the record, what names it, its group', async () => {
    const s = session();
    // a commodity in a file of its own, a member of a group defined in commodities.yaml
    fs.writeFileSync(
      path.join(s.b.dataDir, 'more-commodities.yaml'),
      '- id: neodymium\n  kind: commodity\n  name: Neodymium\n  symbol: Nd\n  groups: [rare-earths]\n',
    );
    const lists = [
      ['deposits', '--json'],
      ['deals', '--json'],
      ['metals', '--json'],
      ['countries', '--json'],
    ];
    for (const args of lists) await s.run(...args);
    for (const args of lists) await s.run(...args);
    const before = s.kept();
    expect(before).toBeGreaterThan(20);
    const built = storeState(s.cache).builtAt;
    const same = async () => {
      for (const args of lists)
        expect({ args, out: await s.run(...args) }).toEqual({ args, out: await s.fresh(...args) });
      // each edit was patched into the store, not rebuilt
      expect(storeState(s.cache).builtAt).toBe(built);
    };
    // a country's name shows in every deposit's and deal's country_name
    s.edit('places.yaml', 'name: Kazakhstan\n', 'name: Qazaqstan\n');
    await same();
    const deposits = JSON.parse((await s.run('deposits', '--json')).stdout);
    expect(deposits.map((d: { country_name: string }) => d.country_name)).toEqual([
      'Qazaqstan',
      'Qazaqstan',
      'Qazaqstan',
    ]);
    // a company's name shows in the deals it is a party to
    s.edit('organizations.yaml', 'name: Mitsubishi Corporation\n', 'name: Mitsubishi Corp.\n');
    await same();
    expect((await s.run('deals', '--json')).stdout).toContain('"Mitsubishi Corp."');
    // a commodity leaves its group: the group's row (another file) lists its members no more
    const members = async () =>
      JSON.parse((await s.run('metals', '--json')).stdout).find(
        (m: { id: string }) => m.id === 'rare-earths',
      ).members as string[];
    expect(await members()).toContain('neodymium');
    s.edit('more-commodities.yaml', 'groups: [rare-earths]', 'groups: []');
    await same();
    expect(await members()).not.toContain('neodymium');
  });

  it('an edit of one record rewrites its rows only: the other records of its file keep theirs', async () => {
    const s = session();
    await s.run('deposits', '--json');
    await s.run('deposits', '--json');
    const file = storeFile(s.cache);
    const ords = (sql: string) => {
      const opened = openStore(file)!;
      try {
        return opened.db.prepare(sql).pluck().all() as number[];
      } finally {
        opened.db.close();
      }
    };
    const [karabas, syrymbet, kuirektykol] = ords(
      "SELECT ord FROM records WHERE id IN ('karabas', 'syrymbet', 'kuirektykol') ORDER BY ord",
    );
    expect(ords('SELECT ord FROM list_rows ORDER BY ord')).toEqual([
      karabas,
      syrymbet,
      kuirektykol,
    ]);
    // every record row written from now on is logged
    storeExec(
      file,
      `CREATE TABLE written(ord INTEGER);
       CREATE TRIGGER log_written AFTER INSERT ON records BEGIN INSERT INTO written VALUES (new.ord); END;`,
    );
    stampChecked(file);
    const built = storeState(s.cache).builtAt;
    s.edit(
      'deposits.yaml',
      "considered the world's largest undeveloped source of tin.",
      "considered the world's largest undeveloped tin source.",
    );
    expect(await s.run('deposits', '--json')).toEqual(await s.fresh('deposits', '--json'));
    expect(storeState(s.cache).builtAt).toBe(built);
    expect(ords('SELECT ord FROM written')).toEqual([syrymbet]);
    expect(ords('SELECT ord FROM list_rows ORDER BY ord')).toEqual([
      karabas,
      syrymbet,
      kuirektykol,
    ]);
    expect((await s.run('show', 'syrymbet', '--json')).stdout).toContain('undeveloped tin source');
  });

  it('rows made from what a run read are not kept when another run wrote the store since', async () => {
    const s = session();
    await s.run('show', 'karabas'); // builds the store, keeps no list row
    const file = storeFile(s.cache);
    const opened = openStore(file)!;
    try {
      const reader = new SqliteStore(opened.db);
      const rows = reader.listRows('deposit', undefined);
      expect(rows.map((r) => [r.record?.id, r.json])).toEqual([
        ['karabas', undefined],
        ['syrymbet', undefined],
        ['kuirektykol', undefined],
      ]);
      storeExec(file, 'CREATE TABLE written_since(x)'); // another connection writes
      reader.keepRows(
        rows.map((r) => ({ ord: r.ord, json: Buffer.from(`{"id":"${r.record!.id}"}`) })),
      );
      const tables = opened.db
        .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'list_rows'")
        .pluck()
        .get();
      expect(tables).toBe(0);
      // with no write in between they are kept
      const again = new SqliteStore(opened.db);
      const fresh = again.listRows('deposit', undefined);
      again.keepRows(
        fresh.map((r) => ({ ord: r.ord, json: Buffer.from(`{"id":"${r.record!.id}"}`) })),
      );
      expect(opened.db.prepare('SELECT count(*) FROM list_rows').pluck().get() as number).toBe(3);
    } finally {
      opened.db.close();
    }
  });
});
