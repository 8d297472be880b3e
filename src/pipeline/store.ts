// The cache of a validated fact base, so that a query loads neither yaml nor zod and reads only the
// kinds of record it needs. One directory per (data directory, seeds directory, program version)
// under the cache root, holding:
//   manifest.json            what was loaded: each data file's size, mtime and inode (and a content
//                            hash when its mtime was too recent to trust), each source text's, the
//                            ids and kinds in base order, the error and warning counts
//   entries/<key>.<kind>.json  the records of one kind from one data file, as validated
//   entries/<key>.refs-<kind>.json  who in that file refers to each record of the kind
// Only a base without errors has its records cached. Of a base with errors the manifest alone is
// kept, with the stamps, the counts and the first errors, so that a query refuses it without
// reading a data file, and junk (a directory that is not a fact base) leaves a few kilobytes
// behind, never a copy of itself. A directory with no data files is never cached, and no cache is
// larger than cacheLimit: three times the data files it stands for, plus 1 KiB a file and 64 KiB.
// A cache is never the only copy of anything: it is checked against the files on every run and
// rebuilt (pipeline/build.ts) when anything differs or is damaged. Every file is written to a
// temporary name and renamed, and entry names include the file's stamp, so two runs at once never
// leave a manifest pointing at another version's records.
import nodeFs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Diagnostic, formatDiagnostic } from '../diagnostics.js';
import type { RecordStore, Referrer } from '../query/facts.js';
import type { FactRecord } from '../schema/index.js';
import type { Kind } from '../schema/vocab.js';
import { walk, type FileEntry } from '../load/walk.js';

export const CACHE_FORMAT = 3;
/** A file modified this close to the build is hashed too: its mtime may not change on the next edit. */
export const RACY_MS = 3000;

export interface Stamp {
  size: number;
  mtimeMs: number;
  ino: number;
  /** sha1 of the content, for a file modified within RACY_MS of the build. */
  hash?: string;
}

export interface ManifestFile extends Stamp {
  rel: string;
  /** Entry name stem, or null when the file gave no reusable records (unreadable, broken). */
  key: string | null;
  /** The kinds of record it holds, each with its entry's size in bytes. */
  kinds: Partial<Record<Kind, number>>;
  single: boolean;
  clean: boolean;
  /** Per kind of record referred to, the size of the file's refs entry. */
  refKinds: Partial<Record<Kind, number>>;
  /** The kinds of its records in order, as runs: [["deposit", 100]]. */
  runs: Array<[Kind, number]>;
  /** Diagnostics located in this file (its own and the whole-base checks'), by severity. */
  errors: number;
  warnings: number;
}

/** How many of a base's errors its manifest keeps, for a query that refuses it to show. */
const FIRST_ERRORS = 3;

/** One of the first errors of a base, as a refused query prints it. */
export interface StoredError {
  /** The file, relative to the data directory (shown relative to the working directory of a run). */
  rel: string;
  /** The diagnostic as validate prints it, after its path: `:3:5: error code: message` and the excerpt. */
  text: string;
}

export interface Manifest {
  format: typeof CACHE_FORMAT;
  version: string;
  dataDir: string;
  seedsDir: string;
  builtAt: number;
  files: ManifestFile[];
  /** Problems of the walk itself (FIFOs, unreadable directories), as "rel code". */
  walk: string[];
  /** Every source text read, by file name under the seeds directory (null: missing). */
  seeds: Record<string, Stamp | null>;
  ids: Array<[string, Kind]>;
  /** Some id is used twice (a validate error): an edit is then never applied alone. */
  duplicates: boolean;
  /** Size in bytes of each facets/<kind>.json: commodity -> [file index, line] of the records naming it. */
  facets: Partial<Record<Kind, number>>;
  errors: number;
  warnings: number;
  /**
   * The records were written (entries, refs, facets). Only for a base without errors: of another
   * the manifest holds the stamps (files, ids none, seeds), the counts and the first errors.
   */
  records: boolean;
  /** The first FIRST_ERRORS errors, in validate's order. */
  firstErrors: StoredError[];
  /** Some error is a data file that could not be read: a query exits 2 as validate does. */
  unreadable: boolean;
}

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
    }));
}

/** Bytes a base's cache may hold: 3 times its data files, plus 1 KiB a file and 64 KiB. */
export function cacheLimit(files: ReadonlyArray<{ size: number }>): number {
  return 3 * files.reduce((n, f) => n + f.size, 0) + 1024 * files.length + 64 * 1024;
}

/** Bytes a manifest and everything it names hold (its own text is `manifestBytes` long). */
export function cacheSize(m: Manifest, manifestBytes: number): number {
  const sum = (sizes: Partial<Record<Kind, number>>) =>
    Object.values(sizes).reduce((n: number, s) => n + (s ?? 0), 0);
  return m.files.reduce(
    (n, f) => n + sum(f.kinds) + sum(f.refKinds),
    manifestBytes + sum(m.facets),
  );
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

/** FNV-1a, 64 bits in hex: names a base's cache directory without loading node:crypto. */
function fnv64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(text, 'utf8'))
    h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

