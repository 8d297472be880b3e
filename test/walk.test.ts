// Hazards 27-30 of docs/hazards.md: what the data directory may hold besides data files. Links,
// loops, FIFOs and devices are made at test time in temp directories; I/O faults (EACCES, ENOENT,
// EIO: the tests run as root, so chmod cannot make a file unreadable) come from an `Fs` wrapper
// around node:fs. Anything that could hang runs in a child process with a timeout first.
import { execFileSync, spawnSync } from 'node:child_process';
import nodeFs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../src/diagnostics.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { DataDirError } from '../src/errors.js';
import { loadBase } from '../src/load/base.js';
import { MAX_FILE_BYTES, type Fs } from '../src/load/read.js';
import { isDataFileName, walk } from '../src/load/walk.js';
import {
  FIXTURES,
  ROOT,
  bundledModule,
  fixtureDiagnostics,
  run,
  tempDir,
  validateDir,
} from './helpers.js';

/** A temp directory removed after this file's tests (some hold 5 MB files, FIFOs, sockets). */
const made: string[] = [];
const scratch = () => {
  const dir = tempDir();
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) nodeFs.rmSync(dir, { recursive: true, force: true });
});

const record = (id: string) => `- {id: ${id}, kind: country, name: ${id}}\n`;
const write = (dir: string, rel: string, text: string) => {
  nodeFs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  nodeFs.writeFileSync(path.join(dir, rel), text);
};
const compact = (diags: ReturnType<typeof validateDir>['diagnostics']) =>
  diags.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`);
const errnoError = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

/** node:fs with some calls replaced; `opened` counts openSync per real path. */
function faultyFs(overrides: Partial<Record<keyof Fs, (...args: never[]) => unknown>> = {}) {
  const opened = new Map<string, number>();
  const fs = {
    readdirSync: nodeFs.readdirSync,
    lstatSync: nodeFs.lstatSync,
    statSync: nodeFs.statSync,
    fstatSync: nodeFs.fstatSync,
    readSync: nodeFs.readSync,
    closeSync: nodeFs.closeSync,
    openSync: (p: nodeFs.PathLike, flags: nodeFs.OpenMode, mode?: nodeFs.Mode) => {
      const real = nodeFs.realpathSync(String(p));
      opened.set(real, (opened.get(real) ?? 0) + 1);
      return nodeFs.openSync(p, flags, mode);
    },
    ...overrides,
  } as unknown as Fs;
  return { fs, opened };
}

/**
 * Load `dir` with the BUILT loader in a child process that is killed after `ms`: a hang shows up
 * as a failed test instead of a stuck run. Returns the compact diagnostics and record ids.
 */
function loadInChild(dir: string, ms = 15_000): { diagnostics: string[]; ids: string[] } {
  const base = bundledModule('src/load/base.ts');
  const script = `
    const { loadBase } = await import(${JSON.stringify(base)});
    const b = loadBase({ dataDir: ${JSON.stringify(dir)}, seedsDir: ${JSON.stringify(dir)}, cwd: ${JSON.stringify(dir)} });
    process.stdout.write(JSON.stringify({ diagnostics: b.diagnostics.map((d) => d.file + ':' + d.line + ':' + d.col + ' ' + d.code), ids: b.records.map((r) => r.record.id) }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: ms,
  });
  expect(r.signal, `loader child hung or crashed: ${r.stderr}`).toBeNull();
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { diagnostics: string[]; ids: string[] };
}

