// Claims that disagree, and how: on the same record, property and commodity, two claims whose
// values differ are a contradiction (they cannot both be true), a refinement (one is a more
// precise form of the other), a change (they hold at different times: a timeline) or a different
// basis (they measure different things). Pure.
//
// The rules, in full:
// - Claims are grouped by record, property, commodity, kind of value (quantity, date, text, ref)
//   and, for quantities, unit dimension: a rate and an amount (t/yr, t) are never compared.
//   Deprecated claims are left out. Every pair of a group is classified, whether or not the
//   sources differ; each pair says whether they do.
// - Certainty: two claims are compared only when they hold with the same certainty: both actual,
//   both forecast (planned or expected), or both target, both possible, both proposed. A plan is
//   not contradicted by an outcome, nor a goal by a forecast.
// - Basis (quantities): the basis is category, material, system and class, a missing field
//   counting as `unspecified`. Two quantities on different bases (ore and contained metal,
//   reserves and resources, JORC and GKZ, a stated and an unstated basis) that hold at the same
//   time and whose intervals do not intersect are `basis`: they differ, but measure different
//   things. Quantities on different bases that agree, or that hold at different times, are not
//   reported.
// - Time: two `when`s are the same when either claim has none or they read the same; else they
//   are nested (they overlap: "late 2026" within "2026") or apart (they do not overlap).
// - Values: quantities become intervals in base units (value × unit factor × scale word, rounded
//   to 12 significant digits): exact [v,v]; approx [0.9v, 1.1v] (APPROX_TOLERANCE = 10%);
//   more-than (v,∞); at-least [v,∞); less-than (-∞,v); up-to and at-most (-∞,v]; range
//   [low,high]. Dates become day intervals, a part of a year narrowing it (early Jan-Apr, mid
//   May-Aug, late Sep-Dec, end Nov-Dec, Q1-Q4, H1/H2). Two values are equal (the same interval,
//   or the same date as read), overlapping (intervals that intersect: both can be true), rounded
//   (quantities only, see below) or apart (they cannot both be true).
// - Rounding: an exact figure stands for anything within half a unit of its last written digit
//   ("20 million USD" for 19.5-20.5 million, "2.1 Mt" for 2.05-2.15 Mt). Two quantities whose
//   intervals do not intersect are rounded when one is an exact figure and the other is bounded
//   (more-than, approx, range...) or written to a finer digit, and the exact figure's rounding
//   interval meets the other's interval: "> 20 million USD" against "20 million USD".
// - Text and ref values are compared only for single-valued properties (SINGLE_VALUED: status,
//   operator, owner, location) and only across sources (a source restating itself differently is
//   not a disagreement); case and spacing are ignored. Other text and ref properties (partner,
//   description, statement...) hold many values and are not compared.
// - The class of a pair, by its values and times:
//     values apart, same time ............................ contradiction
//     values overlapping or rounded, same or nested times  refinement
//     values equal, nested times ......................... refinement (aspect `when`)
//     values apart, nested or apart times ................ change
//     values that agree at times apart, or equal ......... not reported
//   So undated statuses that differ ("in force" and "suspended" from two sources) are a
//   contradiction: nothing says which held when. With `when`s that differ they are a change.
// - Inferred dates alone never make a contradiction: two date values that differ where either
//   is inferred are a refinement when they overlap, and when they do not (at the same time) they
//   are not reported: the inference disagrees, not the sources. An inferred `when` is a `when`
//   like any other: it can make a refinement or a change, never a contradiction.
// - A conflict is one group's pairs of one class; a group can give several conflicts.
import type { Claim, DateSpec, FactRecord, Quantity } from '../schema/index.js';
import {
  type ConflictClass,
  CONFLICT_CLASSES,
  DIMENSIONS,
  type Modality,
  UNITS,
} from '../schema/vocab.js';
import type { FactIndex } from './facts.js';
import { datePhrase, isInferred, narrowSpan, spansOverlap, type Span } from './timeline.js';
import { claimModality, claimValueText, dateText, quantityText, toBase } from './values.js';

