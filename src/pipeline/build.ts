// Loading the base the slow way (yaml, zod, every whole-base check) and writing the cache for the
// next run; or, when a few files changed and nothing else did, checking only those files again
// and patching the cache (refresh). Reached through stack.ts only when the cache is missing,
// stale or damaged, or when there is no cache, so a query that hits the cache never loads yaml
// or zod.
import nodeFs from 'node:fs';
import path from 'node:path';
import { checkBase } from '../check/index.js';
import { compareDiagnostics, type Diagnostic, exitCodeFor } from '../diagnostics.js';
import { EXIT } from '../errors.js';
import {
  assembleBase,
  diagnosticAt,
  listData,
  readDataFiles,
  type Base,
  type FileLoad,
  type KnownRecords,
  type Listing,
} from '../load/base.js';
import { readSourceFile } from '../load/sources.js';
import { FactIndex, commoditiesNamed, referrersByKind } from '../query/facts.js';
import type { FactRecord } from '../schema/index.js';
import type { Kind } from '../schema/vocab.js';
import { writeAtomic } from '../util/write.js';
import {
  CACHE_FORMAT,
  CacheStore,
  RACY_MS,
  cacheLimit,
  cacheSize,
  contentHash,
  entryKey,
  entryPath,
  facetsPath,
  fromEntry,
  look,
  manifestPath,
  readManifest,
  refsEntryPath,
  sameFiles,
  sameStamp,
  seedsUnchanged,
  statStamp,
  storedErrors,
  toEntry,
  type Look,
  type Manifest,
  type ManifestFile,
  type Stamp,
} from './store.js';

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
  /** Every diagnostic: the files' own and the whole-base checks', sorted. */
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

type Facets = Map<string, Array<[number, number]>>;

/** Cache files are written into directories made on demand. */
const MKDIR = { mkdir: true };

/** The cache would be larger than cacheLimit allows: it is not kept. */
class CacheTooLarge extends Error {}

/**
 * Load the whole base from its files (reusing the cached records of clean files that did not
 * change), run every whole-base check and write the cache. `prior`: the manifest already read by
 * the caller, if any.
 */
export function rebuild(
  opts: RebuildOptions,
  prior: Manifest | null = opts.cacheDir ? readManifest(opts.cacheDir) : null,
): Loaded {
  const priorFiles = new Map<string, ManifestFile>((prior?.files ?? []).map((f) => [f.rel, f]));
  const started = Date.now();
  const onFile = opts.progress
    ? progressLine(opts.progress, started, opts.progressAfterMs ?? 200)
    : undefined;
  const listing = listData(nodeFs, opts.dataDir, opts.cwd);
  const loads = readDataFiles(nodeFs, listing, opts.cwd, {
    onFile,
    // a clean file unchanged since the cache was written: its records as the cache holds them
    known: (entry) => {
      const f = priorFiles.get(entry.rel);
      return opts.cacheDir && f?.clean && f.key && sameStamp(f, entry, entry.abs)
        ? readEntries(opts.cacheDir, f as ManifestFile & { key: string })
        : null;
    },
  });
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
  if (opts.cacheDir && listing.files.length > 0) {
    try {
      writeCache(opts.cacheDir, opts, loaded, listing, loads, priorFiles);
    } catch (e) {
      // a cache is only an optimisation: a read-only or full disk leaves the run uncached, and
      // one over its limit is removed
      if (e instanceof CacheTooLarge)
        nodeFs.rmSync(opts.cacheDir, { recursive: true, force: true });
    }
  }
  return loaded;
}

/** The records of a clean file from its entries, in the file's order. */
function readEntries(dir: string, f: ManifestFile & { key: string }): KnownRecords | null {
  try {
    const byKind = new Map<Kind, FactRecord[]>();
    for (const kind of Object.keys(f.kinds) as Kind[])
      byKind.set(kind, fromEntry(nodeFs.readFileSync(entryPath(dir, f.key, kind), 'utf8')));
    const records: FactRecord[] = [];
    for (const [kind, n] of f.runs) records.push(...byKind.get(kind)!.splice(0, n));
    return { records, single: f.single };
  } catch {
    return null; // damaged: read the data file instead
  }
}

