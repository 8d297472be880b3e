// Claims that disagree: on the same record, property, commodity and basis, values that cannot all
// be true once units and bounds are taken into account, dates that differ, and single-valued
// names (status, operator, owner, location) that different sources give differently. Pure.
//
// The rules, in full:
// - Claims are grouped by record, property, commodity, kind of value (quantity, date, text, ref)
//   and, for quantities, unit dimension and basis (category, material, system, class; a missing
//   field counts as `unspecified`). Ore is never compared with contained metal, reserves with
//   resources, nor one classification system with another. Deprecated claims are left out.
// - Two claims of a group are compared only when they speak of the same time and the same
//   certainty: their `when` spans overlap (or either has none), and both are actual or both are
//   prospective (planned, expected or target). A planned figure is not contradicted by an actual one.
// - Quantities become intervals in base units (value × unit factor × scale word, rounded to 12
//   significant digits): exact [v,v]; approx [0.9v, 1.1v] (APPROX_TOLERANCE = 10%); more-than
//   (v,∞); at-least [v,∞); less-than (-∞,v); up-to and at-most (-∞,v]; range [low,high]. Two
//   quantities whose intervals do not intersect are `incompatible`. Intersecting quantities whose
//   `when` both exist and differ ("late 2026" / "2026") are `differs` (aspect `when`).
// - Dates become day intervals; a part of a year narrows it (early Jan-Apr, mid May-Aug, late
//   Sep-Dec, end Nov-Dec, Q1-Q4, H1/H2). Intervals that do not overlap are `incompatible`;
//   overlapping but different dates ("late 2026" / "2026") are `differs`.
// - Text and ref values of a single-valued property (SINGLE_VALUED) are `differs` when they
//   differ and the two claims share no source. Other text and ref properties (partner,
//   description, statement...) hold many values and are not compared.
// - Every pair is compared, whether or not the sources differ; each pair says whether they do.
import type { Claim, DateSpec, FactRecord, Quantity } from '../schema/index.js';
import { DIMENSIONS, UNITS } from '../schema/vocab.js';
import { lastDay } from '../schema/dates.js';
import type { FactIndex } from './facts.js';
import { dateSpan, datePhrase, spansOverlap, type Span } from './timeline.js';
import { claimModality, claimValueText, dateText, toBase } from './values.js';

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
const PART_MONTHS: Readonly<Record<string, readonly [number, number]>> = {
  early: [1, 4],
  mid: [5, 8],
  late: [9, 12],
  end: [11, 12],
  Q1: [1, 3],
  Q2: [4, 6],
  Q3: [7, 9],
  Q4: [10, 12],
  H1: [1, 6],
  H2: [7, 12],
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The days a date covers, a part of a year narrowing it: "late 2026" is 2026-09-01..2026-12-31. */
export function narrowSpan(d: DateSpec): Span {
  if (typeof d !== 'string' && d.on !== undefined && d.on.length === 4 && d.part !== undefined) {
    const [m1, m2] = PART_MONTHS[d.part]!;
    return { start: `${d.on}-${pad(m1)}-01`, end: lastDay(`${d.on}-${pad(m2)}`) };
  }
  return dateSpan(d);
}

export function spanText(s: Span): string {
  return `${s.start ?? '…'}..${s.end ?? '…'}`;
}

/** The words of a date that say which time it is (not its modality or whether it was inferred). */
const dateKey = (d: DateSpec) => datePhrase(d);

const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();

type ValueType = 'quantity' | 'date' | 'text' | 'ref';
const valueType = (c: Claim): ValueType =>
  c.quantity ? 'quantity' : c.date !== undefined ? 'date' : c.ref !== undefined ? 'ref' : 'text';

interface BasisKey {
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

/** One claim taking part in a conflict. */
export interface Version {
  claim: Claim;
  /** The claim's position in its record's `claims`, from 0. */
  position: number;
  value: string;
  /** A quantity's bound; null for other values. */
  bound: Quantity['bound'] | null;
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
  kind: 'incompatible' | 'differs';
  /** What disagrees: the value, or (for equal-enough quantities) when it holds. */
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
  /** A quantity's basis when any part of it is stated; null otherwise. */
  basis: BasisKey | null;
  /** `incompatible` when any pair cannot both be true, else `differs`. */
  kind: 'incompatible' | 'differs';
  /** Some pair's claims share no source. */
  sourcesDiffer: boolean;
  versions: Version[];
  pairs: ConflictPair[];
}

const sourcesOf = (c: Claim) => [...new Set(c.citations.map((x) => x.source))];

function versionOf(c: Claim, position: number, index: FactIndex): Version {
  return {
    claim: c,
    position,
    value: claimValueText(c, index),
    bound: c.quantity?.bound ?? null,
    interval: c.quantity ? quantityInterval(c.quantity) : null,
    unit: c.quantity ? DIMENSIONS[UNITS[c.quantity.unit].dimension] : null,
    span: c.date !== undefined ? narrowSpan(c.date) : null,
    sources: sourcesOf(c),
  };
}

/** Can two claims of a group be compared at all: same time (their `when`s overlap) and same certainty? */
function comparable(a: Claim, b: Claim): boolean {
  if ((claimModality(a) === 'actual') !== (claimModality(b) === 'actual')) return false;
  return (
    a.when === undefined ||
    b.when === undefined ||
    spansOverlap(narrowSpan(a.when), narrowSpan(b.when))
  );
}

/** How two versions of a group disagree, or null when they can both be true. */
function comparePair(
  a: Version,
  b: Version,
  property: string,
): Omit<ConflictPair, 'a' | 'b'> | null {
  if (!comparable(a.claim, b.claim)) return null;
  const sourcesDiffer = !a.sources.some((s) => b.sources.includes(s));
  if (a.interval && b.interval) {
    if (!intersects(a.interval, b.interval))
      return {
        kind: 'incompatible',
        aspect: 'value',
        sourcesDiffer,
        reason: `${intervalText(a.interval)} and ${intervalText(b.interval)} ${a.unit} do not intersect`,
      };
    const [wa, wb] = [a.claim.when, b.claim.when];
    if (wa !== undefined && wb !== undefined && dateKey(wa) !== dateKey(wb))
      return {
        kind: 'differs',
        aspect: 'when',
        sourcesDiffer,
        reason: `the values agree but hold at ${dateText(wa)} and ${dateText(wb)}`,
      };
    return null;
  }
  if (a.span && b.span) {
    if (!spansOverlap(a.span, b.span))
      return {
        kind: 'incompatible',
        aspect: 'value',
        sourcesDiffer,
        reason: `${spanText(a.span)} and ${spanText(b.span)} do not overlap`,
      };
    if (dateKey(a.claim.date!) !== dateKey(b.claim.date!))
      return {
        kind: 'differs',
        aspect: 'value',
        sourcesDiffer,
        reason: `${datePhrase(a.claim.date!)} and ${datePhrase(b.claim.date!)} overlap but differ`,
      };
    return null;
  }
  if (!SINGLE_VALUED.has(property) || !sourcesDiffer) return null;
  const [va, vb] = [
    a.claim.ref ?? fold(a.claim.text ?? ''),
    b.claim.ref ?? fold(b.claim.text ?? ''),
  ];
  return va === vb
    ? null
    : {
        kind: 'differs',
        aspect: 'value',
        sourcesDiffer,
        reason: `different ${property} from different sources`,
      };
}

function groupKey(c: Claim): string {
  const type = valueType(c);
  const extra = c.quantity
    ? [UNITS[c.quantity.unit].dimension, ...Object.values(basisOf(c.quantity))]
    : [];
  return JSON.stringify([c.property, c.commodity ?? null, type, ...extra]);
}

/** The conflicts on one record, in order of their first claim. */
export function conflictsOf(r: FactRecord, index: FactIndex): Conflict[] {
  const groups = new Map<string, Version[]>();
  for (const [i, c] of (r.claims ?? []).entries()) {
    if (c.rank === 'deprecated') continue;
    const key = groupKey(c);
    groups.set(key, [...(groups.get(key) ?? []), versionOf(c, i, index)]);
  }
  const out: Conflict[] = [];
  for (const all of groups.values()) {
    const found: Array<{ i: number; j: number; pair: Omit<ConflictPair, 'a' | 'b'> }> = [];
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) {
        const pair = comparePair(all[i]!, all[j]!, all[i]!.claim.property);
        if (pair) found.push({ i, j, pair });
      }
    if (found.length === 0) continue;
    const used = [...new Set(found.flatMap((f) => [f.i, f.j]))].sort((x, y) => x - y);
    const versions = used.map((u) => all[u]!);
    const pairs = found.map((f) => ({ a: used.indexOf(f.i), b: used.indexOf(f.j), ...f.pair }));
    const first = versions[0]!.claim;
    const basis = first.quantity ? basisOf(first.quantity) : null;
    out.push({
      subject: r,
      property: first.property,
      commodity: first.commodity ?? null,
      valueType: valueType(first),
      basis:
        basis &&
        (basis.class !== null ||
          [basis.category, basis.material, basis.system].some((x) => x !== 'unspecified'))
          ? basis
          : null,
      kind: pairs.some((p) => p.kind === 'incompatible') ? 'incompatible' : 'differs',
      sourcesDiffer: pairs.some((p) => p.sourcesDiffer),
      versions,
      pairs,
    });
  }
  return out;
}

/** Every conflict in the base, by subject id, then the position of the first claim. */
export function findConflicts(index: FactIndex): Conflict[] {
  const ids = [...index.byId.keys()].sort();
  return ids.flatMap((id) => conflictsOf(index.get(id)!, index));
}
