// How much of each source the fact base holds: body sentences that claims quote, figures that
// claims quote, and figures that claims hold as values (structured).
//
// Only the citations of claims (and of a person's roles, which are dated, cited statements too)
// count. A record's own top-level `citations` say that the record exists and what it is called;
// they quote names and headlines, not facts, so they cover nothing here.
//
// The rules, each with a test in test/coverage.test.ts:
//
// - A sentence is covered when at least half of its non-space characters lie inside claim quotes
//   (several quotes may add up). Half, not a fixed number of characters: a quote of a short name
//   in a long sentence does not cover it, and a sentence need not be quoted whole.
// - A figure is quoted when one occurrence of a claim's quote in the body spans all of it.
// - A figure is structured when a claim quoting it (that same occurrence) holds its value:
//   - an amount in digits ("US$20 million", "15 metric tons", "6.7%", "42"): a quantity whose
//     `value`, `low` or `high`, times its scale and its unit's factor, equals the amount ("2.6
//     million tons" = {value: 2.6, unit: Mt}; "20%" = {value: 0.2, unit: fraction}). A currency
//     needs a money or price unit, "%" a ratio, tons a mass or mass rate, square km an area. A
//     bare number with no scale word may also equal the number as written, for "1.9 to 2.2
//     million" where one scale serves both ends ({low: 1.9, high: 2.2, scale: million}).
//   - a written-out number ("two", "a dozen"): a quantity of any unit with that value, as
//     written or in base units ("four continents" = {value: 4, unit: count}).
//   - a fraction ("one-fifth", "half"): a ratio of that size ({value: 0.2, unit: fraction} or
//     {value: 20, unit: '%'}).
//   - a multiple ("twofold", "doubled", "halved"): {value: 2, unit: x}, or the change in
//     percent ({value: 100, unit: '%'} for doubled, -50 for halved).
//   - a rank ("world's largest" 1, "second-largest" 2, "top three" 3, "number two" 2,
//     "first-ever" 1): a quantity in unit `rank` with that value (any bound: "top 10" is usually
//     stored {value: 10, bound: at-most}).
//   - a year ("2013"): a date or `when` (a role's `from` or `to`) whose `on`, `start` or `end` is
//     in that year; never a quantity. A date the text qualifies ("late 2026", "end of 2024",
//     "first quarter of 2025") needs the same `part` too.
//   - a month ("December 2024", "in December", "January-March"): a date whose `on`, `start` or
//     `end` is in that month (and that year, and on that day, when the text gives them); a
//     month range is a date from its first month to its last, or one with the part (Q1, H2)
//     that spans exactly those months.
//   - a relative date ("last year", "by year-end", "this week", "months after"): a date or `when`
//     marked `inferred` (resolved from context, with its reason); there is no value to compare.
//   Bounds ("more than", "about") are not compared: `validate` checks hedges against bounds.
//   Numbers are equal when they differ by less than one part in a million.
// - A figure quoted but not structured has a reason: relative-date (a month or relative phrase
//   that no quoting claim resolves), value-differs (a quoting claim holds a quantity, or a date,
//   with another value), no-quantity or no-date (the quoting claims hold no value of its type).
import type { z } from 'zod';
import type { FactRecord } from '../schema/index.js';
import { PART_MONTHS } from '../schema/dates.js';
import type { CoverageRow as CoverageRowSchema } from '../schema/output-reports.js';
import type { Body } from '../schema/records.js';
import { citationsOf } from '../schema/refs.js';
import type { DateSpec, Quantity } from '../schema/values.js';
import { SCALES, UNITS } from '../schema/vocab.js';
import { normalizeText } from '../util/quotes.js';
import type { CoverageSummary } from './stats.js';
import { type Figure, findFigures, splitSentences, type TextDate } from './sentences.js';

/** Which part of a source's text is its body (the source record's `body`). */
export type BodyRule = z.input<typeof Body>;

/** One source's coverage, as `coverage --json` prints it. */
export type CoverageRow = z.output<typeof CoverageRowSchema>;
export type SourceCoverage = Omit<CoverageRow, 'source' | 'file'>;
type Unstructured = SourceCoverage['figures']['unstructured'][number];

/** One citation of a claim (or role) of this source: its quote and the values its claim holds. */
export interface ClaimQuote {
  quote: string;
  quantity?: Quantity | undefined;
  /** the claim's `date` and `when`, a role's `from` and `to` */
  dates?: readonly DateSpec[];
}

