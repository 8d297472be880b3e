// Issue 14: the cache is a trust boundary and links never leak. Each case was an attack that
// worked: a store, journal or check-file name that is a link or a directory, a stored path, a
// cache directory other users can write or that lies under /proc, data files and source texts
// linked out of their directories (to a secret, to /proc/self/environ). Throughout, a decoy
// directory stands for everything outside the data, seeds and cache directories: its checksum
// must not change, and nothing in it may be printed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run, stampStore, storeExec, storeFile, tempDir } from './helpers.js';

const SECRET = 'aws_secret_access_key = DECOY-SECRET-1234';

/** A directory outside the base and the cache, and its checksum (names, types, link targets, bytes). */
let decoy: string;
function checksum(dir: string): string {
  const h = createHash('sha256');
  const visit = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = fs.lstatSync(p);
      h.update(`${p}\0${st.mode}\0`);
      if (st.isSymbolicLink()) h.update(fs.readlinkSync(p));
      else if (st.isDirectory()) visit(p);
      else if (st.isFile()) h.update(fs.readFileSync(p));
    }
  };
  visit(dir);
  return h.digest('hex');
}
let decoySum: string;

beforeAll(() => {
  decoy = tempDir('minerals-decoy-');
  fs.writeFileSync(path.join(decoy, 'credentials'), `[default]\n${SECRET}\n`);
  fs.writeFileSync(path.join(decoy, 'config.json'), '{"keep": true}\n');
  fs.writeFileSync(path.join(decoy, 'victim.sqlite'), 'not yours to replace\n');
  fs.mkdirSync(path.join(decoy, 'more'));
  fs.writeFileSync(
    path.join(decoy, 'more', 'leak.yaml'),
    'kind: country\nid: leaked\nname: Leaked\n',
  );
  fs.writeFileSync(path.join(decoy, 'outside.yaml'), 'kind: country\nid: outside\nname: Outside\n');
  decoySum = checksum(decoy);
});

afterAll(() => {
  // nothing outside the data, seeds and cache directories was deleted, replaced or written
  expect(checksum(decoy)).toBe(decoySum);
});

/** A copy of the shipped base (data/ with seeds/ beside it) and an empty cache directory. */
function base(): { dir: string; data: string; seeds: string; cache: string; args: string[] } {
  const dir = tempDir('minerals-trust-');
  const data = path.join(dir, 'data');
  const seeds = path.join(dir, 'seeds');
  const cache = path.join(dir, 'cache');
  fs.cpSync(path.join(ROOT, 'data'), data, { recursive: true });
  fs.cpSync(path.join(ROOT, 'seeds'), seeds, { recursive: true });
  fs.mkdirSync(cache, { mode: 0o700 });
  return {
    dir,
    data,
    seeds,
    cache,
    args: ['--data', data, '--seeds', seeds, '--cache-dir', cache],
  };
}

/** What a run prints and exits with, without the cache: what every run must match. */
const uncached = async (b: ReturnType<typeof base>, args: string[]) => {
  const r = await run([...b.args, '--no-cache', ...args]);
  expect(r.stderr).toBe('');
  return r;
};

const damaged = (file: string, why: string) =>
  `minerals: the cache ${file} was damaged (${why}); rebuilding it\n`;

const notUsed = (dir: string, why: string) =>
  `minerals: not using the cache directory ${dir}: ${why}; reading the files instead\n`;