describe('27 symbolic links and loops', () => {
  it('a `sub/up -> ..` loop: each file is read once, in order', () => {
    const dir = scratch();
    write(dir, 'a.yaml', record('chile'));
    write(dir, 'sub/b.yaml', record('peru'));
    nodeFs.symlinkSync('..', path.join(dir, 'sub', 'up'));
    nodeFs.symlinkSync('.', path.join(dir, 'sub', 'here'));
    nodeFs.symlinkSync(dir, path.join(dir, 'sub', 'root'));
    // a file reached through a second name is the same (device, inode): read once
    nodeFs.symlinkSync('a.yaml', path.join(dir, 'z-alias.yaml'));
    const { fs, opened } = faultyFs();
    const base = loadBase({ dataDir: dir, seedsDir: dir, cwd: dir, fs });
    expect(base.diagnostics).toEqual([]);
    expect(base.files.map((f) => f.rel)).toEqual(['a.yaml', 'sub/b.yaml']);
    expect(base.records.map((r) => r.record.id)).toEqual(['chile', 'peru']);
    expect([...opened.values()]).toEqual([1, 1]);
  });

  it('a mutual loop between two directories ends', () => {
    const dir = scratch();
    write(dir, 'x/a.yaml', record('chile'));
    write(dir, 'y/b.yaml', record('peru'));
    nodeFs.symlinkSync('../y', path.join(dir, 'x', 'to-y'));
    nodeFs.symlinkSync('../x', path.join(dir, 'y', 'to-x'));
    const { files, problems } = walk(nodeFs, dir);
    expect(problems).toEqual([]);
    expect(files.map((f) => f.rel)).toEqual(['x/a.yaml', 'x/to-y/b.yaml']);
  });

  it('a link to a directory outside the data directory is not entered (a warning), unless links are followed', () => {
    const dir = scratch();
    const outside = scratch();
    write(outside, 'c.yaml', record('bolivia'));
    write(dir, 'a.yaml', record('chile'));
    nodeFs.symlinkSync(outside, path.join(dir, 'shared'));
    const { base, diagnostics } = validateDir(dir);
    expect(base.records.map((r) => r.record.id)).toEqual(['chile']);
    expect(diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      `shared:1:1: warning dir-link-outside: symbolic link to the directory ${nodeFs.realpathSync(outside)}, outside the data directory; not entered (--follow-links enters it)`,
    ]);
    const followed = validateDir(dir, { followLinks: true });
    expect(followed.base.records.map((r) => r.record.id)).toEqual(['chile', 'bolivia']);
    expect(followed.diagnostics).toEqual([]);
  });
});

