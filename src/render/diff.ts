// A unified diff of two texts, as `diff -u` writes it (the file headers aside): what `--dry-run`
// prints for the files a command would write. Pure: the caller names the files and sanitises.

/** One line of either text with its line break, or without one when it is the text's last. */
const linesOf = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

type Op = ' ' | '-' | '+';

/**
 * The shortest edit script from `a` to `b` (Myers' O((N+M)D) algorithm, which GNU diff uses too),
 * in order: each line of `a` kept or deleted, each line of `b` inserted, deletions first where
 * both meet.
 */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const off = n + m + 1;
  let v = new Int32Array(2 * off + 1);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= n + m && found < 0; d++) {
    trace.push(v);
    v = v.slice();
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!);
      let x = down ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  // walk back from the end: each step of d is one deletion or insertion after a run kept
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && prev[off + k - 1]! < prev[off + k + 1]!);
    const pk = down ? k + 1 : k - 1;
    const px = prev[off + pk]!;
    const py = px - pk;
    for (; x > px && y > py; x--, y--) ops.push(' ');
    if (down) y--;
    else x--;
    ops.push(down ? '+' : '-');
  }
  for (; x > 0; x--) ops.push(' ');
  ops.reverse();
  // within a run of changes, deletions first (as diff prints them)
  for (let i = 0; i < ops.length; ) {
    if (ops[i] === ' ') {
      i++;
      continue;
    }
    let j = i;
    while (j < ops.length && ops[j] !== ' ') j++;
    const dels = ops.slice(i, j).filter((o) => o === '-').length;
    ops.fill('-', i, i + dels).fill('+', i + dels, j);
    i = j;
  }
  return ops;
}

/** `start,length` as diff writes a range: the length left out when 1, the line before an empty one. */
const range = (start: number, length: number) =>
  length === 1 ? `${start}` : `${length === 0 ? start - 1 : start},${length}`;

/**
 * The hunks of a unified diff from `before` to `after`, with `context` unchanged lines around each
 * change (hunks that close merge), as `diff -u` prints them after its two header lines; '' when the
 * texts are equal. A last line without a line break is followed by `\ No newline at end of file`.
 */
export function diffHunks(before: string, after: string, context = 3): string {
  const a = linesOf(before);
  const b = linesOf(after);
  const ops = editScript(a, b);
  const changes = ops.flatMap((o, i) => (o === ' ' ? [] : [i]));
  if (changes.length === 0) return '';
  // where each op stands in either text, to number the hunks
  const atA: number[] = [];
  const atB: number[] = [];
  let i = 0;
  let j = 0;
  for (const o of ops) {
    atA.push(i);
    atB.push(j);
    if (o !== '+') i++;
    if (o !== '-') j++;
  }
  let out = '';
  for (let c = 0; c < changes.length; ) {
    const from = Math.max(0, changes[c]! - context);
    let last = changes[c]!;
    // a change with at most 2 × context unchanged lines before it joins the hunk
    while (c + 1 < changes.length && changes[c + 1]! - last <= 2 * context + 1)
      last = changes[++c]!;
    c++;
    const to = Math.min(ops.length, last + context + 1);
    let body = '';
    let lenA = 0;
    let lenB = 0;
    for (let k = from; k < to; k++) {
      const o = ops[k]!;
      const line = o === '+' ? b[atB[k]!]! : a[atA[k]!]!;
      if (o !== '+') lenA++;
      if (o !== '-') lenB++;
      body += `${o}${line}${line.endsWith('\n') ? '' : '\n\\ No newline at end of file\n'}`;
    }
    out += `@@ -${range(atA[from]! + 1, lenA)} +${range(atB[from]! + 1, lenB)} @@\n${body}`;
  }
  return out;
}

/** A whole unified diff: the two header lines (`--- OLD`, `+++ NEW`) and the hunks; '' when equal. */
export function unifiedDiff(
  before: string,
  after: string,
  oldName: string,
  newName: string,
): string {
  const hunks = diffHunks(before, after);
  return hunks === '' ? '' : `--- ${oldName}\n+++ ${newName}\n${hunks}`;
}
