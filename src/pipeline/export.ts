// `minerals export`: the whole base for other tools. One SQLite database (a new one, into which
// the store's tables are copied, with the tables made for readers), or a directory of CSV or
// NDJSON files, one a table of that database, with a Frictionless Data `datapackage.json`
// describing them.
//
// The database holds:
//   records, aliases, record_names, record_commodities, refs, claims, citations, diagnostics   as in the store
//                         (pipeline/build.ts), less the store's row checksum (records.hash)
//   one table per list command, named like it (deposits, deals, ..., sources, countries): its
//                         columns and rows are those `minerals LIST --format csv` prints, an empty
//                         cell NULL, a numeric column (citing_claims) as numbers. They are tables
//                         materialised from the list commands' own field code (render/kinds.ts,
//                         through render/list-tables.ts, which the command hands in), not SQL
//                         views: most columns are display forms made by that code (figures as
//                         "> 250,000 t copper", dates in words, lists joined by "; "), which a
//                         view would have to copy and could drift from.
//   source_texts          each source's stored text, in full (the store's `sources` table, less
//                         its file stamps: `sources` is the list command's table here)
//   search                FTS5 over the folded words of each record (rowid = records.ord), the
//                         same words as the store's index (search-index.ts, one row a piece of
//                         text, made by the first search), but one row a record and a table that
//                         keeps its text: the store's is contentless_delete, which sqlite3 before
//                         3.43 cannot read
//   meta                  key, value: tool, tool_version, schema_version (the store's
//                         `PRAGMA user_version`), records, errors, data_sha1 (sha1 over every
//                         record's JSON, records.json in base order, each followed by "\n")
// The store's own bookkeeping (the `files` stamps and its meta row, which hold this machine's
// paths) is left out.
//
// Nothing is half-written: the database or directory is made under a temporary name beside the
// target and renamed into place; a directory replaced with --force is moved aside first and
// removed after. A failure removes what it made.
import nodeFs from 'node:fs';
import path from 'node:path';
import { EXIT, UserError } from '../errors.js';
import { FactIndex, MemoryStore } from '../query/facts.js';
import { searchBody } from '../query/search.js';
import type { FactRecord } from '../schema/index.js';
import { LIST_COMMANDS } from '../schema/kinds.js';
import { displayPath } from '../util/display.js';
import { safeJson, sanitize } from '../util/sanitize.js';
import { type OpenOptions, openStoreFile, type StoreFile } from './open.js';
import { checkedRow, type Database, reasonOf, SqliteStore, StoreDamaged, sqlite } from './store.js';
import { writeReason } from '../util/reasons.js';

export const EXPORT_FORMATS = ['sqlite', 'csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  format: ExportFormat;
  /** The file (sqlite) or directory (csv, ndjson) to write, absolute. */
  target: string;
  /** The target as the user gave it, for messages. */
  shown: string;
  /** Replace an existing file, or a directory that holds an earlier export. */
  force: boolean;
  /** The list commands' tables, made by the command (render/list-tables.ts). */
  lists: ListTables;
  /** One CSV cell as the csv format writes it (render/output.ts). */
  csvCell: (text: string) => string;
}

export interface ExportResult {
  /** Errors in the base (exported with --allow-invalid). */
  errors: number;
}

/** The tables of the database that the csv and ndjson exports write, after the list tables. */
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
] as const;

const DESCRIPTIONS: Record<(typeof BASE_TABLES)[number], string> = {
  records:
    'every record in base order (ord): id, kind, data file, name, description and the whole record as JSON',
  claims: 'every claim: the record it is about (record, n), property, value, unit, dates, modality',
  citations:
    'every quote: the record, the claim (n, or empty for a record citation), source, quote, said_by, and where the quote is in the source text',
  source_texts: 'the stored text of each source, in full',
  aliases: 'the other names of records',
  record_commodities: 'the commodities each record names',
  refs: 'which record refers to which, and in what field',
  diagnostics: 'the warnings of the base (and its errors, exported with --allow-invalid)',
  meta: 'what was exported: tool_version, schema_version, records, errors, data_sha1',
};

/** The order of a table's rows in its file (a list table's: rowid, the list's order). */
const ORDER: Readonly<Record<string, string>> = {
  records: 'ord',
  claims: 'ord, n',
  citations: 'ord, n',
  source_texts: 'id',
  aliases: 'ord, rowid',
  record_commodities: 'ord, commodity',
  refs: 'ord, n',
  diagnostics: 'n',
};