describe('the cache directory', () => {
  it('is refused when other users can write it: the answer comes from the files and nothing is written there', async () => {
    const b = base();
    const shared = path.join(b.dir, 'shared');
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o777);
    const want = await uncached(b, ['deposits', '--json']);
    const got = await run([...b.args, '--cache-dir', shared, 'deposits', '--json']);
    expect(got).toEqual({
      ...want,
      stderr: notUsed(
        shared,
        'other users can write it (mode 777); anything they put there would be believed (chmod go-w it)',
      ),
    });
    expect(fs.readdirSync(shared)).toEqual([]);
    fs.chmodSync(shared, 0o775);
    expect((await run([...b.args, '--cache-dir', shared, 'deposits', '--json'])).stderr).toBe(
      notUsed(
        shared,
        'other users can write it (mode 775); anything they put there would be believed (chmod go-w it)',
      ),
    );
    fs.chmodSync(shared, 0o755);
    expect(await run([...b.args, '--cache-dir', shared, 'deposits', '--json'])).toEqual(want);
    expect(fs.readdirSync(shared).filter((n) => n.endsWith('.sqlite'))).toHaveLength(1);
  });

  it.skipIf(process.getuid?.() !== 0)(
    "is refused when it belongs to another user (run as root, it is chown'ed to nobody)",
    async () => {
      const b = base();
      fs.chownSync(b.cache, 65534, 65534);
      const got = await run([...b.args, 'deposits']);
      expect(got.stderr).toBe(
        notUsed(
          b.cache,
          'it belongs to another user (uid 65534); anything they put there would be believed',
        ),
      );
      expect(got.stdout).toBe((await uncached(b, ['deposits'])).stdout);
      expect(fs.readdirSync(b.cache)).toEqual([]);
    },
  );

  it('is made a level at a time with mode 700, and never under /proc, /sys or /dev (mkdir -p under /proc spun for ever)', async () => {
    const b = base();
    const want = await uncached(b, ['deposits']);
    const deep = path.join(b.dir, 'a', 'b', 'c');
    expect(await run([...b.args, '--cache-dir', deep, 'deposits'])).toEqual(want);
    for (const d of [path.join(b.dir, 'a'), path.join(b.dir, 'a', 'b'), deep])
      expect(fs.statSync(d).mode & 0o777).toBe(0o700);
    for (const [dir, why] of [
      ['/proc/minerals-cache', 'it would be on a filesystem of pseudo-files'],
      ['/proc', 'it is on a filesystem of pseudo-files'],
      ['/sys/minerals', 'it would be on a filesystem of pseudo-files'],
      ['/dev/null/x', 'it cannot be looked at (ENOTDIR)'],
    ] as const)
      expect(await run([...b.args, '--cache-dir', dir, 'deposits'])).toEqual({
        ...want,
        stderr: notUsed(dir, why),
      });
  });
});