describe('28 FIFOs, devices, directories and self-links named *.yaml', () => {
  const specials = () => {
    const dir = scratch();
    write(dir, 'a.yaml', record('chile'));
    write(dir, 'z.yaml', record('peru'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
    nodeFs.symlinkSync('/dev/null', path.join(dir, 'null.yaml'));
    nodeFs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    nodeFs.mkdirSync(path.join(dir, 'dir.yaml'));
    write(dir, 'dir.yaml/inside.yaml', record('ecuador'));
    nodeFs.symlinkSync('self.yaml', path.join(dir, 'self.yaml'));
    nodeFs.symlinkSync('nowhere.yaml', path.join(dir, 'dangling.yaml'));
    return dir;
  };
  const expected = [
    'dangling.yaml:1:1 file-unreadable',
    'dir.yaml:1:1 not-regular-file',
    'fifo.yaml:1:1 not-regular-file',
    'null.yaml:1:1 not-regular-file',
    'self.yaml:1:1 file-unreadable',
    'zero.yaml:1:1 not-regular-file',
  ];

  it('each is one located diagnostic, never a hang, and the other files load (in a child process first)', () => {
    const dir = specials();
    expect(loadInChild(dir)).toEqual({ diagnostics: expected, ids: ['chile', 'peru'] });
    // it did not hang in the child: now in this process, with the messages
    const { base, diagnostics } = validateDir(dir);
    expect(compact(diagnostics)).toEqual(expected);
    expect(diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      'dangling.yaml:1:1: error file-unreadable: cannot read file (ENOENT)',
      'dir.yaml:1:1: error not-regular-file: not a regular file (directory); skipped without reading',
      'fifo.yaml:1:1: error not-regular-file: not a regular file (FIFO); skipped without reading',
      'null.yaml:1:1: error not-regular-file: not a regular file (character device); skipped without reading',
      'self.yaml:1:1: error file-unreadable: cannot read file (ELOOP)',
      'zero.yaml:1:1: error not-regular-file: not a regular file (character device); skipped without reading',
    ]);
    expect(base.records.map((r) => r.record.id)).toEqual(['chile', 'peru']);
    expect(exitCodeFor(diagnostics, false)).toBe(2);
  });

  it('the built CLI exits 2 and still reports the data errors of the other files', () => {
    // a process with a timeout: a blocking open of the FIFO anywhere on the CLI's path would hang
    const dir = specials();
    write(dir, 'bad.yaml', '- {id: Bad, kind: country, name: Bad}\n');
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin', 'minerals.js'), 'validate', '--data', '.'],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 20_000,
      },
    );
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stdout.split('\n').filter((l) => / (error|warning) /.test(l))).toEqual([
      'bad.yaml:1:8: error bad-id: "Bad" is not a valid id: use lower-case letters, digits and single hyphens (e.g. "erg-mitsubishi")',
      'dangling.yaml:1:1: error file-unreadable: cannot read file (ENOENT)',
      'dir.yaml:1:1: error not-regular-file: not a regular file (directory); skipped without reading',
      'fifo.yaml:1:1: error not-regular-file: not a regular file (FIFO); skipped without reading',
      'null.yaml:1:1: error not-regular-file: not a regular file (character device); skipped without reading',
      'self.yaml:1:1: error file-unreadable: cannot read file (ELOOP)',
      'zero.yaml:1:1: error not-regular-file: not a regular file (character device); skipped without reading',
    ]);
    expect(r.stderr).toBe('7 errors, 0 warnings in 3 files (2 records, 0 citations)\n');
  });

  it('a socket named *.yaml', async () => {
    const dir = scratch();
    write(dir, 'a.yaml', record('chile'));
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'sock.yaml'), resolve));
    try {
      expect(compact(validateDir(dir).diagnostics)).toEqual(['sock.yaml:1:1 not-regular-file']);
      expect(validateDir(dir).diagnostics[0]!.args).toEqual({ type: 'socket' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a FIFO swapped in after the listing is opened without blocking and refused', () => {
    const dir = scratch();
    write(dir, 'a.yaml', record('chile'));
    write(dir, 'b.yaml', record('peru'));
    const fifo = path.join(dir, 'b.yaml');
    // child first: the built loader opens the FIFO that replaced b.yaml after it was listed
    const readBase = bundledModule('src/load/read.ts');
    const script = `
      import fs from 'node:fs';
      const { readCapped } = await import(${JSON.stringify(readBase)});
      process.stdout.write(JSON.stringify(readCapped(fs, ${JSON.stringify(fifo)})));`;
    nodeFs.rmSync(fifo);
    execFileSync('mkfifo', [fifo]);
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(r.signal).toBeNull();
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      code: 'not-regular-file',
      args: { type: 'FIFO' },
    });
    // in process: the walk saw a regular file (faked), the read finds the FIFO
    // a regular file's stat, with an inode of its own so that it is not taken for a.yaml
    const regular = Object.assign(nodeFs.statSync(path.join(dir, 'a.yaml')), { ino: 0x7fff_fff0 });
    const { fs } = faultyFs({
      lstatSync: ((p: string) => (p === fifo ? regular : nodeFs.lstatSync(p))) as never,
    });
    const base = loadBase({ dataDir: dir, seedsDir: dir, cwd: dir, fs });
    expect(compact(base.diagnostics)).toEqual(['b.yaml:1:1 not-regular-file']);
    expect(base.records.map((x) => x.record.id)).toEqual(['chile']);
  });

  it('a file that grows past the cap after fstat is still cut at the cap', () => {
    const dir = scratch();
    const big = path.join(dir, 'big.yaml');
    nodeFs.writeFileSync(big, `# ${'x'.repeat(MAX_FILE_BYTES + 100)}\n`);
    write(dir, 'ok.yaml', record('chile'));
    let read = 0;
    const { fs } = faultyFs({
      // fstat still says 10 bytes: the read loop must stop on its own at limit + 1
      fstatSync: ((fd: number) => Object.assign(nodeFs.fstatSync(fd), { size: 10 })) as never,
      readSync: ((fd: number, buf: Buffer, off: number, len: number, pos: null) => {
        const n = nodeFs.readSync(fd, buf, off, len, pos);
        read += n;
        return n;
      }) as never,
    });
    const base = loadBase({ dataDir: dir, seedsDir: dir, cwd: dir, fs });
    expect(compact(base.diagnostics)).toEqual(['big.yaml:1:1 file-too-large']);
    expect(base.diagnostics[0]!.args).toEqual({ size: MAX_FILE_BYTES + 1, limit: MAX_FILE_BYTES });
    // limit + 1 bytes of big.yaml, then all of ok.yaml (which fstat also under-reports)
    expect(read).toBe(MAX_FILE_BYTES + 1 + record('chile').length);
    expect(base.records.map((x) => x.record.id)).toEqual(['chile']);
  });
});

