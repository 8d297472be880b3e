// The one way to open a fact base: read -> parse -> schema -> check -> index -> store. Commands
// say what they need and get it, from the store (pipeline/store.ts, SQLite) when it still matches
// the files (no yaml, no zod, only the rows a query reads), else by loading the files (the parse
// stack) and writing the store for the next run. `index`: the records, for queries. `texts`:
// every record and the source texts too (stats, coverage); `openSearch`: the records the
// full-text index says may match. `check`: the whole base with every diagnostic, located
// (validate). Freshness is one stat a data file; only commands that read the source texts check
// theirs (the seeds directory itself is always checked: a text added, removed or renamed).
//
// A query (`index`, `texts`) is refused when the base has errors, unless allowInvalid (then the
// records with errors are left out): a UserError that shows the first errors, exit 1 as validate
// (2 when a data file could not be read). A fresh store says so from its meta row, without reading
// a data file. A data directory with no data files is a usage error (exit 2).
import path from 'node:path';
import { type Diagnostic, exitCodeFor } from '../diagnostics.js';
import { EXIT, UserError } from '../errors.js';
import type { Base, Listing, SourceText } from '../load/base.js';
import { FactIndex, MemoryStore, type RecordStore } from '../query/facts.js';
import { foldName, namesOf } from '../query/resolve.js';
import { countCiting } from '../query/pages.js';
import { type SearchDoc, searchDocs } from '../query/search.js';
import { buildSearchIndex, currentSearchIndex } from './search-index.js';
import { cacheDirProblem } from './cache-dir.js';
import type { FactRecord } from '../schema/index.js';
import { displayPath } from '../util/display.js';
import { sanitize } from '../util/sanitize.js';
import type { Loaded, Prior, RebuildOptions } from './build.js';
import { parseStack } from './stack.js';
import {
  type BaseMeta,
  changedFiles,
  listNow,
  writeStamped,
  type OpenedStore,
  openStore,
  reasonOf,
  sameFiles,
  seedsUnchanged,
  SqliteStore,
  StoreDamaged,
  type StoredError,
  storedErrors,
  storedFiles,
  storePath,
} from './store.js';

export interface OpenOptions {
  dataDir: string;
  seedsDir: string;
  cwd: string;
  /** The cache root, or null for --no-cache. */
  cacheRoot: string | null;
  version: string;
  /** Progress lines for a terminal while files are read (null clears the line). */
  progress?: ((line: string | null) => void) | undefined;
  /** One-line notices on stderr: a damaged store rebuilt. */
  notice?: ((line: string) => void) | undefined;
  /** --allow-invalid: answer a query on a base with errors (else it is refused). */
  allowInvalid?: boolean;
  /** --follow-links: follow symbolic links out of the data and seeds directories. */
  followLinks?: boolean;
}

export type Need = 'index' | 'texts' | 'check';

interface Opened {
  index: FactIndex;
  /** Errors and warnings in the base (validate would report them). */
  errors: number;
  warnings: number;
  /** Answered from a store that matched the files as it was (not rebuilt or patched). */
  fromCache: boolean;
  /** The store it answered from (fresh or patched), for `export` to copy; unset when loaded. */
  storeFile?: string;
}

export interface OpenedTexts extends Opened {
  /** Every record in base order, duplicates included. */
  records: readonly FactRecord[];
  /** The stored text of every source record whose text could be read, by source id. */
  texts: ReadonlyMap<string, SourceText>;
  /** How many data files were read. */
  files: number;
}

interface Checked extends OpenedTexts {
  base: Base;
  /** Every diagnostic, sorted. */
  diagnostics: Diagnostic[];
}

interface Needs {
  index: Opened;
  texts: OpenedTexts;
  check: Checked;
}

/** Open the base for what a command needs. */
export async function openBase<N extends Need>(opts: OpenOptions, need: N): Promise<Needs[N]> {
  return open(opts, need) as Needs[N];
}

/** What `search` reads: the records that may match, each with the pieces of text it may match in. */
export interface SearchBase {
  docs: SearchDoc[];
  errors: number;
}

/**
 * What a search for `words` (each term's folded words) reads: from the store's full-text index
 * when it is fresh and the words are ones it indexes (letters and digits), else every piece of
 * text of every record.
 */
export async function openSearch(
  opts: OpenOptions,
  words: ReadonlyArray<readonly string[]>,
): Promise<SearchBase> {
  const indexed = words.every((w) => w.every((x) => /^[\p{L}\p{N}]+$/u.test(x)));
  const opened = open(opts, 'texts', indexed ? words : undefined) as OpenedTexts & {
    matching?: SearchDoc[];
  };
  return {
    docs: opened.matching ?? searchDocs(opened.records, opened.texts),
    errors: opened.errors,
  };
}