/** The relative tolerance of an `approx` quantity: "approximately 800,000 t" is [720,000, 880,000] t. */
const APPROX_TOLERANCE = 0.1;

/** Text and ref properties that hold one value at a time; differing values from different sources are reported. */
const SINGLE_VALUED: ReadonlySet<string> = new Set(['status', 'operator', 'owner', 'location']);

/** An interval of numbers; ±Infinity is an unbounded end (always open). */
export interface Interval {
  low: number;
  high: number;
  lowOpen: boolean;
  highOpen: boolean;
}

const round = (n: number) => (Number.isFinite(n) ? Number(n.toPrecision(12)) : n);
const closed = (low: number, high: number): Interval => ({
  low,
  high,
  lowOpen: false,
  highOpen: false,
});

/** A quantity as an interval in its dimension's base unit (see the rules above). */
export function quantityInterval(q: Quantity): Interval {
  const base = (n: number) => round(toBase(q, n));
  switch (q.bound) {
    case 'exact':
      return closed(base(q.value!), base(q.value!));
    case 'approx': {
      const v = base(q.value!);
      const [a, b] = [round(v * (1 - APPROX_TOLERANCE)), round(v * (1 + APPROX_TOLERANCE))];
      return closed(Math.min(a, b), Math.max(a, b));
    }
    case 'more-than':
      return { low: base(q.value!), high: Infinity, lowOpen: true, highOpen: true };
    case 'at-least':
      return { low: base(q.value!), high: Infinity, lowOpen: false, highOpen: true };
    case 'less-than':
      return { low: -Infinity, high: base(q.value!), lowOpen: true, highOpen: true };
    case 'up-to':
    case 'at-most':
      return { low: -Infinity, high: base(q.value!), lowOpen: true, highOpen: false };
    case 'range':
      return closed(base(q.low!), base(q.high!));
  }
}

/** Do two intervals share a point? An end shared by both counts only if it is closed in both. */
export function intersects(a: Interval, b: Interval): boolean {
  const low = Math.max(a.low, b.low);
  const high = Math.min(a.high, b.high);
  const lowOpen = (a.low === low && a.lowOpen) || (b.low === low && b.lowOpen);
  const highOpen = (a.high === high && a.highOpen) || (b.high === high && b.highOpen);
  return low < high || (low === high && !lowOpen && !highOpen);
}

const endText = (n: number) => (n === Infinity ? '∞' : n === -Infinity ? '-∞' : String(n));

/** "[20000000, 20000000]", "(250000, ∞)", "(-∞, 1000000]". */
export function intervalText(i: Interval): string {
  return `${i.lowOpen ? '(' : '['}${endText(i.low)}, ${endText(i.high)}${i.highOpen ? ')' : ']'}`;
}

/** Months of the year a part of it covers. */
export function spanText(s: Span): string {
  return `${s.start ?? '…'}..${s.end ?? '…'}`;
}

/** The words of a date that say which time it is (not whether it was inferred). */
const dateKey = (d: DateSpec) => datePhrase(d);

const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();

type ValueType = 'quantity' | 'date' | 'text' | 'ref';
const valueType = (c: Claim): ValueType =>
  c.quantity ? 'quantity' : c.date !== undefined ? 'date' : c.ref !== undefined ? 'ref' : 'text';

export interface BasisKey {
  category: string;
  material: string;
  system: string;
  class: string | null;
}

function basisOf(q: Quantity): BasisKey {
  return {
    category: q.basis?.category ?? 'unspecified',
    material: q.basis?.material ?? 'unspecified',
    system: q.basis?.system ?? 'unspecified',
    class: q.basis?.class ?? null,
  };
}

/** A basis with some part stated, else null. */
const statedBasis = (b: BasisKey): BasisKey | null =>
  b.class !== null || [b.category, b.material, b.system].some((x) => x !== 'unspecified')
    ? b
    : null;

const sameBasis = (a: BasisKey, b: BasisKey) =>
  a.category === b.category &&
  a.material === b.material &&
  a.system === b.system &&
  a.class === b.class;

