/**
 * Edit distance counting a swap of two neighbouring letters as one edit ("nmae" is 1 from "name").
 * With `bound`, only distances up to it are worked out (a band of the table around its diagonal,
 * given up as soon as a row exceeds it): a larger one is returned as bound + 1, in time that
 * grows with the length times the bound, not with the two lengths multiplied.
 */
export function distance(a: string, b: string, bound = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  const n = b.length;
  const FAR = Number.POSITIVE_INFINITY;
  let before: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => (j <= bound ? j : FAR));
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(n + 1).fill(FAR);
    row[0] = i <= bound ? i : FAR;
    let least = row[0];
    // cells further than `bound` from the diagonal hold more than `bound` edits
    const last = Math.min(n, i + bound);
    for (let j = Math.max(1, i - bound); j <= last; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
      if (d < least) least = d;
    }
    // no later row can come back under it (a swap reaches back one row, at the cost of an edit)
    if (least > bound) return bound + 1;
    before = prev;
    prev = row;
  }
  return prev[n]! > bound ? bound + 1 : prev[n]!;
}

/** The longest word closest compares: a longer one (a pasted paragraph) gets no suggestions. */
export const MAX_SUGGESTED = 100;

/** The closest candidates to `word`, best first: near misses by edit distance, then prefixes. */
export function closest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase();
  // Every candidate starts with the empty string: suggesting them all would be noise.
  if (w.trim() === '' || w.length > MAX_SUGGESTED) return [];
  const limit = Math.max(1, Math.floor(w.length / 3));
  const scored: Array<[number, number, string]> = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    // one the start of the other: as near as one edit, though the distance is the rest's length
    const prefix = lc.startsWith(w) || w.startsWith(lc);
    const real = prefix ? Math.abs(lc.length - w.length) : distance(w, lc, limit);
    const d = prefix ? Math.min(1, real) : real;
    if (d <= limit) scored.push([d, real, c]);
  }
  // near misses first, and among equals the one with fewer edits ("copper" before "co" for "coper")
  scored.sort((x, y) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0));
  return [...new Set(scored.map(([, , c]) => c))].slice(0, max);
}
