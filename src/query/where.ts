// `--where PROPERTY OP NUMBER [SCALE] [UNIT]` and `--where date OP ISO`: a condition on the claims
// of a property, parsed once (a bad one is a usage error) and tested on claims. Units convert
// through the schema's unit table; a bound is honoured conservatively: a claim matches only when
// every value it allows does ("> 20 million" matches ">= 20e6"; "up to 1 million" does not match
// "> 1e6"; "approximately 800,000" counts as 800,000). Pure.
import { UserError } from '../errors.js';
import { firstDay, isoDateProblem, lastDay } from '../schema/dates.js';
import type { Claim } from '../schema/index.js';
import {
  type Dimension,
  PROPERTIES,
  PROPERTY_NAMES,
  type Property,
  SCALES,
  type Scale,
  UNITS,
  type Unit,
} from '../schema/vocab.js';
import { closest } from '../util/suggest.js';
import { quantityInterval } from './conflicts.js';
import { narrowSpan } from './timeline.js';

const WHERE_OPS = ['=', '!=', '<', '<=', '>', '>='] as const;

/** The help of every `--where` option ("records" or "claims" before it). */
export const WHERE_HELP =
  "meeting a condition (repeatable, all must hold): 'investment>=1 billion USD', 'grade>5%', 'date>=2026'";
type Op = (typeof WHERE_OPS)[number];

export type Where =
  | {
      kind: 'quantity';
      text: string;
      property: Property;
      op: Op;
      value: number;
      dimensions: readonly Dimension[];
    }
  | { kind: 'date'; text: string; op: Op; first: string; last: string };

const SHAPE = /^\s*([A-Za-z][A-Za-z-]*)\s*(!=|<=|>=|=|<|>)\s*(.*?)\s*$/;
const NUMBER = /^([+-]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?)\s*(.*)$/i;

const usage = (text: string, why: string) =>
  new UserError(`--where ${JSON.stringify(text)}: ${why}`);

const unitsOf = (dims: readonly Dimension[]) =>
  (Object.keys(UNITS) as Unit[]).filter((u) => dims.includes(UNITS[u].dimension));

/** One `--where` condition, checked against the vocabularies; a usage error (exit 2) says what is wrong. */
export function parseWhere(text: string): Where {
  const m = SHAPE.exec(text);
  if (!m)
    throw usage(
      text,
      `write PROPERTY OP VALUE with OP one of ${WHERE_OPS.join(' ')} ("investment>=1 billion USD", "date>=2026")`,
    );
  const name = m[1]!.toLowerCase();
  const op = m[2] as Op;
  const rest = m[3]!;
  if (name === 'date') {
    if (isoDateProblem(rest) !== null)
      throw usage(text, `a date is YYYY, YYYY-MM or YYYY-MM-DD, not ${JSON.stringify(rest)}`);
    return { kind: 'date', text, op, first: firstDay(rest), last: lastDay(rest) };
  }
  if (!(PROPERTY_NAMES as readonly string[]).includes(name)) {
    const near = closest(name, [...PROPERTY_NAMES, 'date'], 3);
    throw usage(
      text,
      `no property ${JSON.stringify(name)}${near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : ''}`,
    );
  }
  const property = name as Property;
  const spec = PROPERTIES[property];
  if (spec.value !== 'quantity')
    throw usage(
      text,
      `${property} holds a ${spec.value}, not a number; --where compares numbers and dates`,
    );
  const n = NUMBER.exec(rest);
  if (!n) throw usage(text, `${JSON.stringify(rest)} is not a number`);
  const number = Number(n[1]!.replace(/,/g, ''));
  if (!Number.isFinite(number)) throw usage(text, `${JSON.stringify(n[1])} is not a finite number`);
  let words = n[2]!.trim();
  let factor = 1;
  const scale = /^(thousand|million|billion)\b\s*/i.exec(words);
  if (scale) {
    factor = SCALES[scale[1]!.toLowerCase() as Scale];
    words = words.slice(scale[0].length);
  }
  const allowed = unitsOf(spec.dimensions);
  if (words === '') {
    // no unit: the number is in the base unit of the property's dimension(s)
    return {
      kind: 'quantity',
      text,
      property,
      op,
      value: number * factor,
      dimensions: spec.dimensions,
    };
  }
  const unit = (Object.keys(UNITS) as Unit[]).find(
    (u) => u === words || u.toLowerCase() === words.toLowerCase(),
  );
  if (unit === undefined || !allowed.includes(unit))
    throw usage(
      text,
      `${unit === undefined ? `no unit ${JSON.stringify(words)}` : `unit ${unit} does not fit ${property}`}; ${property} takes ${allowed.join(', ')}`,
    );
  return {
    kind: 'quantity',
    text,
    property,
    op,
    value: number * factor * UNITS[unit].factor,
    dimensions: [UNITS[unit].dimension],
  };
}

/** Does every number of [low, high] (ends open or closed) satisfy `x op n`? */
function allSatisfy(
  i: { low: number; high: number; lowOpen: boolean; highOpen: boolean },
  op: Op,
  n: number,
): boolean {
  switch (op) {
    case '>':
      return i.low > n || (i.low === n && i.lowOpen);
    case '>=':
      return i.low >= n;
    case '<':
      return i.high < n || (i.high === n && i.highOpen);
    case '<=':
      return i.high <= n;
    case '=':
      return i.low === n && i.high === n && !i.lowOpen && !i.highOpen;
    case '!=':
      return i.high < n || i.low > n || (i.high === n && i.highOpen) || (i.low === n && i.lowOpen);
  }
}

/** Does a claim meet the condition? Only claims of its property (or with a date) can. */
export function claimMeets(c: Claim, w: Where): boolean {
  if (w.kind === 'date') {
    const d = c.date ?? c.when;
    if (d === undefined) return false;
    const s = narrowSpan(d);
    // an open end is unbounded: "since 2018" never meets "date<=2020"
    const low = s.start ?? '0000-01-01';
    const high = s.end ?? '9999-12-31';
    switch (w.op) {
      case '>':
        return s.start !== null && low > w.last;
      case '>=':
        return s.start !== null && low >= w.first;
      case '<':
        return s.end !== null && high < w.first;
      case '<=':
        return s.end !== null && high <= w.last;
      case '=':
        return s.start !== null && s.end !== null && low >= w.first && high <= w.last;
      case '!=':
        return (s.end !== null && high < w.first) || (s.start !== null && low > w.last);
    }
  }
  const q = c.quantity;
  if (c.property !== w.property || q === undefined) return false;
  if (!w.dimensions.includes(UNITS[q.unit].dimension)) return false;
  // approximately n counts as n; every other bound as the interval it allows
  const i = quantityInterval(q.bound === 'approx' ? { ...q, bound: 'exact' } : q);
  return allSatisfy(i, w.op, w.value);
}