describe('the store never follows a link or writes outside the cache directory', () => {
  it('a store that is a link to another file is rebuilt in its place; the file it led to is not touched', async () => {
    const b = base();
    const want = await uncached(b, ['deposits', '--json']);
    await run([...b.args, 'deposits']);
    const file = storeFile(b.cache);
    fs.rmSync(file);
    fs.symlinkSync(path.join(decoy, 'victim.sqlite'), file);
    expect(await run([...b.args, 'deposits', '--json'])).toEqual({
      ...want,
      stderr: damaged(file, 'it is a symbolic link'),
    });
    expect(fs.lstatSync(file).isFile()).toBe(true);
    expect(await run([...b.args, 'deposits', '--json'])).toEqual(want);
  });

  it('a store that is a directory is left alone (with what is in it), and the files answer', async () => {
    const b = base();
    const want = await uncached(b, ['deposits', '--json']);
    await run([...b.args, 'deposits']);
    const file = storeFile(b.cache);
    fs.rmSync(file);
    fs.mkdirSync(file);
    fs.writeFileSync(path.join(file, 'keep'), 'mine');
    expect(await run([...b.args, 'deposits', '--json'])).toEqual({
      ...want,
      stderr: damaged(file, 'it is a directory'),
    });
    expect(fs.readFileSync(path.join(file, 'keep'), 'utf8')).toBe('mine');
  });

  it('a journal that is a link is removed, not played back from nor written through; an edit patches the store', async () => {
    const b = base();
    await run([...b.args, 'deposits']);
    const file = storeFile(b.cache);
    fs.symlinkSync(path.join(decoy, 'victim.sqlite'), `${file}-journal`);
    const deposits = path.join(b.data, 'deposits.yaml');
    fs.writeFileSync(deposits, fs.readFileSync(deposits, 'utf8').replace('Karabas', 'Karabas II'));
    const want = await uncached(b, ['deposits', '--json']);
    expect(await run([...b.args, 'deposits', '--json'])).toEqual(want);
    expect(fs.existsSync(`${file}-journal`)).toBe(false);
  });

  it('a check-file (FILE.ok) that is a link to /dev/zero or a FIFO is not read for ever', async () => {
    const b = base();
    const want = await uncached(b, ['deposits']);
    await run([...b.args, 'deposits']);
    const file = storeFile(b.cache);
    fs.rmSync(`${file}.ok`);
    fs.symlinkSync('/dev/zero', `${file}.ok`);
    expect(await run([...b.args, 'deposits'])).toEqual({
      ...want,
      stderr: damaged(file, 'changed since this program last wrote it'),
    });
    expect(fs.lstatSync(`${file}.ok`).isFile()).toBe(true);
    expect(await run([...b.args, 'deposits'])).toEqual(want);
  });

  it('a leftover temporary name that is a directory or a link: the directory is kept, the link removed, its target untouched, the store built', async () => {
    const b = base();
    await run([...b.args, 'deposits']);
    const file = storeFile(b.cache);
    // a pid that cannot be alive (above pid_max), as a killed build leaves its name
    const dir = `${file}.9999999.abc.tmp`;
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'keep'), 'mine');
    const link = `${file}.9999998.abc.tmp`;
    fs.symlinkSync(path.join(decoy, 'config.json'), link);
    fs.appendFileSync(path.join(b.data, 'countries.yaml'), '\n'); // a rebuild
    const want = await uncached(b, ['countries']);
    fs.rmSync(file); // a cold build clears the leftovers
    expect(await run([...b.args, 'countries'])).toEqual(want);
    // the store is built all the same
    expect(fs.lstatSync(file).isFile()).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'keep'), 'utf8')).toBe('mine');
    expect(fs.existsSync(link)).toBe(false);
  });

  it('no path is made of the store\'s content: a source text name "../../x" in the store is damage, and the store is rebuilt', async () => {
    const b = base();
    const want = await uncached(b, ['stats', '--json']);
    await run([...b.args, 'stats', '--json']);
    const file = storeFile(b.cache);
    const fifo = path.join(b.dir, 'fifo');
    fs.writeFileSync(fifo, ''); // stands in for anything outside the seeds directory
    storeExec(
      file,
      `UPDATE sources SET file = '../fifo', hash = 'x' WHERE rowid = (SELECT min(rowid) FROM sources)`,
    );
    stampStore(file); // as a forger would: the stamp does not show the change
    expect(await run([...b.args, 'stats', '--json'])).toEqual({
      ...want,
      stderr: damaged(file, 'a source text name not as written'),
    });
    expect(await run([...b.args, 'stats', '--json'])).toEqual(want);
  });
});

