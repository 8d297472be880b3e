// Issue 14: anything damaged in the store means a rebuild (with a one-line notice), never a crash
// and never a wrong value. A property flips random bytes of a built store (every table in it: the
// records, their list rows, references, quotes' places, source texts, the full-text index, meta)
// and asserts that every query prints what the files say (`--no-cache`), with the same exit code,
// and at most a one-line notice. (Damage under a stamp forged to match is caught only by the
// checksums of the rows that carry them: test/cache.test.ts, test/search-store.test.ts; the
// README's threat model says so.)
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT, run, storeFile, tempDir } from './helpers.js';

const QUERIES = [
  ['deposits', '--json'],
  ['deal', 'show', 'erg-mitsubishi', '--json'],
  ['search', 'gallium', '--json'],
  ['stats', '--json'],
  ['coverage', '--json'],
  ['facts', '--metal', 'copper', '--format', 'csv'],
];

const DAMAGED = /^minerals: the cache \S+ was damaged \([^\n]*\); rebuilding it\n$/;

describe('a store with flipped bytes', () => {
  it('answers every query as the files do, or rebuilds: never a crash, never a wrong value', async () => {
    const dir = tempDir('minerals-flip-');
    const data = path.join(dir, 'data');
    const seeds = path.join(dir, 'seeds');
    fs.cpSync(path.join(ROOT, 'data'), data, { recursive: true });
    fs.cpSync(path.join(ROOT, 'seeds'), seeds, { recursive: true });
    const cache = path.join(dir, 'cache');
    const args = ['--data', data, '--seeds', seeds, '--cache-dir', cache];
    const want: Array<{ stdout: string; code: number | null }> = [];
    for (const q of QUERIES) {
      const r = await run([...args, '--no-cache', ...q]);
      want.push({ stdout: r.stdout, code: r.code });
    }
    // a store with everything a query may keep in it: list rows and the full-text index
    for (const q of QUERIES) await run([...args, ...q]);
    const file = storeFile(cache);
    const pristine = fs.readFileSync(file);
    const ok = fs.readFileSync(`${file}.ok`);
    const built = fs.statSync(file);

    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ at: fc.nat(pristine.length - 1), xor: fc.integer({ min: 1, max: 255 }) }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.nat(QUERIES.length - 1),
        fc.boolean(),
        async (flips, first, sameTimes) => {
          const bytes = Buffer.from(pristine);
          for (const { at, xor } of flips) bytes[at]! ^= xor;
          fs.writeFileSync(file, bytes);
          fs.writeFileSync(`${file}.ok`, ok);
          // an edit that puts the modification time back (the change time still moves)
          if (sameTimes) fs.utimesSync(file, built.atime, built.mtime);
          // the damaged store is met first by one query (each in turn), then by the others
          for (let i = 0; i < QUERIES.length; i++) {
            const k = (first + i) % QUERIES.length;
            const got = await run([...args, ...QUERIES[k]!]);
            expect({ query: QUERIES[k], stdout: got.stdout, code: got.code }).toEqual({
              query: QUERIES[k],
              ...want[k],
            });
            if (got.stderr !== '') expect(got.stderr).toMatch(DAMAGED);
          }
        },
      ),
      { numRuns: Number(process.env.FLIP_RUNS ?? 30) },
    );
  }, 240_000);
});
