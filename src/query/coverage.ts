// How much of each source the fact base quotes: body sentences and figures that no citation covers.
import type { z } from 'zod';
import type { FactRecord } from '../schema/index.js';
import type { CoverageRow as CoverageRowSchema } from '../schema/output-reports.js';
import type { Body } from '../schema/records.js';
import { citationsOf } from '../schema/refs.js';
import { normalizeText } from '../util/quotes.js';
import { findFigures, splitSentences } from './sentences.js';

/** Which part of a source's text is its body (the source record's `body`). */
export type BodyRule = z.input<typeof Body>;

/** One source's coverage, as `coverage --json` prints it. */
export type CoverageRow = z.output<typeof CoverageRowSchema>;
export type SourceCoverage = Omit<CoverageRow, 'source' | 'file'>;

/** Sentences must share this many characters with a quote (or be quoted whole) to count as covered. */
const MIN_OVERLAP = 15;

const pct = (a: number, b: number) => (b === 0 ? 100 : Math.round((a / b) * 1000) / 10);

export function sourceCoverage(
  text: string,
  rule: BodyRule,
  quotes: readonly string[],
): SourceCoverage {
  const unmatched: string[] = [];
  const lines = text.split(/\r?\n/);
  const norm = lines.map((l) => normalizeText(l));
  const startAt = rule.start === undefined ? 0 : findLine(norm, normalizeText(rule.start));
  const endAt = rule.end === undefined ? lines.length : findLine(norm, normalizeText(rule.end));
  if (startAt < 0) unmatched.push(rule.start!);
  if (endAt < 0) unmatched.push(rule.end!);
  const exclude = new Set((rule.exclude ?? []).map(normalizeText));
  for (const e of exclude) if (!norm.includes(e)) unmatched.push(e);

  // The body as one normalised string (what quotes are matched against), with each sentence's place.
  const sentences: Array<{ s: number; e: number; line: number; text: string }> = [];
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

  const covered: Array<[number, number]> = [];
  for (const q of quotes) {
    const nq = normalizeText(q);
    if (nq === '') continue;
    for (let at = body.indexOf(nq); at >= 0; at = body.indexOf(nq, at + 1))
      covered.push([at, at + nq.length]);
  }
  const overlap = (s: number, e: number) =>
    covered.reduce((best, [cs, ce]) => Math.max(best, Math.min(e, ce) - Math.max(s, cs)), 0);
  const inside = (s: number, e: number) => covered.some(([cs, ce]) => cs <= s && e <= ce);

  const noFact = (rule.no_fact ?? []).map((n) => normalizeText(n.text));
  for (const n of noFact) if (!sentences.some((x) => x.text.includes(n))) unmatched.push(n);

  const result: SourceCoverage = {
    sentences: { total: 0, covered: 0, no_fact: 0, percent: 100, uncovered: [] },
    figures: { total: 0, covered: 0, percent: 100, uncovered: [] },
    unmatched,
  };
  for (const sen of sentences) {
    const isNoFact = noFact.some((n) => sen.text.includes(n));
    const len = sen.e - sen.s;
    if (isNoFact) result.sentences.no_fact++;
    else {
      result.sentences.total++;
      if (overlap(sen.s, sen.e) >= Math.min(len, MIN_OVERLAP)) result.sentences.covered++;
      else result.sentences.uncovered.push({ text: sen.text, line: sen.line });
    }
    for (const { start: fs, end: fe } of findFigures(sen.text)) {
      result.figures.total++;
      if (inside(sen.s + fs, sen.s + fe)) result.figures.covered++;
      else
        result.figures.uncovered.push({
          text: sen.text.slice(fs, fe),
          line: sen.line,
          sentence: sen.text,
        });
    }
  }
  result.sentences.percent = pct(result.sentences.covered, result.sentences.total);
  result.figures.percent = pct(result.figures.covered, result.figures.total);
  return result;
}

/** Index of the first line that contains `needle`, or -1. */
function findLine(lines: readonly string[], needle: string): number {
  return lines.findIndex((l) => l.includes(needle));
}

/** A stored source text, by the file it was read from. */
export interface SourceText {
  file: string;
  text: string;
}

/** Per source with a readable text, by source id: its coverage by every quote that cites it. */
export function coverageOf(
  records: Iterable<FactRecord>,
  texts: ReadonlyMap<string, SourceText>,
): CoverageRow[] {
  const all = [...records];
  const quotes = new Map<string, string[]>();
  for (const record of all)
    for (const { citation } of citationsOf(record)) {
      const list = quotes.get(citation.source) ?? [];
      list.push(citation.quote);
      quotes.set(citation.source, list);
    }
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
