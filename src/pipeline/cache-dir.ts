// The cache directory is a trust boundary: what is in it decides what a query prints. So it is
// used only when no one but this user can write it (as ssh refuses a key file others can write),
// and it is created a level at a time, never on a filesystem of pseudo-files (`mkdir -p` under
// /proc spins for ever). A directory that fails these tests is not used: the run answers from
// the files, with a one-line notice that says why and what to do.
import nodeFs from 'node:fs';
import path from 'node:path';
import { isSpecialPlace, realPath } from '../util/places.js';

/** How many missing levels of a cache directory's path are created at most. */
const MAX_LEVELS = 32;

const codeOf = (e: unknown) => String((e as { code?: unknown }).code ?? 'EIO');

/**
 * Create `dir` and its missing parents (mode 700), a level at a time: null when it exists or
 * was made, else why not. The first existing parent must not be a place of pseudo-files.
 */
function ensureDir(dir: string): string | null {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    try {
      nodeFs.lstatSync(at);
      break;
    } catch (e) {
      if (codeOf(e) !== 'ENOENT') return `it cannot be looked at (${codeOf(e)})`;
    }
    missing.push(at);
    const up = path.dirname(at);
    if (up === at || missing.length > MAX_LEVELS) return 'it cannot be created (no parent)';
    at = up;
  }
  if (missing.length === 0) return null;
  if (isSpecialPlace(realPath(at) ?? at)) return 'it would be on a filesystem of pseudo-files';
  for (const level of missing.reverse()) {
    try {
      nodeFs.mkdirSync(level, { mode: 0o700 });
    } catch (e) {
      // made by another run in between: fine; anything else is final (no retrying for ever)
      if (codeOf(e) !== 'EEXIST') return `it cannot be created (${codeOf(e)})`;
    }
  }
  return null;
}

/**
 * Why the cache directory `root` must not be used, or null when it may: it is created when
 * missing; it must be a directory (the name may be a link to one: the user chose it), not on a
 * filesystem of pseudo-files, owned by this user, and writable by no one else.
 */
export function cacheDirProblem(root: string): string | null {
  const made = ensureDir(root);
  if (made) return made;
  let st: nodeFs.Stats;
  try {
    st = nodeFs.statSync(root);
  } catch (e) {
    return `it cannot be looked at (${codeOf(e)})`;
  }
  if (!st.isDirectory()) return 'it is not a directory';
  if (isSpecialPlace(realPath(root) ?? root)) return 'it is on a filesystem of pseudo-files';
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid)
    return `it belongs to another user (uid ${st.uid}); anything they put there would be believed`;
  if ((st.mode & 0o022) !== 0)
    return `other users can write it (mode ${(st.mode & 0o777).toString(8)}); anything they put there would be believed (chmod go-w it)`;
  return null;
}
