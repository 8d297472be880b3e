// A store that would be larger than its limit (pipeline/store.ts, storeLimit) is not kept: the
// base is then answered from its files, the same answer. The limit is made tiny here, so that the
// shipped base is over it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ROOT, run, tempDir } from './helpers.js';

vi.mock('../src/pipeline/store.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/pipeline/store.js')>()),
  storeLimit: () => 1024,
}));

describe('a store over its limit', () => {
  it('is not kept, and the answer is the one from the files', async () => {
    const dir = tempDir();
    fs.cpSync(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
    const args = ['deposits', '--data', path.join(dir, 'data'), '--json'];
    const cache = tempDir();
    const env = { env: { MINERALS_CACHE_DIR: cache } };
    const none = await run(['--no-cache', ...args]);
    expect(none.code).toBe(0);
    expect(await run(args, env)).toEqual(none);
    expect(fs.readdirSync(cache)).toEqual([]);
    expect(await run(args, env)).toEqual(none);
    expect(fs.readdirSync(cache)).toEqual([]);
  });
});
