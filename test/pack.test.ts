// The package as users install it: `npm pack` (which runs the `prepare` build), then
// `npm install -g` of the tarball into a fresh prefix, then the installed `minerals` run from
// somewhere else. The pack runs in a copy of the repository so that its build never rewrites
// the dist/ that other tests are running at the same time. npm works offline: the dependencies
// come from the npm cache, and a proxy on a closed port makes any attempt at the network fail.
// A process test by nature: packing, installing and the installed bin are all separate processes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const ALLOWED_TOP = new Set([
  'bin',
  'dist',
  'data',
  'seeds',
  'package.json',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
]);

/** No network for npm: offline (the cache only), no update check, and a proxy that refuses. */
const OFFLINE: Record<string, string> = {
  npm_config_offline: 'true',
  npm_config_update_notifier: 'false',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_proxy: 'http://127.0.0.1:9',
  npm_config_https_proxy: 'http://127.0.0.1:9',
  npm_config_noproxy: '',
};

/** npm, with a timeout: a hung npm is killed rather than blocking the test worker for good. */
function npm(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...OFFLINE };
  delete env.npm_config_prefix; // a parent `npm test` must not choose where -g installs
  const r = spawnSync('npm', args, {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

function copyRepo(): string {
  const dir = path.join(tempDir('minerals-pack-src-'), 'minerals');
  const skip = new Set(['node_modules', '.git', 'dist', 'test', 'coverage']);
  fs.cpSync(ROOT, dir, {
    recursive: true,
    filter: (src) => src === ROOT || !skip.has(path.relative(ROOT, src).split(path.sep)[0]!),
  });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('npm pack and npm install -g', () => {
  it('packs bin, dist, data and seeds only, installs, and runs from anywhere', () => {
    const src = copyRepo();
    const out = tempDir('minerals-pack-');
    const pack = npm(['pack', '--json', '--pack-destination', out], src);
    expect(pack.code, pack.stderr).toBe(0);
    const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const files = info!.files.map((f) => f.path);
    expect(files.filter((f) => !ALLOWED_TOP.has(f.split('/')[0]!))).toEqual([]);
    expect(files.filter((f) => /^(test|src)\//.test(f))).toEqual([]);
    for (const f of [
      'bin/minerals.js',
      'bin/package.json',
      'dist/cli.cjs',
      'dist/cli.cjs.cache',
      'dist/vendor.cjs',
      'dist/vendor.cjs.cache',
      'data/deposits.yaml',
      'data/schema.json',
      'seeds/003_7fd1036cce212589.txt',
      'package.json',
    ])
      expect(files, f).toContain(f);
    const tarball = path.join(out, info!.filename);
    expect(path.basename(tarball)).toBe(`${pkg.name}-${pkg.version}.tgz`);

    const prefix = tempDir('minerals-global-');
    // from the npm cache only: no fallback that may reach the network. Install scripts are not
    // run: better-sqlite3's would download a prebuilt binary (no network here) or compile SQLite
    // for minutes (what a user's `npm install -g --allow-scripts=better-sqlite3` does); the
    // binary this checkout built stands in for it, where either would put it.
    const install = npm(
      [
        'install',
        '-g',
        '--prefix',
        prefix,
        '--offline',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        tarball,
      ],
      out,
    );
    expect(install.code, install.stderr).toBe(0);
    const release = path.join('better-sqlite3', 'build', 'Release');
    const installed = path.join(prefix, 'lib', 'node_modules', pkg.name, 'node_modules', release);
    fs.mkdirSync(installed, { recursive: true });
    fs.copyFileSync(
      path.join(ROOT, 'node_modules', release, 'better_sqlite3.node'),
      path.join(installed, 'better_sqlite3.node'),
    );

    const bin = path.join(prefix, 'bin', 'minerals');
    const env: Record<string, string | undefined> = {
      ...process.env,
      NO_COLOR: '1',
      COLUMNS: '80',
      MINERALS_DATA: undefined,
      MINERALS_SEEDS: undefined,
      FORCE_COLOR: undefined,
    };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const run = (args: string[]) => {
      const r = spawnSync(bin, args, {
        cwd: os.tmpdir(),
        env: env as NodeJS.ProcessEnv,
        encoding: 'utf8',
        timeout: 60_000,
      });
      return { stdout: r.stdout, stderr: r.stderr, code: r.status };
    };
    const deposits = run(['deposits', '--metal', 'copper']);
    expect(deposits.stderr).toBe('');
    expect(deposits.code).toBe(0);
    expect(deposits.stdout.split('\n').slice(0, 3)).toEqual([
      'ID        NAME      COUNTRY     STATUS       COMMODITIES                             FIGURES',
      'karabas   Karabas   Kazakhstan  exploration  copper, molybdenum, lead, zinc, silver  > 250,000 t copper; ≤ 1 million t ore (possible)',
      'syrymbet  Syrymbet  Kazakhstan  exploration  tin, copper                             286,000 t tin; 55,000 t copper',
    ]);
    expect(run(['--version'])).toEqual({ stdout: `${pkg.version}\n`, stderr: '', code: 0 });
    // the installed package validates its own shipped base, and its completion loads @bomb.sh/tab
    expect(run(['validate'])).toEqual({ stdout: '', stderr: '', code: 0 });
    const completion = run(['completion', 'bash']);
    expect(completion.code).toBe(0);
    expect(completion.stdout).toContain('complete -F __minerals_complete minerals\n');
  }, 180_000);
});
