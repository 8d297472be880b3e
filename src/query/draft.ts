// `minerals draft`: claims proposed for the figures of a source's text that no claim holds yet as
// a value (coverage's unquoted and quoted-but-unstructured figures). Each figure becomes a claim
// with its value (number as written, scale, unit, bound), its modality, its date, the property,
// the record it is about, the commodity, who said it, and the shortest quote of its sentence that
// holds it, verified against the stored text as validate verifies quotes. What the rules could
// not settle is said, per claim, as things to check ("unit", "which record").
//
// The rules are plain and ordered, so that a reviewer can predict them:
// - the unit comes from the figure's currency or unit word ("$", "%", "tons", "square
//   kilometers"), "per ton" after money is a price, "annually", "per year" or "annual" make a mass
//   a rate; a bare number is a count, or a duration before "years";
// - the bound from the hedge word right before the number (schema/markers.ts, as validate reads
//   it); "top N" is at most N;
// - the modality from the first future or conditional word of the figure's clause (as validate
//   reads it, plus "offered", "to begin", "targeting"), aims and targets of an amount are targets;
// - the property from the unit and the words of the clause (KEYWORDS below);
// - the record: every record whose name, alias, symbol or surname the text writes, scored by how
//   near it stands to the figure, by the records it refers to that the sentence names (a deal's
//   parties, a project's operator and commodities), and by the kinds the property suits;
// - the quote: from the record's or commodity's name (when in the same clause) or the hedge word
//   to the figure and its unit, grown to a clause when shorter than a few words.
import type { FactRecord, Kind } from '../schema/index.js';
import { refsOf } from '../schema/kinds.js';
import { findModalityMarker, hedgeBefore } from '../schema/markers.js';
import type { Claim, DateSpec, Quantity } from '../schema/values.js';
import {
  type Modality,
  PROPERTIES,
  type Property,
  type Scale,
  type Unit,
} from '../schema/vocab.js';
import { normalizeText } from '../util/quotes.js';
import { cite } from './cite.js';
import {
  type BodyRule,
  type BodySentence,
  bodyOf,
  type ClaimQuote,
  type FigurePlace,
  figurePlaces,
  quotePlaces,
} from './coverage.js';
import type { Figure } from './sentences.js';

/** What a reviewer should look at in a drafted claim. */
type Check = 'unit' | 'property' | 'which record' | 'modality' | 'date';

/** What a reviewer should check in one drafted claim, each with why, each at most once. */
class Notes {
  readonly check: Check[] = [];
  readonly why: string[] = [];
  readonly ask = (c: Check, why: string): void => {
    if (this.check.includes(c)) return;
    this.check.push(c);
    this.why.push(why);
  };
}

/** The record a drafted claim is about: one of the base, or a stub the draft proposes. */
interface DraftRecord {
  id: string;
  kind: Kind;
  name: string;
  /** a record the base does not have: the draft proposes it (with the fields its kind needs) */
  stub: FactRecord | null;
}

export interface DraftedClaim {
  record: DraftRecord;
  claim: Claim;
  /** the figure as the text writes it, its sentence and the sentence's line in the stored text */
  figure: string;
  sentence: string;
  line: number;
  check: Check[];
  /** why each check is asked for, in the order of `check` */
  why: string[];
}

/** A figure the draft proposes no claim for, and why. */
interface Skipped {
  figure: string;
  sentence: string;
  line: number;
  why: string;
}

export interface Draft {
  /** figures of the body that no claim holds yet as a value */
  figures: number;
  claims: DraftedClaim[];
  skipped: Skipped[];
}

export interface DraftInput {
  source: { id: string; published?: DateSpec | undefined };
  /** the stored text, as read */
  text: string;
  rule: BodyRule;
  /** every record of the base */
  records: readonly FactRecord[];
  /** the quotes of the claims that cite this source, with the values they hold */
  quotes: readonly ClaimQuote[];
}

// ---------------------------------------------------------------------------------------------
// Mentions: where the text names a record.

interface Mention {
  /** [s, e) in the body string */
  s: number;
  e: number;
  records: FactRecord[];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD_CHAR = String.raw`[\p{L}\p{N}]`;

/** The names a record is written as in a text: name, aliases, a two-letter symbol, a surname. */
function writtenNames(r: FactRecord): string[] {
  const names = [r.name, ...(r.aliases ?? [])].map(normalizeText);
  if (r.kind === 'commodity' && r.symbol && r.symbol.length === 2) names.push(r.symbol);
  if (r.kind === 'person') {
    const last = r.name.split(/\s+/).at(-1)!;
    if (/^\p{Lu}\p{L}{3,}$/u.test(last)) names.push(last);
  }
  // "Eurasian Resources Group (ERG)": the name without its bracketed part is written too
  for (const n of [...names]) {
    const bare = n.replace(/\s*\([^)]*\)/g, '').trim();
    if (bare !== n && bare !== '') names.push(bare);
  }
  return names.filter((n) => n.length >= 2);
}

/** Every mention of a record in the body: the longest name at each place, places not overlapping. */
function findMentions(body: string, records: readonly FactRecord[]): Mention[] {
  const byName = new Map<string, FactRecord[]>();
  for (const r of records) {
    if (r.kind === 'source') continue;
    for (const n of writtenNames(r)) {
      // a commodity's name ("Copper") and a name in lower case are found in any case; a symbol
      // ("Cu") and other names as written
      const anyCase: boolean = n === n.toLowerCase() || (r.kind === 'commodity' && n !== r.symbol);
      const key: string = anyCase ? `i:${n.toLowerCase()}` : `c:${n}`;
      const list: FactRecord[] = byName.get(key) ?? [];
      if (!list.includes(r)) list.push(r);
      byName.set(key, list);
    }
  }
  const found: Mention[] = [];
  for (const flags of ['gu', 'giu'] as const) {
    const prefix = flags === 'gu' ? 'c:' : 'i:';
    const names = [...byName.keys()]
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(2))
      .sort((a, b) => b.length - a.length);
    if (names.length === 0) continue;
    const re = new RegExp(
      `(?<!${WORD_CHAR})(?:${names.map(escapeRe).join('|')})(?!${WORD_CHAR})`,
      flags,
    );
    for (const m of body.matchAll(re)) {
      const key = prefix + (flags === 'gu' ? m[0] : m[0].toLowerCase());
      const rs =
        byName.get(key) ??
        byName.get(prefix + names.find((n) => n.toLowerCase() === m[0].toLowerCase()));
      if (rs) found.push({ s: m.index, e: m.index + m[0].length, records: rs });
    }
  }
  found.sort((a, b) => a.s - b.s || b.e - a.e);
  const out: Mention[] = [];
  for (const m of found) if (out.length === 0 || m.s >= out.at(-1)!.e) out.push(m);
  // "Kazakhstan's Ministry of Industry" names Kazakhstan too
  const extra: Mention[] = [];
  for (const m of out) {
    const own = /^(.+?)'s\s/u.exec(body.slice(m.s, m.e));
    const rs = own ? byName.get(`c:${own[1]}`) : undefined;
    if (rs) extra.push({ s: m.s, e: m.s + own![1]!.length, records: rs });
  }
  return [...out, ...extra].sort((a, b) => a.s - b.s || b.e - a.e);
}

/** Words that name a record by its kind ("the project", "the deal"), for records named nearby. */
const KIND_NOUNS: Array<[Kind, RegExp]> = [
  ['project', /\b(?:project|facility|plant|smelter|refinery|operation|mill)s?\b/gi],
  ['deal', /\b(?:deal|agreement|buyout|joint venture|offer|acquisition|takeover)s?\b/gi],
  ['deposit', /\b(?:deposit|site|field|mine)s?\b/gi],
  ['organization', /\b(?:company|firm|conglomerate|ministry|board|giant)\b/gi],
  ['policy', /\b(?:plan|programme|program|strategy|ban|zone|target|restrictions)\b/gi],
];