/** A base's store, opened and checked against the files; or why it cannot answer. */
interface Found {
  /** The store matches the files (and, for `texts`, the source texts). */
  fresh: boolean;
  prior: Prior | null;
}

/** The data and seeds directories, absolute, and how a rebuild writing to `storeFile` reads them. */
function rebuildOptions(
  opts: OpenOptions,
  storeFile: (dataDir: string, seedsDir: string) => string | null,
): RebuildOptions {
  const dataDir = path.resolve(opts.cwd, opts.dataDir);
  const seedsDir = path.resolve(opts.cwd, opts.seedsDir);
  return {
    dataDir,
    seedsDir,
    cwd: opts.cwd,
    storeFile: storeFile(dataDir, seedsDir),
    followLinks: opts.followLinks === true,
    version: opts.version,
    progress: opts.progress,
  };
}

/** A store this program version wrote for this very base (else it is rebuilt from the files). */
const ours = (meta: BaseMeta, o: RebuildOptions) =>
  meta.version === o.version && meta.dataDir === o.dataDir && meta.seedsDir === o.seedsDir;

/** What open reads: a command's need, or (export) the store itself, fresh with its texts. */
type Reading = Need | 'store';

/**
 * The cache root a run may use: none with --no-cache, nor one that must not be used (another user
 * can write it, it is on a filesystem of pseudo-files, it cannot be made): a notice says why, and
 * the run answers from the files.
 */
function usableRoot(opts: OpenOptions): string | null {
  if (opts.cacheRoot === null) return null;
  const problem = cacheDirProblem(opts.cacheRoot);
  if (problem === null) return opts.cacheRoot;
  opts.notice?.(
    `minerals: not using the cache directory ${sanitize(displayPath(opts.cacheRoot, opts.cwd))}: ${sanitize(problem)}; reading the files instead`,
  );
  return null;
}

function open(opts: OpenOptions, need: Reading, words?: ReadonlyArray<readonly string[]>): Opened {
  const root = usableRoot(opts);
  return openIn({ ...opts, cacheRoot: root }, need, words);
}

/** open, with a cache root that may be used (or none). */
function openIn(
  opts: OpenOptions,
  need: Reading,
  words?: ReadonlyArray<readonly string[]>,
): Opened {
  const options = rebuildOptions(opts, (d, s) =>
    opts.cacheRoot === null ? null : storePath(opts.cacheRoot, d, s, opts.followLinks),
  );
  const { dataDir, storeFile: file } = options;
  const notice = (e: unknown) =>
    opts.notice?.(
      `minerals: the cache ${sanitize(displayPath(file ?? '', opts.cwd))} was damaged (${sanitize(reasonOf(e))}); rebuilding it`,
    );
  /** Load the files, reusing the stored records of unchanged clean files. */
  const loadAll = (prior: Prior | null = null): Checked => {
    const l = parseStack().rebuild(options, prior);
    const records = l.base.records.map((r) => r.record);
    return { ...l, records, texts: l.base.texts, files: l.base.files.length, fromCache: false };
  };
  const query = (l: Checked): Checked => queried(l, dataDir, opts);
  if (file === null) return need === 'check' ? loadAll() : query(loadAll());

  /** Answer from the store; damage found while reading falls back to the files. */
  const fromStore = (s: OpenedStore, meta: BaseMeta, fromCache: boolean) =>
    answer(s, meta, need, fromCache, () => loadAll(null).records, notice, words);
  let store: OpenedStore | null = null;
  try {
    store = openStore(file);
  } catch (e) {
    notice(e);
  }
  // another program version's or another base's store: rebuilt from the files
  if (store && !ours(store.meta, options)) {
    store.db.close();
    store = null;
  }
  if (need === 'check') return loadAll(priorOf(store));

  const listing = listNow(dataDir, options.followLinks);
  if (listing && listing.files.length === 0 && listing.problems.length === 0)
    throw noFactFiles(dataDir, opts.cwd);
  let found: Found = { fresh: false, prior: null };
  try {
    found = look(store, listing, need);
  } catch (e) {
    notice(e);
    store?.db.close();
    store = null;
  }
  if (store && found.fresh) {
    const { meta } = store;
    // the store of a base with errors says so: refused without reading a data file (when its
    // errors were worded from this working directory: else the load below words them again)
    if (meta.errors > 0 && !opts.allowInvalid && meta.firstErrors.every((e) => e.cwd === opts.cwd))
      throw refusal(dataDir, opts.cwd, meta.errors, meta.firstErrors, meta.unreadable);
    // only a base without errors has its records stored (with --allow-invalid: the files)
    if (meta.records) {
      try {
        return fromStore(store, meta, true);
      } catch (e) {
        if (!(e instanceof StoreDamaged)) throw e;
        notice(e);
        return query(loadAll(null));
      }
    }
  } else if (store && listing && (need === 'index' || need === 'store')) {
    // a few files edited: check those again and patch the store
    let patched: BaseMeta | null = null;
    try {
      patched = parseStack().refresh(file, options, found.prior!, listing);
    } catch {
      patched = null; // anything unexpected: the full load below
    }
    if (patched) return fromStore(store, patched, false);
  }
  // a base without errors is written to the store a file at a time and answered from there; one
  // with errors is loaded whole, to report them
  if (parseStack().buildStore(options, found.prior)) {
    store?.db.close();
    const built = reopen(file, options);
    if (built) return fromStore(built, built.meta, false);
  }
  return query(loadAll(found.prior));
}

