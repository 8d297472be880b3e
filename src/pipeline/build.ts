// Loading the base the slow way (yaml, zod, every whole-base check) and writing the store for the
// next run; or, when a few files changed and nothing else did, checking only those files again
// and replacing their rows in one transaction (refresh). Reached through stack.ts only when the
// store is missing, stale or damaged, or when there is no cache, so a query that the store
// answers never loads yaml or zod.
import nodeFs from 'node:fs';
import path from 'node:path';
import { checkBase } from '../check/index.js';
import { linksAdded } from '../check/cycles.js';
import { compareDiagnostics, type Diagnostic, exitCodeFor } from '../diagnostics.js';
import { EXIT } from '../errors.js';
import { StreamCheck } from '../check/stream.js';
import {
  assembleBase,
  diagnosticAt,
  eachDataFile,
  listData,
  readDataFiles,
  type Base,
  type FileLoad,
  type KnownRecords,
  type Listing,
  type SourceText,
} from '../load/base.js';
import type { FileEntry } from '../load/walk.js';
import { normalizeText, quoteOccurs } from '../util/quotes.js';
import { readSourceFile } from '../load/sources.js';
import { FactIndex, commoditiesNamed, linksOf } from '../query/facts.js';
import { refsOf } from '../schema/kinds.js';
import { citationsOf } from '../schema/refs.js';
import { foldName, namesOf } from '../query/resolve.js';
import { unitWriter } from './search-index.js';
import { baseValue, claimModality } from '../query/values.js';
import { precisionOf } from '../schema/dates.js';
import type { Claim, DateSpec, FactRecord } from '../schema/index.js';
import { DIMENSIONS, type Kind, UNITS } from '../schema/vocab.js';
import {
  type BaseMeta,
  type Database,
  type OpenedStore,
  RACY_MS,
  STORE_FORMAT,
  SqliteStore,
  type Stamp,
  type StoredFile,
  changedFiles,
  contentHash,
  alive,
  writeStamped,
  removeFile,
  rowHash,
  sameFiles,
  sameStamp,
  seedsUnchanged,
  storedTexts,
  keepsListRows,
  sqlite,
  statStamp,
  storeLimit,
  storedErrors,
} from './store.js';

export interface RebuildOptions {
  dataDir: string;
  seedsDir: string;
  cwd: string;
  /** This base's database file, or null to write no store. */
  storeFile: string | null;
  /** --follow-links: follow symbolic links out of the data and seeds directories. */
  followLinks?: boolean;
  version: string;
  /** Progress lines for a terminal (null clears the line). */
  progress?: ((line: string | null) => void) | undefined;
  /** Show progress only once loading has taken this long (ms; default 200) and for 20 files or more. */
  progressAfterMs?: number;
  /**
   * For `minerals export`: write the records even of a base with errors (the first record of
   * each id, as a query with --allow-invalid reads them), keep the store whatever its size, and
   * throw when it cannot be written.
   */
  export?: boolean;
}

