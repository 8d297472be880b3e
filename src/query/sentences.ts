// Sentence and figure finding for coverage. Works on normalised text (see util/quotes.ts) so that
// offsets line up with how quotes are matched.

const ABBREVIATIONS = new Set([
  'u.s',
  'u.k',
  'e.u',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'ltd',
  'inc',
  'co',
  'corp',
  'no',
  'vs',
  'e.g',
  'i.e',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/** Split one normalised paragraph into sentences: [start, end) offsets into it. */
export function splitSentences(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const boundary = /([.!?]+)(["')\]]*)(\s+)(?=["'([]?[A-Z0-9])/g;
  let start = 0;
  for (const m of text.matchAll(boundary)) {
    const end = m.index + m[1]!.length + m[2]!.length;
    const word = /([A-Za-z.]+)$/.exec(text.slice(start, m.index))?.[1]?.toLowerCase() ?? '';
    if (m[1] === '.' && m[2] === '' && (ABBREVIATIONS.has(word) || /^[a-z]$/.test(word))) continue;
    out.push([start, end]);
    start = end + m[3]!.length;
  }
  if (start < text.length) out.push([start, text.length]);
  return out.filter(([s, e]) => text.slice(s, e).trim() !== '');
}

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'fifteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'hundred',
  'dozen',
  'half',
  'quarter',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'twofold',
  'threefold',
  'fourfold',
  'tenfold',
  'double',
  'doubled',
  'doubles',
  'doubling',
  'triple',
  'tripled',
  'halved',
];

const CURRENCY = String.raw`(?:US\$|\$|€|£|USD\s?)`;
const NUM = String.raw`\d+(?:[.,]\d+)*`;
const SCALE = '(?:[\\s-](?:thousand|million|billion|trillion))';
const UNIT = String.raw`(?:\s?%|\s?percent|[\s-](?:metric[\s-])?(?:tons?|tonnes?)(?:[\s-]per[\s-]year)?|[\s-]square[\s-]kilomet(?:er|re)s)`;
const WORD = String.raw`(?:${NUMBER_WORDS.join('|')})(?:-(?:${NUMBER_WORDS.join('|')}|fifths?|thirds?|quarters?|fold))?`;

/** Figures: a number with its currency, scale and unit ("US$1.2 billion", "15 metric tons"), or a number word. */
const FIGURE = new RegExp(
  String.raw`(?<![\w.])(?:${CURRENCY}?${NUM}${SCALE}?${UNIT}?|${WORD})(?![\w])`,
  'gi',
);

export function findFigures(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(FIGURE)) {
    const word = m[0].toLowerCase();
    // "one of the largest" is an idiom, not a count
    if (word === 'one' && /^\s+of\b/.test(text.slice(m.index + m[0].length))) continue;
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
