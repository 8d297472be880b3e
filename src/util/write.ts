// The one way this program writes a file: readers see the old content or the whole new one, never
// part of it. The text goes to a new temporary file in the same directory (so the rename stays on
// one file system), which then replaces the target by a rename.
import fs from 'node:fs';
import path from 'node:path';

/**
 * Write `content` to `file` atomically and return its length in bytes. A directory is never
 * replaced (EISDIR). `mkdir`: create the parent directories first. Errors are node's, with their
 * `code`; the temporary file is removed on failure.
 */
export function writeAtomic(file: string, content: string, opts: { mkdir?: boolean } = {}): number {
  const dir = path.dirname(file);
  if (opts.mkdir) fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(
    dir,
    `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`,
  );
  try {
    if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory())
      throw Object.assign(new Error(`${file} is a directory`), { code: 'EISDIR' });
    fs.writeFileSync(tmp, content, { flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return Buffer.byteLength(content);
}
