// Fitting a table to a terminal: how wide each column may be, and its cells wrapped to that
// width. Nothing is ever cut: a column that is never cut (ids, numbers, dates, citation markers)
// keeps each item of its cells whole on a line; a free-text column wraps at spaces. Pure.

/**
 * How a table cell may be laid out on a narrow terminal. 'never': every item of the cell stays
 * whole on one line (a list may put its items, after ", " or "; ", on lines of their own); only
 * when those columns alone are wider than the terminal does an item break after a hyphen.
 * 'wrap': free text, wrapped at spaces; a word too long for the column breaks after a hyphen, or
 * at the column's edge, but a word with a digit in it (a number, a year) is never broken.
 */
export type Cut = 'never' | 'wrap';

export interface Column {
  head: string;
  cells: readonly string[];
  cut: Cut;
}

/** Below this a free-text column is not narrowed unless its text is shorter. */
const MIN_WRAP = 8;

/** East Asian wide and fullwidth characters: two columns on a terminal (as string-width counts). */
const isWide = (c: number) =>
  c >= 0x1100 &&
  (c <= 0x115f ||
    c === 0x2329 ||
    c === 0x232a ||
    (c >= 0x2e80 && c <= 0x3247 && c !== 0x303f) ||
    (c >= 0x3250 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0xa4c6) ||
    (c >= 0xa960 && c <= 0xa97c) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe10 && c <= 0xfe19) ||
    (c >= 0xfe30 && c <= 0xfe6b) ||
    (c >= 0xff01 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1b000 && c <= 0x1b001) ||
    (c >= 0x1f200 && c <= 0x1f251) ||
    (c >= 0x20000 && c <= 0x3fffd));
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/** The columns a character takes: 2 wide, 0 combining, else 1. */
const charWidth = (ch: string): number => {
  const c = ch.codePointAt(0)!;
  if (c >= 0x300 && c <= 0x36f) return 0;
  return isWide(c) || (c > 0xff && PICTOGRAPH.test(ch)) ? 2 : 1;
};

/** The columns a text takes on a terminal. */
export function width(s: string): number {
  let n = 0;
  for (const ch of s) n += charWidth(ch);
  return n;
}
const longest = (parts: readonly string[]) => Math.max(0, ...parts.map((p) => width(p.trim())));

/** The items of a never-cut cell: a list breaks after its separators, citation markers between them. */
const items = (s: string): string[] => s.split(/(?<=, |; )|(?<=\])(?=\[)/);

/** The words of free text; a lone sign (>, ≤, ≈, —) stays with the word after it. */
function words(s: string): string[] {
  const out: string[] = [];
  let sign = '';
  for (const w of s.split(' ')) {
    if (w === '') continue;
    if (width(w) === 1 && !/[\p{L}\p{N}]/u.test(w)) sign += `${w} `;
    else {
      out.push(sign + w);
      sign = '';
    }
  }
  if (sign !== '') out.push(sign.trimEnd());
  return out;
}

const hasDigit = (s: string) => /\p{N}/u.test(s);
/** The pieces a word breaks into after its hyphens ("joint-venture" -> "joint-", "venture"). */
const hyphenPieces = (s: string) => s.split(/(?<=[^-]-)(?=[^-])/);

/**
 * The narrowest a column may be at each step of fitting: [0] no word and no item broken, [1] words
 * of free text broken after their hyphens, [2] never-cut items broken after their hyphens too,
 * [3] free text broken anywhere, but not inside a word with a digit. A header word is never
 * broken.
 */
function floors(c: Column, headers: boolean): number[] {
  const head = headers ? longest(c.head.split(' ')) : 1;
  if (c.cut === 'never') {
    const all = c.cells.flatMap(items);
    const whole = Math.max(head, longest(all));
    const pieces = Math.max(head, longest(all.flatMap((i) => hyphenPieces(i.trim()))), 1);
    return [whole, whole, pieces, pieces];
  }
  const natural = naturalWidth(c, headers);
  const all = c.cells.flatMap(words);
  const pieces = Math.max(head, longest(all.flatMap((w) => (hasDigit(w) ? [w] : hyphenPieces(w)))));
  const anywhere = Math.max(head, longest(all.filter(hasDigit)), Math.min(natural, MIN_WRAP), 1);
  return [Math.max(head, longest(all)), pieces, pieces, anywhere];
}

