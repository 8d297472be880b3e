// `minerals cite`: where a piece of text stands in a source's stored text, as a verbatim quote
// that validate accepts. Found exactly; else after the differences copying introduces (typographic
// quotes, dashes, ellipses, runs of white space: the mappings validate applies, util/quotes.ts);
// else approximately, as the sentences that share most of its words, ranked by a score.
import { normalizeChar } from '../util/quotes.js';
import { splitSentences } from './sentences.js';

type CiteMatch = 'exact' | 'normalized' | 'approximate';

/** A passage of the text: [start, end) in code units of the stored text, its line (1-based). */
export interface Passage {
  start: number;
  end: number;
  line: number;
  /** The passage as the text has it, verbatim. */
  quote: string;
  /** 1 for a match found as given; else the share of the words of TEXT it holds (0 to 1). */
  score: number;
}

export interface CiteResult {
  match: CiteMatch | null;
  /** The quote: the smallest span that holds TEXT (the whole sentence with `sentence`). */
  found: Passage | null;
  /** More places: other exact occurrences, or the next best approximate passages. */
  others: Passage[];
}

/** A passage approximately found must hold at least this share of the words of TEXT. */
const MIN_SCORE = 0.6;
/** How many passages are shown besides the one found (or as the nearest when none is). */
const MAX_OTHERS = 3;

/**
 * The text normalised (each run of white space one space), with, for each unit of the result,
 * the offset in the original where the character it came from starts.
 */
function normalizedWithMap(text: string): { norm: string; at: number[] } {
  let norm = '';
  const at: number[] = [];
  let i = 0;
  for (const c of text) {
    const m = normalizeChar(c);
    if (!(m === ' ' && norm.endsWith(' '))) {
      norm += m;
      for (let k = 0; k < m.length; k++) at.push(i);
    }
    i += c.length;
  }
  at.push(text.length);
  return { norm, at };
}

const normalizeNeedle = (s: string) => normalizedWithMap(s).norm.trim();

const lineAt = (text: string, offset: number) => {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
};

const passage = (text: string, start: number, end: number, score: number): Passage => ({
  start,
  end,
  line: lineAt(text, start),
  quote: text.slice(start, end),
  score,
});

/** The sentences of the text, [start, end) in it, each inside one paragraph (a blank line ends one). */
function sentencesOf(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const para = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (const m of text.matchAll(para))
    for (const [s, e] of splitSentences(m[0])) out.push([m.index + s, m.index + e]);
  return out;
}

const WORD = /[\p{L}\p{N}]+(?:[.,'’-][\p{L}\p{N}]+)*/gu;

const wordsOf = (s: string) => [...s.matchAll(WORD)].map((m) => m[0].toLowerCase());

/**
 * The passage of a sentence that holds most of `needle`'s words: from the first word of the
 * sentence that is one of them to the last, with the share of the needle's words it holds.
 */
function approximate(text: string, [s, e]: [number, number], needle: readonly string[]): Passage {
  const want = new Map<string, number>();
  for (const w of needle) want.set(w, (want.get(w) ?? 0) + 1);
  let first = -1;
  let last = -1;
  let held = 0;
  for (const m of text.slice(s, e).matchAll(WORD)) {
    const w = m[0].toLowerCase();
    const left = want.get(w) ?? 0;
    if (left === 0) continue;
    want.set(w, left - 1);
    held++;
    if (first < 0) first = s + m.index;
    last = s + m.index + m[0].length;
  }
  return first < 0
    ? passage(text, s, e, 0)
    : passage(text, first, last, Math.round((held / needle.length) * 1000) / 1000);
}

/** The sentence around [start, end): from the start of the sentence it begins in to the end of the one it ends in. */
function widened(text: string, sentences: ReadonlyArray<[number, number]>, p: Passage): Passage {
  const from = sentences.find(([s, e]) => p.start >= s && p.start < e)?.[0] ?? p.start;
  const to = sentences.find(([s, e]) => p.end > s && p.end <= e)?.[1] ?? p.end;
  return passage(text, Math.min(from, p.start), Math.max(to, p.end), p.score);
}

/** Where `needle` stands in `text`: exactly, normalised, or approximately; null when nowhere. */
export function cite(text: string, needle: string, opts: { sentence?: boolean } = {}): CiteResult {
  let split: Array<[number, number]> | undefined;
  const sentences = () => (split ??= sentencesOf(text));
  const grow = (p: Passage) => (opts.sentence ? widened(text, sentences(), p) : p);
  const wanted = needle.trim();
  // exactly: every occurrence, the first one quoted
  const exact: Passage[] = [];
  for (let at = text.indexOf(wanted); at >= 0 && wanted !== ''; at = text.indexOf(wanted, at + 1))
    exact.push(passage(text, at, at + wanted.length, 1));
  if (exact.length > 0)
    return { match: 'exact', found: grow(exact[0]!), others: exact.slice(1, 1 + MAX_OTHERS) };
  // as validate compares: the span of the original text that normalises to the needle's form
  const { norm, at } = normalizedWithMap(text);
  const n = normalizeNeedle(wanted);
  const places: Passage[] = [];
  for (let i = n === '' ? -1 : norm.indexOf(n); i >= 0; i = norm.indexOf(n, i + 1))
    places.push(passage(text, at[i]!, at[i + n.length]!, 1));
  if (places.length > 0)
    return {
      match: 'normalized',
      found: grow(places[0]!),
      others: places.slice(1, 1 + MAX_OTHERS),
    };
  // approximately: the sentences holding most of its words, best first, then in text order
  const words = wordsOf(wanted);
  if (words.length === 0) return { match: null, found: null, others: [] };
  const ranked = sentences()
    .map((s) => approximate(text, s, words))
    .filter((p) => p.score > 0)
    .sort((a, b) => b.score - a.score || a.start - b.start);
  const best = ranked[0];
  if (best && best.score >= MIN_SCORE)
    return {
      match: 'approximate',
      found: grow(best),
      others: ranked.slice(1, 1 + MAX_OTHERS).filter((p) => p.score >= MIN_SCORE),
    };
  return { match: null, found: null, others: ranked.slice(0, MAX_OTHERS).map(grow) };
}
