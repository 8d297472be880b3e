// The whole-base checks of index.ts for a base read one file at a time and expected to have no
// errors (the store's full build, pipeline/build.ts), holding only what they need across files:
// every id with its kind, and for each id referred to before it is seen, the kinds every such
// reference accepts, and the links of the records that have a chain (a parent, part_of or groups:
// cycles.ts). Each record's own checks run as it is read; its quotes are checked against
// their source's text once every text is known (the caller reads them back from the store). On
// the first thing that would be an error the check fails and the caller loads the whole base the
// ordinary way, where checkBase places every error; warnings (a modality marker) are placed here
// just as checkBase places them, so a base without errors gets the same diagnostics.
import type { Diagnostic } from '../diagnostics.js';
import { refsOf } from '../schema/kinds.js';
import { KINDS } from '../schema/vocab.js';
import { checkBodyRules } from './body.js';
import { chainIds, knotsOf } from './cycles.js';
import { checkClaim } from './index.js';
import type { Locate, Located } from './input.js';

const ALL = (1 << KINDS.length) - 1;
const bit = (kind: string): number => {
  const i = (KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? 0 : 1 << i;
};
const maskOf = (expected: readonly string[] | 'any'): number =>
  expected === 'any' ? ALL : expected.reduce((m, k) => m | bit(k), 0);

/**
 * A string of its own: one parsed from a file may be a slice that keeps the whole file's text
 * alive, which an id held to the end of the build must not.
 */
const own = (s: string): string => ` ${s}`.slice(1);

export class StreamCheck<L> {
  /** Every id seen, with its kind (one bit of KINDS). */
  private readonly kinds = new Map<string, number>();
  /** Ids referred to before they were seen: the kinds every such reference accepts. */
  private readonly wanted = new Map<string, number>();
  /** The records that have a chain, with the ids it names. */
  private readonly chains: Array<{ id: string; kind: string; targets: string[] }> = [];
  /** The warnings of the records' own checks, in the order checkBase finds them. */
  readonly warnings: Diagnostic[] = [];

  constructor(private readonly diagnosticAt: Locate<L>) {}

  /** Every item of a file that names an id, before its records: false when an id is used twice. */
  ids(sites: ReadonlyArray<{ id: string; kind: string | undefined }>): boolean {
    for (const { id, kind } of sites) {
      const b = kind === undefined ? 0 : bit(kind);
      if (this.kinds.has(id) || b === 0) return false;
      this.kinds.set(own(id), b);
    }
    return true;
  }

  /**
   * One record's checks, all but its quotes (the caller's quote check): false when one would be
   * an error. `text` is a source record's own text, which its body rules name lines of.
   */
  record(lr: Located<L>, text?: { file: string; text: string }): boolean {
    const { record } = lr;
    for (const ref of refsOf(record)) {
      const mask = maskOf(ref.expected);
      const k = this.kinds.get(ref.id);
      if (k !== undefined) {
        if ((mask & k) === 0) return false;
      } else {
        const w = this.wanted.get(ref.id);
        this.wanted.set(w === undefined ? own(ref.id) : ref.id, (w ?? ALL) & mask);
      }
    }
    const targets = chainIds(record);
    if (targets.length > 0)
      this.chains.push({ id: own(record.id), kind: record.kind, targets: targets.map(own) });
    for (const [i, claim] of (record.claims ?? []).entries())
      for (const d of checkClaim(lr, i, claim, this.diagnosticAt)) {
        if (d.severity === 'error') return false;
        this.warnings.push(d);
      }
    if (record.kind === 'source' && record.body !== undefined) {
      if (text === undefined) return false;
      const input = { records: [lr], ids: [], texts: new Map([[record.id, text]]) };
      if (checkBodyRules(input, this.diagnosticAt).length > 0) return false;
    }
    return true;
  }

  /** Once every file is read: each id referred to exists, of a kind every reference accepts. */
  refsResolve(): boolean {
    for (const [id, mask] of this.wanted) {
      const k = this.kinds.get(id);
      if (k === undefined || (mask & k) === 0) return false;
    }
    return true;
  }

  /** Once every file is read: no parent, part_of or groups chain comes back to where it started. */
  chainsEnd(): boolean {
    return knotsOf(this.chains).length === 0;
  }
}