/** The directory of one base's cache inside the root. */
export function baseCacheDir(
  root: string,
  dataDir: string,
  seedsDir: string,
  version: string,
): string {
  return path.join(
    root,
    fnv64(`${CACHE_FORMAT}\0${version}\0${realpath(dataDir)}\0${realpath(seedsDir)}`),
  );
}

function realpath(p: string): string {
  try {
    return nodeFs.realpathSync(p);
  } catch {
    return p;
  }
}

export const entryKey = (rel: string, s: Stamp) =>
  sha1(`${rel}\0${s.size}\0${s.mtimeMs}\0${s.ino}\0${s.hash ?? ''}`).slice(0, 24);
export const entryPath = (dir: string, key: string, kind: Kind) =>
  path.join(dir, 'entries', `${key}.${kind}.json`);
export const refsEntryPath = (dir: string, key: string, kind: Kind) =>
  path.join(dir, 'entries', `${key}.refs-${kind}.json`);
export const facetsPath = (dir: string, kind: Kind) => path.join(dir, 'facets', `${kind}.json`);

/** Entries hold one record a line, so that a query can parse only the lines it needs. */
export const toEntry = (records: readonly FactRecord[]) =>
  `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
export function fromEntry(text: string, lines?: readonly number[]): FactRecord[] {
  const all = text.split('\n');
  if (all.pop() !== '') throw new SyntaxError('entry does not end with a newline');
  return (lines ?? all.map((_, i) => i)).map((i) => JSON.parse(all[i]!) as FactRecord);
}
export const manifestPath = (dir: string) => path.join(dir, 'manifest.json');

export const contentHash = (abs: string): string | null => {
  try {
    return sha1(nodeFs.readFileSync(abs));
  } catch {
    return null;
  }
};

/** Does a file on disk still match its stamp? */
export function sameStamp(
  s: Stamp,
  now: { size: number; mtimeMs: number; ino: number },
  abs: string,
): boolean {
  if (s.size !== now.size || s.mtimeMs !== now.mtimeMs || s.ino !== now.ino) return false;
  return s.hash === undefined || contentHash(abs) === s.hash;
}

export function statStamp(abs: string): { size: number; mtimeMs: number; ino: number } | null {
  try {
    const st = nodeFs.statSync(abs);
    return st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino } : null;
  } catch {
    return null;
  }
}

export function readManifest(dir: string): Manifest | null {
  try {
    const m = JSON.parse(nodeFs.readFileSync(manifestPath(dir), 'utf8')) as Manifest;
    return m &&
      m.format === CACHE_FORMAT &&
      Array.isArray(m.files) &&
      Array.isArray(m.ids) &&
      Array.isArray(m.firstErrors)
      ? m
      : null;
  } catch {
    return null;
  }
}

/** An entry the manifest named could not be read back: the store rebuilds and goes on. */
class CacheDamaged extends Error {}

export interface Listing {
  files: FileEntry[];
  problems: Array<{ rel: string; code: string }>;
}

/** What a run finds: the cache's manifest (if it is this base's, this version's) and the data files. */
export interface Look {
  manifest: Manifest | null;
  /** null when the data directory cannot be walked (the load then says why). */
  listing: Listing | null;
}

export function look(dir: string, dataDir: string, seedsDir: string, version: string): Look {
  const m = readManifest(dir);
  let listing: Listing | null;
  try {
    listing = walk(nodeFs, dataDir);
  } catch {
    listing = null;
  }
  return {
    manifest:
      m && m.version === version && m.dataDir === dataDir && m.seedsDir === seedsDir ? m : null,
    listing,
  };
}

/** The same data files (by path, in order) and the same walk problems as when the manifest was written. */
export function sameFiles(m: Manifest, listing: Listing): boolean {
  if (listing.files.length !== m.files.length) return false;
  if (listing.problems.map((p) => `${p.rel} ${p.code}`).join('\n') !== m.walk.join('\n'))
    return false;
  return m.files.every((f, i) => f.rel === listing.files[i]!.rel);
}

/** Every source text as it was (or still missing). */
export function seedsUnchanged(m: Manifest, seedsDir: string): boolean {
  return Object.entries(m.seeds).every(([file, stamp]) => {
    const abs = path.join(seedsDir, file);
    const st = statStamp(abs);
    return stamp === null ? st === null : st !== null && sameStamp(stamp, st, abs);
  });
}

/**
 * The manifest, if it still describes the data on disk exactly: the same data files with the same
 * stamps, the same walk problems, the same source texts, and every entry present at its size.
 * Otherwise null (and the caller refreshes or rebuilds). Reads no data file unless one was racy.
 */
export function freshManifest(
  dir: string,
  seedsDir: string,
  { manifest: m, listing }: Look,
): Manifest | null {
  if (!m || !listing || !sameFiles(m, listing)) return null;
  const present = (file: string, size: number) => statStamp(file)?.size === size;
  for (let i = 0; i < m.files.length; i++) {
    const f = m.files[i]!;
    const e = listing.files[i]!;
    if (!sameStamp(f, e, e.abs)) return null;
    if (f.key) {
      for (const [kind, size] of Object.entries(f.kinds))
        if (!present(entryPath(dir, f.key, kind as Kind), size)) return null;
      for (const [kind, size] of Object.entries(f.refKinds))
        if (!present(refsEntryPath(dir, f.key, kind as Kind), size)) return null;
    }
  }
  if (!seedsUnchanged(m, seedsDir)) return null;
  for (const [kind, size] of Object.entries(m.facets))
    if (!present(facetsPath(dir, kind as Kind), size)) return null;
  return m;
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(nodeFs.readFileSync(file, 'utf8')) as T;
  } catch {
    throw new CacheDamaged(file);
  }
}

function readEntry(file: string, lines?: readonly number[]): FactRecord[] {
  let records: FactRecord[];
  try {
    records = fromEntry(nodeFs.readFileSync(file, 'utf8'), lines);
  } catch {
    throw new CacheDamaged(file);
  }
  for (const r of records as unknown[])
    if (typeof r !== 'object' || r === null || typeof (r as { id?: unknown }).id !== 'string')
      throw new CacheDamaged(file);
  return records;
}

/**
 * The records of a cached base, read a kind at a time. An entry that cannot be read back (cut
 * short, not JSON, gone) is damage the freshness check could not see: the store then asks
 * `recover` once for the base loaded from its files (which also writes the cache again) and
 * answers from that from then on, so a run never stops half-way because of its cache.
 */
export class CacheStore implements RecordStore {
  private readonly idMap: Map<string, Kind>;
  private fallback: RecordStore | null = null;
  private readonly refs = new Map<Kind, ReadonlyMap<string, readonly Referrer[]>>();
  constructor(
    private readonly dir: string,
    private readonly manifest: Manifest,
    private readonly recover: () => RecordStore,
  ) {
    this.idMap = new Map(manifest.ids);
  }
  /** Read from the cache; after damage, from the base as loaded from its files. */
  private guard<T>(read: () => T, again: (store: RecordStore) => T): T {
    if (this.fallback) return again(this.fallback);
    try {
      return read();
    } catch (e) {
      if (!(e instanceof CacheDamaged)) throw e;
      this.fallback = this.recover();
      return again(this.fallback);
    }
  }
  ids(): ReadonlyMap<string, Kind> {
    return this.fallback ? this.fallback.ids() : this.idMap;
  }
  records(kind: Kind): readonly FactRecord[] {
    return this.guard(
      () =>
        this.read(
          kind,
          this.manifest.files.map((f) => (f.key && f.kinds[kind] !== undefined ? undefined : null)),
        ),
      (store) => store.records(kind),
    );
  }
  recordsNaming(kind: Kind, commodities: ReadonlySet<string>): readonly FactRecord[] {
    return this.guard(
      () => {
        if (this.manifest.facets[kind] === undefined) return [];
        const facet = readJson<Record<string, Array<[number, number]>>>(facetsPath(this.dir, kind));
        const wanted: Array<number[] | null> = this.manifest.files.map(() => null);
        for (const c of commodities)
          for (const [file, line] of facet[c] ?? []) (wanted[file] ??= []).push(line);
        return this.read(
          kind,
          wanted.map((lines) => lines && [...new Set(lines)].sort((a, b) => a - b)),
        );
      },
      (store) => store.records(kind),
    );
  }
  /** Per data file: null to skip it, undefined for all its records of the kind, or which lines. */
  private read(
    kind: Kind,
    which: ReadonlyArray<readonly number[] | null | undefined>,
  ): FactRecord[] {
    const out: FactRecord[] = [];
    const seen = new Set<string>();
    this.manifest.files.forEach((f, i) => {
      const lines = which[i];
      if (lines === null || !f.key) return;
      for (const r of readEntry(entryPath(this.dir, f.key, kind), lines)) {
        // the first record of an id wins, as in a fresh load (a duplicate is a validate error)
        if (this.idMap.get(r.id) !== kind || seen.has(r.id)) continue;
        seen.add(r.id);
        out.push(r);
      }
    });
    return out;
  }
  referrers(kind: Kind): ReadonlyMap<string, readonly Referrer[]> {
    return this.guard(
      () => {
        let m = this.refs.get(kind);
        if (!m) {
          // each file's referrers, in file order: the records in base order, as a fresh load has them
          const merged = new Map<string, Referrer[]>();
          for (const f of this.manifest.files) {
            if (!f.key || f.refKinds[kind] === undefined) continue;
            const file = refsEntryPath(this.dir, f.key, kind);
            for (const [id, list] of Object.entries(readJson<Record<string, Referrer[]>>(file))) {
              const all = merged.get(id);
              if (all) all.push(...list);
              else merged.set(id, list);
            }
          }
          this.refs.set(kind, (m = merged));
        }
        return m;
      },
      (store) => store.referrers(kind),
    );
  }
}