/** Diagnostics by severity, per file (by the path diagnostics show), and those of no data file. */
function countByFile(
  base: Base,
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

/**
 * Write one data file's entries: its records by kind, one a line, and who in it refers to records
 * of each kind. `first`: whether a record is the first of its id (the one queries see). Without
 * `records` (a base with errors), only its stamp.
 */
function writeFile(
  dir: string,
  r: FileLoad,
  prior: ManifestFile | undefined,
  now: number,
  kindOf: (id: string) => Kind | undefined,
  first: (rec: FactRecord) => boolean,
  counts: { errors: number; warnings: number },
  keep: Set<string>,
  records = true,
): ManifestFile {
  const stamp: Stamp = { size: r.entry.size, mtimeMs: r.entry.mtimeMs, ino: r.entry.ino };
  if (prior?.hash !== undefined && sameStamp(prior, r.entry, r.entry.abs)) stamp.hash = prior.hash;
  else if (r.entry.mtimeMs > now - RACY_MS) stamp.hash = contentHash(r.entry.abs) ?? '';
  const runs: Array<[Kind, number]> = [];
  const byKind = new Map<Kind, FactRecord[]>();
  for (const rec of r.records) {
    const last = runs[runs.length - 1];
    if (last && last[0] === rec.kind) last[1]++;
    else runs.push([rec.kind, 1]);
    const list = byKind.get(rec.kind);
    if (list) list.push(rec);
    else byKind.set(rec.kind, [rec]);
  }
  const key = records && r.records.length > 0 ? entryKey(r.entry.rel, stamp) : null;
  const kinds: Partial<Record<Kind, number>> = {};
  const refKinds: Partial<Record<Kind, number>> = {};
  if (key) {
    const reuse = (file: string, size: number | undefined, write: () => number) => {
      keep.add(path.basename(file));
      return prior?.key === key && size !== undefined && statStamp(file)?.size === size
        ? size
        : write();
    };
    for (const [kind, recs] of byKind)
      kinds[kind] = reuse(entryPath(dir, key, kind), prior?.kinds[kind], () =>
        writeAtomic(entryPath(dir, key, kind), toEntry(recs), MKDIR),
      );
    for (const [kind, byTarget] of referrersByKind(r.records.filter(first), kindOf))
      refKinds[kind] = reuse(refsEntryPath(dir, key, kind), prior?.refKinds[kind], () =>
        writeAtomic(
          refsEntryPath(dir, key, kind),
          JSON.stringify(Object.fromEntries(byTarget)),
          MKDIR,
        ),
      );
  }
  return {
    rel: r.entry.rel,
    ...stamp,
    key,
    kinds,
    refKinds,
    runs,
    single: r.single,
    clean: r.clean,
    ...counts,
  };
}

/** Add a file's records to the commodity facets: commodity -> [file index, line in its kind entry]. */
function addFacets(facets: Map<Kind, Facets>, fi: number, records: readonly FactRecord[]): void {
  const line = new Map<Kind, number>();
  for (const rec of records) {
    const n = line.get(rec.kind) ?? 0;
    line.set(rec.kind, n + 1);
    let facet = facets.get(rec.kind);
    if (!facet) facets.set(rec.kind, (facet = new Map()));
    for (const c of new Set(commoditiesNamed(rec))) {
      const at = facet.get(c);
      if (at) at.push([fi, n]);
      else facet.set(c, [[fi, n]]);
    }
  }
}

function writeFacets(
  dir: string,
  facets: Map<Kind, Facets>,
  into: Partial<Record<Kind, number>>,
): void {
  for (const [kind, facet] of facets)
    into[kind] = writeAtomic(
      facetsPath(dir, kind),
      JSON.stringify(Object.fromEntries(facet)),
      MKDIR,
    );
}

function seedStamps(
  base: { seedsDir: string },
  sources: Iterable<FactRecord>,
  now: number,
): Record<string, Stamp | null> {
  const seeds: Record<string, Stamp | null> = {};
  for (const r of sources) {
    if (r.kind !== 'source') continue;
    const abs = path.join(base.seedsDir, r.file);
    const st = statStamp(abs);
    seeds[r.file] =
      st && (st.mtimeMs > now - RACY_MS ? { ...st, hash: contentHash(abs) ?? '' } : st);
  }
  return seeds;
}

function writeCache(
  dir: string,
  opts: RebuildOptions,
  loaded: Loaded,
  listing: Listing,
  loads: readonly FileLoad[],
  priorFiles: Map<string, ManifestFile>,
): void {
  const now = Date.now();
  const keep = new Set<string>();
  const { base, diagnostics: diags } = loaded;
  const kindOf = new Map<string, Kind>();
  for (const { record } of base.records)
    if (!kindOf.has(record.id)) kindOf.set(record.id, record.kind);
  const owner = new Map<string, FactRecord>();
  for (const { record } of base.records) if (!owner.has(record.id)) owner.set(record.id, record);
  const counts = countByFile(base, diags);
  const none = { errors: 0, warnings: 0 };
  // a base with errors: a query refuses it, so only what it needs to (and no copy of junk)
  const records = loaded.errors === 0;

  const facets = new Map<Kind, Facets>();
  // every data file the walk found is listed, read or not, so the next run sees the same set
  const files = loads.map((r, fi) => {
    const c = counts.get(r.entry.rel) ?? none;
    const f = writeFile(
      dir,
      r,
      priorFiles.get(r.entry.rel),
      now,
      (id) => kindOf.get(id),
      (rec) => owner.get(rec.id) === rec,
      c,
      keep,
      records,
    );
    if (f.key) addFacets(facets, fi, r.records);
    return f;
  });
  const facetSizes: Partial<Record<Kind, number>> = {};
  writeFacets(dir, facets, facetSizes);
  // facets of the base as it was when it had no errors (entries go with the garbage below)
  if (!records) nodeFs.rmSync(path.join(dir, 'facets'), { recursive: true, force: true });
  const manifest: Manifest = {
    format: CACHE_FORMAT,
    version: opts.version,
    dataDir: base.dataDir,
    seedsDir: base.seedsDir,
    builtAt: now,
    files,
    walk: listing.problems.map((p) => `${p.rel} ${p.code}`),
    seeds: seedStamps(base, owner.values(), now),
    ids: records ? [...kindOf] : [],
    duplicates: diags.some((d) => d.code === 'duplicate-id'),
    facets: facetSizes,
    errors: loaded.errors,
    warnings: loaded.warnings,
    records,
    firstErrors: storedErrors(diags, base.dataDir, opts.cwd),
    unreadable: exitCodeFor(diags, false) === EXIT.usage,
  };
  const text = JSON.stringify(manifest);
  if (cacheSize(manifest, Buffer.byteLength(text)) > cacheLimit(files)) throw new CacheTooLarge();
  writeAtomic(manifestPath(dir), text, MKDIR);
  collectGarbage(dir, keep, now);
}

/**
 * After an edit: when the same data files are there, the source texts are unchanged, no id is
 * used twice, and each changed file still holds the same ids of the same kinds, only the changed
 * files are read and checked again (their references against the cached ids), and the cache is
 * patched: their entries, the facets, the manifest. Every other file's diagnostics cannot have
 * changed, so the counts stay exact. Returns the patched manifest, or null when a full rebuild is
 * needed.
 */
export function refresh(
  dir: string,
  opts: RebuildOptions,
  seen: Look = look(dir, opts.dataDir, opts.seedsDir, opts.version),
): Manifest | null {
  const { manifest: prior, listing } = seen;
  if (
    !prior ||
    !listing ||
    !prior.records ||
    prior.duplicates ||
    !sameFiles(prior, listing) ||
    !seedsUnchanged(prior, opts.seedsDir)
  )
    return null;
  const changed: number[] = [];
  for (let i = 0; i < listing.files.length; i++) {
    const e = listing.files[i]!;
    const f = prior.files[i]!;
    if (!sameStamp(f, e, e.abs)) {
      if (!f.key || !f.clean) return null;
      changed.push(i);
    }
  }
  if (changed.length === 0 || changed.length > Math.max(1, prior.files.length / 10)) return null;

  const only: Listing = { files: changed.map((i) => listing.files[i]!), problems: [] };
  const loads = readDataFiles(nodeFs, only, opts.cwd);
  const base = assembleBase(nodeFs, opts, only, loads);
  const kinds = new Map(prior.ids);
  const idsOf = idsByFile(prior);
  const signature = (ids: ReadonlyArray<readonly [string, Kind]>) =>
    ids
      .map(([id, k]) => `${id}\u0000${k}`)
      .sort()
      .join('\n');
  // the same ids of the same kinds, in clean files
  for (const r of loads) {
    const i = listing.files.findIndex((e) => e.rel === r.entry.rel);
    // a source record decides how other files' quotes are checked: a full rebuild then
    if (r.records.some((rec) => rec.kind === 'source')) return null;
    if (
      !r.clean ||
      signature(r.records.map((rec) => [rec.id, rec.kind] as const)) !== signature(idsOf[i]!)
    )
      return null;
  }
  if (loads.length !== changed.length) return null;

  // the texts of every source the changed files quote
  const store = new CacheStore(dir, prior, () => {
    throw new Error('damaged cache: rebuild it');
  });
  const sources = new Map(store.records('source').map((s) => [s.id, s]));
  for (const { record } of base.records)
    for (const c of [
      ...(record.citations ?? []),
      ...(record.claims ?? []).flatMap((cl) => cl.citations),
    ]) {
      const s = sources.get(c.source);
      if (s?.kind !== 'source' || base.texts.has(s.id)) continue;
      const read = readSourceFile(nodeFs, opts.seedsDir, s.file);
      if (!read.ok) return null;
      base.texts.set(s.id, { file: s.file, text: read.text });
    }
  const diags = [
    ...base.diagnostics.filter((d) => base.files.some((f) => f.display === d.file)),
    ...checkBase(base, diagnosticAt, (id) => kinds.get(id)),
  ];
  // the base has errors now: a full load keeps what a query needs to refuse it
  if (diags.some((d) => d.severity === 'error')) return null;
  const counts = countByFile(base, diags);

  const now = Date.now();
  const keep = new Set<string>();
  const files = [...prior.files];
  let errors = prior.errors;
  let warnings = prior.warnings;
  const touched = new Set<Kind>();
  const newLines = new Map<number, readonly FactRecord[]>();
  for (const r of loads) {
    const i = listing.files.findIndex((e) => e.rel === r.entry.rel);
    const old = prior.files[i]!;
    const c = counts.get(r.entry.rel) ?? { errors: 0, warnings: 0 };
    files[i] = writeFile(
      dir,
      r,
      old,
      now,
      (id) => kinds.get(id),
      () => true,
      c,
      keep,
    );
    errors += c.errors - old.errors;
    warnings += c.warnings - old.warnings;
    for (const k of [...Object.keys(old.kinds), ...Object.keys(files[i]!.kinds)] as Kind[])
      touched.add(k);
    newLines.set(i, r.records);
  }
  // facets of the kinds the changed files hold: their old lines out, their new lines in
  const facets = new Map<Kind, Facets>();
  for (const kind of touched) {
    if (prior.facets[kind] === undefined) continue;
    const facet: Facets = new Map();
    for (const [c, list] of Object.entries(
      JSON.parse(nodeFs.readFileSync(facetsPath(dir, kind), 'utf8')) as Record<
        string,
        Array<[number, number]>
      >,
    ))
      facet.set(
        c,
        list.filter(([fi]) => !newLines.has(fi)),
      );
    facets.set(kind, facet);
  }
  const added = new Map<Kind, Facets>();
  for (const [fi, recs] of newLines) addFacets(added, fi, recs);
  for (const [kind, facet] of added) {
    const into = facets.get(kind) ?? new Map();
    for (const [c, list] of facet)
      into.set(
        c,
        [...(into.get(c) ?? []), ...list].sort((a, b) => a[0] - b[0] || a[1] - b[1]),
      );
    facets.set(kind, into);
  }
  for (const facet of facets.values())
    for (const [c, list] of facet) if (list.length === 0) facet.delete(c);
  const facetSizes = { ...prior.facets };
  writeFacets(dir, facets, facetSizes);
  // ids in base order: each file's records in its new order
  const ids = idsOf.flatMap(
    (old, i) => newLines.get(i)?.map((rec): [string, Kind] => [rec.id, rec.kind]) ?? old,
  );
  const manifest: Manifest = {
    ...prior,
    format: CACHE_FORMAT,
    files,
    ids,
    facets: facetSizes,
    errors,
    warnings,
  };
  const text = JSON.stringify(manifest);
  // grown past its limit: a full load decides
  if (cacheSize(manifest, Buffer.byteLength(text)) > cacheLimit(files)) return null;
  writeAtomic(manifestPath(dir), text, MKDIR);
  // the changed files' old entries (a run still reading them finds them gone and starts again)
  for (const i of changed) {
    const old = prior.files[i]!;
    if (!old.key || old.key === files[i]!.key) continue;
    for (const k of Object.keys(old.kinds) as Kind[])
      nodeFs.rmSync(entryPath(dir, old.key, k), { force: true });
    for (const k of Object.keys(old.refKinds) as Kind[])
      nodeFs.rmSync(refsEntryPath(dir, old.key, k), { force: true });
  }
  return manifest;
}

/** The manifest's ids, file by file (each file holds as many as its runs count). */
function idsByFile(m: Manifest): Array<Array<[string, Kind]>> {
  let at = 0;
  return m.files.map((f) => {
    const n = f.runs.reduce((s, [, c]) => s + c, 0);
    return m.ids.slice((at += n) - n, at);
  });
}

/** Entries no manifest names any more; recent ones may belong to a run going on beside this one. */
function collectGarbage(dir: string, keep: Set<string>, now: number): void {
  const entries = path.join(dir, 'entries');
  if (!nodeFs.existsSync(entries)) return;
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
    out(
      `minerals: [${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} data files (${records.toLocaleString('en-US')} records), ${Math.round(rate).toLocaleString('en-US')} files/s, ${left} s left`,
    );
  };
}
