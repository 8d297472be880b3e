// What every command needs: where the data is, how to print, whether to colour.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChalkInstance } from 'chalk';
import { cacheRoot } from './pipeline/store.js';
import { colorEnabled, makeChalk } from './render/color.js';

/** The package root: dist/ is one level below it. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface GlobalOptions {
  data?: string;
  seeds?: string;
  json?: boolean;
  /** --color auto|always|never; false with --no-color */
  color?: boolean | string;
  /** false with --no-pager */
  pager?: boolean;
  cacheDir?: string;
  /** false with --no-cache */
  cache?: boolean;
  /** --allow-invalid */
  allowInvalid?: boolean;
  /** --follow-links */
  followLinks?: boolean;
}

export interface Io {
  out(text: string): void;
  /** Write text already encoded as UTF-8, in parts (a large answer read as bytes); else out decodes it. */
  outBytes?: ((parts: readonly Uint8Array[]) => void) | undefined;
  err(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The terminal's size when stdout is one (process.stdout.columns and rows), if known. */
  columns?: number | undefined;
  rows?: number | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * Show `text` through the pager `command` (cli.ts decides when); false when it could not be
   * started, and the text is then printed as it is. Without it nothing is paged (the tests).
   */
  page?: ((text: string, command: string) => Promise<boolean>) | undefined;
}

/** Write UTF-8 bytes, in parts, to standard output: as they are where the io can, else as text. */
export function writeBytes(io: Io, parts: readonly Uint8Array[]): void {
  if (io.outBytes) io.outBytes(parts);
  else io.out(Buffer.concat(parts).toString('utf8'));
}

/** The width a table fits on a terminal: the terminal's own, else $COLUMNS, else 80. */
export function tableWidth(io: Io): number {
  if (io.columns !== undefined && io.columns > 0) return io.columns;
  const env = Number(io.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : 80;
}

/** --color and --no-color as colorEnabled takes them: true, false, or undefined (auto). */
export const colorFlag = (v: boolean | string | undefined): boolean | undefined =>
  v === false || v === 'never' ? false : v === 'always' ? true : undefined;

export interface Context {
  io: Io;
  dataDir: string;
  seedsDir: string;
  json: boolean;
  chalk: ChalkInstance;
  /** Where the cache lives (--cache-dir, MINERALS_CACHE_DIR, XDG_CACHE_HOME), or null with --no-cache. */
  cacheRoot: string | null;
  /** --allow-invalid: a query answers on a base with errors (leaving them out) instead of refusing it. */
  allowInvalid: boolean;
  /** --follow-links: read data files and source texts that links lead to outside their directories. */
  followLinks: boolean;
}

/** Set by the build (scripts/build.mjs) to the version in package.json; unset when run from src. */
declare const __MINERALS_VERSION__: string | undefined;

let cachedVersion: string | undefined;
/** The program version: the build's, else package.json's. */
export function programVersion(): string {
  if (typeof __MINERALS_VERSION__ === 'string') return __MINERALS_VERSION__;
  cachedVersion ??= (
    JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  return cachedVersion;
}

/**
 * The data directory: --data, else MINERALS_DATA, else the fact base shipped with the package.
 * The seeds directory (stored source texts): --seeds, else MINERALS_SEEDS, else `seeds/` inside
 * the data directory if there is one, else `seeds/` beside it (the layout of this repository).
 */
export function makeContext(opts: GlobalOptions, io: Io): Context {
  const dataDir = path.resolve(
    io.cwd,
    opts.data ?? (io.env.MINERALS_DATA || path.join(PACKAGE_ROOT, 'data')),
  );
  let seedsDir: string;
  const explicit = opts.seeds ?? io.env.MINERALS_SEEDS;
  if (explicit) seedsDir = path.resolve(io.cwd, explicit);
  else {
    const inside = path.join(dataDir, 'seeds');
    seedsDir = isDir(inside) ? inside : path.join(path.dirname(dataDir), 'seeds');
  }
  return {
    io,
    dataDir,
    seedsDir,
    json: opts.json === true,
    chalk: makeChalk(colorEnabled(colorFlag(opts.color), io.stdoutIsTTY, io.env)),
    cacheRoot: opts.cache === false ? null : cacheRoot(opts.cacheDir, io.env, io.cwd),
    allowInvalid: opts.allowInvalid === true,
    followLinks: opts.followLinks === true,
  };
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
