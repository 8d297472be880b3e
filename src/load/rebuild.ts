// Loading the base the slow way (yaml, zod, every whole-base check) and writing the cache for the
// next run. Loaded on demand (a dynamic import) only when the cache is missing, stale or damaged,
// or when there is no cache, so a query that hits the cache never loads yaml or zod.
import nodeFs from 'node:fs';
import path from 'node:path';
import { checkBase } from '../check/index.js';
import { FactIndex, MemoryStore, commoditiesNamed, referrersByKind } from '../query/facts.js';
import type { FactRecord } from '../schema/index.js';
import type { Kind } from '../schema/vocab.js';
import { loadBase, type Base, type KnownRecords } from './base.js';
import {
  CACHE_FORMAT,
  RACY_MS,
  contentHash,
  entryKey,
  entryPath,
  facetsPath,
  fromEntry,
  toEntry,
  manifestPath,
  readManifest,
  refsPath,
  sameStamp,
  statStamp,
  writeAtomic,
  type Manifest,
  type ManifestFile,
  type Stamp,
} from './cache.js';

export interface RebuildOptions {
  dataDir: string;
  seedsDir: string;
  cwd: string;
  /** This base's cache directory, or null to write no cache. */
  cacheDir: string | null;
  version: string;
  /** Progress lines for a terminal (null clears the line). */
  progress?: ((line: string | null) => void) | undefined;
  /** Show progress only once loading has taken this long (ms; default 200) and for 20 files or more. */
  progressAfterMs?: number;
}

export interface Loaded {
  base: Base;
  index: FactIndex;
  errors: number;
  warnings: number;
}

/** The kinds of a file's records in order, as runs: [["deposit", 100]] for a file of deposits. */
type Runs = Array<[Kind, number]>;
interface CachedFile extends ManifestFile {
  runs?: Runs;
}

export function rebuild(opts: RebuildOptions): Loaded {
  const prior = opts.cacheDir ? readManifest(opts.cacheDir) : null;
  const priorFiles = new Map<string, CachedFile>((prior?.files ?? []).map((f) => [f.rel, f as CachedFile]));
  const started = Date.now();
  const base = loadBase({
    dataDir: opts.dataDir,
    seedsDir: opts.seedsDir,
    cwd: opts.cwd,
    reuse: (entry) => {
      const f = priorFiles.get(entry.rel);
      if (!opts.cacheDir || !f || !f.clean || !f.key || !f.runs || !sameStamp(f, entry, entry.abs)) return null;
      return readEntries(opts.cacheDir, f as CachedFile & { key: string; runs: Runs });
    },
    onFile: opts.progress ? progressLine(opts.progress, started, opts.progressAfterMs ?? 200) : undefined,
  });
  opts.progress?.(null);
  const diags = [...base.diagnostics, ...checkBase(base)];
  const errors = diags.filter((d) => d.severity === 'error').length;
  const loaded: Loaded = { base, index: new FactIndex(base.records.map((r) => r.record)), errors, warnings: diags.length - errors };
  if (opts.cacheDir) {
    try {
      writeCache(opts.cacheDir, opts, loaded, priorFiles);
    } catch {
      // a cache is only an optimisation: a read-only or full disk leaves the run uncached
    }
  }
  return loaded;
}

/** The records of a clean file from its entries, in the file's order. */
function readEntries(dir: string, f: CachedFile & { key: string; runs: Runs }): KnownRecords | null {
  try {
    const byKind = new Map<Kind, FactRecord[]>();
    for (const kind of Object.keys(f.kinds) as Kind[]) byKind.set(kind, fromEntry(nodeFs.readFileSync(entryPath(dir, f.key, kind), 'utf8')));
    const records: FactRecord[] = [];
    for (const [kind, n] of f.runs) records.push(...byKind.get(kind)!.splice(0, n));
    return { records, single: f.single };
  } catch {
    return null; // damaged: read the data file instead
  }
}