/**
 * How much a mention counts by where it stands from the figure: in its clause, elsewhere in its
 * sentence, one or two sentences before, the sentence after, up to six before.
 */
interface Nearness {
  clause: number;
  sentence: number;
  before: readonly number[];
  after: number;
  earlier: number;
}
/** A record named near the figure. */
const NAMED: Nearness = {
  clause: 1,
  sentence: 0.6,
  before: [0.35, 0.2],
  after: 0.15,
  earlier: 0.08,
};
/** A record the figure's record refers to (a deal's party), named near it. */
const REFERRED: Nearness = { clause: 1, sentence: 0.5, before: [0.3, 0.15], after: 0, earlier: 0 };

/** The weight of a mention `delta` sentences from the figure's (negative: before it). */
function nearness(n: Nearness, delta: number, inClause: boolean): number {
  if (delta === 0) return inClause ? n.clause : n.sentence;
  if (delta === 1) return n.after;
  if (delta < 0 && -delta <= n.before.length) return n.before[-delta - 1]!;
  return delta < 0 && delta >= -6 ? n.earlier : 0;
}

/** Kind nouns that fit any record of their kind. */
const GENERIC_NOUNS: ReadonlySet<string> = new Set([
  'project',
  'facility',
  'operation',
  'deal',
  'agreement',
  'company',
  'firm',
  'site',
  'plan',
  'programme',
  'program',
]);
const GENERIC_KINDS: ReadonlySet<Kind> = new Set<Kind>(['commodity', 'country']);
/** Kinds whose names describe them in words the text may use otherwise ("Abai Region copper smelter"). */
const DESCRIBED: ReadonlySet<Kind> = new Set<Kind>(['project', 'policy', 'deal', 'deposit']);
const STOP = new Set(
  'a an and the of in on for to with by from at as its their his her new national global world'.split(
    ' ',
  ),
);
/** The words of a text that carry meaning: lower case, no stop words, no numbers. */
const contentWords = (text: string) =>
  normalizeText(text)
    .toLowerCase()
    .replace(/'s\b/g, '')
    .split(/[^\p{L}-]+/u)
    .flatMap((w) => w.split(/-(?=\p{L})/u).concat(w.includes('-') ? [w] : []))
    .filter((w) => w.length > 1 && !STOP.has(w));
const nameWordsCache = new WeakMap<FactRecord, { words: string[]; proper: string[] }>();
/** Capitalised words of names that say what a thing is, not which: "Region", "Plant", "Expansion". */
const GENERIC =
  /^(?:region|plant|project|programme|program|plan|deal|agreement|expansion|group|company|corporation|ministry|development|industry|strategy|target|ban|list|the|of)$/;
/**
 * The content words of a record's name, without the country it is "X's" of, and those of them
 * that are proper (capitalised and not generic): a name written in other words must keep one.
 */
function nameWords(r: FactRecord): { words: string[]; proper: string[] } {
  let w = nameWordsCache.get(r);
  if (!w) {
    const name = r.name.replace(/\([^)]*\)/g, '').replace(/^[\p{Lu}][\p{L}.]*'s\s+/u, '');
    const proper = [...name.matchAll(/\b\p{Lu}[\p{L}\p{N}-]*/gu)]
      .map((m) => m[0].toLowerCase())
      .filter((x) => !GENERIC.test(x));
    w = { words: [...new Set(contentWords(name))], proper };
    nameWordsCache.set(r, w);
  }
  return w;
}

// ---------------------------------------------------------------------------------------------
// Values.

const SCALE_OF: Record<string, Scale> = {
  thousand: 'thousand',
  million: 'million',
  billion: 'billion',
};
const NUMBER_IN = /(\d+(?:[.,]\d+)*)(?:[\s-](thousand|million|billion))?/i;

/** "1.9 to 2.2 million square kilometers": the other end, whose scale and unit serve both. */
const SHARED =
  /^\s*(?:to|-|and)\s*(?:us\$|\$|€|£)?\d[\d.,]*(?:[\s-](thousand|million|billion))?(\s?%|\s?percent|[\s-](?:metric[\s-])?(?:tons?|tonnes?)|[\s-]square[\s-]kilomet(?:er|re)s)?/i;

/** A figure's words after it, up to the next clause mark, lower case. */
const tailOf = (sentence: string, end: number) => sentence.slice(end, end + 60).toLowerCase();

/** The quantity a figure writes, with what it measures; null when it is not an amount. */
function quantityOf(
  f: Figure,
  written: string,
  sentence: string,
): { q: Quantity; unsure: boolean } | null {
  const tail = tailOf(sentence, f.end);
  const head = sentence.slice(Math.max(0, f.start - 40), f.start).toLowerCase();
  switch (f.kind) {
    case 'number': {
      const m = NUMBER_IN.exec(written)!;
      let value = Number(m[1]!.replace(/,/g, ''));
      let scale = m[2] ? SCALE_OF[m[2].toLowerCase()] : undefined;
      let measure = f.measure;
      let unsure = false;
      // "from 1.9 to 2.2 million square kilometers": one scale and unit serve both ends
      const shared = SHARED.exec(tail);
      if (measure === null && scale === undefined && shared) {
        if (shared[1]) scale = SCALE_OF[shared[1].toLowerCase()];
        const u = shared[2]?.toLowerCase() ?? '';
        measure =
          u.includes('%') || u.includes('percent')
            ? 'ratio'
            : u.includes('square')
              ? 'area'
              : u
                ? 'mass'
                : null;
      }
      let unit: Unit;
      if (/^[\s-]*(?:us\$|\$|usd|€|£)/i.test(written) || measure === 'money')
        unit = /^\s*(?:per|a|\/)\s*(?:metric\s+)?(?:ton|tonne)\b/.test(tail) ? 'USD/t' : 'USD';
      else if (measure === 'ratio') unit = '%';
      else if (measure === 'area') unit = 'km2';
      else if (measure === 'mass') {
        const rate =
          /per[\s-]year|annually|a year|per annum/.test(written.toLowerCase()) ||
          /^[^,;.]{0,30}?\b(?:annually|a year|per year|per annum|each year)\b/.test(tail) ||
          /\bannual(?:ly)?\b[^.,;]{0,40}$/.test(head);
        unit = rate ? 't/yr' : 't';
      } else if (/^\s*(?:years?|yrs?)\b/.test(tail)) unit = 'yr';
      else {
        unit = 'count';
        unsure = !/^\s*(?:of\s+\d[\d,]*\s+)?[a-z]/.test(tail);
      }
      // a number written with a unit's currency symbol only counts in base units
      if (Number.isNaN(value)) value = f.number;
      return { q: { value, ...(scale ? { scale } : {}), unit, bound: 'exact' }, unsure };
    }
    case 'number-word':
      return {
        q: {
          value: f.number,
          unit: /^\s*(?:years?)\b/.test(tail) ? 'yr' : 'count',
          bound: 'exact',
        },
        unsure: false,
      };
    case 'fraction':
      return { q: { value: f.number, unit: 'fraction', bound: 'exact' }, unsure: false };
    case 'multiple':
      return { q: { value: f.number, unit: 'x', bound: 'exact' }, unsure: false };
    case 'rank':
      return {
        q: { value: f.number, unit: 'rank', bound: /^top\b/i.test(written) ? 'at-most' : 'exact' },
        unsure: false,
      };
    default:
      return null;
  }
}

/** Words of a clause that say which property an amount of each unit's dimension is. */
const KEYWORDS: Array<{ units: readonly Unit[]; words: RegExp; property: Property }> = [
  { units: ['USD'], words: /\boffer(?:s|ed|ing)?\b|\bbid\b/, property: 'offer-value' },
  {
    units: ['USD'],
    words: /\bdeal\b|\bbuyout\b|joint venture|\bacquisition\b|\btakeover\b|\bagreement\b/,
    property: 'deal-value',
  },
  {
    units: ['USD'],
    words: /invest|\bflow\b|\bfund|\bproject\b|\bcost|\bspend|capex/,
    property: 'investment',
  },
  { units: ['USD/t'], words: /./, property: 'price' },
  { units: ['%'], words: /concentration|\bgrade/, property: 'grade' },
  { units: ['%', 'fraction'], words: /\bown(?:s|ed|ership)?\b|\bstake\b/, property: 'ownership' },
  {
    units: ['%', 'fraction'],
    words: /\bshare\b|of the world|world's|\bglobal\b|\bproduced\b/,
    property: 'market-share',
  },
  {
    units: ['%'],
    words:
      /increase|\brise\b|\brose\b|growth|\bgrew\b|uptick|decline|\bdrop|\bfell\b|\bup\b|\bdown\b|\blift|\braise|\bboost/,
    property: 'change',
  },
  { units: ['t'], words: /\breserves?\b/, property: 'reserves' },
  { units: ['t'], words: /\bresources?\b/, property: 'resources' },
  { units: ['t'], words: /\bof ore\b|\bore\b/, property: 'ore' },
  { units: ['t'], words: /\bmarket\b/, property: 'market-size' },
  {
    units: ['t', 't/yr'],
    words: /\b(?:aim|aims|target|targeting|set to|boost|double|increase|expand)/,
    property: 'output-target',
  },
  {
    units: ['t', 't/yr'],
    words: /\bcapacity\b|\bplant\b|churn|facility|\boutput\b/,
    property: 'capacity',
  },
  { units: ['t', 't/yr'], words: /produc/, property: 'production' },
  { units: ['t'], words: /\bholds?\b|contains?|discovery|\bof\b/, property: 'contained-metal' },
  {
    units: ['count'],
    words: /^\s*[\d,]*\s*(?:employees|workers|staff|people)\b/,
    property: 'employees',
  },
  { units: ['count'], words: /^\s*[\d,]*\s*countries\b/, property: 'countries' },
];

/** The property of an amount: by the words of its clause, else the first that takes its unit. */
function propertyOf(
  q: Quantity,
  clause: string,
  at: [number, number],
  after: string,
): { property: Property; unsure: boolean } {
  const words = clause.toLowerCase();
  // "boost steel mill output to 4 million tons": where an increase is to go is its target
  if (
    (q.unit === 't' || q.unit === 't/yr') &&
    /\b(?:boost|increase|raise|double|expand|lift|grow)\w*\b[^,;]*\bto\s*$/.test(
      words.slice(0, at[0]),
    )
  )
    return { property: 'output-target', unsure: false };
  // the rule whose word stands nearest the figure, earlier rules winning by a few characters
  let best: { property: Property; score: number } | null = null;
  for (const [order, k] of KEYWORDS.entries()) {
    if (!k.units.includes(q.unit)) continue;
    if (k.property === 'employees' || k.property === 'countries') {
      if (k.words.test(after.toLowerCase())) return { property: k.property, unsure: false };
      continue;
    }
    for (const m of words.matchAll(new RegExp(k.words.source, 'g'))) {
      const end = m.index + m[0].length;
      const d = end <= at[0] ? at[0] - end : m.index >= at[1] ? m.index - at[1] : 0;
      const score = d + 3 * order;
      if (!best || score < best.score) best = { property: k.property, score };
    }
  }
  if (best) return { property: best.property, unsure: false };
  const fallback: Partial<Record<Unit, Property>> = {
    USD: 'investment',
    '%': 'change',
    fraction: 'market-share',
    x: 'change',
    km2: 'area',
    count: 'count',
    rank: 'rank',
    yr: 'duration',
    t: 'contained-metal',
    't/yr': 'capacity',
  };
  const property = fallback[q.unit] ?? 'count';
  const sure = ['x', 'km2', 'count', 'rank', 'yr'].includes(q.unit);
  return { property, unsure: !sure };
}

/** The kinds of record a property is usually about, most likely first. */
const SUBJECT_KINDS: Record<string, readonly Kind[]> = {
  reserves: ['deposit', 'region', 'country', 'organization'],
  resources: ['deposit', 'region', 'country', 'organization'],
  'contained-metal': ['deposit', 'country', 'region', 'organization'],
  ore: ['deposit', 'region', 'country'],
  grade: ['deposit', 'region', 'project'],
  capacity: ['project', 'organization', 'country'],
  production: ['project', 'organization', 'country'],
  'output-target': ['project', 'policy', 'organization', 'country'],
  investment: ['project', 'policy', 'organization', 'country', 'deal'],
  price: ['commodity'],
  'offer-value': ['deal'],
  'deal-value': ['deal'],
  'market-size': ['commodity'],
  'market-share': ['organization', 'country', 'project'],
  employees: ['organization'],
  countries: ['organization'],
  rank: ['country', 'organization', 'project', 'deposit', 'commodity'],
  count: ['organization', 'country', 'project', 'deposit', 'region', 'policy', 'deal'],
  area: ['policy', 'deposit', 'region', 'country'],
  change: ['commodity', 'project', 'policy', 'country', 'organization'],
  ownership: ['organization', 'person', 'country'],
  duration: ['commodity', 'project', 'policy', 'deal', 'organization'],
  'date-of-event': ['deal', 'policy', 'project', 'organization', 'deposit', 'country'],
  'start-date': ['project', 'policy', 'deal', 'organization'],
};

// ---------------------------------------------------------------------------------------------
// Clauses, modality, dates, speakers.

/** Marks that end a clause inside a sentence. */
const CLAUSE_MARKS =
  /;\s|\s-\s|:\s|,\s+(?=with\b|adding\b|while\b|which\b|but\b|instantly\b|effectively\b|following\b|including\b|who\b|along\b|part\b|targeting\b|aiming\b|positioning\b)/g;

/** [start, end) of the clause of a sentence that holds [s, e). */
function clauseOf(sentence: string, s: number, e: number): [number, number] {
  let from = 0;
  let to = sentence.length;
  for (const m of sentence.matchAll(CLAUSE_MARKS)) {
    const at = m.index;
    if (at + m[0].length <= s) from = at + m[0].length;
    else if (at >= e) {
      to = at;
      break;
    }
  }
  return [from, to];
}

/** Words draft reads as future or wished-for beyond validate's markers. */
const MORE_MARKERS: Array<{ re: RegExp; modality: Modality }> = [
  { re: /\boffer(?:s|ed)\b/i, modality: 'proposed' },
  { re: /\bto (?:begin|start|launch|construct|build|establish)\b/i, modality: 'planned' },
  { re: /\bonce up and running\b/i, modality: 'planned' },
  { re: /\bexpect\b/i, modality: 'expected' },
];

/** Aims at an amount are targets: "aims to double", "set to increase to", "targeting". */
const TARGET_WORDS = /\b(?:aims?|aiming|aimed|target(?:s|ing|ed)?|set to)\b/i;

function modalityOf(
  clause: string,
  property: Property,
): { modality: Modality; marker: string | null } {
  const found = findModalityMarker(clause);
  const more = MORE_MARKERS.map((m) => ({ m, at: clause.search(m.re) })).filter((x) => x.at >= 0);
  if (!found && more.length === 0) return { modality: 'actual', marker: null };
  if (!found) return { modality: more[0]!.m.modality, marker: more[0]!.m.re.source };
  let modality = found.expected[0]!;
  const amount = PROPERTIES[property].value === 'quantity';
  if (
    amount &&
    TARGET_WORDS.test(clause) &&
    found.expected.includes('target') &&
    property !== 'rank'
  )
    modality = 'target';
  if (property === 'output-target' && found.expected.includes('target')) modality = 'target';
  // "production targeted for late 2026": the plan's date
  if (!amount && modality === 'target') modality = 'planned';
  // a rank a coming event brings ("will ..., positioning X as the second-largest") is expected
  if (property === 'rank' && found.marker === 'will') modality = 'expected';
  return { modality, marker: found.marker };
}

/** "-2028", " to 2024" after a year: the end of its range, with that year. */
const RANGE_TAIL = /^\s*(?:-|to|through|until)\s*((?:19|20)\d{2})\b/;
/** The length of the end of a range after a year, or 0. */
const rangeTail = (sentence: string, end: number) =>
  RANGE_TAIL.exec(sentence.slice(end))?.[0].length ?? 0;

type DateFigure = Extract<Figure, { kind: 'year' | 'date' | 'relative-date' }>;

const pad = (n: number) => String(n).padStart(2, '0');

/** The year a source was published in, when its record says. */
function publishedYear(published: DateSpec | undefined): number | undefined {
  if (published === undefined) return undefined;
  const iso =
    typeof published === 'string' ? published : (published.on ?? published.start ?? published.end);
  return iso ? Number(iso.slice(0, 4)) : undefined;
}

/** A date the text writes, as a claim's date: null when nothing resolves it (with why). */
function dateOf(
  f: DateFigure,
  written: string,
  sentence: string,
  source: DraftInput['source'],
): { date: DateSpec; inferred: boolean } | { why: string } {
  const d = f.date;
  const head = sentence.slice(Math.max(0, f.start - 12), f.start).toLowerCase();
  // "since 2018": from then on; "2020 to 2024", "2024-2028": an interval
  const range = RANGE_TAIL.exec(sentence.slice(f.end));
  if (f.kind === 'year' || (f.kind === 'date' && d.months === undefined)) {
    const year = String(d.year);
    if (range && d.part === undefined)
      return { date: { start: year, end: range[1]! }, inferred: false };
    if (/\bsince\s+$/.test(head)) return { date: { start: year }, inferred: false };
    return { date: d.part ? { on: year, part: d.part } : year, inferred: false };
  }
  if (d.months && d.year !== undefined) {
    const [a, b] = d.months;
    const on = `${d.year}-${pad(a)}${d.day !== undefined ? `-${pad(d.day)}` : ''}`;
    if (a === b) return { date: d.part ? { on, part: d.part } : on, inferred: false };
    return { date: { start: `${d.year}-${pad(a)}`, end: `${d.year}-${pad(b)}` }, inferred: false };
  }
  const year = publishedYear(source.published);
  if (d.months && year !== undefined) {
    const [a, b] = d.months;
    const reason = `"${written}", read in the year the source was published (${year}; see the source record)`;
    return a === b
      ? { date: { on: `${year}-${pad(a)}`, inferred: true, reason }, inferred: true }
      : {
          date: { start: `${year}-${pad(a)}`, end: `${year}-${pad(b)}`, inferred: true, reason },
          inferred: true,
        };
  }
  return {
    why:
      d.months === undefined
        ? 'a relative date: the text gives no date to resolve it to'
        : 'a month with no year, and the source record gives no publication date to read it in',
  };
}

/** Words that attribute a statement, with where the speaker's name stands. */
const SAID_AFTER = /\b(?:said|says|according to|reported|told by|noted|stated|added)\s+$/i;
const SAID_BEFORE_FAR =
  /^(?:\s+[\p{L}&]+){0,3},?\s+(?:said|says|noted|stated|told|added|reported|disclosed|announced)\b/iu;
const SAID_BEFORE =
  /^\s*,?\s*(?:said|says|noted|stated|told|added|reported|disclosed|announced)\b/i;
const PRONOUN_SAID = /\b(?:he|she|they)\s+(?:said|noted|added|stated|told)\b/i;

// ---------------------------------------------------------------------------------------------
// The draft.

export function draft(input: DraftInput): Draft {
  const { body, sentences } = bodyOf(input.text, input.rule);
  const mentions = findMentions(body, input.records);
  const sentenceAt = (offset: number) => {
    let lo = 0;
    let hi = sentences.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sentences[mid]!.s <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const mentionSentence = mentions.map((m) => sentenceAt(m.s));
  const countryMentions = new Map<string, number>();
  for (const m of mentions)
    for (const r of m.records)
      if (r.kind === 'country') countryMentions.set(r.id, (countryMentions.get(r.id) ?? 0) + 1);
  const byId = new Map(input.records.map((r) => [r.id, r]));
  /** The records each record refers to (parties, operator, commodities, places). */
  const refsCache = new Map<string, Set<string>>();
  const refsFor = (r: FactRecord) => {
    let set = refsCache.get(r.id);
    if (!set) {
      set = new Set<string>();
      for (const site of refsOf(r))
        if (site.field !== 'citation source' && site.field !== 'said_by') set.add(site.id);
      refsCache.set(r.id, set);
    }
    return set;
  };

  // "2024-2028", "from 2020 to 2024": the second year ends the first one's interval
  const rangeEnd = (p: FigurePlace) =>
    p.figure.kind === 'year' &&
    /(?:19|20)\d{2}\s*(?:-|to|through|until)\s*$/.test(p.sentence.text.slice(0, p.figure.start));
  const places = figurePlaces(sentences, quotePlaces(body, input.quotes)).filter(
    (p) => (p.claims.length === 0 || p.reason !== null) && !rangeEnd(p),
  );
  const out: Draft = { figures: places.length, claims: [], skipped: [] };
  const stubs = new Map<string, DraftRecord>();
  /** The record of each kind a figure was last found to be about, and the sentence it was in. */
  const lastChosen = new Map<Kind, { id: string; index: number }>();

  // Dates that serve as the `when` of an amount in the same clause are not claims of their own.
  const usedAsWhen = new Set<FigurePlace>();
  const indexOf = new Map(sentences.map((x, i) => [x, i]));
  const perLine = new Map<number, number>();
  for (const x of sentences) perLine.set(x.line, (perLine.get(x.line) ?? 0) + 1);
  /** A figure no claim is drafted for, and why. */
  const skip = ({ sentence: x, figure: f }: FigurePlace, why: string) =>
    out.skipped.push({ figure: x.text.slice(f.start, f.end), sentence: x.text, line: x.line, why });
  // a heading ("Gallium Production: From Zero to Number Two") states nothing: one short sentence
  // alone on its line, with no closing stop
  const heading = (x: BodySentence) =>
    perLine.get(x.line) === 1 && !/[.!?"')\]]$/.test(x.text) && x.text.split(/\s+/).length <= 12;
  const pending: Array<{ place: FigurePlace; at: { index: number } }> = [];
  for (const place of places) {
    const x = place.sentence;
    if (heading(x)) skip(place, 'a heading, which states nothing to claim');
    else pending.push({ place, at: { index: indexOf.get(x)! } });
  }
  const amounts = pending.filter((p) => !('date' in p.place.figure));
  const dates = pending.filter((p) => 'date' in p.place.figure);

  for (const { place, at } of amounts) {
    const x = place.sentence;
    const f = place.figure;
    const written = x.text.slice(f.start, f.end);
    const made = quantityOf(f, written, x.text);
    if (!made) continue;
    const q = made.q;
    const notes = new Notes();
    const ask = notes.ask;
    if (made.unsure) ask('unit', 'a bare number: read as a count');
    const [cs, ce] = clauseOf(x.text, f.start, f.end);
    const clause = x.text.slice(cs, ce);
    const after = x.text.slice(f.start);
    const { property, unsure } = propertyOf(q, clause, [f.start - cs, f.end - cs], after);
    if (unsure)
      ask('property', `no word of the clause says what the amount is; read as ${property}`);
    // the bound: the hedge right before the number ("over US$20 million": "over" before "US$")
    if (q.bound === 'exact') {
      const hedge = hedgeBefore(x.text.slice(Math.max(0, f.start - 30), f.start));
      if (hedge) q.bound = hedge.expected[0]!;
    }

    // modality: the clause's markers; "from X to Y": X is how things stand, Y what is sought
    let { modality, marker } = modalityOf(clause, property);
    // "..., instantly positioning X as ...": a participle's clause is as sure as the one before it
    if (marker === null && /^\p{L}+ly\s+\p{L}+ing\b|^\p{L}+ing\b/u.test(clause) && cs > 0)
      ({ modality, marker } = modalityOf(x.text.slice(0, ce), property));
    const fromTo = /\bfrom\s+$/i.test(x.text.slice(Math.max(0, f.start - 8), f.start));
    // a bare number whose scale or unit the other end of its range writes: the quote holds both
    const shared =
      f.kind === 'number' && f.measure === null ? SHARED.exec(x.text.slice(f.end)) : null;
    const sharedEnd = shared && (shared[1] || shared[2]) ? f.end + shared[0].length : undefined;
    if (fromTo && modality !== 'actual') {
      modality = 'actual';
      ask('modality', `"from" ${written}: read as how things stand before the ${marker ?? 'plan'}`);
    }

    // the record
    const figureAt = x.s + f.start;
    const saidBy = speakerOf(x, at.index);
    const chosen = chooseRecord(property, figureAt, x.s + f.end, at.index, clause, cs, x, saidBy);
    const rec = chosen.record;
    if (rec && !rec.stub) lastChosen.set(rec.kind, { id: rec.id, index: at.index });
    if (!rec) {
      skip(place, 'no record of the base is named near it, and no name to propose one from');
      continue;
    }
    if (chosen.unsure) ask('which record', chosen.unsure);

    // the commodity: the nearest one named in the clause, not the record itself
    const commodity = commodityOf(x, cs, ce, f, rec.id, property);

    // when: a date in the same clause
    const when = dates.find(
      (d) => d.place.sentence === x && d.place.figure.start >= cs && d.place.figure.end <= ce,
    );
    let whenSpec: DateSpec | undefined;
    // (not for "from X", how things stand: the date is the target's)
    if (when && PROPERTIES[property].value === 'quantity' && !(fromTo && modality === 'actual')) {
      const w = when.place.figure as DateFigure;
      const r = dateOf(w, x.text.slice(w.start, w.end), x.text, input.source);
      if ('date' in r) {
        whenSpec = r.date;
        usedAsWhen.add(when.place);
        if (r.inferred) ask('date', 'a month read in the year of publication');
      }
    }

    // a figure about a project not yet running describes the plan, unless the text says otherwise
    const project = byId.get(rec.id);
    if (
      modality === 'actual' &&
      project?.kind === 'project' &&
      NOT_RUNNING.has(project.status) &&
      property !== 'investment'
    ) {
      modality = 'planned';
      ask(
        'modality',
        `the project is not running yet (status: ${project.status}); read as planned`,
      );
    }

    // the quote holds what the claim holds: its record's and commodity's names, its `when`
    const whenFigure = whenSpec !== undefined && when ? when.place.figure : undefined;
    propose(place, rec, chosen.mention, [cs, ce], notes, {
      from: [
        commodity?.at,
        whenFigure?.start,
        whenFigure ? whenFigure.end - 1 + rangeTail(x.text, whenFigure.end) : undefined,
        sharedEnd === undefined ? undefined : sharedEnd - 1,
      ],
      claim: {
        property,
        ...(commodity ? { commodity: commodity.id } : {}),
        quantity: q,
        ...(whenSpec !== undefined ? { when: whenSpec } : {}),
      },
      modality,
      saidBy,
    });
  }

  for (const { place, at } of dates) {
    if (usedAsWhen.has(place)) continue;
    const x = place.sentence;
    const f = place.figure as DateFigure;
    const written = x.text.slice(f.start, f.end);
    const r = dateOf(f, written, x.text, input.source);
    if (!('date' in r)) {
      skip(place, r.why);
      continue;
    }
    const [cs, ce] = clauseOf(x.text, f.start, f.end);
    const clause = x.text.slice(cs, ce);
    const property: Property =
      /\b(?:begin|start|launch|commission|production targeted|banned|imposed|introduc)/i.test(
        clause,
      )
        ? 'start-date'
        : 'date-of-event';
    const notes = new Notes();
    if (r.inferred) notes.ask('date', 'a month read in the year of publication');
    const chosen = chooseRecord(property, x.s + f.start, x.s + f.end, at.index, clause, cs, x);
    if (!chosen.record) {
      skip(place, 'no record of the base is named near it');
      continue;
    }
    if (chosen.unsure) notes.ask('which record', chosen.unsure);
    const { modality } = modalityOf(clause, property);
    // "2024-2028": the quote holds the range's end too
    const tail = rangeTail(x.text, f.end);
    propose(place, chosen.record, chosen.mention, [cs, ce], notes, {
      from: [tail > 0 ? f.end + tail - 1 : undefined],
      claim: { property, date: r.date },
      modality,
      saidBy: speakerOf(x, at.index),
    });
  }
  out.claims.sort((a, b) => a.line - b.line);
  return out;

  /**
   * A figure's claim with its quote: the span of the clause [cs, ce) from the record's mention and
   * the places in `from` to the figure, found in the stored text as written. The quote's own future
   * words decide what validate reads, so an actual claim whose quote has one says `actual`. Skipped
   * when no quote of the sentence is found as written.
   */
  function propose(
    place: FigurePlace,
    record: DraftRecord,
    mention: Mention | null,
    [cs, ce]: [number, number],
    notes: Notes,
    p: {
      from: ReadonlyArray<number | undefined>;
      claim: Omit<Claim, 'citations' | 'modality'>;
      modality: Modality;
      saidBy: string | undefined;
    },
  ): void {
    const { sentence: x, figure: f } = place;
    const written = x.text.slice(f.start, f.end);
    const span = quoteSpanOf(x.text, f, cs, ce, [mention ? mention.s - x.s : undefined, ...p.from]);
    const quote = verbatim(input.text, x.text.slice(span[0], span[1]), x.text);
    if (quote === null) {
      skip(place, 'no quote of its sentence could be found in the stored text as written');
      return;
    }
    const inQuote = findModalityMarker(normalizeText(quote));
    if (inQuote && !inQuote.expected.includes(p.modality) && p.modality !== 'actual')
      notes.ask('modality', `the quote says "${inQuote.marker}"`);
    const claim = {
      ...p.claim,
      ...(p.modality !== 'actual' || inQuote ? { modality: p.modality } : {}),
      citations: [{ source: input.source.id, quote, ...(p.saidBy ? { said_by: p.saidBy } : {}) }],
    } as Claim;
    out.claims.push({
      record,
      claim,
      figure: written,
      sentence: x.text,
      line: x.line,
      check: notes.check,
      why: notes.why,
    });
  }

  // -- helpers that read the text's mentions ------------------------------------------------

  /** The record a figure is about, with the mention that named it and why to check it. */
  function chooseRecord(
    property: Property,
    figureAt: number,
    figureEnd: number,
    index: number,
    clause: string,
    clauseStart: number,
    x: BodySentence,
    speaker?: string,
  ): { record: DraftRecord | null; mention: Mention | null; unsure: string | null } {
    let kinds = SUBJECT_KINDS[property] ?? ['organization', 'country', 'project', 'deposit'];
    const lower = clause.toLowerCase();
    // a commodity is what a change or a duration is about only where its price is meant
    if ((property === 'change' || property === 'duration') && !/\bprices?\b/.test(lower))
      kinds = kinds.filter((k) => k !== 'commodity');
    // wells and drill holes are counted at a deposit
    if (
      property === 'count' &&
      /^\s*(?:of\s+\d+\s+)?(?:wells|holes|drill)/.test(x.text.slice(figureEnd - x.s))
    )
      kinds = ['deposit', 'region', 'project'];
    // "first-ever commercial gallium operation", "the facility would be ... first": a project
    if (property === 'rank') {
      const around = `${x.text.slice(clauseStart, figureAt - x.s)} | ${x.text.slice(figureEnd - x.s, figureEnd - x.s + 40).split(/[,;.]/)[0]}`;
      const kind = KIND_NOUNS.find(([, re]) => around.search(re) >= 0)?.[0];
      if (kind) kinds = [kind, ...kinds.filter((k) => k !== kind)];
    }
    const cStart = x.s + clauseStart;
    const cEnd = cStart + clause.length;
    const scores = new Map<string, { score: number; mention: Mention | null }>();
    const bump = (r: FactRecord, v: number, mention: Mention | null) => {
      const kw = kinds.indexOf(r.kind);
      if (kw < 0) return;
      const cur = scores.get(r.id) ?? { score: 0, mention: null };
      cur.score += v * (1 - kw * 0.2);
      if (
        mention &&
        (!cur.mention || Math.abs(mention.s - figureAt) < Math.abs(cur.mention.s - figureAt))
      )
        cur.mention = mention;
      scores.set(r.id, cur);
    };
    // a clause that starts "who ...", "- considered ...", "which ..." is about the name before it
    const before = x.text.slice(0, clauseStart);
    const appositive =
      /(?:\s-\s|,\s)$/.test(before) &&
      /^(?:who|which|considered|believed|seen|known|regarded|one of|\p{L}+ing)\b/iu.test(clause);
    // the name the clause leans on: not a place something is "in", not a commodity
    const lastBefore = appositive
      ? mentions
          .filter(
            (m) =>
              m.e <= cStart &&
              m.s >= x.s &&
              !/\b(?:in|at|near|from|of)\s+(?:the\s+)?(?:\p{L}+\s+)?$/iu.test(
                body.slice(Math.max(x.s, m.s - 20), m.s),
              ) &&
              !m.records.every((r) => r.kind === 'commodity'),
          )
          .at(-1)
      : undefined;
    // what the clause leans on is what it is about, whatever the property's usual kinds
    const leanKind = lastBefore?.records[0]?.kind;
    if (leanKind && kinds.includes(leanKind))
      kinds = [leanKind, ...kinds.filter((k) => k !== leanKind)];
    // nearness of each record's mentions: the figure's clause, sentence, the sentences around
    const inClause = (m: Mention) => m.s >= cStart && m.e <= cEnd;
    const nearest = new Map<string, { w: number; m: Mention | null }>();
    mentions.forEach((m, i) => {
      const j = mentionSentence[i]!;
      let w = nearness(NAMED, j - index, inClause(m));
      if (w === 0) return;
      if (j === index) {
        const d = m.s < figureAt ? figureAt - m.e : m.s - figureEnd;
        // nearer is likelier; a name that holds or touches the figure ("three founders") is it
        w *= d <= 1 ? 1.6 : 1 - Math.min(0.35, d / 300);
        if (m.s > figureEnd && d > 1)
          // "... to 10 million tons through the expansion of X": X is the means, not the subject
          w *= /\b(?:through|via|thanks to|by means of)\b/i.test(body.slice(figureEnd, m.s))
            ? 0.4
            : 0.75;
        if (m.s < figureAt && m.s >= cStart) w += 0.15;
        // "Kazakhstan's first": whose first is the scope of a rank, not what is ranked
        if (
          property === 'rank' &&
          /^'s\s/.test(body.slice(m.e, m.e + 3)) &&
          m.e < figureAt &&
          figureAt - m.e < 12
        )
          w *= 0.3;
      }
      if (m === lastBefore) w += 0.6;
      // who says it is seldom what it is about ("..., the Ministry told reporters")
      if (j === index && speaker !== undefined && m.records.some((r) => r.id === speaker)) w *= 0.4;
      // the mention stands for the record only in the figure's own sentence
      for (const r of m.records) {
        const cur = nearest.get(r.id);
        if (!cur || w > cur.w) nearest.set(r.id, { w, m: j === index ? m : null });
      }
    });
    for (const [id, { w, m }] of nearest) bump(byId.get(id)!, w, m);
    // records the text names through what they refer to: a deal's parties, a project's operator
    const near = new Map<string, number>();
    mentions.forEach((m, i) => {
      const w = nearness(REFERRED, mentionSentence[i]! - index, inClause(m));
      if (w > 0) for (const r of m.records) near.set(r.id, Math.max(near.get(r.id) ?? 0, w));
    });
    // the kind nouns of the clause: a generic one ("the project") fits any record of its kind, a
    // specific one ("the smelter") only a record whose name or type says so
    const nouns: Array<[Kind, string]> = KIND_NOUNS.flatMap(([k, re]) =>
      [...clause.matchAll(re)].map((m): [Kind, string] => [
        k,
        m[0].toLowerCase().replace(/s$/, ''),
      ]),
    );
    const fitsNoun = (r: FactRecord) =>
      nouns.some(
        ([k, noun]) =>
          k === r.kind &&
          (GENERIC_NOUNS.has(noun) ||
            [r.name, ...(r.aliases ?? []), 'type' in r ? String(r.type) : '']
              .join(' ')
              .toLowerCase()
              .includes(noun)),
      );
    const mentionedHere = new Set(
      mentions.flatMap((m, i) => (mentionSentence[i] === index ? m.records.map((r) => r.id) : [])),
    );
    const clauseWords = new Set(contentWords(clause));
    const sentenceWords = new Set(contentWords(x.text));
    const previousWords = new Set(index > 0 ? contentWords(sentences[index - 1]!.text) : []);
    for (const r of input.records) {
      if (r.kind === 'source' || !kinds.includes(r.kind)) continue;
      let hits = 0;
      // a commodity or a country is shared by many records: it says less about which one is meant
      let specific = 0;
      for (const id of refsFor(r)) {
        const generic = GENERIC_KINDS.has(byId.get(id)?.kind ?? 'source');
        hits += (near.get(id) ?? 0) * (generic ? 0.5 : 1);
        if (!generic) specific += near.get(id) ?? 0;
      }
      // a descriptive name ("ERG hot briquetted iron plant in Rudny") written in other words
      let overlap = 0;
      if (DESCRIBED.has(r.kind)) {
        const { words, proper } = nameWords(r);
        const keepsProper = (set: Set<string>) =>
          proper.length === 0 || proper.some((p) => set.has(p));
        if (words.length >= 2) {
          const share = (set: Set<string>) => words.filter((w) => set.has(w)).length / words.length;
          const at = (set: Set<string>, w: number) =>
            share(set) >= 0.5 && keepsProper(set) ? w * share(set) : 0;
          // a name the sentence writes as it is counts once, as a mention
          if (!mentionedHere.has(r.id))
            overlap = Math.max(at(clauseWords, 1), at(sentenceWords, 0.6), at(previousWords, 0.35));
        }
      }
      if (hits > 0 || overlap > 0)
        bump(
          r,
          Math.min(0.75, 0.25 * hits) + overlap + (specific >= 0.5 && fitsNoun(r) ? 0.35 : 0),
          null,
        );
    }
    // "the facility", "the project": the one a figure just before was about
    for (const [k, noun] of nouns) {
      const last = lastChosen.get(k);
      if (last && last.index >= index - 2 && GENERIC_NOUNS.has(noun))
        bump(byId.get(last.id)!, 0.5, null);
    }
    // the text's main country, for "domestic", "national", "the country's"
    // (or a clause that names nothing at all: "In total, 38 promising areas ...")
    const economy = /\b(?:domestic|national|country's|nationwide|sector|economy)\b/.test(lower);
    const namesNothing = !mentions.some((m) => m.s >= cStart && m.e <= cEnd);
    if (kinds.includes('country') && (economy || namesNothing)) {
      const top = [...countryMentions].sort((a, b) => b[1] - a[1])[0];
      if (top) {
        const sector = /\b(?:sector|economy|domestic)\b/.test(lower);
        bump(byId.get(top[0])!, economy ? (sector && namesNothing ? 0.9 : 0.5) : 0.2, null);
      }
    }
    // names the base does not have, in the clause: a new record, when one reads better than any known
    const known = (mentions: Mention[]) => mentions.filter((m) => m.s >= x.s && m.e <= x.e);
    let newBest: { name: UnknownName; score: number } | null = null;
    for (const u of unknownNames(x, clause, clauseStart, known(mentions))) {
      const kw = kinds.indexOf(u.kind);
      if (kw < 0) continue;
      const d =
        u.at < figureAt - x.s ? figureAt - x.s - (u.at + u.name.length) : u.at - (figureEnd - x.s);
      let w = 0.9 * (d <= 1 ? 1.6 : 1 - Math.min(0.35, Math.max(0, d) / 300));
      if (u.at < figureAt - x.s) w += 0.15;
      const score = w * (1 - kw * 0.2);
      if (!newBest || score > newBest.score) newBest = { name: u, score };
    }
    const ranked = [...scores].sort((a, b) => b[1].score - a[1].score);
    const best = ranked[0];
    if (newBest && (!best || newBest.score > best[1].score)) {
      const stub = stubFrom(newBest.name, x);
      if (stub)
        return {
          record: stub,
          mention: null,
          unsure: `a name the base does not have: a new ${stub.kind} is proposed`,
        };
    }
    if (!best) {
      // no record of the kinds the property suits: the nearest the sentence names, to check
      const near = mentions
        .filter(
          (m, i) =>
            mentionSentence[i] === index &&
            m.records.some((r) => r.kind !== 'commodity' && r.kind !== 'source'),
        )
        .sort((a, b) => Math.abs(a.s - figureAt) - Math.abs(b.s - figureAt))[0];
      const r = near?.records.find((c) => c.kind !== 'commodity' && c.kind !== 'source');
      if (!near || !r) return { record: null, mention: null, unsure: null };
      return {
        record: { id: r.id, kind: r.kind, name: r.name, stub: null },
        mention: near,
        unsure: `the sentence names no ${kinds.join(', ')}; read as about the ${r.kind} it names`,
      };
    }
    const r = byId.get(best[0])!;
    const second = ranked[1];
    const close = second && second[1].score > best[1].score * 0.85;
    const unsure = close
      ? `or ${second[0]} (${byId.get(second[0])!.kind})`
      : best[1].score < 0.5
        ? 'the text does not name it near the figure'
        : null;
    return {
      record: { id: r.id, kind: r.kind, name: r.name, stub: null },
      mention: best[1].mention,
      unsure,
    };
  }

  /** A new record for a name the text writes that the base does not have; null when its kind needs what the text does not give. */
  function stubFrom(u: UnknownName, x: BodySentence): DraftRecord | null {
    const id = u.name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80)
      .replace(/-$/, '');
    if (id === '' || byId.has(id)) return null;
    const existing = stubs.get(id);
    if (existing) return existing;
    // a deposit or a project needs a commodity: the first the sentence names
    const commodity = mentions
      .filter((m) => m.s >= x.s && m.e <= x.e)
      .flatMap((m) => m.records.filter((r) => r.kind === 'commodity').map((r) => r.id))[0];
    if ((u.kind === 'deposit' || u.kind === 'project') && commodity === undefined) return null;
    const quote = verbatim(input.text, u.name, x.text) ?? u.name;
    const citations = [{ source: input.source.id, quote }];
    const name = u.name;
    const stub =
      u.kind === 'deposit'
        ? {
            id,
            kind: u.kind,
            name,
            commodities: [commodity!],
            status: 'unknown' as const,
            citations,
          }
        : u.kind === 'project'
          ? {
              id,
              kind: u.kind,
              name,
              type: 'other' as const,
              commodities: [commodity!],
              status: 'unknown' as const,
              citations,
            }
          : { id, kind: 'organization' as const, name, type: 'other' as const, citations };
    const rec: DraftRecord = { id, kind: u.kind, name, stub: stub as FactRecord };
    stubs.set(id, rec);
    return rec;
  }

  function commodityOf(
    x: BodySentence,
    cs: number,
    ce: number,
    f: Figure,
    recordId: string,
    property: Property,
  ): { id: string; at: number } | null {
    if (!COMMODITY_PROPERTIES.has(property)) return null;
    let best: { id: string; at: number; d: number } | null = null;
    for (const m of mentions) {
      if (m.s < x.s + cs || m.e > x.s + ce) continue;
      const r = m.records.find((c) => c.kind === 'commodity');
      if (!r || r.id === recordId) continue;
      // "Altyn Copper Holdings" names a company, not copper
      const around = `${body.slice(Math.max(x.s, m.s - 20), m.s)}|${body.slice(m.e, m.e + 20)}`;
      if (/\p{Lu}/u.test(body[m.s]!) && /\p{Lu}[\p{L}.]*\s\||\|\s\p{Lu}/u.test(around) && m.s > x.s)
        continue;
      const at = m.s - x.s;
      // "tons of copper" after the figure reads best; then the nearest before it
      const d = at >= f.end ? (at - f.end) * 0.8 : f.start - (m.e - x.s);
      if (!best || d < best.d) best = { id: r.id, at, d };
    }
    return best ? { id: best.id, at: best.at } : null;
  }

  /** Who the sentence says said it: a person or organization of the base. */
  function speakerOf(x: BodySentence, index: number): string | undefined {
    const speakers = mentions
      .map((m, i) => ({ m, i }))
      .filter(({ i }) => mentionSentence[i] === index)
      .flatMap(({ m }) =>
        m.records
          .filter((r) => r.kind === 'person' || r.kind === 'organization')
          .map((r) => ({ r, m })),
      );
    for (const { r, m } of speakers) {
      const before = body.slice(x.s, m.s);
      const afterText = body.slice(m.e, x.e);
      // "said Zaura Kunanbayeva", "according to X", "X said", "Iran Sharkan, said"
      if (SAID_AFTER.test(before.slice(-30))) return r.id;
      if (SAID_BEFORE.test(afterText.slice(0, 30)) || SAID_BEFORE_FAR.test(afterText.slice(0, 50)))
        return r.id;
    }
    // "he said": the last person named before
    if (PRONOUN_SAID.test(x.text)) {
      for (let i = mentions.length - 1; i >= 0; i--) {
        if (mentionSentence[i]! > index || mentionSentence[i]! < index - 3) continue;
        const p = mentions[i]!.records.find((r) => r.kind === 'person');
        if (p) return p.id;
      }
    }
    return undefined;
  }
}

/** Project statuses of a project that is not running yet: its figures are plans. */
const NOT_RUNNING: ReadonlySet<string> = new Set(['announced', 'pre-construction', 'construction']);

interface UnknownName {
  name: string;
  /** where it starts in the sentence */
  at: number;
  kind: Kind;
}

const NOT_NAMES =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|In|On|At|By|For|From|With|Meanwhile|Separately|According|However|Only|But|And|It|Its|This|These|Those|We|Our|He|She|They|Over|Under|About|Around|Nearly|Some|Approximately|More|Less|Up|Once|When|While|If|As|Following|After|Before|Since|During|Additionally|Notably|Previously|Foreign|Initial)$/;

/**
 * The capitalised names of a clause that no record of the base is written as ("Altyn Copper
 * Holdings", "Balkhash North project"), with the kind their last word suggests.
 */
function unknownNames(
  x: BodySentence,
  clause: string,
  clauseStart: number,
  known: readonly Mention[],
): UnknownName[] {
  const out: UnknownName[] = [];
  const re =
    /\p{Lu}[\p{L}\p{N}&.-]*(?:\s+(?:of\s+|the\s+|and\s+|&\s+)?\p{Lu}[\p{L}\p{N}&.-]*)*(?:\s+(?:project|mine|smelter|plant|refinery|facility|deposit|field))?/gu;
  for (const m of clause.matchAll(re)) {
    // "US$20 million": a currency, not a name
    if (clause[m.index + m[0].length] === '$') continue;
    let name = m[0].replace(/[.-]+$/, '');
    let at = clauseStart + m.index;
    // "The", "Separately" and the like open a sentence, they name nothing
    while (true) {
      const first = /^(\S+)\s+/.exec(name);
      if (!first || !NOT_NAMES.test(first[1]!)) break;
      name = name.slice(first[0].length);
      at += first[0].length;
    }
    const words = name.split(/\s+/);
    if (NOT_NAMES.test(name) || name.length < 3) continue;
    // a single word opening the sentence, or a word in capitals (a dateline), is not enough
    if (words.length === 1 && (at === 0 || name === name.toUpperCase())) continue;
    if (known.some((k) => k.s - x.s < at + name.length && at < k.e - x.s)) continue;
    const kind: Kind = /\b(?:project|mine|smelter|plant|refinery|facility)$/i.test(name)
      ? 'project'
      : /\b(?:deposit|field)$/i.test(name)
        ? 'deposit'
        : 'organization';
    out.push({ name, at, kind });
  }
  return out;
}

/** Properties whose claims say which commodity they count. */
const COMMODITY_PROPERTIES: ReadonlySet<Property> = new Set<Property>([
  'reserves',
  'resources',
  'contained-metal',
  'grade',
  'capacity',
  'production',
  'output-target',
  'market-share',
  'rank',
  'change',
  'count',
]);

/**
 * The quote's span in the sentence: the figure with its hedge and unit words, from the nearest of
 * `from` (the record's and commodity's names) that stands in the clause; grown to the clause when
 * that is only a few words.
 */
function quoteSpanOf(
  sentence: string,
  f: Figure,
  cs: number,
  ce: number,
  from: ReadonlyArray<number | undefined>,
): [number, number] {
  let s = f.start;
  let e = f.end;
  const hedge =
    /(?:more than|over|exceeding|up to|as high as|approximately|about|around|nearly|almost|at least|less than|top|among the top)\s*(?:US\$|\$)?\s*$/i.exec(
      sentence.slice(Math.max(cs, f.start - 25), f.start),
    );
  if (hedge) s = f.start - hedge[0].length;
  // a name after the figure only when no comma or quotation mark stands between them
  for (const at of from) {
    if (at === undefined || at < cs || at >= ce) continue;
    if (at > f.end && /[,;:"”)]/.test(sentence.slice(f.end, at))) continue;
    s = Math.min(s, at);
    e = Math.max(e, at + 1);
  }
  // the words that say what the amount is of: "tons of copper", "per ton", "annually", "wells",
  // up to three words, stopping before a word that starts another phrase
  while (e < ce && /[\p{L}\p{N}%]/u.test(sentence[e]!)) e++;
  for (let n = 0; n < 3; n++) {
    const next = /^\s+(?:of\s+|per\s+|the\s+|a\s+)*[\p{L}\p{N}'’-]+/u.exec(sentence.slice(e, ce));
    if (!next || TAIL_STOP.test(next[0].trim())) break;
    e += next[0].length;
  }
  // whole words at both ends, no clause marks at the end
  while (s > cs && /[\p{L}\p{N}$]/u.test(sentence[s - 1]!)) s--;
  // a year with what places it: "By 2026", "since 2018", "late 2027"
  const lead = /\b(?:by|since|in|from|until|before|after|late|early|mid|end of|through)\s+$/i.exec(
    sentence.slice(cs, s),
  );
  if (lead && /^(?:19|20)\d{2}\b/.test(sentence.slice(s))) s -= lead[0].length;
  if (sentence.slice(s, e).split(/\s+/).length < 5) {
    s = Math.max(cs, Math.min(s, clauseStartWords(sentence, s, cs)));
    e = Math.min(ce, Math.max(e, clauseEndWords(sentence, e, ce)));
  }
  // not from inside a name ("Copper Holdings" of "Altyn Copper Holdings"), nor from inside brackets
  const bracket = sentence.slice(s, f.start).indexOf(')');
  if (bracket >= 0 && !sentence.slice(s, s + bracket).includes('(')) {
    const open = sentence.lastIndexOf('(', s);
    if (open >= cs) s = open;
  }
  for (
    let m = /(\p{Lu}[\p{L}\p{N}&.-]*\s+)$/u.exec(sentence.slice(cs, s));
    m && /\p{Lu}|\(/u.test(sentence[s]!);
    m = /(\p{Lu}[\p{L}\p{N}&.-]*\s+)$/u.exec(sentence.slice(cs, s))
  )
    s -= m[1]!.length;
  while (e < ce && /[\p{L}\p{N}%]/u.test(sentence[e]!)) e++;
  // not ending inside a name: "at its Balkhash" goes on to "Balkhash North project"
  for (let n = 0; n < 3 && /\p{Lu}[\p{L}\p{N}-]*$/u.test(sentence.slice(s, e)); n++) {
    const next = /^\s+(?:\p{Lu}[\p{L}\p{N}-]*|project|mine|smelter|plant|deposit)/u.exec(
      sentence.slice(e, ce),
    );
    if (!next) break;
    e += next[0].length;
  }
  // not ending on "the", "into" or inside brackets: one more word, or to the closing bracket
  for (
    let n = 0;
    n < 3 &&
    e < ce &&
    /\b(?:the|a|an|of|to|into|in|for|by|and|with|from|that|on)$/i.test(sentence.slice(s, e));
    n++
  ) {
    const next = /^\s+[\p{L}\p{N}'’-]+/u.exec(sentence.slice(e, ce));
    if (!next) break;
    e += next[0].length;
  }
  const open = sentence.lastIndexOf('(', e);
  if (open >= s && sentence.indexOf(')', open) >= e) {
    const close = sentence.indexOf(')', open);
    if (close < ce) e = close + 1;
  }
  let q = sentence.slice(s, e);
  const trimmed = q.replace(/[\s,;:]+$/, '');
  e -= q.length - trimmed.length;
  q = trimmed;
  return [s, e];
}

/** Words that start another phrase: the quote of a figure's tail stops before them. */
const TAIL_STOP =
  /^(?:with|and|but|or|in|on|at|to|into|by|for|from|that|which|who|while|since|after|before|as|said|says|according|than|through|over|once|when|if|until|where|is|are|was|were|has|have|had|be|been|will|would|could)$/i;

/** Four words back from `s`, not before the clause. */
function clauseStartWords(sentence: string, s: number, cs: number): number {
  const before = sentence.slice(cs, s);
  const m = /(?:[^\s]+\s+){0,4}$/.exec(before);
  return cs + (m ? before.length - m[0].length : 0);
}
/** Three words on from `e`, not past the clause. */
function clauseEndWords(sentence: string, e: number, ce: number): number {
  // not past a comma or quotation mark: what follows one is another phrase
  const m = /^(?:\s+[^\s,;:"”]+(?=[\s]|$)){0,3}/.exec(sentence.slice(e, ce));
  return e + (m ? m[0].length : 0);
}

/** The stored text's verbatim span for a piece of a normalised sentence; null when not found. */
function verbatim(text: string, piece: string, sentence: string): string | null {
  for (const want of [piece, sentence]) {
    const r = cite(text, want);
    if (r.found && (r.match === 'exact' || r.match === 'normalized')) return r.found.quote;
  }
  return null;
}
