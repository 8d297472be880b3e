// Shared by the tests: run the built CLI as a subprocess, load a fixture in-process, make temp dirs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { expect } from 'vitest';
import { checkBase } from '../src/check/index.js';
import { type Io, main } from '../src/cli.js';
import { compareDiagnostics, type Diagnostic } from '../src/diagnostics.js';
import { diagnosticAt, loadBase, type Base } from '../src/load/base.js';
import type { Fs } from '../src/load/read.js';
import { sqlite } from '../src/pipeline/store.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'minerals.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** The environment a test run sees: colour off, fixed width, no inherited MINERALS_* vars. */
function testEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: '1',
    COLUMNS: '80',
    TZ: 'UTC',
    MINERALS_DATA: undefined,
    MINERALS_SEEDS: undefined,
    FORCE_COLOR: undefined,
    ...extra,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as NodeJS.ProcessEnv;
}

/**
 * Run `minerals ARGS` in this process through `main`, with captured output: what most tests use.
 * Not a terminal unless `tty` says so.
 */
export async function run(
  args: string[],
  opts: {
    cwd?: string;
    env?: Record<string, string | undefined>;
    tty?: boolean;
    /** The terminal's size (a terminal only), as process.stdout.columns and rows give it. */
    columns?: number;
    rows?: number;
    /** A pager: without one nothing is paged. */
    page?: Io['page'];
  } = {},
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'minerals', ...args], {
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
    stdoutIsTTY: opts.tty === true,
    stderrIsTTY: opts.tty === true,
    columns: opts.columns,
    rows: opts.rows,
    page: opts.page,
    env: testEnv(opts.env),
    cwd: opts.cwd ?? ROOT,
  });
  return { stdout, stderr, code };
}

/**
 * Run `minerals ARGS` as a separate process, from the built bin: only for what a process shows
 * (pipes, signals, the bin shim, packaging, concurrent runs).
 */
export function runCli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {},
): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: testEnv(opts.env),
    input: opts.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

/** Load a directory and run every whole-base check, as `validate` does. */
export function validateDir(
  dataDir: string,
  opts: { seedsDir?: string; fs?: Fs; cwd?: string; followLinks?: boolean } = {},
): { base: Base; diagnostics: Diagnostic[] } {
  const inside = path.join(dataDir, 'seeds');
  const seedsDir =
    opts.seedsDir ?? (fs.existsSync(inside) ? inside : path.join(path.dirname(dataDir), 'seeds'));
  const base = loadBase({
    dataDir,
    seedsDir,
    cwd: opts.cwd ?? dataDir,
    followLinks: opts.followLinks === true,
    ...(opts.fs ? { fs: opts.fs } : {}),
  });
  const diagnostics = [...base.diagnostics, ...checkBase(base, diagnosticAt)].sort(
    compareDiagnostics,
  );
  return { base, diagnostics };
}

/** A fixture's diagnostics as compact `file:line:col code` strings, the form tests assert. */
export function fixtureDiagnostics(name: string): string[] {
  return validateDir(path.join(FIXTURES, name)).diagnostics.map(
    (d) => `${d.file}:${d.line}:${d.col} ${d.code}`,
  );
}

export function tempDir(prefix = 'minerals-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A module of src/ bundled on its own into a temp file (with esbuild, as the build does), for a
 * child process that must run the real code and may hang: returns its file URL.
 */
export function bundledModule(entry: string): string {
  const out = path.join(tempDir('minerals-bundle-'), `${path.basename(entry, '.ts')}.mjs`);
  buildSync({
    entryPoints: [path.join(ROOT, entry)],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return pathToFileURL(out).href;
}

/** The one base's store (SQLite file) in a cache root. */
export function storeFile(cacheRoot: string): string {
  const names = fs.readdirSync(cacheRoot).filter((n) => n.endsWith('.sqlite'));
  if (names.length !== 1)
    throw new Error(`expected one store in ${cacheRoot}: ${names.join(', ')}`);
  return path.join(cacheRoot, names[0]!);
}

/** The meta row of a store, read without this program's checks, and the file's identity. */
export function storeState(cacheRoot: string): {
  builtAt: number;
  records: boolean;
  ino: number;
  mtimeMs: number;
} {
  const file = storeFile(cacheRoot);
  const db = new (sqlite())(file, { readonly: true });
  try {
    const meta = JSON.parse(
      (db.prepare("SELECT value FROM meta WHERE key = 'base'").get() as { value: string }).value,
    ) as { builtAt: number; records: boolean };
    const st = fs.statSync(file);
    return { builtAt: meta.builtAt, records: meta.records, ino: st.ino, mtimeMs: st.mtimeMs };
  } finally {
    db.close();
  }
}

/** Run SQL on a store directly (to damage it, as another program might). */
export function storeExec(file: string, sql: string): void {
  const db = new (sqlite())(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/**
 * Write FILE.ok as this program does after writing its store: a change made since (by storeExec)
 * then goes unseen by the file's stamp, as bit rot or a forged stamp would, and only the checksums
 * read with each row can catch it.
 */
export function stampStore(file: string): void {
  const st = fs.statSync(file);
  fs.writeFileSync(`${file}.ok`, `${st.size} ${st.mtimeMs} ${st.ctimeMs} ${st.ino}`);
}

/** A CSV text as rows of cells, by RFC 4180 (quoted cells may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        cell += ch;
        i++;
      }
    } else if (ch === '"') {
      expect(cell, 'a quote inside an unquoted cell').toBe('');
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else {
      expect(ch, 'a bare line break').not.toMatch(/[\r\n]/);
      cell += ch;
      i++;
    }
  }
  expect(quoted).toBe(false);
  expect(cell === '' && row.length === 0, 'the last row ends with CRLF').toBe(true);
  return rows;
}