const pct = (a: number, b: number) => (b === 0 ? 100 : Math.round((a / b) * 1000) / 10);

/** A sentence of a source's body: its normalised text, its place in the body string and its line. */
export interface BodySentence {
  s: number;
  e: number;
  line: number;
  text: string;
}

/**
 * The body of a source's text (its record's `body` rule applied) as one normalised string, which
 * quotes are matched against, with each sentence's place; and the rule's texts that were not found.
 */
export function bodyOf(
  text: string,
  rule: BodyRule,
): { body: string; sentences: BodySentence[]; unmatched: string[] } {
  const unmatched: string[] = [];
  const lines = text.split(/\r?\n/);
  const norm = lines.map((l) => normalizeText(l));
  const startAt = rule.start === undefined ? 0 : findLine(norm, normalizeText(rule.start));
  const endAt = rule.end === undefined ? lines.length : findLine(norm, normalizeText(rule.end));
  if (startAt < 0) unmatched.push(rule.start!);
  if (endAt < 0) unmatched.push(rule.end!);
  const exclude = new Set((rule.exclude ?? []).map(normalizeText));
  for (const e of exclude) if (!norm.includes(e)) unmatched.push(e);
  const sentences: BodySentence[] = [];
  let body = '';
  for (let i = Math.max(0, startAt); i < (endAt < 0 ? lines.length : endAt); i++) {
    const line = norm[i]!;
    if (line === '' || exclude.has(line)) continue;
    for (const [s, e] of splitSentences(line)) {
      if (body !== '') body += ' ';
      sentences.push({
        s: body.length,
        e: body.length + (e - s),
        line: i + 1,
        text: line.slice(s, e),
      });
      body += line.slice(s, e);
    }
  }
  return { body, sentences, unmatched };
}

/** A figure of a body sentence, and whether the claims quoting it hold it as a value. */
export interface FigurePlace {
  sentence: BodySentence;
  figure: Figure;
  /** the claims whose quotes span it (none: unquoted) */
  claims: ClaimQuote[];
  /** why none of them holds its value; null when one does (or none quotes it) */
  reason: Unstructured['reason'] | null;
}

/** A place in the body where a claim's quote occurs: [s, e) in the body string. */
interface QuotePlace {
  s: number;
  e: number;
  claim: ClaimQuote;
}

/** Every place in the body a claim's quote occurs, with the claim's values. */
export function quotePlaces(body: string, quotes: readonly ClaimQuote[]): QuotePlace[] {
  const covered: QuotePlace[] = [];
  for (const claim of quotes) {
    const nq = normalizeText(claim.quote);
    if (nq === '') continue;
    for (let at = body.indexOf(nq); at >= 0; at = body.indexOf(nq, at + 1))
      covered.push({ s: at, e: at + nq.length, claim });
  }
  return covered;
}

/** Every figure of the body's sentences, in order, with the claims whose quotes (`covered`) span it. */
export function figurePlaces(
  sentences: readonly BodySentence[],
  covered: readonly QuotePlace[],
): FigurePlace[] {
  return sentences.flatMap((x) =>
    findFigures(x.text).map((figure) => {
      const claims = covered
        .filter((c) => c.s <= x.s + figure.start && x.s + figure.end <= c.e)
        .map((c) => c.claim);
      return {
        sentence: x,
        figure,
        claims,
        reason: claims.length === 0 ? null : unstructuredReason(figure, claims),
      };
    }),
  );
}

