// Full-text search over the fact base: record names, aliases, descriptions, quotes and notes, and
// the stored source texts. Matching is by words, case- and accent-insensitive; every term of the
// query must occur somewhere in a record's text (AND); a hit is shown at its best piece. Pure.
import type { FactRecord, Kind } from '../schema/index.js';
import type { SearchField } from '../schema/vocab.js';

/** Name and alias hits rank above descriptions, descriptions above quotes, quotes above source texts. */
const FIELD_TIER: Record<SearchField, number> = {
  name: 4,
  alias: 4,
  title: 4,
  description: 3,
  role: 3,
  claim: 3,
  quote: 2,
  note: 2,
  text: 1,
};

/** A field's tier: 4 name, alias, title; 3 description, role, claim; 2 quote, note; 1 source text. */
export const fieldTier = (field: SearchField): number => FIELD_TIER[field];

// ---------------------------------------------------------------------------------------------
// Words

/** Lower case, compatibility-decomposed, without combining marks: "Ålesund" and "alesund" fold alike. */
export function fold(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
}

export interface Token {
  /** The folded word. */
  word: string;
  /** Where the word stands in the original text (string indices, end exclusive). */
  start: number;
  end: number;
}

const ASCII = /^[\x00-\x7f]*$/;

/** The words of a text: runs of letters, digits and marks, each folded, with their place. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // the same words, without the cost of folding each: in ASCII the letters, digits and marks are
  // a-z, A-Z and 0-9, and folding only lowers their case, which keeps every index in place
  if (ASCII.test(text)) {
    for (const m of text.toLowerCase().matchAll(/[a-z0-9]+/g))
      out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
    return out;
  }
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const word = ASCII.test(m[0]) ? m[0].toLowerCase() : fold(m[0]);
    if (word !== '') out.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Queries

/**
 * One thing a record must contain (all terms of a query must). A single word matches any word it starts ("gall" matches
 * "gallium"). Several words must stand next to each other, in order: a quoted phrase, or one
 * chunk of the query joined by punctuation ("AMM-2025", "250,000"). In a quoted term every word
 * must match whole; otherwise the last word may be the start of a word.
 */
export interface Term {
  words: string[];
  quoted: boolean;
}

/** The terms of a query: quoted phrases ("..." or “...”) and white-space-separated chunks. */
export function parseQuery(query: string): Term[] {
  const terms: Term[] = [];
  const add = (text: string, quoted: boolean) => {
    const words = tokenize(text).map((t) => t.word);
    if (words.length > 0) terms.push({ words, quoted });
  };
  // a quote runs to the matching closing quote, or to the end of the query when it is not closed
  const re = /["“”]([^"“”]*)(?:["“”]|$)|[^\s"“”]+/gu;
  for (const m of query.matchAll(re)) {
    if (m[1] !== undefined) add(m[1], true);
    else add(m[0], false);
  }
  return terms;
}

/** A term's occurrence in a text: string indices of its first and last word, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface UnitMatch {
  /** The terms that occur, by their index in the query. */
  terms: number[];
  /** Every occurrence of those terms, in text order (overlapping ones merged). */
  spans: Span[];
  /** How many terms occur at least once as whole words (not only as the start of a word). */
  exact: number;
  /** How many words of the text are matched. */
  matched: number;
  /** How many words the text has (a shorter text that matches is a closer match). */
  words: number;
}

/** The words of a text as matchText reads them: their places, and how a query word compares. */
interface Words {
  count: number;
  start: number[];
  end: number[];
  /** Whether word i is q. */
  is(i: number, q: string): boolean;
  /** Whether word i starts with q. */
  startsWith(i: number, q: string): boolean;
}

const isAsciiWordChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);

/** The words of a text, as tokenize finds them; of an ASCII text without making each one a string. */
function wordsOf(text: string): Words {
  const start: number[] = [];
  const end: number[] = [];
  if (ASCII.test(text)) {
    for (let i = 0; i < text.length; ) {
      if (!isAsciiWordChar(text.charCodeAt(i))) {
        i++;
        continue;
      }
      start.push(i);
      while (i < text.length && isAsciiWordChar(text.charCodeAt(i))) i++;
      end.push(i);
    }
    const lower = text.toLowerCase();
    return {
      count: start.length,
      start,
      end,
      is: (i, q) => end[i]! - start[i]! === q.length && lower.startsWith(q, start[i]),
      startsWith: (i, q) => end[i]! - start[i]! >= q.length && lower.startsWith(q, start[i]),
    };
  }
  const tokens = tokenize(text);
  for (const t of tokens) {
    start.push(t.start);
    end.push(t.end);
  }
  return {
    count: tokens.length,
    start,
    end,
    is: (i, q) => tokens[i]!.word === q,
    startsWith: (i, q) => tokens[i]!.word.startsWith(q),
  };
}