/** The space between two columns. */
export const GAP = 2;

/**
 * Column widths that fit a terminal `space` characters wide, with the gaps between the columns: each step (see
 * floors) narrows the widest column that may still be narrowed, one character at a time, until
 * the row fits; a step is taken only when the ones before could not make it fit. When the
 * never-cut items alone are too wide, so is the table.
 */
export function fitWidths(columns: readonly Column[], space: number, headers = true): number[] {
  const w = columns.map((c) => naturalWidth(c, headers));
  const limits = columns.map((c) => floors(c, headers));
  const available = space - GAP * Math.max(0, columns.length - 1);
  let total = w.reduce((a, b) => a + b, 0);
  for (let step = 0; step < 4 && total > available; step++)
    while (total > available) {
      let widest = -1;
      for (let i = 0; i < w.length; i++)
        if (w[i]! > limits[i]![step]! && (widest < 0 || w[i]! > w[widest]!)) widest = i;
      if (widest < 0) break;
      w[widest]!--;
      total--;
    }
  return total > available ? w : settle(columns, w, available, headers);
}

/**
 * Wrapped cells rarely fill their column to the last character: take each column in to its
 * longest line, and give what that frees to the columns still wrapped (the one with the most
 * text left over first), a few times over.
 */
function settle(columns: readonly Column[], w: number[], available: number, headers: boolean) {
  const natural = columns.map((c) => naturalWidth(c, headers));
  for (let pass = 0; pass < 3; pass++) {
    columns.forEach((c, i) => {
      const lines = [
        ...(headers ? wrapCell(c.head, w[i]!, 'wrap') : []),
        ...c.cells.flatMap((cell) => wrapCell(cell, w[i]!, c.cut)),
      ];
      w[i] = Math.max(1, ...lines.map(width));
    });
    let slack = available - w.reduce((a, b) => a + b, 0);
    if (slack <= 0) break;
    let given = false;
    while (slack > 0) {
      let most = -1;
      for (let i = 0; i < w.length; i++)
        if (w[i]! < natural[i]! && (most < 0 || natural[i]! - w[i]! > natural[most]! - w[most]!))
          most = i;
      if (most < 0) break;
      w[most]!++;
      slack--;
      given = true;
    }
    if (!given) break;
  }
  return w;
}

/** A column's width when nothing is wrapped: its widest cell, or its header. */
export const naturalWidth = (c: Column, headers = true): number =>
  Math.max(headers ? width(c.head) : 0, ...c.cells.map(width));

/** Lay units out greedily on lines of at most `w` characters, joined by `joiner` on a line. */
function fill(units: readonly string[], w: number, joiner: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const u of units) {
    const next = line === '' ? u : `${line}${joiner}${u}`;
    if (line !== '' && width(next.trim()) > w) {
      lines.push(line.trim());
      line = u;
    } else line = next;
  }
  if (line !== '' || lines.length === 0) lines.push(line.trim());
  return lines;
}

/** A word too long for `w`, as lines: broken after its hyphens, then at the edge. */
function breakWord(word: string, w: number): string[] {
  return fill(hyphenPieces(word), w, '').flatMap((piece) => {
    const out = [''];
    for (const ch of piece) {
      if (out.at(-1) !== '' && width(out.at(-1)!) + charWidth(ch) > w) out.push('');
      out[out.length - 1] += ch;
    }
    return out;
  });
}

/** Free text as lines of at most `w` characters; a word with a digit in it is never broken. */
function wrapText(text: string, w: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words(text)) {
    const next = line === '' ? word : `${line} ${word}`;
    if (width(next) <= w) line = next;
    else {
      if (line !== '') lines.push(line);
      const pieces = width(word) <= w || hasDigit(word) ? [word] : breakWord(word, w);
      lines.push(...pieces.slice(0, -1));
      line = pieces.at(-1)!;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** A cell as the lines it takes in a column `w` wide. */
export function wrapCell(text: string, w: number, cut: Cut): string[] {
  if (width(text) <= w) return [text];
  if (cut === 'wrap') return wrapText(text, w);
  // each item whole on its line; an item wider than the column breaks after its hyphens
  const units = items(text).flatMap((item) =>
    width(item.trim()) <= w ? [item] : hyphenPieces(item),
  );
  return fill(units, w, '');
}
