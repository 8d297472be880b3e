// Opening the fact base for a query: from the cache when it still matches the files (no yaml, no
// zod, only the kinds a query reads), else by loading it all (load/rebuild.ts, imported only then)
// and writing the cache for the next run.
import path from 'node:path';
import { FactIndex } from '../query/facts.js';
import { CacheStore, baseCacheDir, freshManifest, look } from './cache.js';
import type { Loaded } from './rebuild.js';

export interface OpenOptions {
  dataDir: string;
  seedsDir: string;
  cwd: string;
  /** The cache root, or null for --no-cache. */
  cacheRoot: string | null;
  version: string;
  progress?: ((line: string | null) => void) | undefined;
}

export interface Opened {
  index: FactIndex;
  /** Errors in the base (validate would report them), for a warning. */
  errors: number;
  fromCache: boolean;
}

/** Absolute data and seeds directories, and this base's cache directory (null: no cache). */
function locate(opts: Omit<OpenOptions, 'progress'>): {
  dataDir: string;
  seedsDir: string;
  cacheDir: string | null;
} {
  const dataDir = path.resolve(opts.cwd, opts.dataDir);
  const seedsDir = path.resolve(opts.cwd, opts.seedsDir);
  return {
    dataDir,
    seedsDir,
    cacheDir:
      opts.cacheRoot === null
        ? null
        : baseCacheDir(opts.cacheRoot, dataDir, seedsDir, opts.version),
  };
}

export async function openIndex(opts: OpenOptions): Promise<Opened> {
  const { dataDir, seedsDir, cacheDir } = locate(opts);
  // one read of the manifest and one walk serve the freshness check and, if stale, the patch
  const seen = cacheDir ? look(cacheDir, dataDir, seedsDir, opts.version) : null;
  if (cacheDir && seen) {
    const m = freshManifest(cacheDir, seedsDir, seen);
    if (m)
      return {
        index: new FactIndex(new CacheStore(cacheDir, m)),
        errors: m.errors,
        fromCache: true,
      };
  }
  const { rebuild, refresh } = await import('./rebuild.js');
  const options = {
    dataDir,
    seedsDir,
    cwd: opts.cwd,
    cacheDir,
    version: opts.version,
    progress: opts.progress,
  };
  if (cacheDir && seen) {
    // a few files edited: check those again and patch the cache
    let patched = null;
    try {
      patched = refresh(cacheDir, options, seen);
    } catch {
      patched = null; // anything unexpected: the full rebuild below
    }
    if (patched)
      return {
        index: new FactIndex(new CacheStore(cacheDir, patched)),
        errors: patched.errors,
        fromCache: false,
      };
  }
  const loaded = rebuild(options, seen?.manifest ?? null);
  return { index: loaded.index, errors: loaded.errors, fromCache: false };
}

/**
 * The whole base (records with their places in the files, source texts), loaded from the files,
 * reusing the cache's records for unchanged files and refreshing the cache. For commands that
 * need the source texts or every diagnostic's place: search, stats.
 */
export async function openWholeBase(opts: Omit<OpenOptions, 'progress'>): Promise<Loaded> {
  const { rebuild } = await import('./rebuild.js');
  return rebuild({ ...locate(opts), cwd: opts.cwd, version: opts.version });
}
