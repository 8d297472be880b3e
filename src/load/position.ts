// Maps UTF-16 string offsets (what the yaml parser reports) to 1-based lines and columns
// counted in characters, so a column after an emoji is where an editor shows it.

export class Positions {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  at(offset: number): { line: number; col: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    const start = this.starts[lo]!;
    let col = 1;
    for (let i = start; i < o; i++) {
      const c = this.text.charCodeAt(i);
      // the second half of a surrogate pair is not a character of its own
      if (!(c >= 0xdc00 && c <= 0xdfff && i > start && isHigh(this.text.charCodeAt(i - 1)))) col++;
    }
    return { line: lo + 1, col };
  }

  /** The text of a 1-based line, without its line ending. */
  line(n: number): string {
    const start = this.starts[n - 1] ?? this.text.length;
    const next = this.starts[n];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
