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
  return {
    terms: found,
    spans: merged(spans),
    exact,
    matched: matchedTokens.size,
    words: words.count,
  };
}

/** Occurrences in text order, overlapping ones (a phrase and one of its words) made one. */
function merged(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
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

const SPACE = /\s/u;
// a regex literal in the arrow would be a new RegExp at each call: the cutting loops call it per character
const isSpace = (ch: string | undefined) => ch !== undefined && SPACE.test(ch);
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The part of `text` around the first span: the whole text when it is short, else about `width`
 * characters starting a little before the first match, cut at spaces, with "…" for what is left out.
 */
export function makeSnippet(text: string, spans: readonly Span[], width = SNIPPET_WIDTH): Snippet {
  // a text without surrogate pairs has a code point at each string index: no array of them
  const simple = !SURROGATE.test(text);
  // short: the whole text, every match (what the general case below gives, without its work)
  if (simple && text.length <= width)
    return { text, matches: spans.map((s) => [s.start, s.end] as [number, number]) };
  const chars: ArrayLike<string> & { slice(a: number, b?: number): string | string[] } = simple
    ? text
    : [...text];
  const part = (a: number, b?: number) => {
    const p = chars.slice(a, b);
    return typeof p === 'string' ? p : p.join('');
  };
  // string index -> code point index
  const cp = simple ? (i: number) => i : codePointIndex(text);
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

/**
 * String index -> code point index of a text (what [...text.slice(0, i)].length is), made in one
 * pass: a long line with thousands of matches is not counted again from its start for each.
 */
function codePointIndex(text: string): (i: number) => number {
  const at = new Int32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    at[i] = n;
    const c = text.charCodeAt(i);
    const high = i > 0 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800;
    // the low half of a pair is the same code point as the high half before it
    if (!((c & 0xfc00) === 0xdc00 && high)) n++;
  }
  at[text.length] = n;
  return (i) => at[i]!;
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
export interface SearchUnit {
  field: SearchField;
  /** The text, white space collapsed (what snippets are cut from). */
  text: string;
  /** The source a quote or note is cited from, or whose text this is. */
  source?: string | undefined;
  /** For a source's stored text: the line of the seed file. */
  line?: number | undefined;
  /** How many words the text has, when known (the store's index keeps it): else counted. */
  words?: number | undefined;
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
 * What matchText counts of a piece of text, without its spans (only a hit's best piece needs
 * them), and with no allocation per piece: a search scores thousands. `found[t]` is set for each
 * term that occurs. Of a text with a non-ASCII character it is matchText's own count.
 */
class Tally {
  readonly found: Uint8Array;
  terms = 0;
  exact = 0;
  matched = 0;
  words = 0;
  private start = new Int32Array(64);
  private end = new Int32Array(64);
  /** The pass that last counted word i as matched (a word matched by two terms counts once). */
  private marked = new Int32Array(64);
  private pass = 0;

  /** Every term is one word: found with indexOf, by native code (a search runs before the JIT warms up). */
  private readonly single: boolean;
  /** Where this piece's occurrences start (a word matched by two terms counts once). */
  private readonly at = new Set<number>();

  constructor(private readonly query: readonly Term[]) {
    this.found = new Uint8Array(query.length);
    this.single = query.every((t) => t.words.length === 1);
  }

  /** count of an ASCII text when every term is one word. */
  private countWords(text: string, spans: Span[] | undefined, words: number | undefined): boolean {
    const lower = text.toLowerCase();
    const at = this.at;
    at.clear();
    for (let t = 0; t < this.query.length; t++) {
      const { words: qs, quoted } = this.query[t]!;
      const q = qs[0]!;
      let whole = false;
      for (let p = lower.indexOf(q); p >= 0; p = lower.indexOf(q, p + 1)) {
        // a word starts here (q is letters and digits), and is q itself when no letter follows
        if (p > 0 && isAsciiWordChar(lower.charCodeAt(p - 1))) continue;
        const exact = !isAsciiWordChar(lower.charCodeAt(p + q.length));
        if (quoted && !exact) continue;
        this.found[t] = 1;
        if (exact) whole = true;
        at.add(p);
        if (spans) {
          let end = p + q.length;
          while (isAsciiWordChar(lower.charCodeAt(end))) end++;
          spans.push({ start: p, end });
        }
      }
      if (this.found[t] === 1) this.terms++;
      if (whole) this.exact++;
    }
    this.matched = at.size;
    this.words = words ?? this.scan(text);
    return this.terms > 0;
  }

  /**
   * Count the terms in `text`; false when none occurs. With `spans`, each occurrence is added
   * to it (unsorted, unmerged: spansOf does that).
   */
  count(text: string, spans?: Span[], words?: number): boolean {
    this.found.fill(0);
    this.terms = this.exact = this.matched = 0;
    if (this.single && ASCII.test(text)) return this.countWords(text, spans, words);
    const n = this.scan(text);
    if (n < 0) return this.countSlowly(text, spans);
    this.words = n;
    const pass = ++this.pass;
    for (const [t, term] of this.query.entries()) {
      const len = term.words.length;
      const last = term.words[len - 1]!;
      let whole = false;
      for (let i = 0; i + len <= n; i++) {
        let ok = true;
        for (let k = 0; k < len - 1 && ok; k++) ok = this.is(text, i + k, term.words[k]!, true);
        if (!ok || !this.is(text, i + len - 1, last, term.quoted)) continue;
        this.found[t] = 1;
        spans?.push({ start: this.start[i]!, end: this.end[i + len - 1]! });
        if (!whole && this.end[i + len - 1]! - this.start[i + len - 1]! === last.length)
          whole = true;
        for (let k = i; k < i + len; k++)
          if (this.marked[k] !== pass) {
            this.marked[k] = pass;
            this.matched++;
          }
      }
      if (this.found[t] === 1) this.terms++;
      if (whole) this.exact++;
    }
    return this.terms > 0;
  }

  /** Where the terms occur in a text that has some, as matchText's spans. */
  spansOf(text: string): Span[] {
    const spans: Span[] = [];
    // a word count given: the text's is not wanted here
    this.count(text, spans, 0);
    // one word's occurrences are in text order, one word each: none to sort or merge
    return this.single && this.query.length === 1 ? spans : merged(spans);
  }

  /** The places of the words of an ASCII text (as wordsOf finds them) and their count; -1 when not ASCII. */
  private scan(text: string): number {
    let n = 0;
    for (let i = 0; i < text.length; ) {
      const c = text.charCodeAt(i);
      if (c > 127) return -1;
      if (!isAsciiWordChar(c)) {
        i++;
        continue;
      }
      if (n === this.start.length) this.grow();
      this.start[n] = i;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d > 127) return -1;
        if (!isAsciiWordChar(d)) break;
      }
      this.end[n++] = i;
    }
    return n;
  }

  private grow(): void {
    const size = this.start.length * 2;
    const more = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.start = more(this.start);
    this.end = more(this.end);
    this.marked = more(this.marked);
  }

  /** Whether word i of an ASCII text is q (a folded word), or starts with it when not `whole`. */
  private is(text: string, i: number, q: string, whole: boolean): boolean {
    const at = this.start[i]!;
    const len = this.end[i]! - at;
    if (whole ? len !== q.length : len < q.length) return false;
    for (let k = 0; k < q.length; k++) {
      const c = text.charCodeAt(at + k);
      // folding an ASCII letter only lowers its case
      if ((c >= 65 && c <= 90 ? c + 32 : c) !== q.charCodeAt(k)) return false;
    }
    return true;
  }

  /** A text with other characters: matchText's count. */
  private countSlowly(text: string, spans?: Span[]): boolean {
    const m = matchText(this.query, text);
    if (!m) return false;
    spans?.push(...m.spans);
    for (const t of m.terms) this.found[t] = 1;
    this.terms = m.terms.length;
    this.exact = m.exact;
    this.matched = m.matched;
    this.words = m.words;
    return true;
  }
}

/** The field tiers, strongest first. */
const TIERS = [4, 3, 2, 1];

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
  const tally = new Tally(terms);
  // the terms seen in the record so far: seen[t] === the record's number
  const seen = new Int32Array(terms.length).fill(-1);
  docs.forEach((doc, d) => {
    if (opts.kind !== undefined && doc.kind !== opts.kind) return;
    let found = 0;
    let best: { unit: SearchUnit; score: Score } | undefined;
    // a stronger field always ranks first: the pieces of one tier are read only while none of a
    // stronger one matched or some term was not seen yet (every term must occur in the record)
    for (const tier of TIERS) {
      if (best && found === terms.length) break;
      for (const unit of doc.units) {
        if (FIELD_TIER[unit.field] !== tier || !tally.count(unit.text, undefined, unit.words))
          continue;
        for (let t = 0; t < terms.length; t++)
          if (tally.found[t] === 1 && seen[t] !== d) {
            seen[t] = d;
            found++;
          }
        // among equals the earlier piece wins (a name before an alias, a line before the next)
        if (best && !beats(tier, tally, best.score)) continue;
        best = {
          unit,
          score: {
            tier,
            terms: tally.terms,
            exact: tally.exact,
            matched: tally.matched,
            words: tally.words,
          },
        };
      }
    }
    if (!best || found < terms.length) return;
    hits.push({
      kind: doc.kind,
      id: doc.id,
      name: doc.name,
      field: best.unit.field,
      source: best.unit.source ?? null,
      line: best.unit.line ?? null,
      snippet: makeSnippet(best.unit.text, tally.spansOf(best.unit.text)),
      score: best.score,
    });
  });
  return hits.sort((a, b) => compareScores(a.score, b.score) || byId(a, b));
}

/** Whether a piece of `tier` with the tally's counts ranks before one scored `b` (compareScores). */
function beats(tier: number, a: Tally, b: Score): boolean {
  if (tier !== b.tier) return tier > b.tier;
  if (a.terms !== b.terms) return a.terms > b.terms;
  if (a.exact !== b.exact) return a.exact > b.exact;
  if (a.matched !== b.matched) return a.matched > b.matched;
  return a.words < b.words;
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