/** The store just built, opened to answer; null if it cannot be (the files answer then). */
function reopen(file: string, options: RebuildOptions): OpenedStore | null {
  try {
    const s = openStore(file);
    if (s && ours(s.meta, options) && s.meta.records) return s;
    s?.db.close();
  } catch {
    // gone or replaced in between: loaded from the files below
  }
  return null;
}

/** A query on the base as loaded: none without data files, none on errors unless allowed. */
function queried<L extends Loaded>(l: L, dataDir: string, opts: OpenOptions): L {
  // no file read and no problem with the walk: nothing named like a data file is there
  if (l.base.files.length === 0 && l.errors === 0) throw noFactFiles(dataDir, opts.cwd);
  if (l.errors > 0 && !opts.allowInvalid)
    throw refusal(
      dataDir,
      opts.cwd,
      l.errors,
      storedErrors(l.diagnostics, dataDir, opts.cwd),
      exitCodeFor(l.diagnostics, false) === EXIT.usage,
    );
  return l;
}

/** A store of the base with its records, for `minerals export` to copy. */
export interface StoreFile {
  file: string;
  /** Errors in the base (with --allow-invalid; else it was refused). */
  errors: number;
  /** Remove it when it was made for the export (not the cache's). */
  dispose: () => void;
}

/**
 * The store of the base with its records, fresh, refused as a query is: the cache's, brought up
 * to date; or (with --no-cache, or when the cache holds no records: a base with errors and
 * --allow-invalid, a store over its limit, a cache that cannot be written) one built from the
 * files into a temporary directory, which `dispose` removes.
 */
