// Why a file could not be written, in words, by the error's code: the one line a user error
// gives (`cannot write FILE: permission denied`) instead of a stack trace.
const WRITE_REASONS: Record<string, string> = {
  ENOENT: 'no such directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  EISDIR: 'it is a directory',
  ENOSPC: 'no space left on the device',
  EXDEV: 'it is on another file system than its directory',
  ENAMETOOLONG: 'the name is too long',
  EEXIST: 'a file of that name exists',
};

/** The reason for a write error's code, or the code itself. */
export const writeReason = (code: string): string => WRITE_REASONS[code] ?? code;
