// Option values checked as commander parses them (argParser), before any data is read: a bad
// value is a usage error (exit 2) that says what the option takes.
import { UserError } from '../errors.js';
import { isoDateProblem } from '../schema/dates.js';
import { closest } from '../util/suggest.js';

/** One of a closed list, in any case: `--format must be one of table, json, not "xml"`. */
export const choice =
  <T extends string>(option: string, values: readonly T[], suggest = false) =>
  (value: string): T => {
    const found = values.find((v) => v === value || v.toLowerCase() === value.toLowerCase());
    if (found !== undefined) return found;
    const near = suggest ? closest(value, values, 1) : [];
    throw new UserError(
      `${option} must be one of ${values.join(', ')}, not ${JSON.stringify(value)}${near.length > 0 ? ` (did you mean ${near[0]}?)` : ''}`,
    );
  };

/** The items of `a,b`, trimmed. */
const items = (value: string) => value.split(',').map((s) => s.trim());

/** What a repeatable option holds after one more use: the values so far, then the new ones not yet in. */
function added<T>(previous: readonly T[] | undefined, values: readonly T[]): T[] {
  const out = [...(previous ?? [])];
  for (const v of values) if (!out.includes(v)) out.push(v);
  return out;
}

/**
 * A repeatable choice: each value checked as `choice` does, collected in the order given, a value
 * given twice kept once. Also accepts `a,b` as two values.
 */
export const choices =
  <T extends string>(option: string, values: readonly T[]) =>
  (value: string, previous: T[] | undefined): T[] =>
    added(previous, items(value).map(choice(option, values, true)));

/** A repeatable option's values in the order given, each checked first (`check` throws a usage error). */
export const collect =
  (check?: (value: string) => void) =>
  (value: string, previous: string[] | undefined): string[] => {
    check?.(value);
    return [...(previous ?? []), value];
  };

/** A repeatable option that also takes `a,b`: every value, trimmed, each once, in the order given. */
export const commaList =
  () =>
  (value: string, previous: string[] | undefined): string[] => {
    const given = items(value).filter((v) => v !== '');
    if (given.length === 0)
      throw new UserError(`an option takes a value, not ${JSON.stringify(value)}`);
    return added(previous, given);
  };

/** A whole number: `--limit takes a whole number, not "x"`. */
export const wholeNumber =
  (option: string) =>
  (value: string): number => {
    if (!/^\d+$/.test(value))
      throw new UserError(`${option} takes a whole number, not ${JSON.stringify(value)}`);
    return Number(value);
  };

/** A percentage from 0 to 100. */
export const percentage =
  (option: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || n > 100)
      throw new UserError(
        `${option} takes a percentage from 0 to 100, not ${JSON.stringify(value)}`,
      );
    return n;
  };

/** An ISO date prefix: YYYY, YYYY-MM or YYYY-MM-DD, and a real calendar date. */
export const isoDate =
  (option: string) =>
  (value: string): string => {
    const problem = isoDateProblem(value);
    if (problem === 'date-format')
      throw new UserError(
        `${option} takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not ${JSON.stringify(value)}`,
      );
    if (problem === 'date-invalid')
      throw new UserError(`${option}: ${JSON.stringify(value)} is not a calendar date`);
    return value;
  };
