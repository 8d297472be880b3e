// Reading a source's stored text: the same rules whether the base is loaded from its files or
// answered from the cache (no YAML, no schema here, so a cached query can read texts cheaply).
import path from 'node:path';
import { type Fs, readCapped } from './read.js';
import { decode } from './text.js';

export type SourceRead =
  | { ok: true; text: string }
  | { ok: false; code: 'source-file-missing' | 'source-file-unreadable'; errno: string };

/** The text of `file` under the seeds directory, or why it cannot be used. */
export function readSourceFile(fs: Fs, seedsDir: string, file: string): SourceRead {
  const read = readCapped(fs, path.join(seedsDir, file));
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