describe('links never leak', () => {
  /** The entries of this process's environment as /proc/self/environ holds them (NAME=value). */
  const environ = () =>
    fs
      .readFileSync('/proc/self/environ', 'utf8')
      .split('\0')
      .filter((e) => /^[A-Za-z_][A-Za-z0-9_]*=.{4,}/.test(e));

  it('a data file linked out of the data directory is an error, not read, unless --follow-links', async () => {
    const b = base();
    fs.symlinkSync(path.join(decoy, 'outside.yaml'), path.join(b.data, 'outside.yaml'));
    const got = await run([...b.args, 'validate']);
    expect(got.code).toBe(2);
    expect(got.stdout).toBe(
      `${path.join(b.data, 'outside.yaml')}:1:1: error link-outside: symbolic link to ${path.join(decoy, 'outside.yaml')}, outside the data directory; not read (--follow-links reads it)\n`,
    );
    const shown = await run([...b.args, 'country', 'show', 'outside']);
    expect(shown.code).toBe(2);
    const followed = await run([
      ...b.args,
      '--follow-links',
      'country',
      'show',
      'outside',
      '--json',
    ]);
    expect(followed.code).toBe(0);
    expect(JSON.parse(followed.stdout).name).toBe('Outside');
    // the base without --follow-links has its own store: still refused
    expect((await run([...b.args, 'country', 'show', 'outside'])).code).toBe(2);
  });

  it('a directory linked out of the data directory is not entered (a warning), unless --follow-links', async () => {
    const b = base();
    fs.symlinkSync(path.join(decoy, 'more'), path.join(b.data, 'more'));
    const got = await run([...b.args, 'validate']);
    expect(got.code).toBe(0);
    expect(got.stdout).toBe(
      `${path.join(b.data, 'more')}:1:1: warning dir-link-outside: symbolic link to the directory ${path.join(decoy, 'more')}, outside the data directory; not entered (--follow-links enters it)\n`,
    );
    expect((await run([...b.args, 'countries', '--json'])).stdout).not.toContain('leaked');
    expect((await run([...b.args, '--follow-links', 'countries', '--json'])).stdout).toContain(
      '"id":"leaked"',
    );
  });

  it('a data file linked to /proc/self/environ is never read, even with --follow-links; the environment is not printed', async () => {
    const b = base();
    const link = path.join(b.data, 'env.yaml');
    fs.symlinkSync('/proc/self/environ', link);
    for (const follow of [[], ['--follow-links']]) {
      const got = await run([...b.args, ...follow, 'validate']);
      expect(got.code).toBe(2);
      expect(got.stdout).toBe(
        `${link}:1:1: error special-file: leads to /proc/${process.pid}/environ, on a filesystem of pseudo-files (such as /proc, /sys or /dev); never read\n`,
      );
      for (const v of environ()) expect(got.stdout + got.stderr).not.toContain(v);
    }
  });

  it('--data /proc or /sys is refused at once (it took 328 s and 2.3 GB)', async () => {
    for (const dir of ['/proc', '/sys/kernel'])
      expect(await run(['--data', dir, '--no-cache', 'validate'])).toEqual({
        stdout: '',
        stderr: `minerals: data directory ${dir} is on a filesystem of pseudo-files (such as /proc, /sys or /dev); it is never read\n`,
        code: 2,
      });
  });

  it('a source text linked out of the seeds directory is an error and never printed by coverage or search; --follow-links reads it', async () => {
    const b = base();
    const file = '000_43bf4b2db010c5a0.txt';
    const text = path.join(b.seeds, file);
    fs.renameSync(text, `${text}.orig`);
    fs.symlinkSync(path.join(decoy, 'credentials'), text);
    const got = await run([...b.args, 'validate']);
    expect(got.code).toBe(2);
    expect(got.stdout).toContain(
      `error source-link-outside: source text "${file}" is a symbolic link to ${path.join(decoy, 'credentials')}, outside the seeds directory; not read (--follow-links reads it)\n`,
    );
    for (const args of [
      ['--allow-invalid', 'coverage'],
      ['--allow-invalid', 'search', 'aws_secret_access_key'],
      ['--allow-invalid', 'stats'],
    ]) {
      const r = await run([...b.args, ...args]);
      expect(r.stdout + r.stderr).not.toContain('DECOY-SECRET');
    }
    const followed = await run([...b.args, '--follow-links', '--allow-invalid', 'search', 'DECOY']);
    expect(followed.stdout).toContain('SECRET-1234');
    // a link inside the seeds directory is read as the file it leads to
    fs.rmSync(text);
    fs.symlinkSync(`${file}.orig`, text);
    expect(await run([...b.args, 'validate'])).toEqual(await uncached(b, ['validate']));
    expect((await run([...b.args, 'validate'])).code).toBe(0);
  });

  it('a source text linked to /proc/self/environ is never read, even with --follow-links', async () => {
    const b = base();
    const file = '000_43bf4b2db010c5a0.txt';
    fs.rmSync(path.join(b.seeds, file));
    fs.symlinkSync('/proc/self/environ', path.join(b.seeds, file));
    for (const follow of [[], ['--follow-links']]) {
      const got = await run([...b.args, ...follow, 'validate']);
      expect(got.code).toBe(2);
      expect(got.stdout).toContain(
        `error source-file-unreadable: cannot read source text "${file}" (it leads to /proc/${process.pid}/environ, on a filesystem of pseudo-files)\n`,
      );
      const search = await run([...b.args, ...follow, '--allow-invalid', 'search', 'PATH']);
      for (const v of environ()) expect(search.stdout + search.stderr).not.toContain(v);
    }
  });
});