/** "reserve/contained-metal/JORC", "unspecified" for none stated. */
export function basisText(b: BasisKey | null): string {
  if (b === null) return 'unspecified';
  return [b.category, b.material, b.system, b.class]
    .filter((x) => x !== null && x !== 'unspecified')
    .join('/');
}

/** One claim taking part in a conflict. */
export interface Version {
  claim: Claim;
  /** The claim's position in its record's `claims`, from 0. */
  position: number;
  value: string;
  /** A quantity's bound; null for other values. */
  bound: Quantity['bound'] | null;
  /** A quantity's basis when any part of it is stated; null otherwise. */
  basis: BasisKey | null;
  /** A quantity's interval in base units; null for other values. */
  interval: Interval | null;
  /** The base unit of a quantity's interval. */
  unit: string | null;
  /** A date value's days (parts narrowed); null for other values. */
  span: Span | null;
  sources: string[];
}

interface ConflictPair {
  /** Indexes into the conflict's versions. */
  a: number;
  b: number;
  /** What differs: the value, or (for equal values) when it holds. */
  aspect: 'value' | 'when';
  /** The two claims share no source. */
  sourcesDiffer: boolean;
  reason: string;
}

export interface Conflict {
  subject: FactRecord;
  property: string;
  commodity: string | null;
  valueType: ValueType;
  /** The quantities' basis when they share one with some part stated; null otherwise (always for `basis`). */
  basis: BasisKey | null;
  class: ConflictClass;
  /** Some pair's claims share no source. */
  sourcesDiffer: boolean;
  versions: Version[];
  pairs: ConflictPair[];
  /** For class tension: what the one claim is at odds with (its `tension` note). */
  tension: string | null;
}

const sourcesOf = (c: Claim) => [...new Set(c.citations.map((x) => x.source))];

function versionOf(c: Claim, position: number, index: FactIndex): Version {
  return {
    claim: c,
    position,
    value: claimValueText(c, index),
    bound: c.quantity?.bound ?? null,
    basis: c.quantity ? statedBasis(basisOf(c.quantity)) : null,
    interval: c.quantity ? quantityInterval(c.quantity) : null,
    unit: c.quantity ? DIMENSIONS[UNITS[c.quantity.unit].dimension] : null,
    span: c.date !== undefined ? narrowSpan(c.date) : null,
    sources: sourcesOf(c),
  };
}

/** Claims compared with each other hold with the same certainty; planned and expected are both forecasts. */
const CERTAINTY: Readonly<Record<Modality, string>> = {
  actual: 'actual',
  planned: 'forecast',
  expected: 'forecast',
  possible: 'possible',
  target: 'target',
  proposed: 'proposed',
  reputed: 'reputed',
};

type Time = 'same' | 'nested' | 'apart';

/** Do two claims hold at the same time, at overlapping but different times, or at times apart? */
function timeOf(a: Claim, b: Claim): Time {
  if (a.when === undefined || b.when === undefined || dateKey(a.when) === dateKey(b.when))
    return 'same';
  return spansOverlap(narrowSpan(a.when), narrowSpan(b.when)) ? 'nested' : 'apart';
}

type Relation = 'equal' | 'overlap' | 'rounded' | 'apart';

/** The digits after the point of a number as JavaScript writes it; null for exponent notation. */
function decimals(n: number): number | null {
  const m = /^-?\d+(?:\.(\d+))?$/.exec(String(n));
  return m ? (m[1]?.length ?? 0) : null;
}

/** The size of the last written digit of an exact figure, in base units ("20 million USD": 1e6 USD). */
function digitSize(q: Quantity): number | null {
  if (q.bound !== 'exact') return null;
  const d = decimals(q.value!);
  return d === null ? null : Math.abs(round(toBase(q, 10 ** -d)));
}

/** What an exact figure can be a rounding of: half its last digit either side. */
function roundingInterval(q: Quantity): Interval {
  const v = round(toBase(q, q.value!));
  const half = digitSize(q)! / 2;
  return closed(round(v - half), round(v + half));
}

