// Opening the fact base for a query: from the cache when it still matches the files (no yaml, no
// zod, only the kinds a query reads), else by loading it all (load/rebuild.ts, imported only then)
// and writing the cache for the next run.
import path from 'node:path';
import { FactIndex } from '../query/facts.js';
import { CacheStore, baseCacheDir, freshManifest } from './cache.js';

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

export async function openIndex(opts: OpenOptions): Promise<Opened> {
  const dataDir = path.resolve(opts.cwd, opts.dataDir);
  const seedsDir = path.resolve(opts.cwd, opts.seedsDir);
  const cacheDir = opts.cacheRoot === null ? null : baseCacheDir(opts.cacheRoot, dataDir, seedsDir, opts.version);
  if (cacheDir) {
    const m = freshManifest(cacheDir, dataDir, seedsDir, opts.version);
    if (m) return { index: new FactIndex(new CacheStore(cacheDir, m)), errors: m.errors, fromCache: true };
  }
  const { rebuild, refresh } = await import('./rebuild.js');
  const options = { dataDir, seedsDir, cwd: opts.cwd, cacheDir, version: opts.version, progress: opts.progress };
  if (cacheDir) {
    // a few files edited: check those again and patch the cache
    let patched = null;
    try {
      patched = refresh(cacheDir, options);
    } catch {
      patched = null; // anything unexpected: the full rebuild below
    }
    if (patched) return { index: new FactIndex(new CacheStore(cacheDir, patched)), errors: patched.errors, fromCache: false };
  }
  const loaded = rebuild({ dataDir, seedsDir, cwd: opts.cwd, cacheDir, version: opts.version, progress: opts.progress });
  return { index: loaded.index, errors: loaded.errors, fromCache: false };
}
