// Claims and values as the JSON contract gives them: quantities with their base-unit value,
// dates with their precision, citations with the source's file. Pure.
import type { z } from 'zod';
import type { Citation, Claim, DateSpec, FactRecord, Quantity } from '../schema/index.js';
import type {
  CitationOut,
  ClaimOut,
  DateOut,
  FigureOut,
  QuantityOut,
} from '../schema/output-common.js';

/** The JSON of claims and their parts: the types of their published schemas. */
export type ClaimJson = z.output<typeof ClaimOut>;
export type CitationJson = z.output<typeof CitationOut>;
export type QuantityJson = z.output<typeof QuantityOut>;
export type DateJson = z.output<typeof DateOut>;
export type FigureJson = z.output<typeof FigureOut>;
import { DIMENSIONS, type Modality, SCALES, UNITS } from '../schema/vocab.js';
import { precisionOf } from '../schema/dates.js';
import type { FactIndex } from './facts.js';

export function toBase(q: Quantity, n: number): number {
  return n * UNITS[q.unit].factor * (q.scale ? SCALES[q.scale] : 1);
}

/** The value a figure sorts and filters by, in the base unit: as written for a bound, a range's low end. */
export function baseValue(q: Quantity): number {
  return toBase(q, q.value ?? q.low!);
}

/** A quantity claim as a list row carries it: the same quantity `facts` gives, with modality, when and sources. */
export function figureJson(c: Claim): FigureJson {
  return {
    property: c.property,
    commodity: c.commodity ?? null,
    quantity: quantityJson(c.quantity!),
    modality: claimModality(c),
    when: c.when === undefined ? null : dateJson(c.when),
    sources: [...new Set(c.citations.map((x) => x.source))],
  };
}

export function quantityJson(q: Quantity): QuantityJson {
  const baseUnit = DIMENSIONS[UNITS[q.unit].dimension];
  return {
    ...q,
    base: {
      unit: baseUnit,
      ...(q.value === undefined ? {} : { value: toBase(q, q.value) }),
      ...(q.low === undefined ? {} : { low: toBase(q, q.low) }),
      ...(q.high === undefined ? {} : { high: toBase(q, q.high) }),
    },
  };
}

export function dateJson(d: DateSpec): DateJson {
  const o = typeof d === 'string' ? { on: d } : d;
  // the schema refuses a date with none of on, start and end (date-empty)
  const anchor = (o.on ?? o.start ?? o.end)!;
  return { ...o, precision: precisionOf(anchor) };
}

export function citationJson(c: Citation, index: FactIndex): CitationJson {
  const src = index.get(c.source);
  return {
    source: c.source,
    file: src?.kind === 'source' ? src.file : null,
    quote: c.quote,
    said_by: c.said_by ?? null,
    ...(c.note === undefined ? {} : { note: c.note }),
  };
}

export function claimJson(c: Claim, index: FactIndex): ClaimJson {
  return {
    property: c.property,
    commodity: c.commodity ?? null,
    ...(c.quantity ? { quantity: quantityJson(c.quantity) } : {}),
    ...(c.date !== undefined ? { date: dateJson(c.date) } : {}),
    ...(c.ref !== undefined ? { ref: c.ref } : {}),
    ...(c.text !== undefined ? { text: c.text } : {}),
    when: c.when === undefined ? null : dateJson(c.when),
    modality: claimModality(c),
    ...(c.among === undefined ? {} : { among: c.among }),
    ...(c.tension === undefined ? {} : { tension: c.tension }),
    rank: c.rank ?? 'normal',
    ...(c.rank_reason === undefined ? {} : { rank_reason: c.rank_reason }),
    ...(c.note === undefined ? {} : { note: c.note }),
    citations: c.citations.map((x) => citationJson(x, index)),
  };
}

/** A whole record for JSON output: its fields, claims with citations, and what refers to it. */
export function recordJson(r: FactRecord, index: FactIndex) {
  const { claims, citations, ...fields } = r;
  return {
    ...fields,
    citations: (citations ?? []).map((c) => citationJson(c, index)),
    claims: (claims ?? []).map((c) => claimJson(c, index)),
    referenced_by: index.referencedBy(r.id),
  };
}

const BOUND_MARK: Record<Quantity['bound'], string> = {
  exact: '',
  approx: '≈ ',
  'more-than': '> ',
  'at-least': '≥ ',
  'less-than': '< ',
  'up-to': '≤ ',
  'at-most': '≤ ',
  range: '',
};

