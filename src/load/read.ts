// The only code that opens data files. It never blocks on a FIFO, never reads a device, and never
// reads more than the size cap, whatever the directory holds.
import nodeFs from 'node:fs';
import { describeType } from '../util/filetype.js';

/** Largest data file read, in bytes. Bigger files are refused with `file-too-large`. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The subset of node:fs the loader uses, so tests can inject faults (EACCES, ENOENT, EIO). */
export type Fs = Pick<
  typeof nodeFs,
  'readdirSync' | 'lstatSync' | 'statSync' | 'openSync' | 'fstatSync' | 'readSync' | 'closeSync'
>;

export type ReadResult =
  | { ok: true; bytes: Buffer }
  | {
      ok: false;
      code: 'file-unreadable' | 'file-vanished' | 'file-too-large' | 'not-regular-file';
      args: Record<string, unknown>;
    };

export function errnoOf(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e
    ? String((e as { code: unknown }).code)
    : 'EIO';
}

export function readCapped(fs: Fs, path: string, limit = MAX_FILE_BYTES): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: if a FIFO was swapped in after the directory was listed, open must not hang.
    fd = fs.openSync(path, nodeFs.constants.O_RDONLY | nodeFs.constants.O_NONBLOCK);
  } catch (e) {
    const errno = errnoOf(e);
    return errno === 'ENOENT'
      ? { ok: false, code: 'file-vanished', args: {} }
      : { ok: false, code: 'file-unreadable', args: { errno } };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile())
      return { ok: false, code: 'not-regular-file', args: { type: describeType(st) } };
    if (st.size > limit)
      return { ok: false, code: 'file-too-large', args: { size: st.size, limit } };
    // Read until end of file, but never past limit + 1 bytes: a file that grows after fstat is
    // still caught by the cap.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // the size fstat gave plus one byte to see the end; past that size (the file grew, or
      // fstat under-reports) go on in 64 KiB chunks rather than byte by byte
      const want = total <= st.size ? st.size - total + 1 : 1 << 16;
      const buf = Buffer.allocUnsafe(Math.min(want, limit + 1 - total, 1 << 20));
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > limit) return { ok: false, code: 'file-too-large', args: { size: total, limit } };
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (e) {
    return { ok: false, code: 'file-unreadable', args: { errno: errnoOf(e) } };
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // closing a descriptor we opened cannot fail in a way the user can act on
    }
  }
}
