// What the whole-base checks read, and how they place what they find: the loader's business is
// where a record stands (`at`), the checks only hand it back with a path inside the record.
import type { Diagnostic } from '../diagnostics.js';
import type { FactRecord } from '../schema/index.js';
import type { PathSeg } from '../schema/refs.js';

/** A record as the checks see it: where it stands is the loader's business (`at`). */
export interface Located<L> {
  record: FactRecord;
  at: L;
}

/** What the whole-base checks read: the records, every item that names an id, the source texts. */
export interface CheckInput<L> {
  records: ReadonlyArray<Located<L>>;
  /** Every item that names an id, valid or not, with its kind as written. */
  ids: ReadonlyArray<{ id: string; kind: string | undefined; at: L }>;
  texts: ReadonlyMap<string, { file: string; text: string }>;
}

/** Makes a diagnostic at a path inside a located record (at its key when `atKey`). */
export type Locate<L> = (
  at: L,
  path: readonly PathSeg[],
  code: string,
  args?: Record<string, unknown>,
  atKey?: boolean,
) => Diagnostic;
