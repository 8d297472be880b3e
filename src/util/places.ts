// Where the tool may read and write: never the kernel's views of itself (/proc, /sys) or the
// devices (/dev), and (unless the user says --follow-links) nothing a symbolic link leads to
// outside the directory it was found in. A data file linked to /proc/self/environ would put the
// environment, tokens included, into a diagnostic's excerpt; a seed text linked to a credentials
// file would be printed line by line by `coverage`.
import nodeFs from 'node:fs';

/** The trees of pseudo-files: reading them never ends, or leaks what the process holds. */
const SPECIAL_TREES = ['/proc', '/sys', '/dev'];

/**
 * Filesystems of pseudo-files, by statfs magic, wherever they are mounted: proc, sysfs, devpts,
 * debugfs, tracefs, securityfs, cgroup, cgroup2, bpf, configfs, efivarfs, pstore.
 */
const SPECIAL_FS = new Set([
  0x9fa0, 0x62656572, 0x1cd1, 0x64626720, 0x74726163, 0x73636673, 0x27e0eb, 0x63677270, 0xcafe4a11,
  0x62656570, 0xde5e81e4, 0x6165676c,
]);

/** Is `real` (a path with no link in it) one of the special trees, or under one? */
const inSpecialTree = (real: string): boolean =>
  SPECIAL_TREES.some((t) => real === t || real.startsWith(`${t}/`));

/**
 * Is `real` (a path with no link in it) a place never to read or write: a special tree, or on a
 * filesystem of pseudo-files? One statfs; a path that cannot be asked about is judged by its name.
 */
export function isSpecialPlace(real: string): boolean {
  if (inSpecialTree(real)) return true;
  try {
    return SPECIAL_FS.has(Number(nodeFs.statfsSync(real).type));
  } catch {
    return false;
  }
}

/** Is `real` the directory `dirReal` or inside it (both with no link in them)? */
const isInside = (real: string, dirReal: string): boolean =>
  real === dirReal || real.startsWith(dirReal.endsWith('/') ? dirReal : `${dirReal}/`);

/** The real path (no link in it), or null when it cannot be resolved (dangling, looping, gone). */
export function realPath(p: string): string | null {
  try {
    return nodeFs.realpathSync(p);
  } catch {
    return null;
  }
}

/** Why a symbolic link may not be followed: where it leads, and whether that is a special place. */
export interface LinkBar {
  target: string;
  special: boolean;
}

/**
 * Whether the link `abs` may not be followed: it leads to a special place (never followed), or
 * (unless `followLinks`) out of the directory whose real path is `dirReal`. Null: follow it (a
 * dangling or looping link too: reading it says why it cannot be).
 */
export function linkBar(abs: string, dirReal: string, followLinks: boolean): LinkBar | null {
  const target = realPath(abs);
  if (target === null) return null;
  if (isSpecialPlace(target)) return { target, special: true };
  return followLinks || isInside(target, dirReal) ? null : { target, special: false };
}
