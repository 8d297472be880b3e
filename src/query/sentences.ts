// Sentence and figure finding for coverage. Works on normalised text (see util/quotes.ts) so that
// offsets line up with how quotes are matched.
import type { DATE_PARTS } from '../schema/vocab.js';

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

// ---------------------------------------------------------------------------------------------
// Figures. Each is found with what it says, so that coverage can compare it with the value a claim
// holds: an amount ("US$20 million"), a written-out number ("two", "one-fifth", "twofold"), a rank
// ("world's largest", "top three", "number two", "first-ever"), a year, a date ("late 2026",
// "December 2024") or a relative date ("in December", "last year", "by year-end").

type DatePart = (typeof DATE_PARTS)[number];

/** What an amount of digits measures, from the currency or unit written with it. */
type Measure = 'money' | 'ratio' | 'mass' | 'area';

/** A date as the text writes it: the pieces it gives. "last year" gives none; "December" a month. */
export interface TextDate {
  year?: number;
  /** first and last month: [12, 12] for "December", [1, 3] for "January-March" */
  months?: readonly [number, number];
  day?: number;
  part?: DatePart;
}

/** What a figure says; `Figure` adds where it is. */
type FigureValue =
  | {
      kind: 'number';
      /** the number as written, times its scale word: "US$1.2 billion" is 1.2e9 */
      number: number;
      /** whether a scale word was written ("million"), so the number is not only as written */
      scaled: boolean;
      measure: Measure | null;
    }
  | { kind: 'number-word' | 'fraction' | 'multiple' | 'rank'; number: number }
  | { kind: 'year' | 'date' | 'relative-date'; date: TextDate };

/** A figure of a sentence: what it says, at [start, end) in the sentence. */
export type Figure = FigureValue & { start: number; end: number };

const CARDINALS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
};
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  twentieth: 20,
};
const DENOMINATORS: Record<string, number> = {
  half: 2,
  halves: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fifth: 5,
  fifths: 5,
  sixth: 6,
  sixths: 6,
  seventh: 7,
  sevenths: 7,
  eighth: 8,
  eighths: 8,
  ninth: 9,
  ninths: 9,
  tenth: 10,
  tenths: 10,
};
/** Words that multiply: "prices doubled" is a change of 2x (or +100%). */
const MULTIPLES: Record<string, number> = {
  double: 2,
  doubled: 2,
  doubles: 2,
  doubling: 2,
  twice: 2,
  triple: 3,
  tripled: 3,
  triples: 3,
  tripling: 3,
  quadruple: 4,
  quadrupled: 4,
  halve: 0.5,
  halved: 0.5,
  halving: 0.5,
};
const SCALE_WORDS: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
};
/** What may follow a written-out number: "two hundred", "fifteen million". */
const WORD_SCALES: Record<string, number> = { hundred: 100, ...SCALE_WORDS };
const MONTHS: Record<string, number> = {
  January: 1,
  February: 2,
  March: 3,
  April: 4,
  May: 5,
  June: 6,
  July: 7,
  August: 8,
  September: 9,
  October: 10,
  November: 11,
  December: 12,
};
const MONTH_ABBREVIATIONS: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Sept: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};
/** "first quarter of 2025" is Q1 2025. */
const QUARTERS: Record<string, DatePart> = {
  first: 'Q1',
  '1st': 'Q1',
  second: 'Q2',
  '2nd': 'Q2',
  third: 'Q3',
  '3rd': 'Q3',
  fourth: 'Q4',
  '4th': 'Q4',
};

/** An alternation of words, longest first so that no word stops short at a shorter one. */
const any = (words: Iterable<string>) =>
  `(?:${[...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).join('|')})`;
const lower = (s: string | undefined) => (s ?? '').toLowerCase();

const CARD = any(Object.keys(CARDINALS));
const ORD = any(Object.keys(ORDINALS));
const DENOM = any(Object.keys(DENOMINATORS));
const MONTH = any([...Object.keys(MONTHS), ...Object.keys(MONTH_ABBREVIATIONS)]);
const monthOf = (s: string) => MONTHS[s] ?? MONTH_ABBREVIATIONS[s]!;
const YEAR = String.raw`(?:19|20)\d{2}(?!\d)`;
/** A count written in digits or in words, as in "top 10", "top three", "number two". */
const COUNT = String.raw`(?:\d+|${CARD})`;
const countOf = (s: string) => CARDINALS[lower(s)] ?? Number(s);

const CURRENCY = String.raw`(?:US\$|\$|€|£|USD\s?)`;
const NUM = String.raw`\d+(?:[.,]\d+)*`;
const SCALE = String.raw`(?:[\s-](${any(Object.keys(SCALE_WORDS))}))`;
const TONS = String.raw`[\s-](?:metric[\s-])?(?:tons?|tonnes?)(?:[\s-]per[\s-]year)?`;
const UNIT = String.raw`(?:\s?%|\s?percent|${TONS}|[\s-]square[\s-]kilomet(?:er|re)s)`;