describe('29 unreadable and vanishing files (injected faults)', () => {
  const three = () => {
    const dir = scratch();
    write(dir, 'a.yaml', record('chile'));
    write(dir, 'b.yaml', record('peru'));
    write(dir, 'c.yaml', record('bolivia'));
    return dir;
  };
  const failOn = (target: string, code: string) =>
    ((p: nodeFs.PathLike, flags: nodeFs.OpenMode) => {
      if (path.basename(String(p)) === target) throw errnoError(code);
      return nodeFs.openSync(p, flags);
    }) as never;

  it('EACCES on open: one diagnostic for that file, the others load, exit 2', () => {
    const dir = three();
    const { fs } = faultyFs({ openSync: failOn('b.yaml', 'EACCES') });
    const { base, diagnostics } = validateDir(dir, { fs });
    expect(compact(diagnostics)).toEqual(['b.yaml:1:1 file-unreadable']);
    expect(formatDiagnostic(diagnostics[0]!)).toBe(
      'b.yaml:1:1: error file-unreadable: cannot read file (EACCES)',
    );
    expect(base.records.map((r) => r.record.id)).toEqual(['chile', 'bolivia']);
    expect(exitCodeFor(diagnostics, false)).toBe(2);
  });

  it('ENOENT on open (deleted between listing and reading): file-vanished', () => {
    const dir = three();
    const { fs } = faultyFs({ openSync: failOn('a.yaml', 'ENOENT') });
    const { base, diagnostics } = validateDir(dir, { fs });
    expect(diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      'a.yaml:1:1: error file-vanished: file disappeared while it was being read',
    ]);
    expect(base.records.map((r) => r.record.id)).toEqual(['peru', 'bolivia']);
    expect(exitCodeFor(diagnostics, false)).toBe(2);
  });

  it('ENOENT on lstat (deleted between readdir and lstat): file-vanished', () => {
    const dir = three();
    const { fs } = faultyFs({
      lstatSync: ((p: string) => {
        if (path.basename(p) === 'c.yaml') throw errnoError('ENOENT');
        return nodeFs.lstatSync(p);
      }) as never,
    });
    const { base, diagnostics } = validateDir(dir, { fs });
    expect(compact(diagnostics)).toEqual(['c.yaml:1:1 file-vanished']);
    expect(base.records.map((r) => r.record.id)).toEqual(['chile', 'peru']);
  });

  it('a file really deleted after listing', () => {
    const dir = three();
    let listed = false;
    const { fs } = faultyFs({
      readdirSync: ((p: string) => {
        const names = nodeFs.readdirSync(p);
        if (!listed) nodeFs.rmSync(path.join(dir, 'b.yaml'));
        listed = true;
        return names;
      }) as never,
    });
    const { base, diagnostics } = validateDir(dir, { fs });
    expect(compact(diagnostics)).toEqual(['b.yaml:1:1 file-vanished']);
    expect(base.records.map((r) => r.record.id)).toEqual(['chile', 'bolivia']);
  });

  it('EIO while reading: file-unreadable, the descriptor is closed', () => {
    const dir = three();
    const open = new Set<number>();
    const { fs } = faultyFs({
      openSync: ((p: string, flags: number) => {
        const fd = nodeFs.openSync(p, flags);
        if (path.basename(p) === 'b.yaml') open.add(fd);
        return fd;
      }) as never,
      readSync: ((fd: number, buf: Buffer, off: number, len: number, pos: null) => {
        if (open.has(fd)) throw errnoError('EIO');
        return nodeFs.readSync(fd, buf, off, len, pos);
      }) as never,
      closeSync: ((fd: number) => {
        open.delete(fd);
        nodeFs.closeSync(fd);
      }) as never,
    });
    const { base, diagnostics } = validateDir(dir, { fs });
    expect(diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      'b.yaml:1:1: error file-unreadable: cannot read file (EIO)',
    ]);
    expect(base.records.map((r) => r.record.id)).toEqual(['chile', 'bolivia']);
    expect(open.size).toBe(0);
  });

  it('an unreadable subdirectory: dir-unreadable, the rest loads', () => {
    const dir = three();
    write(dir, 'sub/d.yaml', record('ecuador'));
    write(dir, 'sub2/e.yaml', record('colombia'));
    const { fs } = faultyFs({
      readdirSync: ((p: string) => {
        if (path.basename(p) === 'sub') throw errnoError('EACCES');
        return nodeFs.readdirSync(p);
      }) as never,
    });
    const { base, diagnostics } = validateDir(dir, { fs });
    expect(diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      'sub:1:1: error dir-unreadable: cannot list directory (EACCES)',
    ]);
    expect(base.records.map((r) => r.record.id)).toEqual(['chile', 'peru', 'bolivia', 'colombia']);
    expect(exitCodeFor(diagnostics, false)).toBe(2);
  });

  it('an unreadable data directory is a DataDirError (one line, exit 2), not a crash', () => {
    const dir = three();
    const { fs } = faultyFs({
      readdirSync: (() => {
        throw errnoError('EACCES');
      }) as never,
    });
    // the root listing fails inside walk: reported as a diagnostic for "."
    expect(compact(loadBase({ dataDir: dir, seedsDir: dir, cwd: dir, fs }).diagnostics)).toEqual([
      '.:1:1 dir-unreadable',
    ]);
    const { fs: noStat } = faultyFs({
      statSync: (() => {
        throw errnoError('EACCES');
      }) as never,
    });
    expect(() => loadBase({ dataDir: dir, seedsDir: dir, cwd: dir, fs: noStat })).toThrow(
      DataDirError,
    );
    expect(() => loadBase({ dataDir: dir, seedsDir: dir, cwd: dir, fs: noStat })).toThrow(
      /cannot read data directory \S+ \(EACCES\)/,
    );
  });

  it('exit codes: I/O problems 2 over data errors 1 over warnings 0', () => {
    const io = validateDir(three(), {
      fs: faultyFs({ openSync: failOn('b.yaml', 'EACCES') }).fs,
    }).diagnostics;
    const data = validateDir(path.join(FIXTURES, 'hazard-alias-undefined')).diagnostics;
    const warn = validateDir(path.join(FIXTURES, 'hazard-empty-files')).diagnostics;
    expect(exitCodeFor([...io, ...data, ...warn], false)).toBe(2);
    expect(exitCodeFor([...data, ...warn], false)).toBe(1);
    expect(exitCodeFor(warn, false)).toBe(0);
    expect(exitCodeFor(warn, true)).toBe(1);
    expect(exitCodeFor([], true)).toBe(0);
  });
});