export async function openStoreFile(given: OpenOptions): Promise<StoreFile> {
  const cacheRoot = usableRoot(given);
  const opts = { ...given, cacheRoot };
  if (cacheRoot !== null) {
    const opened = openIn(opts, 'store');
    if (opened.storeFile)
      return { file: opened.storeFile, errors: opened.errors, dispose: () => {} };
    // loaded from the files, which wrote the store again unless it could not keep one
    const cached = rebuildOptions(opts, (d, s) => storePath(cacheRoot, d, s, opts.followLinks));
    const file = cached.storeFile!;
    let store: OpenedStore | null = null;
    try {
      store = openStore(file);
    } catch {
      store = null; // damaged since: built apart below
    }
    store?.db.close();
    if (store?.meta.records && ours(store.meta, cached))
      return { file, errors: opened.errors, dispose: () => {} };
  }
  const fs = process.getBuiltinModule('node:fs');
  const os = process.getBuiltinModule('node:os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minerals-export-'));
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const file = path.join(dir, 'base.sqlite');
    const options = { ...rebuildOptions(opts, () => file), export: true };
    const l = queried(parseStack().rebuild(options), options.dataDir, opts);
    // no data file read (only problems of the walk, with --allow-invalid): nothing to export
    if (!fs.existsSync(file)) throw noFactFiles(options.dataDir, opts.cwd);
    return { file, errors: l.errors, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

/** The store's files, for a rebuild to reuse the records of unchanged ones. */
function priorOf(store: OpenedStore | null): Prior | null {
  if (!store) return null;
  try {
    return { store, files: storedFiles(store.db) };
  } catch {
    return null;
  }
}

/** Is the store fresh: the same files with the same stamps (and, when read, source texts)? */
function look(store: OpenedStore | null, listing: Listing | null, need: Reading): Found {
  if (!store) return { fresh: false, prior: null };
  const files = storedFiles(store.db);
  const prior = { store, files };
  if (!listing || !sameFiles(store.meta, files, listing)) return { fresh: false, prior };
  if (changedFiles(files, listing).length > 0) return { fresh: false, prior };
  // a base with errors may have lost them with a source text: its texts are checked too
  const texts = need === 'texts' || need === 'store' || !store.meta.records;
  return { fresh: seedsUnchanged(store.db, store.meta, texts), prior };
}

/**
 * Answer from the store. A read that finds damage the opening could not see (a row whose hash
 * does not match) asks `recover` once for the base loaded from its files (which also writes the
 * store again), and answers from that from then on, so a run never stops half-way.
 */
function answer(
  store: OpenedStore,
  meta: BaseMeta,
  need: Reading,
  fromCache: boolean,
  recover: () => readonly FactRecord[],
  notice: (e: unknown) => void,
  words?: ReadonlyArray<readonly string[]>,
): Opened | OpenedTexts {
  const reader = new SqliteStore(store.db);
  const opened: Opened = {
    index: new FactIndex(guarded(reader, recover, notice)),
    errors: meta.errors,
    warnings: meta.warnings,
    fromCache,
    storeFile: store.file,
  };
  if (need !== 'texts') return opened;
  if (words) {
    let meta2 = meta;
    if (!meta.search || !currentSearchIndex(store.db)) {
      // the first search of this store makes its full-text index (or remakes one of an older
      // layout); a busy store: every record
      const records = reader.all();
      const texts = reader.texts();
      const made = writeStamped(store.file, () => {
        const built = buildSearchIndex(store.db, meta, records, texts);
        return built ? [store.db, built] : null;
      });
      if (!made) return { ...opened, matching: searchDocs(records, texts) } as Opened;
      meta2 = made;
    }
    return { ...opened, errors: meta2.errors, matching: reader.searchDocs(words) } as Opened;
  }
  const records = reader.all();
  return {
    ...opened,
    index: new FactIndex(records),
    records,
    texts: reader.texts(),
    files: storedFiles(store.db).length,
  };
}

/** Every reading a store offers, to fall back on all of them alike. */
const READS = [
  'ids',
  'records',
  'referrers',
  'recordsNaming',
  'kindOf',
  'record',
  'referrersOf',
  'prefetch',
  'narrow',
  'named',
  'claimsCiting',
  'listRows',
  'keepRows',
] as const satisfies ReadonlyArray<keyof RecordStore>;

type Read = (...args: unknown[]) => unknown;

/** A store whose reads fall back to the base loaded from its files once damage is found. */
function guarded(
  reader: SqliteStore,
  recover: () => readonly FactRecord[],
  notice: (e: unknown) => void,
): RecordStore {
  let fallback: Required<RecordStore> | null = null;
  const out: Partial<Record<(typeof READS)[number], Read>> = {};
  for (const name of READS)
    out[name] = (...args) => {
      if (!fallback)
        try {
          return (reader[name] as Read).apply(reader, args);
        } catch (e) {
          if (!(e instanceof StoreDamaged)) throw e;
          notice(e);
          fallback = inMemory(recover());
        }
      return (fallback[name] as Read).apply(fallback, args);
    };
  return out as unknown as RecordStore;
}

/** Every reading of a store, over records in memory. */
function inMemory(records: readonly FactRecord[]): Required<RecordStore> {
  const store = new MemoryStore(records);
  const index = new FactIndex(store);
  const all = () => [...index.byId.values()];
  return {
    ids: () => store.ids(),
    records: (kind) => store.records(kind),
    referrers: (kind) => store.referrers(kind),
    recordsNaming: (kind) => store.records(kind),
    kindOf: (id) => index.get(id)?.kind,
    record: (id) => index.get(id),
    referrersOf: (id) => index.referencedBy(id),
    prefetch: () => undefined,
    narrow: all,
    named: (folded) => all().filter((r) => namesOf(r).some((n) => foldName(n) === folded)),
    claimsCiting: (source) => countCiting(index, source),
    // no rows kept: each is made from its record
    listRows: (kind, commodities) =>
      (commodities ? index.ofKindNaming(kind, commodities) : index.ofKind(kind)).map((record) => ({
        ord: -1,
        record,
      })),
    keepRows: () => undefined,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `minerals: no fact files in DIR`: a usage error (exit 2), as a missing directory is. */
const noFactFiles = (dataDir: string, cwd: string) =>
  new UserError(`no fact files in ${displayPath(dataDir, cwd)}`, EXIT.usage);

/**
 * A query refused because the base has errors (as hledger refuses an invalid journal): how many,
 * the first few as validate prints them, and what to do. Exit 1, or 2 when a data file could not
 * be read (validate's code).
 */
function refusal(
  dataDir: string,
  cwd: string,
  errors: number,
  first: readonly StoredError[],
  unreadable: boolean,
): UserError {
  const shown = first.map(
    (e) => `${sanitize(displayPath(path.join(dataDir, e.rel), cwd))}${e.text}`,
  );
  const which = errors > first.length ? `; the first ${first.length}` : '';
  return new UserError(
    `the fact base in ${displayPath(dataDir, cwd)} has ${plural(errors, 'error')}${which}:`,
    unreadable ? EXIT.usage : EXIT.data,
    `${shown.map((t) => `${t}\n`).join('')}minerals: run \`minerals validate\` for all of them, or pass --allow-invalid to query anyway\n`,
  );
}