/** Words before a month name alone that make "May" a month and not the verb. */
const MONTH_LEAD =
  /\b(?:in|by|since|until|till|from|to|through|of|during|last|next|this|early|mid|late|before|after)[\s-]$/i;
/** "one of the largest", "among the biggest": membership of a group, not a rank. */
const VAGUE_LEAD = /\b(?:(?:one|some|several|many|each|any|all)\s+of|among)\s+(?:the\s+)?$/i;

interface Pattern {
  re: RegExp;
  make: (m: RegExpExecArray, text: string) => FigureValue | null;
}

const PATTERNS: Pattern[] = [
  // An amount in digits, with its currency, scale and unit. A bare 1900-2099 is a year. Codes
  // such as "AMM-2025" or "COVID-19" are names, not figures.
  {
    re: new RegExp(
      String.raw`(?<![\w.])(?<![A-Z]-)(${CURRENCY})?(${NUM})${SCALE}?(${UNIT})?(?!\w)`,
      'gi',
    ),
    make: (m) => {
      const [, currency, digits, scale, unit] = m;
      if (currency === undefined && scale === undefined && unit === undefined)
        if (/^(?:19|20)\d{2}$/.test(digits!))
          return { kind: 'year', date: { year: Number(digits) } };
      const u = lower(unit);
      const measure: Measure | null =
        currency !== undefined
          ? 'money'
          : u === ''
            ? null
            : u.includes('%') || u.includes('percent')
              ? 'ratio'
              : u.includes('square')
                ? 'area'
                : 'mass';
      return {
        kind: 'number',
        number: Number(digits!.replace(/,/g, '')) * (SCALE_WORDS[lower(scale)] ?? 1),
        scaled: scale !== undefined,
        measure,
      };
    },
  },
  // Written-out numbers: "two", "twenty-five", "two hundred"; "one of" is an idiom, not a count.
  {
    re: new RegExp(
      String.raw`\b(${CARD})(?:-(${CARD}))?(?:\s+(${any(Object.keys(WORD_SCALES))}))?\b`,
      'gi',
    ),
    make: (m, text) => {
      const [whole, a, b, scale] = m;
      if (lower(whole) === 'one' && /^\s+of\b/.test(text.slice(m.index + whole.length)))
        return null;
      const n = CARDINALS[lower(a)]! + (b === undefined ? 0 : CARDINALS[lower(b)]!);
      return { kind: 'number-word', number: n * (WORD_SCALES[lower(scale)] ?? 1) };
    },
  },
  // Fractions: "one-fifth", "two-thirds", "a third of", "half", "a quarter".
  {
    re: new RegExp(String.raw`\b(${CARD})-(${DENOM})\b`, 'gi'),
    make: (m) => ({
      kind: 'fraction',
      number: CARDINALS[lower(m[1])]! / DENOMINATORS[lower(m[2])]!,
    }),
  },
  {
    re: new RegExp(String.raw`\b(?:an?|one)\s+(${DENOM})(?=\s+of\b)|\b(half|quarter)\b`, 'gi'),
    make: (m) => ({ kind: 'fraction', number: 1 / DENOMINATORS[lower(m[1] ?? m[2])]! }),
  },
  // Multiples: "twofold", "three-fold", "doubled", "twice", "halved".
  {
    re: new RegExp(String.raw`\b(?:(${CARD})-?fold|(${any(Object.keys(MULTIPLES))}))\b`, 'gi'),
    make: (m) => ({
      kind: 'multiple',
      number: m[1] !== undefined ? CARDINALS[lower(m[1])]! : MULTIPLES[lower(m[2])]!,
    }),
  },
  // Ranks: ordinals ("second", "first-ever", "10th"), "top three", "number two", and superlatives
  // with whose they are ("world's largest", "the world's second-largest", "Kazakhstan's leading").
  {
    re: new RegExp(String.raw`\b(${ORD})(?:[\s-]ever)?\b`, 'gi'),
    // "First, ..." at the start of a sentence orders the argument, not the world
    make: (m, text) =>
      m.index === 0 && text[m[0].length] === ','
        ? null
        : { kind: 'rank', number: ORDINALS[lower(m[1])]! },
  },
  {
    re: /(?<![\w.])(\d+)(?:st|nd|rd|th)\b(?!\s+century)/gi,
    make: (m) => ({ kind: 'rank', number: Number(m[1]) }),
  },
  {
    re: new RegExp(String.raw`\btop[\s-](${COUNT})\b`, 'gi'),
    make: (m) => ({ kind: 'rank', number: countOf(m[1]!) }),
  },
  {
    re: new RegExp(String.raw`\b(?:number|no\.)\s+(${COUNT})\b`, 'gi'),
    make: (m) => ({ kind: 'rank', number: countOf(m[1]!) }),
  },
  {
    re: new RegExp(
      String.raw`\b(?:[Tt]he|[Ii]ts|[Tt]heir|[A-Za-z][\w.-]*'s)\s+(?:(${ORD}|\d+(?:st|nd|rd|th))[\s-])?(?:largest|biggest|leading|top(?![\s-]+${COUNT}\b|\s+of\b))\b`,
      'g',
    ),
    make: (m, text) => {
      if (VAGUE_LEAD.test(text.slice(0, m.index))) return null;
      const ord = m[1];
      return {
        kind: 'rank',
        number: ord === undefined ? 1 : (ORDINALS[lower(ord)] ?? Number.parseInt(ord, 10)),
      };
    },
  },
  // Dates: "late 2026", "mid-2026", "end of 2024", "first quarter of 2025", "H2 2025", "Q3".
  {
    re: new RegExp(String.raw`\b(?:(early|mid|late)[\s-]|(end)(?:\s+of\s+|-))(${YEAR})`, 'gi'),
    make: (m) => ({
      kind: 'date',
      date: { year: Number(m[3]), part: lower(m[1] ?? m[2]) as DatePart },
    }),
  },
  {
    re: new RegExp(
      String.raw`\b(?:(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|(first|second|1st|2nd)\s+half|(Q[1-4]|H[12]))\b(?:(?:\s+of)?\s+(${YEAR}))?`,
      'gi',
    ),
    make: (m) => {
      const part: DatePart =
        m[1] !== undefined
          ? QUARTERS[lower(m[1])]!
          : m[2] !== undefined
            ? ['first', '1st'].includes(lower(m[2]))
              ? 'H1'
              : 'H2'
            : (m[3]!.toUpperCase() as DatePart);
      return m[4] === undefined
        ? { kind: 'relative-date', date: { part } }
        : { kind: 'date', date: { year: Number(m[4]), part } };
    },
  },
  // Month names (capitalised): "December", "in May", "5 December 2024", "December 5, 2024",
  // "late December", "January-March". A month with no year is a relative date.
  {
    re: new RegExp(
      String.raw`\b(?:([Ee]arly|[Mm]id|[Ll]ate)[\s-])?(?:(\d{1,2})\s+)?(${MONTH})\b(?:\.(?=\s+\d))?(?:\s*(?:-|to|through|until)\s*(${MONTH})\b)?(?:\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d))?(?:,?\s+(${YEAR}))?`,
      'g',
    ),
    make: (m, text) => {
      const [, part, day1, from, to, day2, year] = m;
      const alone = part === undefined && day1 === undefined && to === undefined;
      const bare = alone && day2 === undefined && year === undefined;
      // abbreviations only with a day or year; "May" alone only after "in", "by", "since"...
      if (bare && MONTHS[from!] === undefined) return null;
      if (bare && from === 'May' && !MONTH_LEAD.test(text.slice(0, m.index))) return null;
      const months: [number, number] = [monthOf(from!), monthOf(to ?? from!)];
      const date: TextDate = { months };
      if (part !== undefined) date.part = lower(part) as DatePart;
      const day = day1 ?? day2;
      if (day !== undefined) date.day = Number(day);
      if (year !== undefined) date.year = Number(year);
      return { kind: year === undefined ? 'relative-date' : 'date', date };
    },
  },
  {
    re: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    make: (m) => ({
      kind: 'date',
      date: { year: Number(m[1]), months: [Number(m[2]), Number(m[2])], day: Number(m[3]) },
    }),
  },
  // Relative dates: "last year", "this week", "past decade", "last few weeks", "by year-end",
  // "end of the year", "earlier this year", "months after", "two years ago", "yesterday", "on Monday".
  {
    re: new RegExp(
      [
        String.raw`\b(?:last|this|next|past|previous|coming|current)\s+(?:(?:few|couple\s+of|several|${COUNT})\s+)?(?:years?|months?|weeks?|decades?|quarters?|days?)\b`,
        String.raw`\b(?:year|month|quarter)[\s-]end\b`,
        String.raw`\bend\s+of\s+(?:the|this|last|next)\s+(?:year|month|quarter|decade)\b`,
        String.raw`\b(?:earlier|later)\s+(?:this|that|next|last)\s+(?:year|month|week)\b`,
        String.raw`\b(?:(?:${COUNT}|a\s+few|few|several|some)\s+)?(?:days|weeks|months|years|decades)\s+(?:ago|later|earlier|after|before)\b`,
        String.raw`\b(?:a|one)\s+(?:day|week|month|year|decade)\s+(?:ago|later|earlier|after|before)\b`,
        String.raw`\b(?:today|yesterday|tomorrow)\b`,
      ].join('|'),
      'gi',
    ),
    make: () => ({ kind: 'relative-date', date: {} }),
  },
  {
    re: /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g,
    make: () => ({ kind: 'relative-date', date: {} }),
  },
];

/**
 * Every figure of a normalised sentence, in order. Where patterns overlap the one that starts
 * first wins, then the longer: "the world's second-largest" is one rank, not the ordinal "second";
 * "late 2026" one date, not the year 2026; "top three" a rank, not the count three.
 */
export function findFigures(text: string): Figure[] {
  const found: Figure[] = [];
  for (const { re, make } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      const value = make(m, text);
      if (value) found.push({ ...value, start: m.index, end: m.index + m[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Figure[] = [];
  for (const f of found) if (out.length === 0 || f.start >= out[out.length - 1]!.end) out.push(f);
  return out;
}