export interface Loaded {
  base: Base;
  index: FactIndex;
  /** Every diagnostic: the files' own and the whole-base checks', sorted. */
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

/** The store as the caller found it: its records are reused for the clean files that did not change. */
export interface Prior {
  store: OpenedStore;
  files: readonly StoredFile[];
}

/**
 * Load the whole base from its files (reusing the stored records of clean files that did not
 * change), run every whole-base check and write the store.
 */
export function rebuild(opts: RebuildOptions, prior: Prior | null = null): Loaded {
  const started = Date.now();
  const onFile = opts.progress
    ? progressLine(opts.progress, started, opts.progressAfterMs ?? 200)
    : undefined;
  const listing = listData(nodeFs, opts.dataDir, opts.cwd, opts.followLinks);
  const loads = readDataFiles(nodeFs, listing, opts.cwd, { onFile, known: knownFrom(prior) });
  opts.progress?.(null);
  const base = assembleBase(nodeFs, opts, listing, loads);
  const diagnostics = [...base.diagnostics, ...checkBase(base, diagnosticAt)].sort(
    compareDiagnostics,
  );
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const loaded: Loaded = {
    base,
    index: new FactIndex(base.records.map((r) => r.record)),
    diagnostics,
    errors,
    warnings: diagnostics.length - errors,
  };
  // a directory with no data files is no fact base: nothing to keep
  if (opts.storeFile && listing.files.length > 0) {
    try {
      writeStore(opts.storeFile, opts, loaded, listing, loads, started);
    } catch (e) {
      // a store is only an optimisation: a read-only or full disk leaves the run without one
      if (opts.export) throw e;
    }
  }
  return loaded;
}

/** The records of the clean files that did not change since `prior` was written, as it holds them. */
function knownFrom(prior: Prior | null): (entry: FileEntry) => KnownRecords | null {
  const priorFiles = new Map<string, StoredFile>(
    prior?.store.meta.records ? prior.files.map((f) => [f.path, f]) : [],
  );
  const reader = prior ? new SqliteStore(prior.store.db) : null;
  return (entry) => {
    const f = priorFiles.get(entry.rel);
    return reader && f?.clean && f.records > 0 && sameStamp(f, entry, entry.abs)
      ? storedRecords(reader, f)
      : null;
  };
}

/** The base has an error: the streamed build gives way to the whole base loaded (rebuild). */
class HasErrors extends Error {}

/**
 * The store of a base without errors, written a data file at a time: each file's records are
 * checked (check/stream.ts), written and dropped, so the build holds only the ids with their
 * kinds (and the links of parent and group chains), never the whole base. What needs every file
 * (references, quotes, chains that must end) is settled at the end:
 * references are staged until every id's kind is known, and each source's quotes are read back
 * from the store and found in its text, one text at a time. False, with nothing written, when the
 * base has an error (found at any point), no data file, or when the store cannot be written or
 * kept: the caller then loads the whole base (rebuild), which reports every diagnostic and keeps
 * the store a base with errors has. True when the store is in place and answers for the base.
 */
export function buildStore(opts: RebuildOptions, prior: Prior | null = null): boolean {
  const started = Date.now();
  const file = opts.storeFile;
  if (file === null || opts.export) return false;
  const listing = listData(nodeFs, opts.dataDir, opts.cwd, opts.followLinks);
  if (listing.files.length === 0 || listing.problems.length > 0) return false;
  const onFile = opts.progress
    ? progressLine(opts.progress, started, opts.progressAfterMs ?? 200)
    : undefined;
  let tmp: string | undefined;
  let db: Database | undefined;
  try {
    tmp = tempFile(file);
    db = createTemp(tmp);
    db.exec(CORE);
    db.exec(TABLES);
    db.exec(STAGING);
    const textBytes = streamFiles(db, opts, listing, started, {
      onFile,
      known: knownFrom(prior),
    });
    opts.progress?.(null);
    const full = db;
    db = undefined;
    return install(full, tmp, file, storeLimit(listing.files, textBytes));
  } catch {
    opts.progress?.(null);
    db?.close();
    if (tmp) nodeFs.rmSync(tmp, { force: true });
    // an error in the base (HasErrors), or a store that cannot be written (read-only, full): the
    // full load places every diagnostic, and does without a store as ever
    return false;
  }
}

/** The tables a full build fills before every id's kind is known. */
const STAGING = `
CREATE TEMP TABLE refs_staged(target TEXT NOT NULL, target_kind TEXT NOT NULL, record TEXT NOT NULL,
  record_kind TEXT NOT NULL, field TEXT NOT NULL, ord INTEGER NOT NULL, n INTEGER NOT NULL);
`;

/**
 * Read, check and write every data file in one transaction, then the references, the quotes'
 * places and the diagnostics (warnings only: an error throws HasErrors). Returns the bytes of
 * source text stored.
 */
function streamFiles(
  db: Database,
  opts: RebuildOptions,
  listing: Listing,
  started: number,
  read: Parameters<typeof eachDataFile>[3],
): number {
  const check = new StreamCheck(diagnosticAt);
  // until every file is read a reference's target may be unknown: its kind is filled in after
  // (and in a base without errors every reference has a target), the quotes' places too
  const w = writer(db, new Map(), () => '' as Kind, false, 'refs_staged');
  const putFile = insertFile(db, started);
  const source = insertSource(db, started);
  const fileWarnings: Diagnostic[] = [];
  const files: Array<{ display: string; rel: string }> = [];
  let textBytes = 0;
  db.transaction(() => {
    let ord = 0;
    let fi = 0;
    for (const l of eachDataFile(nodeFs, listing, opts.cwd, read)) {
      if (!l.file || l.diagnostics.some((d) => d.severity === 'error')) throw new HasErrors();
      if (!check.ids(l.ids)) throw new HasErrors();
      files.push({ display: l.file.display, rel: l.entry.rel });
      fileWarnings.push(...l.diagnostics);
      const warned = check.warnings.length;
      const first = ord;
      for (const lr of l.located) {
        const r = lr.record;
        let text: SourceText | undefined;
        if (r.kind === 'source') {
          const got = readSourceFile(nodeFs, opts.seedsDir, r.file, opts.followLinks);
          if (!got.ok) throw new HasErrors();
          text = { file: r.file, text: got.text };
          textBytes += Buffer.byteLength(got.text);
          source(r.id, path.join(opts.seedsDir, r.file), r.file, got.text);
        }
        if (!check.record(lr, text)) throw new HasErrors();
        w.record(ord++, r, l.entry.rel);
      }
      putFile(l, {
        ord: fi++,
        first,
        records: ord - first,
        errors: 0,
        warnings: l.diagnostics.length + check.warnings.length - warned,
      });
    }
    if (!check.refsResolve() || !check.chainsEnd()) throw new HasErrors();
    db.exec(`INSERT INTO refs(target, target_kind, record, record_kind, field, ord, n)
      SELECT s.target, r.kind, s.record, s.record_kind, s.field, s.ord, s.n
      FROM temp.refs_staged s JOIN records r ON r.id = s.target ORDER BY s.rowid;
      DROP TABLE temp.refs_staged;`);
    // the quotes are read a source at a time, through its index
    db.exec(INDEXES);
    placeQuotes(db);
    const diags = [...fileWarnings, ...check.warnings].sort(compareDiagnostics);
    insertDiagnostics(db, { files }, diags, 0);
    setMeta(db, {
      version: opts.version,
      dataDir: opts.dataDir,
      seedsDir: opts.seedsDir,
      builtAt: started,
      walk: [],
      duplicates: false,
      errors: 0,
      warnings: diags.length,
      records: true,
      firstErrors: storedErrors(diags, opts.dataDir, opts.cwd),
      unreadable: exitCodeFor(diags, false) === EXIT.usage,
      seedsDirStamp: statStamp(opts.seedsDir),
      search: false,
    });
  })();
  return textBytes;
}

/**
 * Every quote checked against its source's text (the store's copy) and placed in it, one source
 * at a time; a quote of nothing but white space, or one not in the text, is an error (HasErrors).
 * The places are written in the order of the rows, so each page of the table is written once.
 */
function placeQuotes(db: Database): void {
  const rows = (db.prepare('SELECT max(rowid) FROM citations').pluck().get() as number | null) ?? 0;
  const starts = new Int32Array(rows + 1).fill(-1);
  const ends = new Int32Array(rows + 1);
  const sources = db.prepare('SELECT id FROM sources WHERE text IS NOT NULL ORDER BY id').pluck();
  const textOf = db.prepare('SELECT text FROM sources WHERE id = ?').pluck();
  const quotes = db.prepare('SELECT rowid AS row, quote FROM citations WHERE source = ?');
  let checked = 0;
  for (const id of sources.all() as string[]) {
    const text = textOf.get(id) as string;
    // normalized only when a quote is not found as written (validate's rule, util/quotes.ts)
    let norm: string | undefined;
    const normText = () => (norm ??= normalizeText(text));
    for (const { row, quote } of quotes.all(id) as Array<{ row: number; quote: string }>) {
      checked++;
      const q = normalizeText(quote);
      if (q === '' || !quoteOccurs(text, normText, quote, q)) throw new HasErrors();
      const at = text.indexOf(quote);
      if (at >= 0) {
        starts[row] = at;
        ends[row] = at + quote.length;
      }
    }
  }
  // a citation of a record that is no source (or has no text) would have had its error
  const all = db.prepare('SELECT count(*) FROM citations').pluck().get() as number;
  if (all !== checked) throw new HasErrors();
  const place = db.prepare('UPDATE citations SET quote_start = ?, quote_end = ? WHERE rowid = ?');
  for (let row = 1; row <= rows; row++)
    if (starts[row]! >= 0) place.run(starts[row], ends[row], row);
}

/** The records of a clean file from the store, in the file's order. */
function storedRecords(reader: SqliteStore, f: StoredFile): KnownRecords | null {
  try {
    return { records: reader.range(f.firstRecord, f.records), single: f.single };
  } catch {
    return null; // damaged: read the data file instead
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

/** What every store has: the meta row and the data files' stamps (a base with errors: nothing else). */
const CORE = `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(ord INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL, ctime_ms REAL NOT NULL, ino INTEGER NOT NULL, hash TEXT,
  clean INTEGER NOT NULL, single INTEGER NOT NULL, first_record INTEGER NOT NULL,
  records INTEGER NOT NULL, errors INTEGER NOT NULL, warnings INTEGER NOT NULL);
CREATE TABLE sources(id TEXT PRIMARY KEY, file TEXT NOT NULL, size INTEGER, mtime_ms REAL,
  ctime_ms REAL, ino INTEGER, hash TEXT, text TEXT);
`;

/** The tables of a base without errors. */
const TABLES = `
CREATE TABLE records(ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
  file TEXT NOT NULL, name TEXT NOT NULL, description TEXT, json TEXT NOT NULL, hash INTEGER NOT NULL);
CREATE TABLE aliases(record TEXT NOT NULL, alias TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE TABLE record_names(name TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE TABLE record_commodities(commodity TEXT NOT NULL, kind TEXT NOT NULL, ord INTEGER NOT NULL,
  PRIMARY KEY (commodity, kind, ord)) WITHOUT ROWID;
CREATE TABLE refs(target TEXT NOT NULL, target_kind TEXT NOT NULL, record TEXT NOT NULL,
  record_kind TEXT NOT NULL, field TEXT NOT NULL, ord INTEGER NOT NULL, n INTEGER NOT NULL);
CREATE TABLE claims(record TEXT NOT NULL, n INTEGER NOT NULL, ord INTEGER NOT NULL,
  property TEXT NOT NULL, commodity TEXT, value_kind TEXT NOT NULL, value REAL, low REAL, high REAL,
  scale TEXT, unit TEXT, bound TEXT, base_value REAL, base_unit TEXT, basis_category TEXT,
  basis_material TEXT, modality TEXT NOT NULL, date_on TEXT, date_start TEXT, date_end TEXT,
  date_precision TEXT, date_part TEXT, date_inferred INTEGER, when_on TEXT, when_start TEXT,
  when_end TEXT, when_precision TEXT, when_part TEXT, when_inferred INTEGER, ref TEXT, text TEXT,
  among TEXT, rank TEXT, note TEXT, PRIMARY KEY (record, n));
CREATE TABLE citations(record TEXT NOT NULL, claim INTEGER, n INTEGER NOT NULL, ord INTEGER NOT NULL,
  source TEXT NOT NULL, quote TEXT NOT NULL, said_by TEXT, note TEXT, quote_start INTEGER,
  quote_end INTEGER);
CREATE TABLE diagnostics(n INTEGER PRIMARY KEY, file TEXT NOT NULL, line INTEGER NOT NULL,
  col INTEGER NOT NULL, severity TEXT NOT NULL, code TEXT NOT NULL, args TEXT NOT NULL);
`;

/** Made after the rows are in: faster than keeping them up to date row by row. */
const INDEXES = `
CREATE INDEX records_kind ON records(kind, ord);
CREATE INDEX records_name ON records(name);
CREATE INDEX aliases_record ON aliases(record);
CREATE INDEX aliases_alias ON aliases(alias);
CREATE INDEX record_names_name ON record_names(name);
CREATE INDEX record_names_ord ON record_names(ord);
CREATE INDEX record_commodities_ord ON record_commodities(ord);
CREATE INDEX refs_target ON refs(target, ord, n);
CREATE INDEX refs_target_kind ON refs(target_kind, ord, n);
CREATE INDEX refs_ord ON refs(ord);
CREATE INDEX claims_ord ON claims(ord);
CREATE INDEX claims_property ON claims(property, commodity);
CREATE INDEX claims_base_value ON claims(property, base_value);
CREATE INDEX citations_ord ON citations(ord);
CREATE INDEX citations_source ON citations(source);
CREATE INDEX citations_said_by ON citations(said_by);
CREATE INDEX diagnostics_file ON diagnostics(file);
`;

/** The statements that fill the tables of a base's records. */
interface Writer {
  /** Write a record's rows at its place; `json` is JSON.stringify(r) when the caller has it. */
  record: (ord: number, r: FactRecord, file: string, json?: string) => void;
  forget: (first: number, count: number) => void;
}

function writer(
  db: Database,
  texts: ReadonlyMap<string, { text: string }>,
  kindOf: (id: string) => Kind | undefined,
  /** Whether the store has its full-text index (search-index.ts) to keep up to date. */
  search = false,
  /** Where references go: the full build stages them until every id's kind is known. */
  refs = 'refs',
): Writer {
  const record = db.prepare(
    'INSERT INTO records(ord, id, kind, file, name, description, json, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const alias = db.prepare('INSERT INTO aliases(record, alias, ord) VALUES (?, ?, ?)');
  const name = db.prepare('INSERT INTO record_names(name, ord) VALUES (?, ?)');
  const commodity = db.prepare(
    'INSERT OR IGNORE INTO record_commodities(commodity, kind, ord) VALUES (?, ?, ?)',
  );
  const ref = db.prepare(
    `INSERT INTO ${refs}(target, target_kind, record, record_kind, field, ord, n) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const claim = db.prepare(
    `INSERT INTO claims VALUES (${Array.from({ length: 34 }, () => '?').join(', ')})`,
  );
  const citation = db.prepare(
    'INSERT INTO citations(record, claim, n, ord, source, quote, said_by, note, quote_start, quote_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const units = search ? unitWriter(db, texts) : null;
  const forgets = [
    'records WHERE ord',
    'aliases WHERE ord',
    'record_names WHERE ord',
    'record_commodities WHERE ord',
    'refs WHERE ord',
    'claims WHERE ord',
    'citations WHERE ord',
  ].map((t) => db.prepare(`DELETE FROM ${t}${t.includes('?') ? '' : ' BETWEEN ? AND ?'}`));
  return {
    record: (ord, r, file, json = JSON.stringify(r)) => {
      record.run(ord, r.id, r.kind, file, r.name, r.description ?? null, json, rowHash(json));
      for (const a of r.aliases ?? []) alias.run(r.id, a, ord);
      for (const n of new Set(namesOf(r).map(foldName))) name.run(n, ord);
      for (const c of new Set(commoditiesNamed(r))) commodity.run(c, r.kind, ord);
      let n = 0;
      for (const link of linksOf(r, kindOf))
        ref.run(link.id, link.kind, r.id, r.kind, link.field, ord, n++);
      let cn = 0;
      const cite = (claimN: number | null, c: NonNullable<FactRecord['citations']>[number]) => {
        const text = texts.get(c.source)?.text;
        const at = text === undefined ? -1 : text.indexOf(c.quote);
        citation.run(
          r.id,
          claimN,
          cn++,
          ord,
          c.source,
          c.quote,
          c.said_by ?? null,
          c.note ?? null,
          at < 0 ? null : at,
          at < 0 ? null : at + c.quote.length,
        );
      };
      for (const c of r.citations ?? []) cite(null, c);
      if (r.kind === 'person')
        for (const role of r.roles ?? []) for (const c of role.citations ?? []) cite(null, c);
      (r.claims ?? []).forEach((c, i) => {
        claim.run(...claimRow(r.id, i, ord, c));
        for (const x of c.citations) cite(i, x);
      });
      units?.add(ord, r);
    },
    forget: (first, count) => {
      units?.forget(first, count);
      for (const f of forgets) f.run(first, first + count - 1);
    },
  };
}

/** A claim's columns, in the order of the claims table. */
function claimRow(record: string, n: number, ord: number, c: Claim): unknown[] {
  const q = c.quantity;
  const valueKind = q
    ? 'quantity'
    : c.date !== undefined
      ? 'date'
      : c.ref !== undefined
        ? 'ref'
        : 'text';
  return [
    record,
    n,
    ord,
    c.property,
    c.commodity ?? null,
    valueKind,
    q?.value ?? null,
    q?.low ?? null,
    q?.high ?? null,
    q?.scale ?? null,
    q?.unit ?? null,
    q?.bound ?? null,
    q ? baseValue(q) : null,
    q ? DIMENSIONS[UNITS[q.unit].dimension] : null,
    q?.basis?.category ?? null,
    q?.basis?.material ?? null,
    claimModality(c),
    ...dateColumns(c.date),
    ...dateColumns(c.when),
    c.ref ?? null,
    c.text ?? null,
    c.among ?? null,
    c.rank ?? null,
    c.note ?? null,
  ];
}

/** on, start, end, precision, part, inferred of a date (all null without one). */
function dateColumns(d: DateSpec | undefined): unknown[] {
  if (d === undefined) return [null, null, null, null, null, null];
  const o = typeof d === 'string' ? { on: d } : d;
  const first = o.on ?? o.start ?? o.end;
  return [
    o.on ?? null,
    'start' in o ? (o.start ?? null) : null,
    'end' in o ? (o.end ?? null) : null,
    first === undefined ? null : precisionOf(first),
    'part' in o ? (o.part ?? null) : null,
    'inferred' in o && o.inferred ? 1 : 0,
  ];
}

/** The paths of a base's data files: as diagnostics show them, and relative to the data directory. */
type FilesOf = { files: ReadonlyArray<{ display: string; rel: string }> };

/** A file's stamp, with its content hash when it was modified within RACY_MS of `since`. */
function stampOf(e: Stamp, abs: string, since: number, prior?: Stamp | null): Stamp {
  const s: Stamp = { size: e.size, mtimeMs: e.mtimeMs, ctimeMs: e.ctimeMs, ino: e.ino };
  if (prior?.hash && sameStamp(prior, e, abs)) s.hash = prior.hash;
  else if (Math.max(e.mtimeMs, e.ctimeMs) > since - RACY_MS) s.hash = contentHash(abs) ?? '';
  return s;
}

/** Diagnostics by severity, per file (by the path diagnostics show), and those of no data file. */
function countByFile(
  base: FilesOf,
  diags: readonly Diagnostic[],
): Map<string, { errors: number; warnings: number }> {
  const relOf = new Map(base.files.map((f) => [f.display, f.rel]));
  const out = new Map<string, { errors: number; warnings: number }>();
  for (const d of diags) {
    const rel = relOf.get(d.file) ?? '';
    const c = out.get(rel) ?? { errors: 0, warnings: 0 };
    if (d.severity === 'error') c.errors++;
    else c.warnings++;
    out.set(rel, c);
  }
  return out;
}

function insertDiagnostics(
  db: Database,
  base: FilesOf,
  diags: readonly Diagnostic[],
  from: number,
): void {
  const relOf = new Map(base.files.map((f) => [f.display, f.rel]));
  const st = db.prepare(
    'INSERT INTO diagnostics(n, file, line, col, severity, code, args) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  diags.forEach((d, i) => {
    st.run(
      from + i,
      relOf.get(d.file) ?? d.file,
      d.line,
      d.col,
      d.severity,
      d.code,
      JSON.stringify(d.args),
    );
  });
}

/**
 * A source's row: its text's stamp as it is now (nulls when it cannot be stat'ed) and the text,
 * when stored; `ignore`: the first row of an id stays (a base with errors may have two).
 */
function insertSource(
  db: Database,
  started: number,
  ignore = false,
): (id: string, abs: string, file: string, text: string | null) => void {
  const put = db.prepare(
    `INSERT ${ignore ? 'OR IGNORE ' : ''}INTO sources(id, file, size, mtime_ms, ctime_ms, ino, hash, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (id, abs, file, text) => {
    const st = statStamp(abs);
    const s = st && stampOf(st, abs, started);
    put.run(
      id,
      file,
      s?.size ?? null,
      s?.mtimeMs ?? null,
      s?.ctimeMs ?? null,
      s?.ino ?? null,
      s?.hash ?? null,
      text,
    );
  };
}

/** Where a data file stands (its place among the files, and its records' in base order) and its counts. */
interface FilePlace {
  ord: number;
  first: number;
  records: number;
  errors: number;
  warnings: number;
}

/**
 * What writes a data file's row: its path and stamp (stampOf, since `started`; `prior`: its
 * stored stamp, whose hash an unchanged file keeps), whether it was clean and one record, and
 * where it stands.
 */
function insertFile(
  db: Database,
  started: number,
): (l: Pick<FileLoad, 'entry' | 'clean' | 'single'>, at: FilePlace, prior?: Stamp) => void {
  const put = db.prepare(
    'INSERT OR REPLACE INTO files(ord, path, size, mtime_ms, ctime_ms, ino, hash, clean, single, first_record, records, errors, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return (l, at, prior) => {
    const s = stampOf(l.entry, l.entry.abs, started, prior);
    put.run(
      at.ord,
      l.entry.rel,
      s.size,
      s.mtimeMs,
      s.ctimeMs,
      s.ino,
      s.hash ?? null,
      l.clean ? 1 : 0,
      l.single ? 1 : 0,
      at.first,
      at.records,
      at.errors,
      at.warnings,
    );
  };
}

const setMeta = (db: Database, meta: BaseMeta) =>
  db
    .prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('base', ?)")
    .run(JSON.stringify(meta));

/**
 * Write the store of a loaded base to a temporary file beside `file` and rename it into place:
 * a crash leaves the previous store, and a reader sees the old one or the new one. A store over
 * its limit is not kept.
 */
function writeStore(
  file: string,
  opts: RebuildOptions,
  loaded: Loaded,
  listing: Listing,
  loads: readonly FileLoad[],
  started: number,
): void {
  const { base, diagnostics: diags } = loaded;
  const kindOf = new Map<string, Kind>();
  for (const { record } of base.records)
    if (!kindOf.has(record.id)) kindOf.set(record.id, record.kind);
  const counts = countByFile(base, diags);
  const none = { errors: 0, warnings: 0 };
  // a base with errors: a query refuses it, so only what it needs to (and no copy of junk)
  const records = loaded.errors === 0 || opts.export === true;
  // the first record of each id (a base with errors may have two)
  const written = new Set<string>();
  const tmp = tempFile(file);
  let db: Database | undefined;
  try {
    db = createTemp(tmp);
    db.exec(CORE);
    if (records) db.exec(TABLES);
    const w = records ? writer(db, base.texts, (id) => kindOf.get(id)) : null;
    const putFile = insertFile(db, started);
    // of a base with errors, the stamps only (a text edited may mend it)
    const source = insertSource(db, started, true);
    let textBytes = 0;
    db.transaction(() => {
      let ord = 0;
      loads.forEach((l, fi) => {
        const first = ord;
        if (w)
          for (const r of l.records) {
            if (written.has(r.id)) continue;
            written.add(r.id);
            w.record(ord++, r, l.entry.rel);
          }
        putFile(l, { ord: fi, first, records: ord - first, ...(counts.get(l.entry.rel) ?? none) });
        for (const r of l.records) {
          if (r.kind !== 'source') continue;
          const text = base.texts.get(r.id)?.text ?? null;
          if (text !== null) textBytes += Buffer.byteLength(text);
          source(r.id, path.join(base.seedsDir, r.file), r.file, records ? text : null);
        }
      });
      if (records) insertDiagnostics(db!, base, diags, 0);
      const seedsDirStamp = statStamp(base.seedsDir);
      setMeta(db!, {
        version: opts.version,
        dataDir: base.dataDir,
        seedsDir: base.seedsDir,
        builtAt: started,
        walk: listing.problems.map((p) => `${p.rel} ${p.code}`),
        duplicates: diags.some((d) => d.code === 'duplicate-id'),
        errors: loaded.errors,
        warnings: loaded.warnings,
        records,
        firstErrors: storedErrors(diags, base.dataDir, opts.cwd),
        unreadable: exitCodeFor(diags, false) === EXIT.usage,
        seedsDirStamp,
        search: false,
      });
    })();
    if (records) db.exec(INDEXES);
    const full = db;
    db = undefined;
    install(full, tmp, file, opts.export ? Infinity : storeLimit(listing.files, textBytes));
  } catch (e) {
    db?.close();
    nodeFs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** A temporary file beside a store, for a build to write and rename into place. */
function tempFile(file: string): string {
  // the directory is there: the cache's was made (and vetted) before any store was looked for
  clearLeftovers(file);
  return `${file}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
}

/** A new database in a temporary file: no journal and no syncing, since it is renamed into place whole. */
function createTemp(tmp: string): Database {
  const db = new (sqlite())(tmp);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * Close a written temporary store and rename it into place, synced first; over `limit` bytes it is
 * removed instead, with the old store (false). On an exception the caller removes `tmp`.
 */
function install(db: Database, tmp: string, file: string, limit: number): boolean {
  try {
    db.pragma(`user_version = ${STORE_FORMAT}`);
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  if (nodeFs.statSync(tmp).size > limit) {
    // junk, or a base whose store would be out of proportion: none is kept, not even the old one
    nodeFs.rmSync(tmp, { force: true });
    removeStore(file);
    return false;
  }
  const fd = nodeFs.openSync(tmp, 'r');
  try {
    nodeFs.fsyncSync(fd);
  } finally {
    nodeFs.closeSync(fd);
  }
  // a journal left by a crashed writer of the old file must not be played back onto the new one
  removeFile(`${file}-journal`);
  // stamped under a read lock, like every write: another run may already be adding to it
  const placed: { db?: Database } = {};
  try {
    writeStamped(file, () => {
      nodeFs.renameSync(tmp, file);
      placed.db = new (sqlite())(file, { fileMustExist: true, timeout: 5000 });
      return [placed.db, true];
    });
  } finally {
    placed.db?.close();
  }
  return true;
}

/** The temporary files and writing markers of this store whose process is gone (killed half-way). */
function clearLeftovers(file: string): void {
  const dir = path.dirname(file);
  const stem = `${path.basename(file)}.`;
  for (const name of nodeFs.readdirSync(dir)) {
    // a build's temporary file (FILE.PID.RANDOM.tmp), or a writer's marker (FILE.writing.PID)
    const m = /^(?:(\d+)\.[a-z0-9]+\.tmp|writing\.(\d+))$/.exec(
      name.startsWith(stem) ? name.slice(stem.length) : '',
    );
    if (!m || alive(Number(m[1] ?? m[2]))) continue;
    removeFile(path.join(dir, name));
  }
}

/** Remove a base's store and what goes with it. */
export function removeStore(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}.ok`]) removeFile(f);
}

// ---------------------------------------------------------------------------------------------
// Patching

/**
 * After an edit: when the same data files are there, the source texts are unchanged, no id is
 * used twice, and each changed file still holds the same ids of the same kinds, only the changed
 * files are read and checked again (their references against the stored ids), and their rows
 * are replaced in one transaction. Every other file's diagnostics cannot have changed, so the
 * counts stay exact. Returns the patched meta, or null when a full rebuild is needed.
 */
export function refresh(
  file: string,
  opts: RebuildOptions,
  { store, files }: Prior,
  listing: Listing,
): BaseMeta | null {
  const { db, meta } = store;
  if (!meta.records || meta.duplicates || !sameFiles(meta, files, listing)) return null;
  const changed = changedFiles(files, listing);
  if (changed.length === 0 || changed.length > Math.max(1, files.length / 10)) return null;
  if (changed.some((i) => !files[i]!.clean || files[i]!.records === 0)) return null;
  // the seeds directory itself (a text added, removed or renamed); the texts the edit quotes below
  if (!seedsUnchanged(db, meta, false)) return null;
  const started = Date.now();

  const only: Listing = { files: changed.map((i) => listing.files[i]!), problems: [] };
  const loads = readDataFiles(nodeFs, only, opts.cwd);
  const base = assembleBase(nodeFs, opts, only, loads);
  const reader = new SqliteStore(db);
  const signature = (ids: ReadonlyArray<readonly [string, Kind]>) =>
    ids
      .map(([id, k]) => `${id}\u0000${k}`)
      .sort()
      .join('\n');
  // the same ids of the same kinds, in clean files, and no source record. The records an edit
  // left as they were keep their rows (an edit of one record in a file of a hundred rewrites one
  // record's rows and index entries, not a hundred); in a file that had no diagnostic they still
  // pass their own checks too: what those read (the ids and kinds of other records, the source
  // texts) is as it was
  const edited: Array<{ ord: number; rec: FactRecord; json: string; file: string }> = [];
  const settled = new Set<FactRecord>();
  for (const [j, r] of loads.entries()) {
    const f = files[changed[j]!]!;
    if (!r.clean || r.records.some((rec) => rec.kind === 'source')) return null;
    const was = reader.recordsIn(f.firstRecord, f.records);
    if (
      signature(r.records.map((rec) => [rec.id, rec.kind] as const)) !==
      signature(was.map(([id, kind]) => [id, kind] as const))
    )
      return null;
    const quiet = f.errors === 0 && f.warnings === 0;
    // by id: the records of a file may have been reordered
    const before = new Map(was.map(([id, , json]) => [id, json]));
    for (const [k, rec] of r.records.entries()) {
      const json = JSON.stringify(rec);
      if (json === was[k]![2]) {
        if (quiet) settled.add(rec);
        continue;
      }
      // a new link in a parent, part_of or groups chain may close a cycle through records this
      // patch does not read: the full build follows every chain (the usual edit adds none)
      const old = before.get(rec.id);
      if (old == null || linksAdded(rec, JSON.parse(old) as FactRecord)) return null;
      edited.push({ ord: f.firstRecord + k, rec, json, file: r.entry.rel });
    }
  }
  if (loads.length !== changed.length) return null;
  const toCheck = base.records.filter(({ record }) => !settled.has(record));

  // the texts of every source the records to check quote, as stored while they have not changed
  const quoted = new Set<string>();
  for (const { record } of toCheck)
    for (const { citation } of citationsOf(record)) quoted.add(citation.source);
  const texts = storedTexts(db, opts.seedsDir, quoted);
  if (texts === null) return null;
  for (const [id, t] of texts) base.texts.set(id, t);
  // the kinds of everything the edit refers to, in one query (checked and stored below)
  reader.learnKinds(toCheck.flatMap(({ record }) => [...refsOf(record)].map((r) => r.id)));
  const diags = [
    ...base.diagnostics.filter((d) => base.files.some((f) => f.display === d.file)),
    ...checkBase(base, diagnosticAt, (id) => reader.kindOf(id), settled),
  ].sort(compareDiagnostics);
  // the base has errors now: a full load keeps what a query needs to refuse it
  if (diags.some((d) => d.severity === 'error')) return null;
  const counts = countByFile(base, diags);

  let errors = meta.errors;
  let warnings = meta.warnings;
  const w = writer(db, base.texts, (id) => reader.kindOf(id), meta.search);
  const putFile = insertFile(db, started);
  const dropDiagnostics = db.prepare('DELETE FROM diagnostics WHERE file = ?');
  const nextDiagnostic = db.prepare('SELECT coalesce(max(n), -1) + 1 AS n FROM diagnostics');
  const next: BaseMeta = { ...meta };
  // the rollback journal keeps the patch whole if this process dies; NORMAL spares an fsync of it
  // (a cache: an OS crash at the wrong moment leaves a file changed since it was last marked
  // checked, and the files rebuild it)
  db.pragma('synchronous = NORMAL');
  return writeStamped(file, () => {
    try {
      db.transaction(() => {
        forgetListRows(
          db,
          edited.map((e) => e.ord),
          edited.map((e) => e.rec),
        );
        for (const { ord, rec, json, file } of edited) {
          w.forget(ord, 1);
          w.record(ord, rec, file, json);
        }
        for (const [j, r] of loads.entries()) {
          const i = changed[j]!;
          const old = files[i]!;
          const c = counts.get(r.entry.rel) ?? { errors: 0, warnings: 0 };
          putFile(r, { ord: i, first: old.firstRecord, records: old.records, ...c }, old);
          errors += c.errors - old.errors;
          warnings += c.warnings - old.warnings;
          dropDiagnostics.run(r.entry.rel);
        }
        const at = (nextDiagnostic.get() as { n: number }).n;
        insertDiagnostics(db, base, diags, at);
        next.errors = errors;
        next.warnings = warnings;
        setMeta(db, next);
      }).immediate();
    } catch {
      return null; // busy or damaged: the full load decides
    }
    return [db, next];
  });
}

/**
 * Drop the list rows (store.ts LIST_ROWS) an edit of these records (at these places) may change:
 * their own, those of the records that refer to one of them (a row shows the names of what it refers to),
 * and, when a commodity changed, every commodity's (a row lists the members of its group).
 */
function forgetListRows(
  db: Database,
  ords: readonly number[],
  records: readonly FactRecord[],
): void {
  if (!keepsListRows(db) || records.length === 0) return;
  const own = db.prepare('DELETE FROM list_rows WHERE ord = ?');
  for (const ord of ords) own.run(ord);
  const ids = JSON.stringify(records.map((r) => r.id));
  db.prepare(
    `DELETE FROM list_rows WHERE ord IN (SELECT ord FROM refs WHERE target IN (SELECT value FROM json_each(@ids)))
       OR ord IN (SELECT ord FROM citations WHERE source IN (SELECT value FROM json_each(@ids)) OR said_by IN (SELECT value FROM json_each(@ids)))`,
  ).run({ ids });
  if (records.some((r) => r.kind === 'commodity'))
    db.prepare(
      "DELETE FROM list_rows WHERE ord IN (SELECT ord FROM records WHERE kind = 'commodity')",
    ).run();
}

/** "minerals: [##......] 120/1,000 data files (12,000 records), 450 files/s, 2 s left", at most ten times a second. */
function progressLine(out: (line: string | null) => void, started: number, after: number) {
  let last = 0;
  return (done: number, total: number, records: number) => {
    const t = Date.now();
    if (total < 20 || (t - last < 100 && done < total) || t - started < after) return;
    last = t;
    const rate = done / Math.max(0.001, (t - started) / 1000);
    const left = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    const filled = Math.round((done / total) * 20);
    out(
      `minerals: [${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} data files (${records.toLocaleString('en-US')} records), ${Math.round(rate).toLocaleString('en-US')} files/s, ${left} s left`,
    );
  };
}
