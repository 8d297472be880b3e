// Reading a source's stored text: the same rules whether the base is loaded from its files or
// answered from the cache (no YAML, no schema here, so a cached query can read texts cheaply).
import path from 'node:path';
import { type Fs, readCapped } from './read.js';
import { decode } from './text.js';
import { linkBar, realPath } from '../util/places.js';

export type SourceRead =
  | { ok: true; text: string }
  | { ok: false; code: 'source-file-missing' | 'source-file-unreadable'; errno: string }
  | { ok: false; code: 'source-link-outside'; target: string; errno: string };

/** A source text that is a link it may not follow, as the reason it is not read. */
function barred(abs: string, seedsDir: string, followLinks: boolean): SourceRead | null {
  const bar = linkBar(abs, realPath(seedsDir) ?? seedsDir, followLinks);
  if (!bar) return null;
  return bar.special
    ? {
        ok: false,
        code: 'source-file-unreadable',
        errno: `it leads to ${bar.target}, on a filesystem of pseudo-files`,
      }
    : {
        ok: false,
        code: 'source-link-outside',
        target: bar.target,
        errno: 'a link out of the seeds directory',
      };
}

/** Is the file a symbolic link? (A source names a file directly in the seeds directory.) */
const isLink = (fs: Fs, abs: string) => {
  try {
    return fs.lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
};

/**
 * The text of `file` under the seeds directory, or why it cannot be used. A link is followed only
 * to a file inside the seeds directory, unless `followLinks`; never to /proc, /sys or /dev.
 */
export function readSourceFile(
  fs: Fs,
  seedsDir: string,
  file: string,
  followLinks = false,
): SourceRead {
  const abs = path.join(seedsDir, file);
  const bar = isLink(fs, abs) ? barred(abs, seedsDir, followLinks) : null;
  if (bar) return bar;
  const read = readCapped(fs, abs);
  if (!read.ok) {
    const missing = read.code === 'file-vanished';
    return {
      ok: false,
      code: missing ? 'source-file-missing' : 'source-file-unreadable',
      errno: read.code === 'file-unreadable' ? String(read.args.errno) : read.code,
    };
  }
  const { text, problems } = decode(read.bytes);
  if (problems.some((p) => p.code === 'not-utf8' || p.code === 'nul-byte'))
    return { ok: false, code: 'source-file-unreadable', errno: 'not UTF-8 text' };
  return { ok: true, text };
}