/**
 * "250,000", "6.7": digits as JavaScript writes them, thousands grouped. Not toLocaleString: its
 * first call loads the ICU data, about 12 ms of every run that prints a figure.
 */
export function num(n: number): string {
  const s = Object.is(n, -0) ? '-0' : String(n);
  if (!/^-?\d+(\.\d{1,20})?$/.test(s))
    return n.toLocaleString('en-US', { maximumFractionDigits: 20 }); // 1e+21, NaN, beyond 20 decimals
  const [int, frac] = s.split('.');
  const sign = int!.startsWith('-') ? '-' : '';
  const digits = sign ? int!.slice(1) : int!;
  return `${sign}${digits.replace(/\B(?=(\d{3})+$)/g, ',')}${frac === undefined ? '' : `.${frac}`}`;
}

/** "> 250,000 t", "≤ 1 million t ore", "≈ 800,000 t", "1.9–2.2 million km2". */
export function quantityText(q: Quantity): string {
  if (q.bound !== 'range') {
    // units that read better as symbols: "#2", "2×", "0.2 (20%)"
    if (q.unit === 'rank') return `${BOUND_MARK[q.bound]}#${num(q.value!)}`;
    if (q.unit === 'x') return `${BOUND_MARK[q.bound]}${num(q.value!)}×`;
    if (q.unit === 'fraction')
      return `${BOUND_MARK[q.bound]}${num(q.value!)} (${num(toBase(q, q.value!))}%)`;
  }
  const scale = q.scale ? ` ${q.scale}` : '';
  const unit = q.unit === 'count' ? '' : q.unit === '%' ? '%' : ` ${q.unit}`;
  const n = q.bound === 'range' ? `${num(q.low!)}–${num(q.high!)}` : num(q.value!);
  const material = q.basis?.material === 'ore' ? ' ore' : '';
  return `${BOUND_MARK[q.bound]}${n}${scale}${unit}${material}`.trim();
}

const PARTS: Record<string, string> = { early: 'early', mid: 'mid', late: 'late', end: 'end of' };

/** "late 2026 (planned)", "2024–2028", "since 2018", "2025-05 (inferred)". */
export function dateText(d: DateSpec): string {
  if (typeof d === 'string') return d;
  let t: string;
  if (d.on !== undefined) t = d.part ? `${PARTS[d.part] ?? d.part} ${d.on}` : d.on;
  else if (d.start !== undefined && d.end !== undefined) t = `${d.start}–${d.end}`;
  else if (d.start !== undefined) t = `since ${d.start}`;
  else t = `by ${d.end}`;
  const notes = [
    d.modality && d.modality !== 'actual' ? d.modality : '',
    d.inferred ? 'inferred' : '',
  ].filter((x) => x !== '');
  return notes.length > 0 ? `${t} (${notes.join(', ')})` : t;
}

/** How a claim holds: its own modality, actual when it says none. */
export const claimModality = (c: Pick<Claim, 'modality'>): Modality => c.modality ?? 'actual';

/**
 * A claim's value as a table shows it, with its modality unless actual: "15 t/yr (planned)";
 * without it (`modality: false`) where the modality has a column of its own (timeline).
 */
export function claimValueText(c: Claim, index: FactIndex, modality = true): string {
  return `${bareValueText(c, index)}${claimQualifier(c, modality)}`;
}

/** What follows a claim's value: what it is among or of, and its modality unless actual. */
export function claimQualifier(c: Claim, modality = true): string {
  const m = modality ? claimModality(c) : 'actual';
  return `${amongText(c)}${m === 'actual' ? '' : ` (${m})`}`;
}

function bareValueText(c: Claim, index: FactIndex): string {
  if (c.quantity) return quantityText(c.quantity);
  if (c.date !== undefined) return dateText(c.date);
  if (c.ref !== undefined) return index.get(c.ref)?.name ?? c.ref;
  return c.text ?? '';
}

/** What a figure is of: "#1 among undeveloped sources of tin", "42 wells with copper", "0.2 (20%) of world output". */
function amongText(c: Claim): string {
  if (c.among === undefined) return '';
  const unit = c.quantity?.unit;
  if (unit === 'rank') return ` among ${c.among}`;
  if (unit === 'count') return ` ${c.among}`;
  return ` of ${c.among}`;
}
