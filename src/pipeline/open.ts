// The one way to open a fact base: read -> parse -> schema -> check -> index -> cache. Commands
// say what they need and get it, from the cache when it still matches the files (no yaml, no
// zod, only the kinds a query reads), else by loading the files (the parse stack) and writing the
// cache for the next run. `index`: the records, for queries. `texts`: every record and the
// source texts too (search, stats, coverage). `check`: the whole base with every diagnostic,
// located (validate).
//
// A query (`index`, `texts`) is refused when the base has errors, unless allowInvalid (then the
// records with errors are left out): a UserError that shows the first errors, exit 1 as validate
// (2 when a data file could not be read). A fresh cache says so from its manifest, without reading
// a data file. A data directory with no data files is a usage error (exit 2).
import nodeFs from 'node:fs';
import path from 'node:path';
import { type Diagnostic, exitCodeFor } from '../diagnostics.js';
import { EXIT, UserError } from '../errors.js';
import type { Base, SourceText } from '../load/base.js';
import { readSourceFile } from '../load/sources.js';
import { FactIndex, MemoryStore } from '../query/facts.js';
import type { FactRecord } from '../schema/index.js';
import { displayPath } from '../util/display.js';
import { sanitize } from '../util/sanitize.js';
import type { RebuildOptions } from './build.js';
import { parseStack } from './stack.js';
import {
  CacheStore,
  baseCacheDir,
  freshManifest,
  look,
  type Manifest,
  type StoredError,
  storedErrors,
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
  /** --allow-invalid: answer a query on a base with errors (else it is refused). */
  allowInvalid?: boolean;
}

export type Need = 'index' | 'texts' | 'check';

interface Opened {
  index: FactIndex;
  /** Errors and warnings in the base (validate would report them). */
  errors: number;
  warnings: number;
  /** Answered from a cache that matched the files as it was (not rebuilt or patched). */
  fromCache: boolean;
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

function open(opts: OpenOptions, need: Need): Opened {
  const dataDir = path.resolve(opts.cwd, opts.dataDir);
  const seedsDir = path.resolve(opts.cwd, opts.seedsDir);
  const cacheDir =
    opts.cacheRoot === null ? null : baseCacheDir(opts.cacheRoot, dataDir, seedsDir, opts.version);
  const options: RebuildOptions = {
    dataDir,
    seedsDir,
    cwd: opts.cwd,
    cacheDir,
    version: opts.version,
    progress: opts.progress,
  };
  /** Load the files, reusing the cached records of unchanged clean files (prior: undefined). */
  const loadAll = (prior?: Manifest | null): Checked => {
    const l = parseStack().rebuild(options, prior);
    const records = l.base.records.map((r) => r.record);
    return { ...l, records, texts: l.base.texts, files: l.base.files.length, fromCache: false };
  };
  if (need === 'check') return loadAll();
  /** A query on the base as loaded: none without data files, none on errors unless allowed. */
  const query = (l: Checked): Checked => {
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
  };
  if (cacheDir === null) return query(loadAll());

  // one read of the manifest and one walk serve the freshness check and, if stale, the patch
  const seen = look(cacheDir, dataDir, seedsDir, opts.version);
  const { listing } = seen;
  if (listing && listing.files.length === 0 && listing.problems.length === 0)
    throw noFactFiles(dataDir, opts.cwd);
  const fresh = freshManifest(cacheDir, seedsDir, seen);
  // a damaged entry found while answering: load the files, trusting no cached record, rewrite
  // the cache and go on
  const recover = () => new MemoryStore(loadAll(null).records);
  const cached = (m: Manifest, fromCache: boolean): Opened => ({
    index: new FactIndex(new CacheStore(cacheDir, m, recover)),
    errors: m.errors,
    warnings: m.warnings,
    fromCache,
  });
  if (fresh) {
    // the manifest of a base with errors says so: refused without reading a data file
    if (fresh.errors > 0 && !opts.allowInvalid)
      throw refusal(dataDir, opts.cwd, fresh.errors, fresh.firstErrors, fresh.unreadable);
    // only a base without errors has its records cached (with --allow-invalid: the files)
    if (fresh.records && need === 'index') return cached(fresh, true);
    if (fresh.records) return withTexts(cached(fresh, true), fresh, seedsDir);
  } else if (need === 'index') {
    // a few files edited: check those again and patch the cache
    let patched: Manifest | null = null;
    try {
      patched = parseStack().refresh(cacheDir, options, seen);
    } catch {
      patched = null; // anything unexpected: the full load below
    }
    if (patched) return cached(patched, false);
  }
  return query(loadAll(seen.manifest));
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

/** A cached base with its source texts, read from the seeds directory the cache has checked. */
function withTexts(opened: Opened, m: Manifest, seedsDir: string): OpenedTexts {
  const records = [...opened.index.byId.values()];
  const texts = new Map<string, SourceText>();
  for (const r of records) {
    if (r.kind !== 'source') continue;
    const read = readSourceFile(nodeFs, seedsDir, r.file);
    if (read.ok) texts.set(r.id, { file: r.file, text: read.text });
  }
  return { ...opened, records, texts, files: m.files.length };
}