/** Could `r`, an exact figure, be a rounding of `p`, a bounded or more precise one? */
function couldRound(r: Version, p: Version): boolean {
  const [rq, pq] = [r.claim.quantity!, p.claim.quantity!];
  const size = digitSize(rq);
  if (size === null) return false;
  if (pq.bound === 'exact') {
    const finer = digitSize(pq);
    if (finer === null || finer >= size) return false;
  }
  return intersects(roundingInterval(rq), p.interval!);
}

function quantityRelation(a: Version, b: Version): Relation {
  const [x, y] = [a.interval!, b.interval!];
  if (x.low === y.low && x.high === y.high && x.lowOpen === y.lowOpen && x.highOpen === y.highOpen)
    return 'equal';
  if (intersects(x, y)) return 'overlap';
  return couldRound(a, b) || couldRound(b, a) ? 'rounded' : 'apart';
}

const contains = (outer: Span, inner: Span) =>
  (outer.start === null || (inner.start !== null && outer.start <= inner.start)) &&
  (outer.end === null || (inner.end !== null && inner.end <= outer.end));

/** "late 2026 lies within 2026", "2025 and 2024-2026 overlap". */
function overlapText(a: DateSpec, sa: Span, b: DateSpec, sb: Span): string {
  if (contains(sb, sa)) return `${dateText(a)} lies within ${dateText(b)}`;
  if (contains(sa, sb)) return `${dateText(b)} lies within ${dateText(a)}`;
  return `${dateText(a)} and ${dateText(b)} overlap`;
}

type Verdict = Omit<ConflictPair, 'a' | 'b'> & { class: ConflictClass };

/** How two versions of a group differ, or null when they agree or are not compared. */
function classify(a: Version, b: Version, property: string): Verdict | null {
  if (CERTAINTY[claimModality(a.claim)] !== CERTAINTY[claimModality(b.claim)]) return null;
  const sourcesDiffer = !a.sources.some((s) => b.sources.includes(s));
  const time = timeOf(a.claim, b.claim);
  const verdict = (cls: ConflictClass, reason: string, aspect: 'value' | 'when' = 'value') => ({
    class: cls,
    aspect,
    sourcesDiffer,
    reason,
  });
  let relation: Relation;
  // why the pair is what it is when both hold at one time, and the two values (for a change)
  let shown: string;
  let values: string;
  if (a.interval && b.interval) {
    const intervals = `${intervalText(a.interval)} and ${intervalText(b.interval)} ${a.unit}`;
    values = intervals;
    const [ba, bb] = [basisOf(a.claim.quantity!), basisOf(b.claim.quantity!)];
    if (!sameBasis(ba, bb))
      return time === 'same' && !intersects(a.interval, b.interval)
        ? verdict(
            'basis',
            `different bases: ${basisText(statedBasis(ba))} and ${basisText(statedBasis(bb))}`,
          )
        : null;
    relation = quantityRelation(a, b);
    if (relation === 'rounded') {
      const [r, p] = couldRound(a, b) ? [a, b] : [b, a];
      shown = `${quantityText(r.claim.quantity!)} may be rounded: ${intervalText(roundingInterval(r.claim.quantity!))} meets ${intervalText(p.interval!)} ${a.unit}`;
    } else shown = `${intervals} ${relation === 'apart' ? 'do not intersect' : 'intersect'}`;
  } else if (a.span && b.span) {
    const [da, db] = [a.claim.date!, b.claim.date!];
    values = `${dateText(da)} and ${dateText(db)}`;
    relation =
      dateKey(da) === dateKey(db) ? 'equal' : spansOverlap(a.span, b.span) ? 'overlap' : 'apart';
    // an inferred date is the reader's, not the source's: alone it never makes a contradiction
    if (relation === 'apart' && time === 'same' && (isInferred(da) || isInferred(db))) return null;
    shown =
      relation === 'apart'
        ? `${spanText(a.span)} and ${spanText(b.span)} do not overlap`
        : overlapText(da, a.span, db, b.span);
  } else {
    if (!SINGLE_VALUED.has(property) || !sourcesDiffer) return null;
    const [va, vb] = [
      a.claim.ref ?? fold(a.claim.text ?? ''),
      b.claim.ref ?? fold(b.claim.text ?? ''),
    ];
    relation = va === vb ? 'equal' : 'apart';
    shown = `different ${property} from different sources`;
    values = `different ${property}`;
  }
  const [wa, wb] = [a.claim.when, b.claim.when];
  if (relation === 'equal')
    return time === 'nested'
      ? verdict(
          'refinement',
          `the values agree; ${overlapText(wa!, narrowSpan(wa!), wb!, narrowSpan(wb!))}`,
          'when',
        )
      : null;
  if (time !== 'same')
    return relation === 'apart'
      ? verdict('change', `${values} at different times: ${dateText(wa!)} and ${dateText(wb!)}`)
      : time === 'nested'
        ? verdict(
            'refinement',
            `${shown}; ${overlapText(wa!, narrowSpan(wa!), wb!, narrowSpan(wb!))}`,
          )
        : null;
  return verdict(relation === 'apart' ? 'contradiction' : 'refinement', shown);
}

