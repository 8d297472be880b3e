// Quotes are compared with the stored source text after normalising the differences that copying
// text introduces: Unicode form, typographic quotes, dashes, ellipses and runs of white space.

/** The characters normalisation maps, one class each, and what each becomes. */
const SINGLE_QUOTES = '[\\u2018\\u2019\\u201a\\u201b\\u2032\\u0060\\u00b4]';
const DOUBLE_QUOTES = '[\\u201c\\u201d\\u201e\\u201f\\u2033\\u00ab\\u00bb]';
const DASHES = '[\\u2010\\u2011\\u2012\\u2013\\u2014\\u2015\\u2212]';
const SPACE = '[\\s\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000]';
const CHARS: Array<[string, string]> = [
  [SINGLE_QUOTES, "'"],
  [DOUBLE_QUOTES, '"'],
  [DASHES, '-'],
  ['\\u2026', '...'],
];

const MAP: Array<[RegExp, string]> = [
  ...CHARS.map(([c, to]): [RegExp, string] => [new RegExp(c, 'g'), to]),
  // each run of white space becomes one space: a run already one space is left as it is (most of
  // a text's white space), so only line breaks and longer runs are replaced
  [new RegExp(`${SPACE}{2,}|(?! )${SPACE}`, 'g'), ' '],
];

const ONE: Array<[RegExp, string]> = [
  ...CHARS.map(([c, to]): [RegExp, string] => [new RegExp(`^${c}$`), to]),
  [new RegExp(`^${SPACE}$`), ' '],
];

/**
 * One character as normalizeText maps it (white space to one space, to be merged with its
 * neighbours by the caller; NFC aside): for finding the verbatim span a normalised match stands in.
 */
export function normalizeChar(c: string): string {
  for (const [re, to] of ONE) if (re.test(c)) return to;
  return c;
}

/**
 * Text that none of MAP touches but for a single space, and that NFC leaves as it is: printable
 * ASCII but the backtick, no two spaces in a row (most quotes; a whole build normalises millions).
 */
const PLAIN_ASCII = /^(?:[\x21-\x5f\x61-\x7e]| (?! ))*$/;

export function normalizeText(s: string): string {
  if (PLAIN_ASCII.test(s)) return s.trim();
  let t = s.normalize('NFC');
  for (const [re, rep] of MAP) t = t.replace(re, rep);
  return t.trim();
}

/**
 * What may belong to the character before it: a combining mark or Hangul vowel or final jamo
 * (NFC joins them), or the low half of a surrogate pair cut in two.
 */
const JOINS = /^[\p{M}\u1160-\u11ff\ud7b0-\ud7ff\udc00-\udfff]/u;

/**
 * Whether a quote occurs in the text as written, where normalizing both cannot part them: the
 * mappings of normalizeText are a character each, white space inside the quote is whole runs, and
 * NFC joins nothing across the quote's ends. Then normalizeText(quote) is in normalizeText(text)
 * too, found without normalizing the whole text (an edit's quotes may cite hundreds of texts);
 * false leaves the normalized comparison to decide.
 */
export function foundAsWritten(text: string | undefined, quote: string): boolean {
  if (text === undefined) return false;
  const at = text.indexOf(quote);
  if (at < 0) return false;
  const end = at + quote.length;
  return !JOINS.test(quote) && !JOINS.test(text.slice(end, end + 2));
}

/**
 * Whether a quote, `normQuote` once normalized (not empty), occurs in a source text by validate's
 * rule: found as written where normalizing cannot part it, else in the normalized text, which
 * `normText` gives and is asked for only then.
 */
export function quoteOccurs(
  text: string,
  normText: () => string,
  quote: string,
  normQuote: string,
): boolean {
  return foundAsWritten(text, quote) || normText().includes(normQuote);
}

/**
 * When a quote is not found: the source text where the longest found prefix of the quote
 * continues, so the user sees where the copy went wrong. Null when not even a short prefix matches.
 */
export function nearestText(normQuote: string, normSource: string): string | null {
  let lo = 0;
  let hi = normQuote.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (normSource.includes(normQuote.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  if (lo < 8) return null;
  const at = normSource.indexOf(normQuote.slice(0, lo));
  const excerpt = normSource.slice(at, at + Math.min(normQuote.length, 80));
  return excerpt.length < normQuote.length ? `${excerpt}...` : excerpt;
}