function writeCache(dir: string, opts: RebuildOptions, loaded: Loaded, priorFiles: Map<string, CachedFile>): void {
  const now = Date.now();
  const keep = new Set<string>();
  const files: CachedFile[] = [];
  for (const r of loaded.base.results) {
    const prior = priorFiles.get(r.entry.rel);
    const stamp: Stamp = { size: r.entry.size, mtimeMs: r.entry.mtimeMs, ino: r.entry.ino };
    if (prior?.hash !== undefined && sameStamp(prior, r.entry, r.entry.abs)) stamp.hash = prior.hash;
    else if (r.entry.mtimeMs > now - RACY_MS) stamp.hash = contentHash(r.entry.abs) ?? '';
    const runs: Runs = [];
    for (const rec of r.records) {
      const last = runs[runs.length - 1];
      if (last && last[0] === rec.kind) last[1]++;
      else runs.push([rec.kind, 1]);
    }
    const key = r.records.length > 0 ? entryKey(r.entry.rel, stamp) : null;
    const kinds: Partial<Record<Kind, number>> = {};
    if (key) {
      const byKind = new Map<Kind, FactRecord[]>();
      for (const rec of r.records) {
        const list = byKind.get(rec.kind);
        if (list) list.push(rec);
        else byKind.set(rec.kind, [rec]);
      }
      for (const [kind, recs] of byKind) {
        const file = entryPath(dir, key, kind);
        const existing = prior?.key === key ? prior.kinds[kind] : undefined;
        kinds[kind] = existing !== undefined && statStamp(file)?.size === existing ? existing : writeAtomic(file, toEntry(recs));
        keep.add(path.basename(file));
      }
    }
    files.push({ rel: r.entry.rel, ...stamp, key, kinds, single: r.single, clean: r.clean, runs });
  }
  // files that could not be read are listed too, so the next run sees the same set of files
  const listed = new Set(files.map((f) => f.rel));
  for (const e of loaded.base.walked.files) if (!listed.has(e.rel)) files.push({ rel: e.rel, size: e.size, mtimeMs: e.mtimeMs, ino: e.ino, key: null, kinds: {}, single: false, clean: false });
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const byRel = new Map(loaded.base.results.map((r) => [r.entry.rel, r]));

  const store = new MemoryStore(loaded.base.records.map((r) => r.record));
  const ids = [...store.ids()];
  const refs: Partial<Record<Kind, number>> = {};
  for (const [kind, byTarget] of referrersByKind(store.all(), (id) => store.ids().get(id))) refs[kind] = writeAtomic(refsPath(dir, kind), JSON.stringify(Object.fromEntries(byTarget)));

  // commodity -> [file, line] of each record naming it, per kind
  const facetMaps = new Map<Kind, Map<string, Array<[number, number]>>>();
  files.forEach((f, fi) => {
    const result = byRel.get(f.rel);
    if (!result || !f.key) return;
    const line = new Map<Kind, number>();
    for (const rec of result.records) {
      const n = line.get(rec.kind) ?? 0;
      line.set(rec.kind, n + 1);
      let facet = facetMaps.get(rec.kind);
      if (!facet) facetMaps.set(rec.kind, (facet = new Map()));
      for (const c of new Set(commoditiesNamed(rec))) {
        const at = facet.get(c);
        if (at) at.push([fi, n]);
        else facet.set(c, [[fi, n]]);
      }
    }
  });
  const facets: Partial<Record<Kind, number>> = {};
  for (const [kind, facet] of facetMaps) facets[kind] = writeAtomic(facetsPath(dir, kind), JSON.stringify(Object.fromEntries(facet)));

  const seeds: Record<string, Stamp | null> = {};
  for (const r of store.all()) {
    if (r.kind !== 'source') continue;
    const abs = path.join(loaded.base.seedsDir, r.file);
    const st = statStamp(abs);
    seeds[r.file] = st && (st.mtimeMs > now - RACY_MS ? { ...st, hash: contentHash(abs) ?? '' } : st);
  }
  const manifest: Manifest & { files: CachedFile[] } = {
    format: CACHE_FORMAT,
    version: opts.version,
    dataDir: loaded.base.dataDir,
    seedsDir: loaded.base.seedsDir,
    builtAt: now,
    files,
    walk: loaded.base.walked.problems.map((p) => `${p.rel} ${p.code}`),
    seeds,
    ids,
    refs,
    facets,
    errors: loaded.errors,
    warnings: loaded.warnings,
  };
  writeAtomic(manifestPath(dir), JSON.stringify(manifest));
  collectGarbage(dir, keep, now);
}

/** Entries no manifest names any more; recent ones may belong to a run going on beside this one. */
function collectGarbage(dir: string, keep: Set<string>, now: number): void {
  const entries = path.join(dir, 'entries');
  for (const name of nodeFs.readdirSync(entries)) {
    if (keep.has(name)) continue;
    const file = path.join(entries, name);
    const st = statStamp(file);
    if (st && st.mtimeMs < now - 60_000) nodeFs.rmSync(file, { force: true });
  }
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
    out(`minerals: [${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} data files (${records.toLocaleString('en-US')} records), ${Math.round(rate).toLocaleString('en-US')} files/s, ${left} s left`);
  };
}