/** Write the base in `format` to the target, refusing a target it must not replace. */
export async function exportBase(opts: OpenOptions, req: ExportRequest): Promise<ExportResult> {
  const dir = req.format !== 'sqlite';
  const existing = checkTarget(req, dir);
  const store = await openStoreFile(opts);
  try {
    writeExport(store, opts, req, dir, existing);
    return { errors: store.errors };
  } catch (e) {
    if (!(e instanceof StoreDamaged)) throw e;
    // damage the opening could not see (a row that does not match its checksum): the store is
    // removed, so that the opening builds it again from the files, once
    opts.notice?.(
      `minerals: the cache ${sanitize(displayPath(store.file, opts.cwd))} was damaged (${sanitize(reasonOf(e))}); rebuilding it`,
    );
    nodeFs.rmSync(store.file, { force: true });
  } finally {
    store.dispose();
  }
  const rebuilt = await openStoreFile(opts);
  try {
    writeExport(rebuilt, opts, req, dir, existing);
  } finally {
    rebuilt.dispose();
  }
  return { errors: rebuilt.errors };
}

/** Write the export of a store under a temporary name, then put it in the target's place. */
function writeExport(
  store: StoreFile,
  opts: OpenOptions,
  req: ExportRequest,
  dir: boolean,
  existing: 'new' | 'replace',
): void {
  const tmp = tempName(req.target, 'tmp');
  try {
    if (dir) {
      nodeFs.mkdirSync(tmp);
      const db = path.join(tmp, '.export.sqlite');
      writeDatabase(store.file, db, opts.version, store.errors, req.lists, false);
      writeTables(db, tmp, req.format as 'csv' | 'ndjson', req.csvCell);
      nodeFs.rmSync(db);
    } else {
      writeDatabase(store.file, tmp, opts.version, store.errors, req.lists, true);
      syncFile(tmp);
    }
    // the target as it is now: nothing may have taken its place since it was checked
    if (checkTarget(req, dir) !== existing)
      throw new UserError(
        `export: ${req.shown} appeared or changed while the export was written; nothing was replaced`,
      );
    if (existing === 'replace' && dir) swapDirectory(tmp, req.target, req.shown);
    else nodeFs.renameSync(tmp, req.target);
  } catch (e) {
    nodeFs.rmSync(tmp, { recursive: true, force: true });
    if (e instanceof UserError || e instanceof StoreDamaged) throw e;
    throw writeError(e, req.shown);
  }
}

// ---------------------------------------------------------------------------------------------
// The target