export function sourceCoverage(
  text: string,
  rule: BodyRule,
  quotes: readonly ClaimQuote[],
): SourceCoverage {
  const { body, sentences, unmatched } = bodyOf(text, rule);
  const covered = quotePlaces(body, quotes);
  const quotedShare = (s: number, e: number) => {
    const inQuote = new Array<boolean>(e - s).fill(false);
    for (const c of covered)
      for (let i = Math.max(s, c.s); i < Math.min(e, c.e); i++) inQuote[i - s] = true;
    let quoted = 0;
    let all = 0;
    for (let i = s; i < e; i++)
      if (body[i] !== ' ') {
        all++;
        if (inQuote[i - s]) quoted++;
      }
    return { quoted, all };
  };

  const noFact = (rule.no_fact ?? []).map((n) => normalizeText(n.text));
  for (const n of noFact) if (!sentences.some((x) => x.text.includes(n))) unmatched.push(n);

  const result: SourceCoverage = {
    sentences: { total: 0, covered: 0, no_fact: 0, percent: 100, uncovered: [] },
    figures: {
      total: 0,
      quoted: 0,
      structured: 0,
      percent_quoted: 100,
      percent_structured: 100,
      unquoted: [],
      unstructured: [],
    },
    unmatched,
  };
  const { sentences: sen, figures: fig } = result;
  for (const x of sentences) {
    if (noFact.some((n) => x.text.includes(n))) sen.no_fact++;
    else {
      sen.total++;
      const { quoted, all } = quotedShare(x.s, x.e);
      if (2 * quoted >= all) sen.covered++;
      else sen.uncovered.push({ text: x.text, line: x.line });
    }
  }
  for (const { sentence: x, figure: f, claims, reason } of figurePlaces(sentences, covered)) {
    fig.total++;
    const place = { text: x.text.slice(f.start, f.end), line: x.line, sentence: x.text };
    if (claims.length === 0) {
      fig.unquoted.push({ ...place, kind: f.kind });
      continue;
    }
    fig.quoted++;
    if (reason === null) fig.structured++;
    else fig.unstructured.push({ ...place, kind: f.kind, reason });
  }
  sen.percent = pct(sen.covered, sen.total);
  fig.percent_quoted = pct(fig.quoted, fig.total);
  fig.percent_structured = pct(fig.structured, fig.total);
  return result;
}

/** Index of the first line that contains `needle`, or -1. */
function findLine(lines: readonly string[], needle: string): number {
  return lines.findIndex((l) => l.includes(needle));
}

/** Null when one of the claims quoting a figure holds its value; else why none does. */
function unstructuredReason(
  f: Figure,
  claims: readonly ClaimQuote[],
): Unstructured['reason'] | null {
  if ('date' in f) {
    const dates = claims.flatMap((c) => c.dates ?? []);
    if (dates.some((d) => dateHolds(f.date, d))) return null;
    return f.kind === 'relative-date'
      ? 'relative-date'
      : dates.length > 0
        ? 'value-differs'
        : 'no-date';
  }
  const quantities = claims.flatMap((c) => (c.quantity ? [c.quantity] : []));
  if (quantities.some((q) => quantityHolds(f, q))) return null;
  return quantities.length > 0 ? 'value-differs' : 'no-quantity';
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));

/** The dimensions a quantity may have to hold an amount written with this currency or unit. */
const MEASURE_DIMENSIONS: Record<string, readonly string[]> = {
  money: ['money', 'price'],
  ratio: ['ratio'],
  mass: ['mass', 'mass-rate'],
  area: ['area'],
};

/** Whether a quantity holds a figure's number (see the rules at the top). */
function quantityHolds(f: Exclude<Figure, { date: TextDate }>, q: Quantity): boolean {
  const unit = UNITS[q.unit];
  const scale = q.scale === undefined ? 1 : SCALES[q.scale];
  const written = [q.value, q.low, q.high].filter((n): n is number => n !== undefined);
  const base = written.map((n) => n * scale * unit.factor);
  switch (f.kind) {
    case 'number':
      if (f.measure !== null && !MEASURE_DIMENSIONS[f.measure]!.includes(unit.dimension))
        return false;
      return (
        base.some((n) => near(n, f.number)) ||
        (f.measure === null && !f.scaled && written.some((n) => near(n, f.number)))
      );
    case 'number-word':
      return base.some((n) => near(n, f.number)) || written.some((n) => near(n, f.number));
    case 'fraction':
      return unit.dimension === 'ratio' && base.some((n) => near(n, f.number * 100));
    case 'multiple':
      return (
        (unit.dimension === 'multiple' && base.some((n) => near(n, f.number))) ||
        (unit.dimension === 'ratio' && base.some((n) => near(n, (f.number - 1) * 100)))
      );
    case 'rank':
      return q.unit === 'rank' && base.some((n) => near(n, f.number));
  }
}

/** Parts of a year whose months are exact (a quarter, a half): only they can hold "January-March". */
const EXACT_PARTS: ReadonlySet<string> = new Set(['Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2']);

