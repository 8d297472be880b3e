// The store's full-text index for `search`: each piece of text a record is found by (its name,
// aliases, description, claims, quotes, notes; a source's stored text line by line) as a row of
// search_units, with a checksum, and its words folded (query/search.ts tokenize) in an FTS5 table
// whose rowid is the unit's. It is made by the first search of a store (and kept up to date by
// edits from then on), not by every build: a base that is only listed never pays for it.
import type { SearchDoc } from '../query/search.js';
import { searchDocs, tokenize } from '../query/search.js';
import type { FactRecord } from '../schema/index.js';
import { type BaseMeta, type Database, unitHash } from './store.js';

const TABLES = `
CREATE TABLE IF NOT EXISTS search_units(rowid INTEGER PRIMARY KEY, ord INTEGER NOT NULL,
  n INTEGER NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, field TEXT NOT NULL,
  source TEXT, line INTEGER, text TEXT NOT NULL, hash INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS search_units_ord ON search_units(ord);
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(body, content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0');
`;

/** The row a unit is stored as, without its rowid and hash; the hash covers all but the ord. */
const unitRow = (ord: number, n: number, r: FactRecord, u: SearchDoc['units'][number]) => [
  ord,
  n,
  r.kind,
  r.id,
  r.name,
  u.field,
  u.source ?? null,
  u.line ?? null,
  u.text,
];

export interface UnitWriter {
  /** Index one record's pieces of text at its place in base order. */
  add(ord: number, r: FactRecord): void;
  /** Drop the pieces of the records at places first .. first + count - 1. */
  forget(first: number, count: number): void;
}

export function unitWriter(db: Database, texts: ReadonlyMap<string, { text: string }>): UnitWriter {
  const unit = db.prepare(
    'INSERT INTO search_units(ord, n, kind, id, name, field, source, line, text, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const fts = db.prepare('INSERT INTO search(rowid, body) VALUES (?, ?)');
  const forgetFts = db.prepare(
    'DELETE FROM search WHERE rowid IN (SELECT rowid FROM search_units WHERE ord BETWEEN ? AND ?)',
  );
  const forgetUnits = db.prepare('DELETE FROM search_units WHERE ord BETWEEN ? AND ?');
  return {
    add: (ord, r) => {
      searchDocs([r], texts)[0]!.units.forEach((u, n) => {
        const row = unitRow(ord, n, r, u);
        const { lastInsertRowid } = unit.run(...row, unitHash(row));
        fts.run(
          lastInsertRowid,
          tokenize(u.text)
            .map((t) => t.word)
            .join(' '),
        );
      });
    },
    forget: (first, count) => {
      forgetFts.run(first, first + count - 1);
      forgetUnits.run(first, first + count - 1);
    },
  };
}

/**
 * Make the index of a stored base in one transaction, from its records and source texts as
 * stored, and say so in its meta row. Returns the new meta, or null when the store is busy
 * (another run is writing it) or cannot be written: the caller then searches every record.
 */
export function buildSearchIndex(
  db: Database,
  meta: BaseMeta,
  records: readonly FactRecord[],
  texts: ReadonlyMap<string, { text: string }>,
): BaseMeta | null {
  const next: BaseMeta = { ...meta, search: true };
  try {
    db.transaction(() => {
      db.exec(TABLES);
      // another run may have made it since this one read the meta row
      db.exec('DELETE FROM search; DELETE FROM search_units;');
      const w = unitWriter(db, texts);
      const ords = db.prepare('SELECT ord FROM records ORDER BY ord').raw().all() as Array<
        [number]
      >;
      records.forEach((r, i) => {
        w.add(ords[i]![0], r);
      });
      db.prepare("UPDATE meta SET value = ? WHERE key = 'base'").run(JSON.stringify(next));
    }).immediate();
  } catch {
    return null;
  }
  return next;
}
