// What kind of file a stat says a path is, in the words messages use.
import type { Stats } from 'node:fs';

/** "directory", "FIFO", "character device", ...: what a file that is not a regular one is. */
export function describeType(st: Stats): string {
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'FIFO';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isSocket()) return 'socket';
  if (st.isSymbolicLink()) return 'symbolic link';
  return 'special file';
}
