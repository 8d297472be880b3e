// The store of a validated fact base: one SQLite database per data directory (better-sqlite3),
// so that a query loads neither yaml nor zod and reads only the rows of its answer. The YAML files
// stay the source of truth: the store is checked against them on every run (one stat a data
// file), rebuilt when anything differs (pipeline/build.ts, which also writes it), and never the
// only copy of anything.
//
// Tables (the writer in build.ts fills them; `minerals export sqlite` copies them):
//   meta                  one row 'base': what was loaded (JSON): version, directories, counts,
//                         the first errors of a base with errors, the walk's problems
//   files                 each data file: size, mtime, ctime, inode (a content hash when modified
//                         within RACY_MS of the start of the build), its records' place, counts
//   records               each record (first of its id) in base order: common fields as columns,
//                         the whole record as JSON, and a hash of that JSON checked on every read
//   aliases, record_commodities, refs   what the list filters, --metal and "referenced by" read
//   claims, citations     every claim and quote as columns, for SQL (export) and the reader
//   sources               each source record's text as stored under the seeds directory, stamped
//   diagnostics           what validate reported when the store was built
//   search, search_units  FTS5 over the folded words of each piece of text of a record (names,
//                         descriptions, claims, quotes, notes, source text lines), and the pieces
//                         (search-index.ts; made by the first search)
// Only a base without errors has its records stored; of a base with errors the store keeps the
// stamps, the counts and the first errors, so that a query refuses it without reading a data
// file. The database is replaced whole (written to a temporary file and renamed) or patched in one
// transaction, so a reader sees the old base or the new one, never half of one. Anything
// unexpected in it (it will not open, another schema version, a file changed since this program
// last wrote it, a row whose hash does not match) is damage: StoreDamaged, and the caller
// rebuilds with a one-line notice.
import nodeFs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { type Diagnostic, formatDiagnostic } from '../diagnostics.js';
import { refsOf } from '../schema/kinds.js';
import type { KeptRow, Narrowing, RecordStore, Referrer } from '../query/facts.js';
import type { SearchDoc, SearchUnit } from '../query/search.js';
import type { FactRecord } from '../schema/index.js';
import {
  KINDS,
  type Kind,
  SEARCH_FIELDS,
  type SearchField,
  SEED_FILE_NAME,
} from '../schema/vocab.js';
import type { Listing } from '../load/base.js';
import { walk } from '../load/walk.js';
import { readCapped } from '../load/read.js';
import { describeType } from '../util/filetype.js';
import { realPath } from '../util/places.js';
import { driver as loadDriver } from './driver.js';

/**
 * The rows lists print as JSON, kept by the first run that makes them (the list rows of a
 * record's ord; build.ts drops those an edit may change: the record's own and those of the records
 * that refer to it).
 */
const LIST_ROWS =
  'CREATE TABLE IF NOT EXISTS list_rows(ord INTEGER PRIMARY KEY, json BLOB NOT NULL, hash INTEGER NOT NULL)';

/** Whether the store has its list_rows table yet (made by the first list that keeps a row). */
export const keepsListRows = (db: Database): boolean =>
  db
    .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'list_rows'")
    .pluck()
    .get() === 1;

/** The schema of the database (`PRAGMA user_version`): another one is rebuilt. */
export const STORE_FORMAT = 1;
/** A file modified this close to the start of a build is hashed too: its mtime may not change on the next edit. */
export const RACY_MS = 3000;

export type Database = BetterSqlite3.Database;

export interface Stamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  /** sha1 of the content, for a file modified within RACY_MS of the start of the build. */
  hash?: string | null | undefined;
}

/** One of the first errors of a base, as a refused query prints it. */
export interface StoredError {
  /** The file, relative to the data directory (shown relative to the working directory of a run). */
  rel: string;
  /** The diagnostic as validate prints it, after its path: `:3:5: error code: message` and the excerpt. */
  text: string;
  /**
   * The working directory it was worded from: a message may name other files (`first defined at
   * data/a.yaml:3:5`) as seen from there. A run from elsewhere reads the files to refuse.
   */
  cwd?: string;
}

/** The 'base' row of the meta table. */
export interface BaseMeta {
  version: string;
  dataDir: string;
  seedsDir: string;
  /** When the build started (ms since the epoch): the racy window is measured from it. */
  builtAt: number;
  /** Problems of the walk itself (FIFOs, unreadable directories), as "rel code". */
  walk: string[];
  /** Some id is used twice (a validate error): an edit is then never applied alone. */
  duplicates: boolean;
  errors: number;
  warnings: number;
  /** Whether the records are stored (a base without errors). */
  records: boolean;
  firstErrors: StoredError[];
  /** A data file could not be read: a refused query exits 2, as validate does. */
  unreadable: boolean;
  /** The seeds directory as it was: a text added, removed or renamed changes it. */
  seedsDirStamp: Stamp | null;
  /** Whether the full-text index for search is made (the first search makes it). */
  search: boolean;
}

/** How many of a base's errors the store keeps, for a query that refuses it to show. */
const FIRST_ERRORS = 3;

/** The first errors of a base's diagnostics (sorted, their paths shown from `cwd`), to keep. */
export function storedErrors(
  diags: readonly Diagnostic[],
  dataDir: string,
  cwd: string,
): StoredError[] {
  return diags
    .filter((d) => d.severity === 'error')
    .slice(0, FIRST_ERRORS)
    .map((d) => ({
      rel: path.relative(dataDir, path.resolve(cwd, d.file)),
      text: formatDiagnostic({ ...d, file: '' }),
      cwd,
    }));
}

