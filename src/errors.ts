// Known, user-facing failures. The entry point prints these without a stack trace and exits with
// their code; anything else is a bug and keeps its stack.

/** Exit codes: the documented contract (see `minerals help exit-codes` and README). */
export const EXIT = {
  ok: 0,
  /** the data has errors (validate; a query refuses such a base), or `show` found no such record */
  data: 1,
  /** bad usage, unreadable input (a data file too), no fact files, or a limit */
  usage: 2,
} as const;

export class UserError extends Error {
  /**
   * `detail`: lines printed as they are (already sanitized) after the message, such as the
   * diagnostics of a base a query refuses.
   */
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
    readonly detail = '',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** The errno-like code of a directory on a filesystem of pseudo-files (util/places.ts). */
export const SPECIAL = 'ESPECIAL';

export class DataDirError extends UserError {
  constructor(
    readonly dir: string,
    readonly errno: string,
  ) {
    super(
      errno === 'ENOENT'
        ? `data directory not found: ${dir} (set --data DIR or MINERALS_DATA)`
        : errno === 'ENOTDIR'
          ? `data path is not a directory: ${dir}`
          : errno === SPECIAL
            ? `data directory ${dir} is on a filesystem of pseudo-files (such as /proc, /sys or /dev); it is never read`
            : `cannot read data directory ${dir} (${errno})`,
    );
  }
}