/** Claims are compared within a group: same property, commodity, kind of value, dimension, and what they count or rank among. */
function groupKey(c: Claim): string {
  const dimension = c.quantity ? UNITS[c.quantity.unit].dimension : null;
  return JSON.stringify([
    c.property,
    c.commodity ?? null,
    valueType(c),
    dimension,
    c.among ?? null,
  ]);
}

/** The conflicts on one record: by group in order of its first claim, then by class. */
export function conflictsOf(r: FactRecord, index: FactIndex): Conflict[] {
  const groups = new Map<string, Version[]>();
  for (const [i, c] of (r.claims ?? []).entries()) {
    if (c.rank === 'deprecated') continue;
    const key = groupKey(c);
    groups.set(key, [...(groups.get(key) ?? []), versionOf(c, i, index)]);
  }
  const out: Conflict[] = [];
  for (const all of groups.values()) {
    const found = new Map<ConflictClass, Array<{ i: number; j: number; verdict: Verdict }>>();
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) {
        const verdict = classify(all[i]!, all[j]!, all[i]!.claim.property);
        if (verdict)
          found.set(verdict.class, [...(found.get(verdict.class) ?? []), { i, j, verdict }]);
      }
    for (const cls of CONFLICT_CLASSES) {
      const pairs = found.get(cls);
      if (!pairs) continue;
      const used = [...new Set(pairs.flatMap((f) => [f.i, f.j]))].sort((x, y) => x - y);
      const versions = used.map((u) => all[u]!);
      const first = versions[0]!;
      const shared = versions.every(
        (v) =>
          v.basis === first.basis || (v.basis && first.basis && sameBasis(v.basis, first.basis)),
      );
      out.push({
        subject: r,
        property: first.claim.property,
        commodity: first.claim.commodity ?? null,
        valueType: valueType(first.claim),
        basis: shared ? first.basis : null,
        class: cls,
        sourcesDiffer: pairs.some((f) => f.verdict.sourcesDiffer),
        versions,
        pairs: pairs.map(({ i, j, verdict: { class: _, ...rest } }) => ({
          a: used.indexOf(i),
          b: used.indexOf(j),
          ...rest,
        })),
        tension: null,
      });
    }
  }
  // a tension the data records: one claim at odds with another figure without contradicting it
  for (const [i, c] of (r.claims ?? []).entries())
    if (c.tension !== undefined && c.rank !== 'deprecated') {
      const v = versionOf(c, i, index);
      out.push({
        subject: r,
        property: c.property,
        commodity: c.commodity ?? null,
        valueType: valueType(c),
        basis: v.basis,
        class: 'tension',
        sourcesDiffer: false,
        versions: [v],
        pairs: [],
        tension: c.tension,
      });
    }
  return out;
}

/** Every conflict in the base (or among some records), by subject id, then group, then class. */
export function findConflicts(
  index: FactIndex,
  records: Iterable<FactRecord> = index.byId.values(),
): Conflict[] {
  const byId = new Map([...records].map((r) => [r.id, r]));
  const ids = [...byId.keys()].sort();
  return ids.flatMap((id) => conflictsOf(byId.get(id)!, index));
}