/**
 * Bytes a base's store may hold when built: 5 times its data files and source texts, plus 1 KiB a
 * file and 256 KiB (the full-text index, made by the first search, about doubles it).
 */
export function storeLimit(files: ReadonlyArray<{ size: number }>, textBytes: number): number {
  return 5 * (files.reduce((n, f) => n + f.size, 0) + textBytes) + 1024 * files.length + 256 * 1024;
}

/** The cache root: --cache-dir, else MINERALS_CACHE_DIR, else $XDG_CACHE_HOME/minerals, else ~/.cache/minerals. */
export function cacheRoot(option: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  if (option) return path.resolve(cwd, option);
  if (env.MINERALS_CACHE_DIR) return path.resolve(cwd, env.MINERALS_CACHE_DIR);
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME))
    return path.join(env.XDG_CACHE_HOME, 'minerals');
  return path.join(os.homedir(), '.cache', 'minerals');
}

/** sha1 in hex; node:crypto loads only when a file must be hashed (it costs start-up time). */
const sha1 = (s: string | Buffer) =>
  process.getBuiltinModule('node:crypto').createHash('sha1').update(s).digest('hex');

/** FNV-1a, 64 bits in hex: names a base's store without loading node:crypto. */
function fnv64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(text, 'utf8'))
    h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

/**
 * A 53-bit hash of a string (cyrb53, public domain): the checksum of a stored row, computed on
 * every read, so it must be fast; it guards against damage, not against a forger (who would need
 * the user's own rights to the cache directory).
 */
export function rowHash(s: string): number {
  return cyrb53(s, 0xdeadbeef, 0x41c6ce57);
}

