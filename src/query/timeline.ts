// Every dated statement in the base, in date order: claims whose value is a date, claims that say
// when they hold (`when`), and the dates records carry themselves (a deal's `signed`, a policy's
// `period`, a source's `published`, a person's role `from`/`to`). Pure: no I/O, no printing.
import type { Citation, Claim, DateSpec, FactRecord } from '../schema/index.js';
import { firstDay, lastDay, PART_MONTHS } from '../schema/dates.js';
import { datesOf, participantsOf } from '../schema/kinds.js';
import type { DateOrigin, Kind, Modality } from '../schema/vocab.js';
import type { FactIndex } from './facts.js';
import { claimModality, claimValueText, dateText } from './values.js';

/** An interval of calendar days as ISO dates, both ends inclusive; null is an open end. */
export interface Span {
  start: string | null;
  end: string | null;
}

export interface TimelineItem {
  record: FactRecord;
  origin: DateOrigin;
  /** The claim's property, or the record field the date is in (`signed`, `role.from`...). */
  property: string;
  date: DateSpec;
  span: Span;
  /** Where it stands on the line, for order and --from/--to (anchorSpan). */
  anchor: Span;
  /** The claim the date belongs to; null for a record field. */
  claim: Claim | null;
  /** The value the date is attached to, as text; null when the date itself is the value. */
  value: string | null;
  citations: readonly Citation[];
}

const asObject = (d: DateSpec) => (typeof d === 'string' ? { on: d } : d);

/**
 * The days a date covers, from the first day of its start prefix to the last day of its end
 * prefix: "2026" is 2026-01-01..2026-12-31, "since 2018" is 2018-01-01..open. A part of the
 * period ("late") does not narrow it here; the order and the --from/--to filter use whole prefixes.
 */
