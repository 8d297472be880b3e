// The built CLI as a process: what start-up loads, and the code cache the bin compiles it with.
// These need a real process (a fresh module cache, the bin itself); the behaviour of the commands
// is tested in-process elsewhere.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from './helpers.js';

/** Run the bin with a preload that lists the files of the package it reads (dist/, node_modules). */
function loaded(args: string[], env: Record<string, string>) {
  const probe = path.join(tempDir('minerals-probe-'), 'probe.cjs');
  fs.writeFileSync(
    probe,
    `const fs = require('node:fs');
const read = fs.readFileSync;
const seen = new Set();
fs.readFileSync = function (file, ...rest) {
  if (typeof file === 'string') seen.add(file);
  return read.call(this, file, ...rest);
};
process.on('exit', () => process.stderr.write('\\nREAD ' + JSON.stringify([...seen, ...Object.keys(require.cache)]) + '\\n'));`,
  );
  const r = spawnSync(process.execPath, ['-r', probe, BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
  });
  const line = r.stderr.split('\n').find((l) => l.startsWith('READ '))!;
  const files = (JSON.parse(line.slice(5)) as string[]).flatMap((f) => {
    const m = /(?:node_modules\/((?:@[^/]+\/)?[^/]+)\/|(dist\/[^/]+)$)/.exec(f);
    return m ? [m[1] ?? m[2]!] : [];
  });
  return { code: r.status, stdout: r.stdout, files: [...new Set(files)].sort() };
}

describe('the built CLI', () => {
  it('answers from the store without loading yaml, js-yaml or zod (of node_modules, only the native binding of better-sqlite3), and loads them to read files', () => {
    const env = { MINERALS_CACHE_DIR: tempDir('minerals-bundle-cache-') };
    const args = ['deposits', '--metal', 'copper', '--json'];
    // better-sqlite3's JavaScript is in the bundle; its binding is the one file read from it
    const cli = ['better-sqlite3', 'dist/cli.cjs', 'dist/cli.cjs.cache'];
    const cold = loaded(args, env);
    expect([cold.code, cold.files]).toEqual([
      0,
      [...cli, 'dist/vendor.cjs', 'dist/vendor.cjs.cache'],
    ]);
    const warm = loaded(args, env);
    expect([warm.code, warm.files, warm.stdout]).toEqual([0, cli, cold.stdout]);
    // nothing else from node_modules for a table either (chalk is in the bundle)
    expect(loaded(['deposits', '--metal', 'copper'], env).files).toEqual(cli);
  });

  it('has code caches of this build that V8 accepts, compiled by the loader of the bin', () => {
    // the bin's own loader, asked to collect its scripts: both files, each with its cache
    const script = `
      const { load } = require(${JSON.stringify(BIN)});
      const scripts = new Map();
      const cli = load('cli.cjs', scripts);
      cli.main(['node', 'minerals', '--no-cache', 'validate'], { out() {}, err() {}, env: {}, cwd: ${JSON.stringify(ROOT)} })
        .then((code) => console.log(JSON.stringify([code, [...scripts].map(([n, s]) => [n, s.cachedDataRejected])])));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(JSON.parse(r.stdout)).toEqual([
      0,
      [
        ['cli.cjs', false],
        ['vendor.cjs', false],
      ],
    ]);
  });

  it('runs the same without its code cache, or with the cache of another build', () => {
    const copy = tempDir('minerals-bin-');
    for (const d of ['bin', 'dist', 'package.json'])
      fs.cpSync(path.join(ROOT, d), path.join(copy, d), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    const run = () =>
      spawnSync(
        process.execPath,
        [
          path.join(copy, 'bin', 'minerals.js'),
          '--no-cache',
          '--data',
          path.join(ROOT, 'data'),
          'deals',
          '--json',
        ],
        {
          encoding: 'utf8',
        },
      );
    const good = run();
    expect([good.status, good.stderr]).toEqual([0, '']);
    const cache = path.join(copy, 'dist', 'cli.cjs.cache');
    const bytes = fs.readFileSync(cache);
    fs.writeFileSync(
      cache,
      Buffer.concat([
        Buffer.from('// minerals build 0000000000000000\n'),
        bytes.subarray(bytes.indexOf(10) + 1),
      ]),
    );
    expect(run()).toMatchObject({ status: 0, stdout: good.stdout, stderr: '' });
    fs.rmSync(cache);
    expect(run()).toMatchObject({ status: 0, stdout: good.stdout, stderr: '' });
  });
});