function cyrb53(s: string, seed1: number, seed2: number): number {
  let h1 = seed1;
  let h2 = seed2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The checksum of a list row's bytes (UTF-8 JSON), read a 32-bit word at a time: the rows of a
 * large answer are megabytes, checked on every read.
 */
function bytesHash(b: Uint8Array): number {
  const words = b.length >>> 2;
  const view = new DataView(b.buffer, b.byteOffset, b.length);
  let h1 = 0xdeadbeef ^ b.length;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < words; i++) {
    const w = view.getInt32(i * 4, true);
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
  }
  for (let i = words * 4; i < b.length; i++) {
    h1 = Math.imul(h1 ^ b[i]!, 2654435761);
    h2 = Math.imul(h2 ^ b[i]!, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Checksum of a search unit row (search-index.ts): rowHash of its text, seeded with its rowid, so
 * that a row moved to another rowid (another record's place) fails it too.
 */
export function unitHash(rowid: number, unit: string): number {
  return cyrb53(unit, 0xdeadbeef ^ (rowid % 2 ** 32), 0x41c6ce57 ^ Math.floor(rowid / 2 ** 32));
}

/**
 * A piece of a record's text as a search unit row holds it, in one column (each column a row has
 * costs a search that reads thousands): its record's kind and id, its field, source and line (none:
 * empty), how many words it has and the length of the record's name, each followed by U+001F (in
 * none of them; not a NUL, where SQLite's text functions stop), then the name and the text, which
 * may hold anything.
 */
export function unitText(r: FactRecord, u: SearchUnit, words: number): string {
  return `${r.kind}\u001f${r.id}\u001f${u.field}\u001f${u.source ?? ''}\u001f${u.line ?? ''}\u001f${words}\u001f${r.name.length}\u001f${r.name}${u.text}`;
}

const KIND_SET: ReadonlySet<string> = new Set(KINDS);
const FIELD_SET: ReadonlySet<string> = new Set(SEARCH_FIELDS);

/**
 * Where the parts of the unit row's text last given to unitParts end: kind, id, field, source,
 * line, word count, name length (each at a U+001F), and the name. Filled again for each row, so
 * that reading thousands makes no array for each.
 */
const ends = new Int32Array(8);
const [KIND, ID, FIELD, SOURCE, LINE, WORDS, NAME_LENGTH, NAME] = [0, 1, 2, 3, 4, 5, 6, 7] as const;

/** Find the parts of a unit row's text (unitText) in `ends`; false when it is not one unitText writes. */
function unitParts(unit: string): boolean {
  for (let i = 0, from = 0; i <= NAME_LENGTH; from = ends[i++]! + 1) {
    const end = unit.indexOf('\u001f', from);
    if (end < 0) return false;
    ends[i] = end;
  }
  const length = part(unit, NAME_LENGTH);
  const nameEnd = ends[NAME_LENGTH]! + 1 + Number(length);
  // the checksum vouches for the row: this only keeps one this program did not write from being
  // misread
  if (length === '' || !Number.isInteger(nameEnd) || nameEnd > unit.length) return false;
  ends[NAME] = nameEnd;
  return true;
}

/** Part i of the unit row's text unitParts read. */
const part = (unit: string, i: number) => unit.slice(i === 0 ? 0 : ends[i - 1]! + 1, ends[i]);

/** The piece of text of the unit row unitParts read; null when it is not one. */
function unitPiece(unit: string): SearchUnit | null {
  const field = part(unit, FIELD);
  const source = part(unit, SOURCE);
  const line = part(unit, LINE);
  const words = part(unit, WORDS);
  const lineNumber = line === '' ? null : Number(line);
  const count = Number(words);
  if (!FIELD_SET.has(field) || words === '' || !(Number.isInteger(count) && count >= 0))
    return null;
  if (lineNumber !== null && !(Number.isInteger(lineNumber) && lineNumber > 0)) return null;
  const piece: SearchUnit = {
    field: field as SearchField,
    text: unit.slice(ends[NAME]),
    words: count,
  };
  if (source !== '') piece.source = source;
  if (lineNumber !== null) piece.line = lineNumber;
  return piece;
}

/** The record of the unit row unitParts read (read of a record's first row only); null when it is not one. */
function unitRecord(unit: string): SearchDoc | null {
  const kind = part(unit, KIND);
  if (!KIND_SET.has(kind)) return null;
  const name = unit.slice(ends[NAME_LENGTH]! + 1, ends[NAME]);
  return { kind: kind as Kind, id: part(unit, ID), name, units: [] };
}

/** A search unit's rowid over this is its record's place in base order (search-index.ts unitRowid). */
export const UNIT_PLACE = 2 ** 24;

/** The database of one base (a data directory with its seeds directory, links followed or not) inside the cache root. */
export function storePath(
  root: string,
  dataDir: string,
  seedsDir: string,
  followLinks = false,
): string {
  // a base read with --follow-links holds files the same base without it refuses: its own store
  const key = `${realPath(dataDir) ?? dataDir}\0${realPath(seedsDir) ?? seedsDir}${followLinks ? '\0follow' : ''}`;
  return path.join(root, `${fnv64(key)}.sqlite`);
}

/** A data file's or source text's content hash; null when it is not a regular file that can be read. */
export const contentHash = (abs: string): string | null => {
  const read = readCapped(nodeFs, abs);
  return read.ok ? sha1(read.bytes) : null;
};

/** A file's stamp now, or null when it cannot be stat'ed. */
export function statStamp(abs: string): Stamp | null {
  try {
    const st = nodeFs.statSync(abs);
    return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
  } catch {
    return null;
  }
}

/** Does a file on disk still match its stamp? A stamp with a hash is checked by content too. */
export function sameStamp(s: Stamp, now: Stamp, abs: string): boolean {
  if (
    s.size !== now.size ||
    s.mtimeMs !== now.mtimeMs ||
    s.ctimeMs !== now.ctimeMs ||
    s.ino !== now.ino
  )
    return false;
  return s.hash === undefined || s.hash === null || contentHash(abs) === s.hash;
}

// ---------------------------------------------------------------------------------------------
// Opening

/** The store could not be read as written: rebuild it. `reason` says why, in a few words. */
export class StoreDamaged extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

let driver: typeof BetterSqlite3 | undefined;

/**
 * better-sqlite3, loaded on first use (only commands that read the base need it), with its
 * native binding named directly: the `bindings` package's search of the file system costs
 * start-up time.
 */
export function sqlite(): typeof BetterSqlite3 {
  if (!driver) {
    const req = process.getBuiltinModule('node:module').createRequire(import.meta.url);
    const Base = loadDriver();
    driver = Base;
    let binding: string | undefined;
    try {
      const dir = path.dirname(req.resolve('better-sqlite3/package.json'));
      binding = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
    } catch {
      binding = undefined; // the driver's own search (the bindings package) then
    }
    if (binding && nodeFs.existsSync(binding)) {
      const native = req(binding) as unknown;
      driver = function Database(file: string, opts: BetterSqlite3.Options = {}) {
        return new Base(file, { nativeBinding: native as string, ...opts });
      } as unknown as typeof BetterSqlite3;
    }
  }
  return driver;
}

/** The stamp of the database file after this program last wrote or checked it, in FILE.ok. */
const okPath = (file: string) => `${file}.ok`;

const stampText = (s: Stamp | null) =>
  s === null ? '' : `${s.size} ${s.mtimeMs} ${s.ctimeMs} ${s.ino}`;

/**
 * Say that the database as it is now was written by this program. The stamp is taken and kept
 * under a read lock (through `db`, a connection to it), so that another run cannot commit in
 * between and then be stamped over by this older stamp.
 */
function markChecked(file: string, db: Database): void {
  const tmp = `${okPath(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  try {
    db.transaction(() => {
      db.prepare('SELECT 1 FROM meta LIMIT 1').get(); // the read lock
      // wx: a new file, never one (or a link) already there
      nodeFs.writeFileSync(tmp, stampText(statStamp(file)), { flag: 'wx' });
      nodeFs.renameSync(tmp, okPath(file));
    })();
  } catch {
    // the next run finds the file not stamped, and rebuilds it
    removeFile(tmp);
  }
}

/**
 * The marker a writer of `file` keeps beside it from before it writes until it has stamped it:
 * FILE.writing.PID. A run that meets the file not stamped waits while a live writer's marker is
 * there, instead of taking another run's write, not yet stamped, for damage (two runs at once
 * under load: the gap between a commit and its stamp can outlast the short waits).
 */
const writingPrefix = (file: string) => `${path.basename(file)}.writing.`;

/**
 * Every write of a database `file`: `write` writes it and returns a connection to it with its
 * result (null: nothing written), and the file is then stamped through that connection; this
 * process's marker stands beside the file from before the write until the stamp. The result, or
 * null.
 */
export function writeStamped<T>(file: string, write: () => [Database, T] | null): T | null {
  const marker = path.join(path.dirname(file), `${writingPrefix(file)}${process.pid}`);
  try {
    // wx: a new file, never one (or a link) already there; a marker is a courtesy to other runs
    nodeFs.writeFileSync(marker, '', { flag: 'wx' });
  } catch {
    // the write goes on without it
  }
  try {
    const written = write();
    if (written === null) return null;
    markChecked(file, written[0]);
    return written[1];
  } finally {
    removeFile(marker);
  }
}

/** Is a process alive? (EPERM: it is, another user's.) */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** Whether another live process of this program is writing `file` (its marker is there). */
function writerAlive(file: string): boolean {
  let names: string[];
  try {
    names = nodeFs.readdirSync(path.dirname(file));
  } catch {
    return false;
  }
  const prefix = writingPrefix(file);
  return names.some((n) => {
    if (!n.startsWith(prefix)) return false;
    const pid = Number(n.slice(prefix.length));
    return Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid);
  });
}

/** What FILE.ok says, or '' (a stamp no file has) when it is missing or not a small regular file. */
function okStamp(file: string): string {
  const read = readCapped(nodeFs, okPath(file), 256);
  return read.ok ? read.bytes.toString('utf8') : '';
}

/** Remove a file of the cache, never a directory (nor what a link leads to); quietly. */
export function removeFile(file: string): void {
  try {
    if (!nodeFs.lstatSync(file).isDirectory()) nodeFs.unlinkSync(file);
  } catch {
    // gone already, or cannot be removed: nothing to do
  }
}

/**
 * The database file's stamp, or null when there is none; StoreDamaged when the name is not a
 * regular file (a link is never followed: the store must not be read or written elsewhere).
 */
function storeStamp(file: string): Stamp | null {
  let st: nodeFs.Stats;
  try {
    st = nodeFs.lstatSync(file);
  } catch {
    return null;
  }
  if (!st.isFile()) throw new StoreDamaged(`it is a ${describeType(st)}`);
  // a journal that is not a regular file would be played back from, or written to, elsewhere
  const journal = `${file}-journal`;
  try {
    if (!nodeFs.lstatSync(journal).isFile()) removeFile(journal);
  } catch {
    // no journal: the usual case
  }
  return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
}

export interface OpenedStore {
  db: Database;
  meta: BaseMeta;
  file: string;
}

/**
 * Open a base's database, or null when there is none. Throws StoreDamaged when it is not one this
 * program wrote as it is now or can read: not a regular file, it will not open, another schema
 * version, changed since this program last wrote it (FILE.ok holds the stamp), no meta row.
 */
export function openStore(file: string): OpenedStore | null {
  // another run of this program may have just written the file and not yet said so (it stamps
  // FILE.ok right after): looked at again a few times before it counts as changed by another,
  // and for as long as a live writer's marker says it is still writing (up to WRITER_PATIENCE)
  let waited = 0;
  for (let i = 0; ; i++) {
    try {
      return openOnce(file);
    } catch (e) {
      if (!(e instanceof Unmarked)) throw e;
      const wait =
        UNMARKED_WAITS[i] ?? (waited < WRITER_PATIENCE && writerAlive(file) ? WRITER_POLL : 0);
      if (wait === 0) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
      waited += wait;
    }
  }
}

/** Milliseconds to wait before looking again at a file not stamped as written. */
const UNMARKED_WAITS = [10, 20, 40, 80];
/** Then, while a live writer's marker is there: how often to look, and for how long in all. */
const WRITER_POLL = 50;
const WRITER_PATIENCE = 5000;

/** The file is not as this program last wrote it (FILE.ok holds another stamp). */
class Unmarked extends StoreDamaged {
  constructor() {
    super('changed since this program last wrote it');
  }
}

function openOnce(file: string): OpenedStore | null {
  const st = storeStamp(file);
  if (st === null) return null;
  let db: Database | undefined;
  try {
    if (!isDatabaseFile(file)) throw new StoreDamaged('not an SQLite database');
    db = new (sqlite())(file, { fileMustExist: true, timeout: 5000 });
    const version = db.pragma('user_version', { simple: true });
    if (version !== STORE_FORMAT) throw new StoreDamaged(`schema version ${String(version)}`);
    // a file changed since this program last wrote it: by another program, a crash mid-write, a
    // copy or a restore. Not every table carries checksums (the indexes, the references, the
    // quotes' places), and checking them all would cost as much as a build: it is rebuilt.
    if (okStamp(file) !== stampText(st)) throw new Unmarked();
    const row = db.prepare("SELECT value FROM meta WHERE key = 'base'").get() as
      | { value: string }
      | undefined;
    if (!row) throw new StoreDamaged('no meta row');
    return { db, meta: parseMeta(row.value), file };
  } catch (e) {
    db?.close();
    if (e instanceof StoreDamaged) throw e;
    throw new StoreDamaged(reasonOf(e));
  }
}

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Does the file start as an SQLite database does? (SQLite itself takes junk for an empty one.) */
function isDatabaseFile(file: string): boolean {
  const head = Buffer.alloc(MAGIC.length);
  const fd = nodeFs.openSync(file, 'r');
  try {
    return nodeFs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(MAGIC);
  } finally {
    nodeFs.closeSync(fd);
  }
}

/** A few words on what went wrong reading a database. */
export function reasonOf(e: unknown): string {
  if (e instanceof StoreDamaged) return e.reason;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
}

function parseMeta(text: string): BaseMeta {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    throw new StoreDamaged('meta row is not JSON');
  }
  const o = m as Partial<BaseMeta> | null;
  if (
    typeof o !== 'object' ||
    o === null ||
    typeof o.version !== 'string' ||
    typeof o.dataDir !== 'string' ||
    typeof o.seedsDir !== 'string' ||
    typeof o.builtAt !== 'number' ||
    !Array.isArray(o.walk) ||
    !o.walk.every((w) => typeof w === 'string') ||
    typeof o.errors !== 'number' ||
    typeof o.warnings !== 'number' ||
    typeof o.records !== 'boolean' ||
    typeof o.duplicates !== 'boolean' ||
    typeof o.unreadable !== 'boolean' ||
    typeof o.search !== 'boolean' ||
    !Array.isArray(o.firstErrors) ||
    !o.firstErrors.every(
      (e) =>
        typeof e === 'object' &&
        e !== null &&
        typeof e.rel === 'string' &&
        typeof e.text === 'string' &&
        (e.cwd === undefined || typeof e.cwd === 'string'),
    )
  )
    throw new StoreDamaged('meta row is not as written');
  return o as BaseMeta;
}

/** A record row's JSON, when it matches its checksum (else the store is damaged). */
export function checkedRow(json: unknown, hash: unknown): string {
  if (typeof json !== 'string' || rowHash(json) !== hash)
    throw new StoreDamaged('a record row does not match its checksum');
  return json;
}

// ---------------------------------------------------------------------------------------------
// Freshness

/** A data file as the store knows it. */
export interface StoredFile extends Stamp {
  path: string;
  clean: boolean;
  single: boolean;
  /** Its records' place in base order: records.ord from firstRecord, `records` of them. */
  firstRecord: number;
  records: number;
  errors: number;
  warnings: number;
}

export function storedFiles(db: Database): StoredFile[] {
  return (
    db
      .prepare(
        'SELECT path, size, mtime_ms, ctime_ms, ino, hash, clean, single, first_record, records, errors, warnings FROM files ORDER BY ord',
      )
      .raw()
      .all() as unknown[][]
  ).map((r) => ({
    path: r[0] as string,
    size: r[1] as number,
    mtimeMs: r[2] as number,
    ctimeMs: r[3] as number,
    ino: r[4] as number,
    hash: r[5] as string | null,
    clean: r[6] === 1,
    single: r[7] === 1,
    firstRecord: r[8] as number,
    records: r[9] as number,
    errors: r[10] as number,
    warnings: r[11] as number,
  }));
}

/** The data files now, or null when the data directory cannot be walked (the load then says why). */
export function listNow(dataDir: string, followLinks = false): Listing | null {
  try {
    return walk(nodeFs, dataDir, followLinks);
  } catch {
    return null;
  }
}

/** The same data files (by path, in order) and the same walk problems as when the store was built. */
export function sameFiles(meta: BaseMeta, files: readonly StoredFile[], listing: Listing): boolean {
  if (listing.files.length !== files.length) return false;
  if (!files.every((f, i) => f.path === listing.files[i]!.rel)) return false;
  const problems = listing.problems.map((p) => `${p.rel} ${p.code}`);
  return problems.length === meta.walk.length && problems.every((p, i) => p === meta.walk[i]);
}

/** Indexes of the data files whose stamps changed (the same files in the same order assumed). */
export function changedFiles(files: readonly StoredFile[], listing: Listing): number[] {
  const out: number[] = [];
  files.forEach((f, i) => {
    const e = listing.files[i]!;
    if (!sameStamp(f, e, e.abs)) out.push(i);
  });
  return out;
}

/** The seeds directory itself, and (`texts`) every stored source text, as they were when built. */
export function seedsUnchanged(db: Database, meta: BaseMeta, texts: boolean): boolean {
  const dir = statStamp(meta.seedsDir);
  const was = meta.seedsDirStamp;
  if ((dir === null) !== (was === null)) return false;
  if (dir && was && (dir.mtimeMs !== was.mtimeMs || dir.ino !== was.ino)) return false;
  if (!texts) return true;
  for (const s of db
    .prepare('SELECT file, size, mtime_ms, ctime_ms, ino, hash FROM sources')
    .raw()
    .iterate() as Iterable<unknown[]>)
    if (!textUnchanged(meta.seedsDir, s)) return false;
  return true;
}

/**
 * Whether a source text is as its row in `sources` stamps it (file, size, mtime, ctime, inode,
 * hash; a null size: it was missing, and still is).
 */
function textUnchanged(seedsDir: string, row: readonly unknown[]): boolean {
  const [file, size, mtimeMs, ctimeMs, ino, hash] = row;
  // the store's own copy of a name the schema allowed: no path is made of anything else
  if (typeof file !== 'string' || !SEED_FILE_NAME.test(file))
    throw new StoreDamaged('a source text name not as written');
  const abs = path.join(seedsDir, file);
  const now = statStamp(abs);
  if (size === null) return now === null;
  return now !== null && sameStamp({ size, mtimeMs, ctimeMs, ino, hash } as Stamp, now, abs);
}

/**
 * The stored texts of these sources, when each is still as it was when stored (one stat each):
 * what an edit's quotes are checked against. Null when one changed, or was not there then (the
 * full load decides).
 */
export function storedTexts(
  db: Database,
  seedsDir: string,
  ids: Iterable<string>,
): Map<string, { file: string; text: string }> | null {
  const out = new Map<string, { file: string; text: string }>();
  for (const s of db
    .prepare(
      'SELECT file, size, mtime_ms, ctime_ms, ino, hash, id, text FROM sources WHERE id IN (SELECT value FROM json_each(?))',
    )
    .raw()
    .iterate(JSON.stringify([...ids])) as Iterable<unknown[]>) {
    const [file, size, , , , , id, text] = s;
    if (size === null || typeof text !== 'string' || !textUnchanged(seedsDir, s)) return null;
    out.set(id as string, { file: file as string, text });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The records of a stored base, read by prepared statements, each row checked against its hash. */
export class SqliteStore implements RecordStore {
  private idMap: Map<string, Kind> | undefined;
  private readonly kinds = new Map<string, Kind | null>();
  /** Records read ahead by id, and the referrers of ids read ahead. */
  private readonly ahead = new Map<string, FactRecord>();
  private readonly referrersAhead = new Map<string, readonly Referrer[]>();
  private readonly refs = new Map<Kind, ReadonlyMap<string, readonly Referrer[]>>();
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly db: Database) {}

  private st(sql: string): BetterSqlite3.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Run a read; any error of the database is damage. */
  private read<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof StoreDamaged) throw e;
      throw new StoreDamaged(reasonOf(e));
    }
  }

  private parse(rows: Iterable<unknown[]>): FactRecord[] {
    const out: FactRecord[] = [];
    for (const [json, hash] of rows) out.push(JSON.parse(checkedRow(json, hash)) as FactRecord);
    return out;
  }

  ids(): ReadonlyMap<string, Kind> {
    this.idMap ??= this.read(
      () =>
        new Map(
          this.st('SELECT id, kind FROM records ORDER BY ord').raw().all() as Array<[string, Kind]>,
        ),
    );
    return this.idMap;
  }

  kindOf(id: string): Kind | undefined {
    if (this.idMap) return this.idMap.get(id);
    let k = this.kinds.get(id);
    if (k === undefined) {
      const row = this.read(() => this.st('SELECT kind FROM records WHERE id = ?').raw().get(id)) as
        | [Kind]
        | undefined;
      k = row ? row[0] : null;
      this.kinds.set(id, k);
    }
    return k ?? undefined;
  }

  /** Learn the kinds of these ids in one query, for kindOf to answer each without one. */
  learnKinds(ids: Iterable<string>): void {
    const wanted = [...ids].filter((id) => !this.kinds.has(id));
    if (wanted.length === 0 || this.idMap) return;
    this.read(() => {
      for (const id of wanted) this.kinds.set(id, null);
      for (const [id, kind] of this.st(
        'SELECT id, kind FROM records WHERE id IN (SELECT value FROM json_each(?))',
      )
        .raw()
        .iterate(JSON.stringify(wanted)) as Iterable<[string, Kind]>)
        this.kinds.set(id, kind);
    });
  }

  records(kind: Kind): readonly FactRecord[] {
    return this.read(() =>
      this.parse(
        this.st('SELECT json, hash FROM records WHERE kind = ? ORDER BY ord')
          .raw()
          .iterate(kind) as Iterable<unknown[]>,
      ),
    );
  }

  record(id: string): FactRecord | undefined {
    const ahead = this.ahead.get(id);
    if (ahead) return ahead;
    return this.read(
      () =>
        this.parse(
          this.st('SELECT json, hash FROM records WHERE id = ?').raw().all(id) as unknown[][],
        )[0],
    );
  }

  prefetch(records: readonly FactRecord[]): void {
    const own = new Set(records.map((r) => r.id));
    const wanted = new Set<string>();
    for (const r of records)
      for (const site of refsOf(r))
        if (!own.has(site.id) && !this.kinds.has(site.id)) wanted.add(site.id);
    this.read(() => {
      const list = JSON.stringify([...wanted]);
      for (const id of wanted) this.kinds.set(id, null);
      const rows = this.st(
        'SELECT id, kind, json, hash FROM records WHERE id IN (SELECT value FROM json_each(?))',
      )
        .raw()
        .all(list) as unknown[][];
      for (const [id, kind, json, hash] of rows) {
        this.kinds.set(id as string, kind as Kind);
        const [r] = this.parse([[json, hash]]);
        this.ahead.set(id as string, r!);
      }
      for (const r of records) this.kinds.set(r.id, r.kind);
      const ids = records.map((r) => r.id).filter((id) => !this.referrersAhead.has(id));
      const refs = group(
        this.st(
          'SELECT target, record, record_kind, field FROM refs WHERE target IN (SELECT value FROM json_each(?)) ORDER BY ord, n',
        )
          .raw()
          .iterate(JSON.stringify(ids)) as Iterable<[string, string, Kind, string]>,
      );
      for (const id of ids) this.referrersAhead.set(id, refs.get(id) ?? []);
    });
  }

  narrow(n: Narrowing): FactRecord[] {
    const where: string[] = [];
    const args: string[] = [];
    const list = (values: Iterable<string>) => {
      const v = [...values];
      args.push(JSON.stringify(v));
      return '(SELECT value FROM json_each(?))';
    };
    if (n.ids) where.push(`id IN ${list(n.ids)}`);
    if (n.kinds) where.push(`kind IN ${list(n.kinds)}`);
    if (n.commodities) {
      const c = list(n.commodities);
      where.push(
        `(ord IN (SELECT ord FROM record_commodities WHERE commodity IN ${c}) OR id IN ${list(n.commodities)})`,
      );
    }
    if (n.properties)
      where.push(`ord IN (SELECT ord FROM claims WHERE property IN ${list(n.properties)})`);
    if (n.sources)
      where.push(`ord IN (SELECT ord FROM citations WHERE source IN ${list(n.sources)})`);
    if (n.saidBy)
      where.push(`ord IN (SELECT ord FROM citations WHERE said_by IN ${list(n.saidBy)})`);
    if (n.mentions)
      where.push(
        `(id IN ${list(n.mentions)} OR ord IN (SELECT ord FROM refs WHERE target IN ${list(n.mentions)}) OR ord IN (SELECT ord FROM record_commodities WHERE commodity IN ${list(n.mentions)}))`,
      );
    const sql = `SELECT json, hash FROM records${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ord`;
    return this.read(() =>
      this.parse(
        this.st(sql)
          .raw()
          .iterate(...args) as Iterable<unknown[]>,
      ),
    );
  }

  claimsCiting(source: string): number {
    return this.read(
      () =>
        (
          this.st(
            'SELECT count(*) AS n FROM (SELECT DISTINCT ord, claim FROM citations WHERE source = ? AND claim IS NOT NULL)',
          ).get(source) as { n: number }
        ).n,
    );
  }

  named(folded: string): FactRecord[] {
    return this.read(() =>
      this.parse(
        this.st(
          'SELECT json, hash FROM records WHERE ord IN (SELECT ord FROM record_names WHERE name = ?) ORDER BY ord',
        )
          .raw()
          .iterate(folded) as Iterable<unknown[]>,
      ),
    );
  }

  /** Every record, in base order. */
  all(): FactRecord[] {
    return this.read(() =>
      this.parse(
        this.st('SELECT json, hash FROM records ORDER BY ord').raw().iterate() as Iterable<
          unknown[]
        >,
      ),
    );
  }

  /** The records of base order positions first .. first + count - 1 (one data file's). */
  range(first: number, count: number): FactRecord[] {
    return this.read(() =>
      this.parse(
        this.st('SELECT json, hash FROM records WHERE ord BETWEEN ? AND ? ORDER BY ord')
          .raw()
          .iterate(first, first + count - 1) as Iterable<unknown[]>,
      ),
    );
  }

  /**
   * The id, kind and stored JSON of the records at places first .. first + count - 1, in order;
   * the JSON null when its checksum fails (a row to write anew).
   */
  recordsIn(first: number, count: number): Array<[string, Kind, string | null]> {
    const rows = this.read(
      () =>
        this.st('SELECT id, kind, json, hash FROM records WHERE ord BETWEEN ? AND ? ORDER BY ord')
          .raw()
          .all(first, first + count - 1) as Array<[string, Kind, unknown, unknown]>,
    );
    return rows.map(([id, kind, json, hash]) => [
      id,
      kind,
      typeof json === 'string' && rowHash(json) === hash ? json : null,
    ]);
  }

  recordsNaming(kind: Kind, commodities: ReadonlySet<string>): readonly FactRecord[] {
    const list = [...commodities];
    if (list.length === 0) return [];
    return this.read(() =>
      this.parse(
        this.db
          .prepare(
            `SELECT json, hash FROM records WHERE ord IN (SELECT ord FROM record_commodities WHERE kind = ? AND commodity IN (${list.map(() => '?').join(',')})) ORDER BY ord`,
          )
          .raw()
          .iterate(kind, ...list) as Iterable<unknown[]>,
      ),
    );
  }

  referrers(kind: Kind): ReadonlyMap<string, readonly Referrer[]> {
    let m = this.refs.get(kind);
    if (!m) {
      m = this.read(() =>
        group(
          this.st(
            'SELECT target, record, record_kind, field FROM refs WHERE target_kind = ? ORDER BY ord, n',
          )
            .raw()
            .iterate(kind) as Iterable<[string, string, Kind, string]>,
        ),
      );
      this.refs.set(kind, m);
    }
    return m;
  }

  referrersOf(id: string): readonly Referrer[] {
    const ahead = this.referrersAhead.get(id);
    if (ahead) return ahead;
    return this.read(
      () =>
        group(
          this.st(
            'SELECT target, record, record_kind, field FROM refs WHERE target = ? ORDER BY ord, n',
          )
            .raw()
            .iterate(id) as Iterable<[string, string, Kind, string]>,
        ).get(id) ?? [],
    );
  }

  /** Whether the store has its list_rows table yet (made by the first list that keeps a row). */
  private rowsKept: boolean | undefined;
  /** The database's data_version when this run first read list rows: rows made from what it read are kept only if no one has written since. */
  private readVersion: number | undefined;

  listRows(kind: Kind, commodities: ReadonlySet<string> | undefined): KeptRow[] {
    return this.read(() => {
      this.readVersion ??= this.db.pragma('data_version', { simple: true }) as number;
      this.rowsKept ??= keepsListRows(this.db);
      // the places in base order from an index alone (the records' rows are large: not read)
      const ords = commodities
        ? 'SELECT DISTINCT ord FROM record_commodities WHERE kind = ? AND commodity IN (SELECT value FROM json_each(?))'
        : 'SELECT ord FROM records WHERE kind = ?';
      const args = commodities ? [kind, JSON.stringify([...commodities])] : [kind];
      const sql = this.rowsKept
        ? `SELECT o.ord, l.json, l.hash FROM (${ords}) o LEFT JOIN list_rows l ON l.ord = o.ord ORDER BY o.ord`
        : `SELECT ord, NULL, NULL FROM (${ords}) ORDER BY ord`;
      const out: Array<KeptRow | undefined> = [];
      /** Where each row not kept yet goes, by its record's place. */
      const missing = new Map<number, number>();
      for (const [ord, json, hash] of this.st(sql)
        .raw()
        .iterate(...args) as Iterable<[number, unknown, unknown]>) {
        if (json === null) {
          missing.set(ord, out.length);
          out.push(undefined);
        } else if (!(json instanceof Uint8Array) || bytesHash(json) !== hash)
          throw new StoreDamaged('a list row does not match its checksum');
        else out.push({ ord, json });
      }
      if (missing.size > 0)
        for (const [ord, json, hash] of this.st(
          'SELECT ord, json, hash FROM records WHERE ord IN (SELECT value FROM json_each(?))',
        )
          .raw()
          .iterate(JSON.stringify([...missing.keys()])) as Iterable<[number, unknown, unknown]>)
          out[missing.get(ord)!] = {
            ord,
            record: JSON.parse(checkedRow(json, hash)) as FactRecord,
          };
      // a place the index names that has no record: the index and the records disagree
      if (out.includes(undefined))
        throw new StoreDamaged('an index names a record that is not there');
      return out as KeptRow[];
    });
  }

  keepRows(rows: ReadonlyArray<{ ord: number; json: Uint8Array }>): void {
    try {
      const put = this.db.transaction(() => {
        // another run wrote since these rows were made from what this one read: they may be stale
        if (this.db.pragma('data_version', { simple: true }) !== this.readVersion) return false;
        this.db.exec(LIST_ROWS);
        const insert = this.db.prepare(
          'INSERT OR REPLACE INTO list_rows(ord, json, hash) VALUES (?, ?, ?)',
        );
        for (const { ord, json } of rows) insert.run(ord, json, bytesHash(json));
        return true;
      });
      writeStamped(this.db.name, () => (put.immediate() ? [this.db, true] : null));
    } catch {
      // busy, read-only or full: the next run makes them again
    }
  }

  /**
   * What a search for `words` (each term's folded words, which stand next to each other, the last
   * one possibly the start of a word) reads, by the full-text index: the records in which every
   * term may occur, each with the pieces of its text in which some term may occur, in base order.
   * At least what the search proper finds: a piece with no term in it is never a record's best.
   */
  searchDocs(words: ReadonlyArray<readonly string[]>): SearchDoc[] {
    return this.read(() => {
      const rows = this.st(matchingUnits(words.length))
        .raw()
        .iterate(...words.map((w) => `"${w.join(' ')}" *`)) as Iterable<unknown[]>;
      const docs: SearchDoc[] = [];
      let last: number | undefined;
      const notOne = () => new StoreDamaged('a search row is not one');
      for (const [rowid, unit, hash] of rows) {
        if (typeof rowid !== 'number' || typeof unit !== 'string' || unitHash(rowid, unit) !== hash)
          throw new StoreDamaged('a search row does not match its checksum');
        const piece = unitParts(unit) ? unitPiece(unit) : null;
        if (!piece) throw notOne();
        // the rows of a record come together: its kind, id and name are read from the first
        const ord = Math.floor(rowid / UNIT_PLACE);
        if (ord !== last) {
          const doc = unitRecord(unit);
          if (!doc) throw notOne();
          docs.push(doc);
        }
        last = ord;
        docs[docs.length - 1]!.units.push(piece);
      }
      return docs;
    });
  }

  /** The stored text of every source record whose text could be read, by id. */
  texts(): Map<string, { file: string; text: string }> {
    const rows = this.read(
      () =>
        this.st('SELECT id, file, text FROM sources WHERE text IS NOT NULL ORDER BY id')
          .raw()
          .all() as Array<[string, string, string]>,
    );
    return new Map(rows.map(([id, file, text]) => [id, { file, text }]));
  }
}

/**
 * The units in which one of `terms` full-text queries matches, of the records in which every one
 * does (a unit's rowid names its record), in rowid order: all in SQLite, one query.
 */
function matchingUnits(terms: number): string {
  const each = Array.from({ length: terms }, (_, i) => i);
  const record = `rowid / ${UNIT_PLACE}`;
  const columns = 'rowid, unit, hash';
  // one term: each unit it matches, looked up in the full-text index's order (which is rowid order)
  if (terms === 1)
    return `SELECT u.rowid, u.unit, u.hash FROM search CROSS JOIN search_units AS u ON u.rowid = search.rowid
      WHERE search MATCH ? ORDER BY search.rowid`;
  return `WITH ${each.map((i) => `t${i} AS MATERIALIZED (SELECT rowid FROM search WHERE search MATCH ?)`).join(', ')},
    every AS (${each.map((i) => `SELECT ${record} FROM t${i}`).join(' INTERSECT ')})
    SELECT ${columns} FROM search_units
    WHERE rowid IN (${each.map((i) => `SELECT rowid FROM t${i}`).join(' UNION ')})
      AND ${record} IN every ORDER BY rowid`;
}

function group(rows: Iterable<[string, string, Kind, string]>): Map<string, Referrer[]> {
  const out = new Map<string, Referrer[]>();
  for (const [target, id, kind, field] of rows) {
    const list = out.get(target);
    const ref = { id, kind, field };
    if (list) list.push(ref);
    else out.set(target, [ref]);
  }
  return out;
}
