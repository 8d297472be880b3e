// Lists the data files under a directory: every `*.yaml` / `*.yml` whose name does not start with
// a dot, in code-point order of the relative path, each (device, inode) once. Symbolic links are
// followed while they stay inside the data directory (anywhere with --follow-links), but a
// directory is never entered twice, so link loops end; nothing on a filesystem of pseudo-files
// (/proc, /sys, /dev) is ever read or entered, link or not.
import type { Dirent } from 'node:fs';
import path from 'node:path';
import type { Fs } from './read.js';
import { describeType } from '../util/filetype.js';
import { errnoOf } from './read.js';
import { SPECIAL } from '../errors.js';
import { isSpecialPlace, linkBar, realPath } from '../util/places.js';

export interface FileEntry {
  abs: string;
  /** Relative to the data directory, with forward slashes. */
  rel: string;
  /** What the store keys a file by: size, modification and change times, inode when it was listed. */
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export interface WalkProblem {
  rel: string;
  code:
    | 'file-unreadable'
    | 'file-vanished'
    | 'not-regular-file'
    | 'dir-unreadable'
    | 'link-outside'
    | 'dir-link-outside'
    | 'special-file';
  args: Record<string, unknown>;
}

/** The names that are data files. Editor junk (`x.yaml~`, `.x.yaml.swp`, `.#x.yaml`, `._x.yaml`) is not. */
export const isDataFileName = (name: string): boolean =>
  !name.startsWith('.') && /\.ya?ml$/.test(name);

/** An entry whose type the directory gives, and which is neither a directory nor a link (DT_UNKNOWN: none of the types). */
const notFollowed = (d: Dirent) =>
  d.isFile() || d.isFIFO() || d.isSocket() || d.isCharacterDevice() || d.isBlockDevice();

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A link the walk may not follow, as its problem. */
function barred(
  abs: string,
  rel: string,
  dir: boolean,
  rootReal: string,
  followLinks: boolean,
): WalkProblem | null {
  const bar = linkBar(abs, rootReal, followLinks);
  if (!bar) return null;
  const { target } = bar;
  const code = bar.special ? 'special-file' : dir ? 'dir-link-outside' : 'link-outside';
  return { rel, code, args: { target } };
}

/** A directory that is a mount point, as a problem when what is mounted there is pseudo-files. */
function mountedSpecial(abs: string, rel: string): WalkProblem | null {
  const target = realPath(abs) ?? abs;
  return isSpecialPlace(target) ? { rel, code: 'special-file', args: { target } } : null;
}

/**
 * The data files under `root`. A root on a filesystem of pseudo-files throws (errno ESPECIAL);
 * `followLinks` follows links out of it.
 */
export function walk(
  fs: Fs,
  root: string,
  followLinks = false,
): { files: FileEntry[]; problems: WalkProblem[] } {
  const files: FileEntry[] = [];
  const problems: WalkProblem[] = [];
  const seen = new Set<string>();
  const rootStat = fs.statSync(root);
  const rootReal = realPath(root) ?? root;
  if (isSpecialPlace(rootReal))
    throw Object.assign(new Error('a filesystem of pseudo-files'), { code: SPECIAL });
  seen.add(`${rootStat.dev}:${rootStat.ino}`);

  const visit = (dir: string, relDir: string, dev: number) => {
    let entries: Array<string | Dirent>;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }) as Array<string | Dirent>;
    } catch (e) {
      problems.push({ rel: relDir || '.', code: 'dir-unreadable', args: { errno: errnoOf(e) } });
      return;
    }
    // the entry's type as the directory gives it (no stat): a file that is not a data file is
    // passed over unread (a seeds directory beside the data holds thousands)
    const known = new Map<string, Dirent>();
    for (const e of entries) if (typeof e !== 'string') known.set(e.name, e);
    const names = entries.map((e) => (typeof e === 'string' ? e : e.name)).sort(byCodePoint);
    // path.join(dir, name) for every name alike (no entry's name has a slash, or is . or ..):
    // joined once, a hundred thousand entries are not each normalized again
    const prefix = path.join(dir, 'x').slice(0, -1);
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const wanted = isDataFileName(name);
      const type = known.get(name);
      if (!wanted && type && notFollowed(type)) continue;
      const abs = prefix + name;
      const rel = relDir ? `${relDir}/${name}` : name;
      let st: ReturnType<Fs['lstatSync']>;
      let link = false;
      try {
        st = fs.lstatSync(abs);
        link = st.isSymbolicLink();
        if (link) st = fs.statSync(abs);
      } catch (e) {
        // an entry that vanished after listing, or a dangling (ENOENT) or looping (ELOOP) link
        if (wanted) {
          const errno = errnoOf(e);
          problems.push(
            errno === 'ENOENT' && !link
              ? { rel, code: 'file-vanished', args: {} }
              : { rel, code: 'file-unreadable', args: { errno } },
          );
        }
        continue;
      }
      const key = `${st.dev}:${st.ino}`;
      const isDir = st.isDirectory();
      if (isDir && wanted) {
        problems.push({ rel, code: 'not-regular-file', args: { type: 'directory' } });
        continue;
      }
      if (isDir && seen.has(key)) continue;
      // a link is judged by where it leads; a directory that is a mount point (another device)
      // by what is mounted there
      const bar =
        // (a link to a device or FIFO is reported as what it is, not-regular-file, never read)
        link && (isDir || (wanted && st.isFile()))
          ? barred(abs, rel, isDir, rootReal, followLinks)
          : isDir && st.dev !== dev
            ? mountedSpecial(abs, rel)
            : null;
      if (bar) {
        problems.push(bar);
        continue;
      }
      if (isDir) {
        seen.add(key);
        visit(abs, rel, st.dev);
      } else if (wanted) {
        if (!st.isFile())
          problems.push({ rel, code: 'not-regular-file', args: { type: describeType(st) } });
        else if (!seen.has(key)) {
          seen.add(key);
          files.push({
            abs,
            rel,
            size: st.size,
            mtimeMs: st.mtimeMs,
            ctimeMs: st.ctimeMs,
            ino: st.ino,
          });
        }
      }
    }
  };
  visit(root, '', rootStat.dev);
  files.sort((a, b) => byCodePoint(a.rel, b.rel));
  return { files, problems };
}
