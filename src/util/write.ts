// The one way this program writes a file: readers see the old content or the whole new one, never
// part of it. The text goes to a new temporary file in the same directory (so the rename stays on
// one file system), which then replaces the target by a rename. Only a regular file is replaced:
// a directory, FIFO, socket, block device or symbolic link is refused (the link is not followed,
// and neither it nor what it points to is touched); a character device (a terminal, /dev/null,
// /dev/stdout's) is written as it is, never replaced.
import fs from 'node:fs';
import path from 'node:path';
import { holdingSignals } from './signals.js';
import { describeType } from './filetype.js';

/** The longest file name most file systems take, in bytes. */
const NAME_MAX = 255;

/** A fresh name beside `name` for its temporary file, cut to fit NAME_MAX: `.NAME.PID.RANDOM.tmp`. */
function tempName(name: string): string {
  const suffix = `.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  let head = `.${name}`;
  const room = NAME_MAX - Buffer.byteLength(suffix);
  if (Buffer.byteLength(head) > room) {
    const chars = [...head];
    while (Buffer.byteLength(head) > room) {
      chars.pop();
      head = chars.join('');
    }
  }
  return head + suffix;
}

/** What a write refuses to replace: `code` ENOTREG (or EISDIR for a directory), with its `type`. */
const notRegular = (file: string, st: fs.Stats) =>
  Object.assign(new Error(`${file} is a ${describeType(st)}`), {
    code: st.isDirectory() ? 'EISDIR' : 'ENOTREG',
    type: describeType(st),
  });

/**
 * Write `content` to `file` atomically and return its length in bytes. A file that exists keeps
 * its permissions. `mkdir`: create the parent directories first. Errors are node's, with their
 * `code` (ENOTREG, with a `type`, for what is not a regular file); the temporary file is removed
 * on failure.
 */
export function writeAtomic(
  file: string,
  content: string | Uint8Array,
  opts: { mkdir?: boolean } = {},
): number {
  const dir = path.dirname(file);
  if (opts.mkdir) fs.mkdirSync(dir, { recursive: true });
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  if (st && !st.isFile()) {
    if (!st.isCharacterDevice()) throw notRegular(file, st);
    fs.writeFileSync(file, content);
    return Buffer.byteLength(content);
  }
  const tmp = path.join(dir, tempName(path.basename(file)));
  // Ctrl-C during the write waits until the temporary file is renamed or removed
  holdingSignals(() => {
    try {
      fs.writeFileSync(tmp, content, { flag: 'wx' });
      // the file's own permissions, not the umask's default (a page kept private stays private)
      if (st) fs.chmodSync(tmp, st.mode & 0o7777);
      fs.renameSync(tmp, file);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
  });
  return Buffer.byteLength(content);
}

/**
 * Write `content` to `file`, which must not exist yet (EEXIST if it does, whatever it is: nothing
 * is replaced): a temporary file linked to the name, so that readers never see part of it.
 */
export function writeNew(file: string, content: string): void {
  const tmp = path.join(path.dirname(file), tempName(path.basename(file)));
  holdingSignals(() => {
    try {
      fs.writeFileSync(tmp, content, { flag: 'wx' });
      fs.linkSync(tmp, file);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  });
}