describe('30 which names are read, and in which order', () => {
  it('editor junk, dot-files and dot-directories are skipped (fixture)', () => {
    const dir = path.join(FIXTURES, 'hazard-editor-junk');
    // the junk is really there, and would be an error if read
    for (const junk of [
      'a.yaml~',
      '.a.yaml.swp',
      '.#a.yaml',
      '._a.yaml',
      '.hidden.yaml',
      '.hidden/c.yaml',
    ])
      expect(nodeFs.existsSync(path.join(dir, junk)), junk).toBe(true);
    expect(fixtureDiagnostics('hazard-editor-junk')).toEqual([]);
    const { base } = validateDir(dir);
    expect(base.files.map((f) => f.rel)).toEqual(['a.yaml', 'b.yml', 'sub/d.yaml']);
    expect(base.records.map((r) => r.record.id)).toEqual(['chile', 'peru', 'bolivia']);
  });

  it('isDataFileName', () => {
    for (const name of ['a.yaml', 'a.yml', 'a.b.yaml', 'ü.yaml', '-.yaml'])
      expect(isDataFileName(name), name).toBe(true);
    for (const name of [
      'a.yaml~',
      '.a.yaml.swp',
      '.#a.yaml',
      '._a.yaml',
      '.a.yaml',
      'a.yaml.bak',
      'a.YAML',
      'a.json',
      'yaml',
      'a.yaml.swp',
      '#a.yaml#',
    ])
      expect(isDataFileName(name), name).toBe(false);
  });

  it('the order is code-point order of the path, whatever the creation or listing order', () => {
    const names = [
      'b.yaml',
      'a.yaml',
      'B.yaml',
      'é.yaml',
      'e.yaml',
      '10.yaml',
      '9.yaml',
      'sub/z.yaml',
      'sub-a.yaml',
      'sub/a.yml',
      'a/b.yaml',
    ];
    const expected = [
      '10.yaml',
      '9.yaml',
      'B.yaml',
      'a.yaml',
      'a/b.yaml',
      'b.yaml',
      'e.yaml',
      'sub-a.yaml',
      'sub/a.yml',
      'sub/z.yaml',
      'é.yaml',
    ];
    const forward = scratch();
    const backward = scratch();
    for (const [i, n] of names.entries()) write(forward, n, record(`r${i}`));
    for (const n of [...names].reverse()) write(backward, n, record(`r${names.indexOf(n)}`));
    const reversedListing = faultyFs({
      readdirSync: ((p: string) => nodeFs.readdirSync(p).reverse()) as never,
    }).fs;
    for (const [dir, fs] of [
      [forward, nodeFs],
      [backward, nodeFs],
      [forward, reversedListing],
    ] as const) {
      const base = loadBase({ dataDir: dir, seedsDir: dir, cwd: dir, fs });
      expect(base.files.map((f) => f.rel)).toEqual(expected);
      expect(base.diagnostics).toEqual([]);
    }
    // and diagnostics follow the same order
    const junk = scratch();
    for (const n of [...names].reverse()) write(junk, n, 'x: [\n');
    expect(validateDir(junk).diagnostics.map((d) => d.file)).toEqual(expected);
  });

  it('an empty data directory, and the CLI on a directory of junk only', async () => {
    const dir = scratch();
    write(dir, 'a.yaml~', 'x: [');
    write(dir, '.#a.yaml', 'x: [');
    expect(validateDir(dir).diagnostics).toEqual([]);
    const r = await run(['validate', '--data', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });
});
