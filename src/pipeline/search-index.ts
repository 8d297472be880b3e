// The store's full-text index for `search`: each piece of text a record is found by (its name,
// aliases, description, claims, quotes, notes; a source's stored text line by line) as a row of
// search_units (one text column: its record, where it is and how many words it has, the text;
// store.ts unitText), with a checksum, and its words folded (query/search.ts tokenize) in an FTS5
// table whose rowid is the unit's. It is made by the first search of a store (and kept up to date by
// edits from then on), not by every build: a base that is only listed never pays for it.
//
// A unit's rowid says where it stands (unitRowid), so that what the full-text index answers is
// enough to tell which records have every word, with no lookup of each match's record. It holds
// the unit's field tier too, so that a search could tell which of a record's pieces can be its
// best without reading them (not used yet: what a search reads is what the index matches).
import { fieldTier, searchDocs, tokenize } from '../query/search.js';
import type { FactRecord } from '../schema/index.js';
import type { SearchField } from '../schema/vocab.js';
import { type BaseMeta, type Database, UNIT_PLACE, unitHash, unitText } from './store.js';

/**
 * The index's layout, kept in the meta row 'search': an index of another layout (an older
 * program's) is made anew by the next search, and not kept up to date by edits until then.
 */
const LAYOUT = '4';

const TABLES = `
DROP TABLE IF EXISTS search;
DROP TABLE IF EXISTS search_units;
CREATE TABLE search_units(rowid INTEGER PRIMARY KEY, unit TEXT NOT NULL, hash INTEGER NOT NULL);
CREATE VIRTUAL TABLE search USING fts5(body, content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0');
`;

/** How many pieces of text one record may have (a source text of more lines is not indexed). */
const UNITS = UNIT_PLACE / 4;
/** Record places an index can hold: the rowid stays an exact JavaScript number. */
const PLACES = Number.MAX_SAFE_INTEGER / UNIT_PLACE;

/**
 * The rowid of a record's `n`th piece of text: its place in base order, n, and its field's tier
 * (4 name ... 1 source text), so that rowids sort in base order and each one names its record.
 */
function unitRowid(ord: number, n: number, field: SearchField): number {
  if (n >= UNITS || ord >= PLACES) throw new Error('too large for the full-text index');
  return (ord * UNITS + n) * 4 + fieldTier(field) - 1;
}

/** The rowids of the units of records at places first .. last. */
const placeRange = (first: number, last: number) => [
  first * UNIT_PLACE,
  (last + 1) * UNIT_PLACE - 1,
];

/** Whether the store's full-text index has this program's layout (its meta row says so). */
export function currentSearchIndex(db: Database): boolean {
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'search'").raw().get() as
      | [unknown]
      | undefined;
    return row?.[0] === LAYOUT;
  } catch {
    return false; // made anew, or every record searched when it cannot be
  }
}

export interface UnitWriter {
  /** Index one record's pieces of text at its place in base order. */
  add(ord: number, r: FactRecord): void;
  /** Drop the pieces of the records at places first .. first + count - 1. */
  forget(first: number, count: number): void;
}

/**
 * What keeps the index up to date as records are written; nothing when the index has another
 * layout (the next search makes it anew).
 */
export function unitWriter(db: Database, texts: ReadonlyMap<string, { text: string }>): UnitWriter {
  if (!currentSearchIndex(db)) return { add: () => {}, forget: () => {} };
  const unit = db.prepare('INSERT INTO search_units(rowid, unit, hash) VALUES (?, ?, ?)');
  const fts = db.prepare('INSERT INTO search(rowid, body) VALUES (?, ?)');
  const forgetFts = db.prepare(
    'DELETE FROM search WHERE rowid IN (SELECT rowid FROM search_units WHERE rowid BETWEEN ? AND ?)',
  );
  const forgetUnits = db.prepare('DELETE FROM search_units WHERE rowid BETWEEN ? AND ?');
  return {
    add: (ord, r) => {
      searchDocs([r], texts)[0]!.units.forEach((u, n) => {
        const rowid = unitRowid(ord, n, u.field);
        const words = tokenize(u.text).map((t) => t.word);
        const text = unitText(r, u, words.length);
        unit.run(rowid, text, unitHash(rowid, text));
        fts.run(rowid, words.join(' '));
      });
    },
    forget: (first, count) => {
      const range = placeRange(first, first + count - 1);
      forgetFts.run(...range);
      forgetUnits.run(...range);
    },
  };
}

/**
 * Make the index of a stored base in one transaction, from its records and source texts as
 * stored, and say so in its meta rows. Returns the new meta, or null when the store is busy
 * (another run is writing it), cannot be written or holds a record too large to index: the
 * caller then searches every record.
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
      // another run may have made it since this one read the meta row: made anew all the same
      db.exec(TABLES);
      db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('search', ?)").run(LAYOUT);
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