export function dateSpan(d: DateSpec): Span {
  const o = asObject(d);
  if (o.on !== undefined) return { start: firstDay(o.on), end: lastDay(o.on) };
  return {
    start: o.start === undefined ? null : firstDay(o.start),
    end: o.end === undefined ? null : lastDay(o.end),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The days a date covers, a part of a year narrowing it: "late 2026" is 2026-09-01..2026-12-31. */
export function narrowSpan(d: DateSpec): Span {
  if (typeof d !== 'string' && d.on !== undefined && d.on.length === 4 && d.part !== undefined) {
    const [m1, m2] = PART_MONTHS[d.part]!;
    return { start: `${d.on}-${pad(m1)}-01`, end: lastDay(`${d.on}-${pad(m2)}`) };
  }
  return dateSpan(d);
}

/**
 * Where a date stands on the line, for order and for --from/--to: its days with the part of the
 * period honoured (late 2025 after May 2025), and an open interval at its known end ("since
 * 2012" is 2012, "by 2028" is 2028), so an open interval does not reach into every later window.
 */
function anchorSpan(d: DateSpec): Span {
  const o = asObject(d);
  if (o.on === undefined && (o.start === undefined) !== (o.end === undefined))
    return dateSpan((o.start ?? o.end)!);
  return narrowSpan(d);
}

/** Where a date sorts (--sort): the first day of its anchor, or its last when it has no first. */
export function dateSortKey(d: DateSpec): string | null {
  const s = anchorSpan(d);
  return s.start ?? s.end;
}

/** The date as read, without the modality or inferred notes: "late 2026", "2024–2028", "since 2018", "by 2026". */
export function datePhrase(d: DateSpec): string {
  const o = asObject(d);
  return dateText({ ...o, modality: undefined, inferred: undefined });
}

/** How a dated item holds: its claim's modality, or for a record field its date's. */
export function modalityOf(it: Pick<TimelineItem, 'claim' | 'date'>): Modality {
  return it.claim ? claimModality(it.claim) : (asObject(it.date).modality ?? 'actual');
}

export function isInferred(d: DateSpec): boolean {
  return asObject(d).inferred === true;
}

/** Do two spans share at least one day? Open ends are unbounded. */
export function spansOverlap(a: Span, b: Span): boolean {
  return (
    (a.start === null || b.end === null || a.start <= b.end) &&
    (b.start === null || a.end === null || b.start <= a.end)
  );
}

/** Order by start (an open start first), then end (an open end last). */
export function compareSpans(a: Span, b: Span): number {
  if (a.start !== b.start)
    return a.start === null ? -1 : b.start === null ? 1 : a.start < b.start ? -1 : 1;
  if (a.end !== b.end) return a.end === null ? 1 : b.end === null ? -1 : a.end < b.end ? -1 : 1;
  return 0;
}

function compareItems(a: TimelineItem, b: TimelineItem): number {
  return (
    compareSpans(a.anchor, b.anchor) ||
    (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0)
  );
}

function* itemsOf(r: FactRecord, index: FactIndex): Generator<TimelineItem> {
  const item = (
    origin: DateOrigin,
    property: string,
    date: DateSpec,
    claim: Claim | null,
    value: string | null,
    citations: readonly Citation[] | undefined,
  ): TimelineItem => ({
    record: r,
    origin,
    property,
    date,
    span: narrowSpan(date),
    anchor: anchorSpan(date),
    claim,
    value,
    citations: citations ?? [],
  });
  const nameOf = (id: string) => index.get(id)?.name ?? id;
  for (const d of datesOf(r, nameOf))
    yield item(d.origin, d.property, d.date, null, d.value, d.citations);
  for (const c of r.claims ?? []) {
    if (c.date !== undefined) yield item('date', c.property, c.date, c, null, c.citations);
    if (c.when !== undefined)
      yield item('when', c.property, c.when, c, claimValueText(c, index, false), c.citations);
  }
}

/** Every dated item of some records (the whole base by default), in date order (stable within equal dates and ids). */
export function timelineItems(
  index: FactIndex,
  records: Iterable<FactRecord> = index.byId.values(),
): TimelineItem[] {
  return [...records].flatMap((r) => [...itemsOf(r, index)]).sort(compareItems);
}

/**
 * Is a claim (or, with claim null, a record field) about `id`? It is when it is on that record,
 * its value refers to it (`ref`), its commodity is it, or its record names it as a participant.
 */
export function isAbout(record: FactRecord, claim: Claim | null, id: string): boolean {
  return (
    record.id === id ||
    claim?.ref === id ||
    claim?.commodity === id ||
    [...participantsOf(record)].includes(id)
  );
}

/** The commodities a claim is about: its own `commodity`, else its record's commodities. */
function commoditiesOf(record: FactRecord, claim: Claim | null): string[] {
  if (claim?.commodity !== undefined) return [claim.commodity];
  if (record.kind === 'commodity') return [record.id];
  if (
    record.kind === 'deposit' ||
    record.kind === 'project' ||
    record.kind === 'deal' ||
    record.kind === 'policy'
  )
    return [...(record.commodities ?? [])];
  return [];
}

export interface TimelineFilter {
  /** ISO prefixes; an item is kept when its span overlaps [first day of from, last day of to]. */
  from?: string | undefined;
  to?: string | undefined;
  /** Record ids: items on one of them, referring to it, or on records it takes part in. */
  about?: readonly string[] | undefined;
  /** A commodity and its members (FactIndex.commodityClosure). */
  metals?: ReadonlySet<string> | undefined;
  /** Items of one of these modalities (modalityOf). */
  modalities?: readonly Modality[] | undefined;
  /** Only inferred dates (true), or only stated ones (false). */
  inferred?: boolean | undefined;
  /** Items on records of one of these kinds. */
  kinds?: readonly Kind[] | undefined;
  /** Items whose date is in one of these places. */
  origins?: readonly DateOrigin[] | undefined;
}

export function filterTimeline(items: readonly TimelineItem[], f: TimelineFilter): TimelineItem[] {
  const window: Span = {
    start: f.from === undefined ? null : firstDay(f.from),
    end: f.to === undefined ? null : lastDay(f.to),
  };
  return items.filter(
    (it) =>
      spansOverlap(it.anchor, window) &&
      (f.about === undefined || f.about.some((id) => isAbout(it.record, it.claim, id))) &&
      (f.inferred === undefined || isInferred(it.date) === f.inferred) &&
      (f.kinds === undefined || f.kinds.includes(it.record.kind)) &&
      (f.origins === undefined || f.origins.includes(it.origin)) &&
      (f.metals === undefined ||
        commoditiesOf(it.record, it.claim).some((c) => f.metals!.has(c))) &&
      (f.modalities === undefined || f.modalities.includes(modalityOf(it))),
  );
}