/** Whether a date (a claim's date or when) holds a date the text writes (see the rules at the top). */
function dateHolds(t: TextDate, spec: DateSpec): boolean {
  const d: Exclude<DateSpec, string> = typeof spec === 'string' ? { on: spec } : spec;
  const parse = (iso: string | undefined) =>
    iso === undefined
      ? undefined
      : {
          year: Number(iso.slice(0, 4)),
          month: iso.length >= 7 ? Number(iso.slice(5, 7)) : undefined,
          day: iso.length >= 10 ? Number(iso.slice(8, 10)) : undefined,
        };
  const on = parse(d.on);
  const start = parse(d.start);
  const end = parse(d.end);
  const ends = [on, start, end].filter((x) => x !== undefined);
  // a phrase with nothing to compare ("last year") is held by a date resolved from context
  if (t.year === undefined && t.months === undefined && t.part === undefined)
    return d.inferred === true;
  if (t.part !== undefined && d.part !== t.part) return false;
  const yearOk = (x: { year: number }) => t.year === undefined || x.year === t.year;
  if (t.months === undefined) return ends.some(yearOk);
  const [first, last] = t.months;
  const inMonth = (
    x: { year: number; month?: number | undefined; day?: number | undefined },
    m: number,
  ) => yearOk(x) && x.month === m && (t.day === undefined || x.day === t.day);
  if (first === last) return ends.some((x) => inMonth(x, first));
  // a span of months: a date from the first month to the last, or a part that spans them
  if (start !== undefined && end !== undefined && inMonth(start, first) && inMonth(end, last))
    return true;
  const span = d.part !== undefined && EXACT_PARTS.has(d.part) ? PART_MONTHS[d.part] : undefined;
  return on !== undefined && yearOk(on) && span?.[0] === first && span[1] === last;
}

/** A stored source text, by the file it was read from. */
export interface SourceText {
  file: string;
  text: string;
}

/** Per source with a readable text, by source id: its coverage by the claims that cite it. */
export function coverageOf(
  records: Iterable<FactRecord>,
  texts: ReadonlyMap<string, SourceText>,
): CoverageRow[] {
  const all = [...records];
  const quotes = claimQuotes(all);
  const rows: CoverageRow[] = [];
  for (const record of all) {
    if (record.kind !== 'source') continue;
    const text = texts.get(record.id);
    if (!text) continue;
    rows.push({
      source: record.id,
      file: record.file,
      ...sourceCoverage(text.text, record.body ?? {}, quotes.get(record.id) ?? []),
    });
  }
  return rows.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

/** The quotes of claims (and roles) by the source they cite, with the values their claims hold. */
export function claimQuotes(records: Iterable<FactRecord>): Map<string, ClaimQuote[]> {
  const quotes = new Map<string, ClaimQuote[]>();
  for (const record of records)
    for (const { path, citation } of citationsOf(record)) {
      const held = heldBy(record, path);
      if (held === null) continue;
      const list = quotes.get(citation.source) ?? [];
      list.push({ quote: citation.quote, ...held });
      quotes.set(citation.source, list);
    }
  return quotes;
}

/**
 * The values held by the claim (or role) a citation at `path` belongs to; null for a record's
 * top-level (identity) citations, which count for nothing here.
 */
function heldBy(
  record: FactRecord,
  path: readonly (string | number)[],
): Omit<ClaimQuote, 'quote'> | null {
  const dates = (...ds: Array<DateSpec | undefined>) => ds.filter((d) => d !== undefined);
  if (path[0] === 'claims') {
    const claim = record.claims![path[1] as number]!;
    return { quantity: claim.quantity, dates: dates(claim.date, claim.when) };
  }
  if (path[0] === 'roles' && record.kind === 'person') {
    const role = record.roles![path[1] as number]!;
    return { dates: dates(role.from, role.to) };
  }
  return null;
}

/**
 * What `stats` shows of each source's coverage: its sentences, and its figures as structured (the
 * figures claims hold as values, the number `--fail-under` checks).
 */
export function coverageSummaries(rows: readonly CoverageRow[]): CoverageSummary[] {
  return rows.map((r) => ({
    source: r.source,
    sentences: {
      covered: r.sentences.covered,
      total: r.sentences.total,
      percent: r.sentences.percent,
    },
    figures: {
      covered: r.figures.structured,
      total: r.figures.total,
      percent: r.figures.percent_structured,
    },
  }));
}
