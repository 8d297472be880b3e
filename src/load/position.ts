// Maps UTF-16 string offsets (what the yaml parser reports) to 1-based lines and columns
// counted in characters, so a column after an emoji is where an editor shows it.

export class Positions {
  private readonly starts: number[] = [0];
  /** Offsets of the second half of every surrogate pair: code units that are not characters. */
  private readonly lows: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c >= 0xdc00 && c <= 0xdfff && i > 0 && isHigh(text.charCodeAt(i - 1)))
        this.lows.push(i);
    }
  }

  /** Binary searches only: a file with many diagnostics on one long line stays linear. */
  at(offset: number): { line: number; col: number } {
    let o = Math.max(0, Math.min(offset, this.text.length));
    // the LF of a CRLF is where the line ends, like its CR: the column just after the text
    if (o > 0 && this.text.charCodeAt(o) === 10 && this.text.charCodeAt(o - 1) === 13) o--;
    const line = countAtMost(this.starts, o);
    const start = this.starts[line - 1]!;
    return { line, col: o - start + 1 - (countBelow(this.lows, o) - countBelow(this.lows, start)) };
  }

  /** The text of a 1-based line, without its line ending. */
  line(n: number): string {
    const start = this.starts[n - 1] ?? this.text.length;
    const next = this.starts[n];
    let end = next === undefined ? this.text.length : next - 1;
    // the CR of a CRLF ending; a CR that ends the text (a lone CR) is a character of the line
    if (next !== undefined && end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** How many items of a sorted array are below x. */
function countBelow(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const countAtMost = (a: readonly number[], x: number) => countBelow(a, x + 1);
