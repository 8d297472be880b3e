/** Edit distance counting a swap of two neighbouring letters as one edit ("nmae" is 1 from "name"). */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** The closest candidates to `word`, best first: near misses by edit distance, then prefixes. */
export function closest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase();
  // Every candidate starts with the empty string: suggesting them all would be noise.
  if (w.trim() === '') return [];
  const limit = Math.max(1, Math.floor(w.length / 3));
  const scored: Array<[number, number, string]> = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    const real = distance(w, lc);
    const d = lc.startsWith(w) || w.startsWith(lc) ? Math.min(1, real) : real;
    if (d <= limit) scored.push([d, real, c]);
  }
  // near misses first, and among equals the one with fewer edits ("copper" before "co" for "coper")
  scored.sort((x, y) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0));
  return [...new Set(scored.map(([, , c]) => c))].slice(0, max);
}