/** A name beside `target` for what is made before it takes the target's place. */
const tempName = (target: string, what: string) =>
  path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.${what}`,
  );

function writeError(e: unknown, shown: string): Error {
  const code = (e as NodeJS.ErrnoException).code;
  // an error of the file system (ENOENT, EACCES, ...) is the user's to mend; anything else is a bug
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code))
    return e instanceof Error ? e : new Error(String(e));
  return new UserError(`export: cannot write ${shown}: ${writeReason(code)}`, EXIT.usage);
}

/** What a file that is not a regular file or a directory is, in words. */
function typeOf(st: nodeFs.Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isDirectory()) return 'a directory';
  return 'a regular file';
}

/**
 * What is at the target: nothing (or an empty directory, for a directory export), or something
 * --force lets this replace. Anything else is refused, with why (exit 2): an existing file or
 * non-empty directory without --force; even with --force, anything that is not what the export
 * writes (a symbolic link, a FIFO, a socket, a device, a directory for sqlite, a file for csv),
 * and a directory that holds no earlier export (no datapackage.json).
 */
function checkTarget(req: ExportRequest, dir: boolean): 'new' | 'replace' {
  const { shown } = req;
  const refuse = (why: string) => new UserError(`export: ${shown} ${why}`, EXIT.usage);
  let st: nodeFs.Stats | undefined;
  try {
    st = nodeFs.lstatSync(req.target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(e, shown);
  }
  if (st === undefined) {
    const parent = nodeFs.statSync(path.dirname(req.target), { throwIfNoEntry: false });
    if (!parent?.isDirectory()) throw writeError({ code: parent ? 'ENOTDIR' : 'ENOENT' }, shown);
    return 'new';
  }
  const wanted = dir ? 'a directory' : 'a regular file';
  const is = typeOf(st);
  if (is !== wanted) throw refuse(`is ${is}, not ${wanted}; it is not replaced, even with --force`);
  if (dir) {
    const entries = nodeFs.readdirSync(req.target);
    if (entries.length === 0) return 'new';
    if (!req.force) throw refuse('exists and is not empty; pass --force to replace it');
    if (!entries.includes('datapackage.json'))
      throw refuse(
        'holds no earlier export (no datapackage.json); it is not replaced, even with --force',
      );
    return 'replace';
  }
  if (!req.force) throw refuse('exists; pass --force to replace it');
  return 'replace';
}

/** Put the new directory in the old one's place: the old one moved aside, then removed. */
function swapDirectory(made: string, target: string, shown: string): void {
  const old = tempName(target, 'old');
  nodeFs.renameSync(target, old);
  try {
    nodeFs.renameSync(made, target);
  } catch (e) {
    try {
      nodeFs.renameSync(old, target);
    } catch {
      // never lost: say where it is
      const error = writeError(e, shown);
      error.message += `; the earlier export is in ${path.join(path.dirname(shown), path.basename(old))}`;
      throw error;
    }
    throw e;
  }
  nodeFs.rmSync(old, { recursive: true, force: true });
}

function syncFile(file: string): void {
  const fd = nodeFs.openSync(file, 'r');
  try {
    nodeFs.fsyncSync(fd);
  } finally {
    nodeFs.closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------
// The database

/** A column of an exported table: its name and SQL type (TEXT, INTEGER or REAL). */
interface Column {
  name: string;
  type: 'TEXT' | 'INTEGER' | 'REAL';
}

/** A table of rows to write as they are: a list command's, made by the command's own fields. */
interface ListTable {
  name: string;
  columns: readonly Column[];
  rows: ReadonlyArray<readonly unknown[]>;
}

/** The list commands' tables of a base (render/list-tables.ts), which the command hands in. */
type ListTables = (index: FactIndex) => ListTable[];

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The store's tables that are not copied: its bookkeeping, its texts (source_texts here), its index. */
const NOT_COPIED = new Set(['meta', 'files', 'sources', 'search', 'search_units', 'list_rows']);

/**
 * Write the export of the store to `file`, a new database: the store attached, read and copied
 * in one transaction (one state of it, however another run changes it meanwhile), each table
 * written once, its indexes made after its rows, no journal (a failure removes the file).
 */
function writeDatabase(
  store: string,
  file: string,
  version: string,
  errors: number,
  lists: ListTables,
  /** The full-text index (the database's alone: the csv and ndjson exports have no file of it). */
  search: boolean,
): void {
  const db = new (sqlite())(file);
  const flush = new EarlyFlush(file, search);
  try {
    // pages of 16 KiB, not 4: a fifth less time to copy the tables in, where the rows are large
    // (the records' JSON, about a kilobyte each) and many (100,000 records have over a million
    // citations); more does not help
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    // the full-text index merges its segments and the indexes are made in the page cache, not
    // through the file (64 MiB; SQLite's default is 2)
    db.pragma('cache_size = -65536');
    db.prepare('ATTACH ? AS store').run(store);
    db.transaction(() => {
      // first everything read through the store's reader, while only the store has these tables
      const schemaVersion = db.pragma('store.user_version', { simple: true }) as number;
      const { records, ords, sha1 } = readRecords(db);
      const texts = search ? new SqliteStore(db).texts() : null;
      copyTables(db);
      flush.start();
      writeListTables(db, lists, records);
      flush.start();
      if (texts) writeSearch(db, records, ords, texts);
      const meta = db.prepare('INSERT INTO main.meta(key, value) VALUES (?, ?)');
      for (const [key, value] of [
        ['tool', 'minerals'],
        ['tool_version', version],
        ['schema_version', String(schemaVersion)],
        ['records', String(records.length)],
        ['errors', String(errors)],
        ['data_sha1', sha1],
        ['data_sha1_of', 'records.json in base order (ord), each followed by a newline'],
      ])
        meta.run(key, value);
      db.pragma(`main.user_version = ${schemaVersion}`);
    })();
    db.exec('DETACH store');
  } finally {
    db.close();
    flush.close();
  }
}

/**
 * The file's pages written so far handed to the disk while the rest is made: the final fsync
 * (syncFile) then waits for the last part only, not for the whole file (half a gigabyte of 100,000
 * records), as no dirty page is written back before then on a machine with memory to spare. Each
 * fsync runs on libuv's thread pool, beside the work of this thread; its result is not needed
 * (the final fsync is the one that must succeed), nor is the file kept open for it on Windows,
 * where an open file cannot be removed if the export fails.
 */
class EarlyFlush {
  private fd: number | null = null;
  private pending = 0;
  private closing = false;

  constructor(
    private readonly file: string,
    private readonly wanted: boolean,
  ) {}

  /** An fsync of what is written now, unless one still runs. */
  start(): void {
    if (!this.wanted || process.platform === 'win32' || this.pending > 0) return;
    try {
      this.fd ??= nodeFs.openSync(this.file, 'r');
    } catch {
      return;
    }
    this.pending++;
    nodeFs.fsync(this.fd, () => {
      this.pending--;
      if (this.closing) this.close();
    });
  }

  /** Closes the file once no fsync runs. */
  close(): void {
    this.closing = true;
    if (this.pending > 0 || this.fd === null) return;
    nodeFs.closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * The store's records in base order, each checked against its checksum, with their places (ord)
 * and the sha1 of their JSON (meta's data_sha1: the same JSON as the export's records.json), in
 * one read of the rows. Any error of the database is damage, as the store's reader has it.
 */
function readRecords(db: Database): { records: FactRecord[]; ords: number[]; sha1: string } {
  const records: FactRecord[] = [];
  const ords: number[] = [];
  const hash = process.getBuiltinModule('node:crypto').createHash('sha1');
  try {
    for (const [ord, json, check] of db
      .prepare('SELECT ord, json, hash FROM store.records ORDER BY ord')
      .raw()
      .iterate() as Iterable<[number, unknown, unknown]>) {
      const text = checkedRow(json, check);
      records.push(JSON.parse(text) as FactRecord);
      ords.push(ord);
      // two updates, not one of the JSON and its newline joined: that string would be a copy
      hash.update(text).update('\n');
    }
  } catch (e) {
    if (e instanceof StoreDamaged) throw e;
    throw new StoreDamaged(reasonOf(e));
  }
  return { records, ords, sha1: hash.digest('hex') };
}

/**
 * Each table of the store that readers get, as the store made it (records less its checksum),
 * with its indexes. The tables and indexes are made as in the store and filled by `INSERT ...
 * SELECT *`, which SQLite does by copying their pages (as VACUUM does), not row by row; but
 * records, which lose a column, row by row, its indexes made after its rows (faster than a
 * copy of its pages and then a rewrite of every row without the column).
 */
function copyTables(db: Database): void {
  const schema = db
    .prepare(
      "SELECT type, name, tbl_name, sql FROM store.sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
    )
    .raw()
    .all() as Array<[string, string, string, string]>;
  const copied = (table: string) => !NOT_COPIED.has(table) && !table.startsWith('search');
  for (const [type, name, , sql] of schema)
    if (type === 'table' && (copied(name) || name === 'meta')) db.exec(sql);
  db.exec('ALTER TABLE main.records DROP COLUMN hash');
  const indexes = schema.filter(([type, , table]) => type === 'index' && copied(table));
  for (const [, , table, sql] of indexes) if (table !== 'records') db.exec(sql);
  for (const [type, name] of schema)
    if (type === 'table' && copied(name) && name !== 'records')
      db.exec(`INSERT INTO main.${quoteId(name)} SELECT * FROM store.${quoteId(name)}`);
  const columns = (
    db.prepare("SELECT name FROM pragma_table_info('records', 'main')").pluck().all() as string[]
  )
    .map(quoteId)
    .join(', ');
  db.exec(`INSERT INTO main.records(${columns}) SELECT ${columns} FROM store.records ORDER BY ord`);
  for (const [, , table, sql] of indexes) if (table === 'records') db.exec(sql);
  db.exec(`
    CREATE TABLE main.source_texts(id TEXT PRIMARY KEY, file TEXT NOT NULL, text TEXT);
    INSERT INTO main.source_texts SELECT id, file, text FROM store.sources ORDER BY id;
  `);
}

/**
 * The records in memory, read once for every list table, and how many claims cite each source
 * counted in one pass over them (what countCiting counts of one source, by reading them all).
 */
class ExportRecords extends MemoryStore {
  private readonly citing = new Map<string, number>();

  constructor(records: readonly FactRecord[]) {
    super(records);
    for (const r of this.all())
      for (const c of r.claims ?? []) {
        const cited = c.citations;
        // each source once a claim, at its first citation there (no set made for each claim)
        for (let i = 0; i < cited.length; i++) {
          const source = cited[i]!.source;
          let first = true;
          for (let j = 0; j < i && first; j++) first = cited[j]!.source !== source;
          if (first) this.citing.set(source, (this.citing.get(source) ?? 0) + 1);
        }
      }
  }

  claimsCiting(source: string): number {
    return this.citing.get(source) ?? 0;
  }
}

/** One table per list command, as the command made it (render/list-tables.ts). */
function writeListTables(db: Database, lists: ListTables, records: readonly FactRecord[]): void {
  for (const t of lists(new FactIndex(new ExportRecords(records)))) {
    db.exec(
      `CREATE TABLE main.${quoteId(t.name)}(${t.columns.map((c) => `${quoteId(c.name)} ${c.type}`).join(', ')})`,
    );
    const insert = db.prepare(
      `INSERT INTO main.${quoteId(t.name)} VALUES (${t.columns.map(() => '?').join(', ')})`,
    );
    for (const row of t.rows) insert.run(...row);
  }
}

/** The full-text index: a record a row, its folded words (searchBody), rowid its place in base order. */
function writeSearch(
  db: Database,
  records: readonly FactRecord[],
  ords: readonly number[],
  texts: ReadonlyMap<string, { text: string }>,
): void {
  db.exec(
    "CREATE VIRTUAL TABLE main.search USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')",
  );
  const insert = db.prepare('INSERT INTO main.search(rowid, body) VALUES (?, ?)');
  records.forEach((r, i) => {
    insert.run(ords[i], searchBody(r, texts));
  });
}

// ---------------------------------------------------------------------------------------------
// The files

/** The Frictionless type of an SQL column type. */
const frictionless = (type: string) =>
  /INT/i.test(type) ? 'integer' : /REAL|FLOA|DOUB|NUM/i.test(type) ? 'number' : 'string';

/** A directory of one file per table, and its datapackage.json, from the exported database. */
function writeTables(
  file: string,
  dir: string,
  format: 'csv' | 'ndjson',
  csvCell: (text: string) => string,
): void {
  const db = new (sqlite())(file, { readonly: true, fileMustExist: true });
  try {
    const lists = LIST_COMMANDS.map((l) => l.command);
    const resources = [...lists, ...BASE_TABLES].map((table) => {
      const columns = (
        db.prepare(`PRAGMA table_info(${quoteId(table)})`).all() as Array<{
          name: string;
          type: string;
        }>
      ).map((c) => ({ name: c.name, type: frictionless(c.type) }));
      const rows = db
        .prepare(`SELECT * FROM ${quoteId(table)} ORDER BY ${ORDER[table] ?? 'rowid'}`)
        .raw()
        .all() as unknown[][];
      const name = `${table}.${format}`;
      const csvLine = (cells: readonly string[]) => `${cells.map(csvCell).join(',')}\r\n`;
      const names = columns.map((c) => c.name);
      writeLines(
        path.join(dir, name),
        format === 'csv' ? csvLine(names) : '',
        rows,
        format === 'csv'
          ? (r) => csvLine(r.map(csvText))
          : (r) => {
              const row: Record<string, unknown> = {};
              names.forEach((n, i) => {
                row[n] = r[i] ?? null;
              });
              return `${safeJson(row)}\n`;
            },
      );
      const listed = lists.includes(table);
      return {
        name: table,
        path: name,
        profile: 'tabular-data-resource',
        format,
        mediatype: format === 'csv' ? 'text/csv' : 'application/x-ndjson',
        encoding: 'utf-8',
        description: listed
          ? `the rows of \`minerals ${table} --format csv\`, in its order`
          : DESCRIPTIONS[table as (typeof BASE_TABLES)[number]],
        ...(format === 'csv'
          ? { dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', header: true } }
          : {}),
        schema: { fields: columns },
      };
    });
    const pkg = {
      profile: 'tabular-data-package',
      name: 'minerals',
      title: 'A cited fact base about critical minerals, exported by minerals',
      resources,
    };
    nodeFs.writeFileSync(path.join(dir, 'datapackage.json'), `${JSON.stringify(pkg, null, 2)}\n`, {
      flag: 'wx',
    });
  } finally {
    db.close();
  }
}

/** A new file of `head` and a line a row, written a chunk at a time: a large table is never one string. */
function writeLines(
  file: string,
  head: string,
  rows: readonly unknown[][],
  line: (row: unknown[]) => string,
): void {
  const fd = nodeFs.openSync(file, 'wx');
  try {
    const write = (text: string) => {
      const bytes = Buffer.from(text);
      for (let at = 0; at < bytes.length; )
        at += nodeFs.writeSync(fd, bytes, at, bytes.length - at);
    };
    let chunk = head;
    for (const r of rows) {
      chunk += line(r);
      if (chunk.length >= CHUNK) {
        write(chunk);
        chunk = '';
      }
    }
    write(chunk);
  } finally {
    nodeFs.closeSync(fd);
  }
}

/** About how many characters of a file are written at once. */
const CHUNK = 1 << 20;

/** A database value as a csv cell: NULL empty, a number as JavaScript prints it. */
const csvText = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);
