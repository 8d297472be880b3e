// The full build a file at a time (buildStore, check/stream.ts) against the build of the whole
// base loaded at once (rebuild): for a base without errors the two stores hold the same rows, table
// by table, in the same order; for a base with errors the streamed build gives way (false, no file
// written) so the whole load reports them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildStore, rebuild, type RebuildOptions } from '../src/pipeline/build.js';
import { sqlite } from '../src/pipeline/store.js';
import { FIXTURES, ROOT, tempDir } from './helpers.js';

const TABLES = [
  'files',
  'sources',
  'records',
  'aliases',
  'record_names',
  'record_commodities',
  'refs',
  'claims',
  'citations',
  'diagnostics',
];

/** Every row of every table, in rowid order, and the meta row without its build time. */
function dump(file: string): Record<string, unknown> {
  const db = new (sqlite())(file, { readonly: true });
  try {
    const out: Record<string, unknown> = {};
    for (const t of TABLES) {
      const order = t === 'record_commodities' ? '' : ' ORDER BY rowid';
      out[t] = db.prepare(`SELECT * FROM ${t}${order}`).raw().all();
    }
    const meta = db.prepare("SELECT value FROM meta WHERE key = 'base'").pluck().get() as string;
    out.meta = { ...JSON.parse(meta), builtAt: 0 };
    out.version = db.pragma('user_version', { simple: true });
    out.indexes = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
      .raw()
      .all();
    return out;
  } finally {
    db.close();
  }
}

function options(dataDir: string, seedsDir: string, storeFile: string): RebuildOptions {
  return { dataDir, seedsDir, cwd: ROOT, storeFile, version: 'test' };
}

/** Both builds of one base into a fresh directory; the streamed one's result and both files. */
function bothBuilds(dataDir: string, seedsDir: string) {
  const dir = tempDir('minerals-stream-');
  const whole = path.join(dir, 'whole.sqlite');
  const streamed = path.join(dir, 'streamed.sqlite');
  rebuild(options(dataDir, seedsDir, whole));
  const built = buildStore(options(dataDir, seedsDir, streamed));
  return { built, whole, streamed, dir };
}

describe('the full build a file at a time', () => {
  it('writes the same store as the whole base loaded at once (shipped base)', () => {
    const { built, whole, streamed } = bothBuilds(
      path.join(ROOT, 'data'),
      path.join(ROOT, 'seeds'),
    );
    expect(built).toBe(true);
    expect(dump(streamed)).toEqual(dump(whole));
  });

  it('the same on every fixture without errors, and gives way on every one with errors', () => {
    let same = 0;
    let gaveWay = 0;
    let warned = 0;
    for (const name of fs.readdirSync(FIXTURES).sort()) {
      const dataDir = path.join(FIXTURES, name);
      if (!fs.statSync(dataDir).isDirectory()) continue;
      const seedsDir = fs.existsSync(path.join(dataDir, 'seeds'))
        ? path.join(dataDir, 'seeds')
        : path.join(ROOT, 'seeds');
      let loaded: ReturnType<typeof rebuild>;
      const dir = tempDir('minerals-stream-');
      const whole = path.join(dir, 'whole.sqlite');
      const streamed = path.join(dir, 'streamed.sqlite');
      try {
        loaded = rebuild(options(dataDir, seedsDir, whole));
      } catch {
        continue; // not a data directory at all
      }
      const built = buildStore(options(dataDir, seedsDir, streamed));
      if (loaded.errors > 0 || loaded.base.files.length === 0) {
        expect([name, built, fs.readdirSync(dir).filter((f) => f.startsWith('streamed'))]).toEqual([
          name,
          false,
          [],
        ]);
        gaveWay++;
      } else {
        expect([name, built]).toEqual([name, true]);
        const rows = dump(streamed);
        expect([name, rows]).toEqual([name, dump(whole)]);
        same++;
        if ((rows.diagnostics as unknown[]).length > 0) warned++;
      }
    }
    expect(same).toBeGreaterThan(10);
    expect(gaveWay).toBeGreaterThan(30);
    // warnings (a modality marker, an empty file) are placed by the streamed check too
    expect(warned).toBeGreaterThan(0);
  });
});