/** Which terms occur in a text, and where; null when none does. */
export function matchText(terms: readonly Term[], text: string): UnitMatch | null {
  const words = wordsOf(text);
  const spans: Span[] = [];
  const found: number[] = [];
  const matchedTokens = new Set<number>();
  let exact = 0;
  for (const [t, term] of terms.entries()) {
    const n = term.words.length;
    let occurs = false;
    let whole = false;
    for (let i = 0; i + n <= words.count; i++) {
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const q = term.words[k]!;
        ok = k < n - 1 || term.quoted ? words.is(i + k, q) : words.startsWith(i + k, q);
      }
      if (!ok) continue;
      occurs = true;
      if (words.is(i + n - 1, term.words[n - 1]!)) whole = true;
      spans.push({ start: words.start[i]!, end: words.end[i + n - 1]! });
      for (let k = 0; k < n; k++) matchedTokens.add(i + k);
    }
    if (occurs) found.push(t);
    if (whole) exact++;
  }
  if (found.length === 0) return null;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  // overlapping occurrences (a phrase and one of its words) are marked once
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return { terms: found, spans: merged, exact, matched: matchedTokens.size, words: words.count };
}

// ---------------------------------------------------------------------------------------------
// Snippets

export interface Snippet {
  /** About `width` characters of the text around the first match, "…" where it is cut. */
  text: string;
  /** Each match inside the snippet: [start, end) in characters (Unicode code points). */
  matches: Array<[number, number]>;
}

const SNIPPET_WIDTH = 80;
/** How much of the snippet stands before the first match, when the text is cut. */
const LEAD = 30;

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/u.test(ch);
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The part of `text` around the first span: the whole text when it is short, else about `width`
 * characters starting a little before the first match, cut at spaces, with "…" for what is left out.
 */
export function makeSnippet(text: string, spans: readonly Span[], width = SNIPPET_WIDTH): Snippet {
  // a text without surrogate pairs has a code point at each string index: no array of them
  const simple = !SURROGATE.test(text);
  const chars: ArrayLike<string> & { slice(a: number, b?: number): string | string[] } = simple
    ? text
    : [...text];
  const part = (a: number, b?: number) => {
    const p = chars.slice(a, b);
    return typeof p === 'string' ? p : p.join('');
  };
  // string index -> code point index
  const cp = simple ? (i: number) => i : (i: number) => [...text.slice(0, i)].length;
  const cps = spans.map((s) => ({ start: cp(s.start), end: cp(s.end) }));
  const first = cps[0] ?? { start: 0, end: 0 };
  let start = 0;
  let end = chars.length;
  if (chars.length > width) {
    start = Math.max(0, first.start - LEAD);
    end = Math.min(chars.length, start + width);
    if (end === chars.length) start = Math.max(0, end - width);
    end = Math.max(end, first.end);
    // cut at spaces, never inside the first match
    if (start > 0) while (start < first.start && !isSpace(chars[start - 1])) start++;
    if (end < chars.length) while (end > first.end && !isSpace(chars[end])) end--;
    while (start < first.start && isSpace(chars[start])) start++;
    while (end > first.end && isSpace(chars[end - 1])) end--;
  }
  const lead = start > 0 ? '…' : '';
  const tail = end < chars.length ? '…' : '';
  const shift = lead.length - start;
  return {
    text: `${lead}${part(start, end)}${tail}`,
    matches: cps
      .filter((s) => s.start >= start && s.end <= end)
      .map((s) => [s.start + shift, s.end + shift] as [number, number]),
  };
}

/** The snippet with its matches between `open` and `close` ("«gallium»"). */
export function markSnippet(s: Snippet, open = '«', close = '»'): string {
  const chars = [...s.text];
  let out = '';
  let at = 0;
  for (const [a, b] of s.matches) {
    out += `${chars.slice(at, a).join('')}${open}${chars.slice(a, b).join('')}${close}`;
    at = b;
  }
  return out + chars.slice(at).join('');
}

// ---------------------------------------------------------------------------------------------
// Documents

/** One piece of text a record can be found by. */
interface SearchUnit {
  field: SearchField;
  /** The text, white space collapsed (what snippets are cut from). */
  text: string;
  /** The source a quote or note is cited from, or whose text this is. */
  source?: string | undefined;
  /** For a source's stored text: the line of the seed file. */
  line?: number | undefined;
}

/** A record and every piece of text it can be found by. */
export interface SearchDoc {
  kind: Kind;
  id: string;
  name: string;
  units: SearchUnit[];
}

/** White space collapsed: runs of it one space, none at the ends (replaced only where it changes the text). */
const collapse = (s: string) => (/[^\S ]| {2}/.test(s) ? s.replace(/\s+/g, ' ') : s).trim();

