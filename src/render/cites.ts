// Numbered citations: each distinct citation (source, quote, speaker) gets the next number the
// first time a row or claim cites it; the quotes are then listed under the table by number.
import type { Citation } from '../schema/index.js';

export interface CiteNumbers {
  /** `[1][2]`: the numbers of these citations, numbering the new ones. */
  mark(cites: readonly Citation[]): string;
  /** Every citation numbered so far, in number order. */
  readonly notes: readonly Citation[];
}

export function citeNumbers(): CiteNumbers {
  const notes: Citation[] = [];
  const numbers = new Map<string, number>();
  return {
    notes,
    mark: (cites) =>
      cites
        .map((c) => {
          const key = `${c.source}\u0000${c.quote}\u0000${c.said_by ?? ''}`;
          let n = numbers.get(key);
          if (n === undefined) numbers.set(key, (n = notes.push(c)));
          return `[${n}]`;
        })
        .join(''),
  };
}