/** The searchable text of each record; a source also gets each non-blank line of its stored text. */
export function searchDocs(
  records: Iterable<FactRecord>,
  texts: ReadonlyMap<string, { text: string }> = new Map(),
): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const r of records) {
    const units: SearchUnit[] = [];
    const add = (field: SearchField, text: string | undefined, extra: Partial<SearchUnit> = {}) => {
      const t = text === undefined ? '' : collapse(text);
      if (t !== '') units.push({ field, text: t, ...extra });
    };
    add('name', r.name);
    for (const a of r.aliases ?? []) add('alias', a);
    if (r.kind === 'source') add('title', r.title);
    add('description', r.description);
    if (r.kind === 'person') for (const role of r.roles ?? []) add('role', role.title);
    for (const c of r.claims ?? []) {
      add('claim', c.text);
      add('note', c.note);
    }
    const citations = [
      ...(r.citations ?? []),
      ...(r.kind === 'person' ? (r.roles ?? []).flatMap((role) => role.citations ?? []) : []),
      ...(r.claims ?? []).flatMap((c) => c.citations),
    ];
    for (const c of citations) {
      add('quote', c.quote, { source: c.source });
      add('note', c.note, { source: c.source });
    }
    if (r.kind === 'source') {
      const stored = texts.get(r.id);
      if (stored)
        for (const [i, l] of stored.text.split(/\r\n|\r|\n/).entries())
          add('text', l, { source: r.id, line: i + 1 });
    }
    docs.push({ kind: r.kind, id: r.id, name: r.name, units: dedupe(units) });
  }
  return docs;
}

/** The same quote cited by several claims of one record is one piece of text. */
function dedupe(units: SearchUnit[]): SearchUnit[] {
  const seen = new Set<string>();
  return units.filter((u) => {
    const key = `${u.field}\u0000${u.source ?? ''}\u0000${u.line ?? ''}\u0000${u.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Ranking

interface Score {
  /** The field's tier: 4 name, alias, title; 3 description, role, claim; 2 quote, note; 1 source text. */
  tier: number;
  /** Query terms that occur in this piece of text. */
  terms: number;
  /** Query terms that occur in it as whole words. */
  exact: number;
  /** Words of the text that match. */
  matched: number;
  /** Words of the text. */
  words: number;
}

export interface SearchHit {
  kind: Kind;
  id: string;
  name: string;
  field: SearchField;
  source: string | null;
  line: number | null;
  snippet: Snippet;
  /** What the hit was ranked by, strongest first. */
  score: Score;
}

/**
 * Best first: a stronger field (name/alias > description > quote > source text), then more query
 * terms in it, then more of them as whole words, then more words matched, then the shorter text.
 */
function compareScores(a: Score, b: Score): number {
  return (
    b.tier - a.tier ||
    b.terms - a.terms ||
    b.exact - a.exact ||
    b.matched - a.matched ||
    a.words - b.words
  );
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The records in which every term occurs (each term in some piece of the record's text: its
 * name, description, a quote, a line of its stored text...), one hit per record at its best piece
 * of text, best first and ties by id.
 */
export function search(
  docs: readonly SearchDoc[],
  terms: readonly Term[],
  opts: { kind?: Kind | undefined } = {},
): SearchHit[] {
  const hits: SearchHit[] = [];
  if (terms.length === 0) return hits;
  for (const doc of docs) {
    if (opts.kind !== undefined && doc.kind !== opts.kind) continue;
    const seen = new Set<number>();
    let best: { unit: SearchUnit; match: UnitMatch; score: Score } | undefined;
    for (const unit of doc.units) {
      const match = matchText(terms, unit.text);
      if (!match) continue;
      for (const t of match.terms) seen.add(t);
      const score = {
        tier: FIELD_TIER[unit.field],
        terms: match.terms.length,
        exact: match.exact,
        matched: match.matched,
        words: match.words,
      };
      // among equals the earlier piece wins (a name before an alias, a line before the next)
      if (!best || compareScores(score, best.score) < 0) best = { unit, match, score };
    }
    if (!best || seen.size < terms.length) continue;
    hits.push({
      kind: doc.kind,
      id: doc.id,
      name: doc.name,
      field: best.unit.field,
      source: best.unit.source ?? null,
      line: best.unit.line ?? null,
      snippet: makeSnippet(best.unit.text, best.match.spans),
      score: best.score,
    });
  }
  return hits.sort((a, b) => compareScores(a.score, b.score) || byId(a, b));
}

/** What the full-text index holds of a record: the folded words of each of its texts, a line each. */
export function searchBody(r: FactRecord, texts: ReadonlyMap<string, { text: string }>): string {
  return searchDocs([r], texts)[0]!
    .units.map((u) => foldedWords(u.text))
    .join('\n');
}

const NON_ASCII = /[^\x00-\x7f]/;

/** The runs of [a-z0-9] of lower-case ASCII text, joined by spaces (a scan: a regex replace is slower). */
function asciiWords(text: string): string {
  let out = '';
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out += out === '' ? text.slice(start, i) : ` ${text.slice(start, i)}`;
      start = -1;
    }
  }
  return out;
}

/**
 * tokenize's words of a text, joined by spaces, without the cost of folding each word: of ASCII
 * text the words are the runs of letters and digits, and folding one only lower-cases it.
 */
function foldedWords(text: string): string {
  if (!NON_ASCII.test(text)) return asciiWords(text.toLowerCase());
  let out = '';
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const word = NON_ASCII.test(m[0]) ? fold(m[0]) : m[0].toLowerCase();
    if (word !== '') out += out === '' ? word : ` ${word}`;
  }
  return out;
}
