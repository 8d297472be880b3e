// One run reports every problem of a record: object-level checks (ranges, value count, deprecated
// reason) still run when a field of the same object already failed.
import { describe, expect, it } from 'vitest';
import { schemaProblems } from '../src/load/issues.js';
import { Claim, Quantity, RecordSchema } from '../src/schema/index.js';

const problems = (schema: typeof Quantity | typeof Claim | typeof RecordSchema, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success
    ? []
    : schemaProblems(schema, v, r.error.issues).map((p) => `${p.path.join('.')} ${p.code}`);
};
const cite = [{ source: 's', quote: 'q' }];

describe('every problem in one run', () => {
  it('a bad unit does not hide a reversed range', () => {
    expect(problems(Quantity, { unit: 'tons', bound: 'range', low: 5, high: 1 })).toEqual([
      'unit bad-enum',
      'high range-order',
    ]);
  });

  it('a bad unit does not hide a missing value', () => {
    expect(problems(Quantity, { unit: 'tons' })).toEqual([
      'unit bad-enum',
      ' quantity-needs-value',
    ]);
  });

  it('a misspelt bound is reported alone, without guessing follow-on errors', () => {
    expect(problems(Quantity, { unit: 't', bound: 'rnage', low: 1, high: 2 })).toEqual([
      'bound bad-enum',
    ]);
  });

  it('a bad property does not hide two values in one claim', () => {
    expect(
      problems(Claim, {
        property: 'oer',
        quantity: { value: 1, unit: 't' },
        text: 'x',
        citations: cite,
      }),
    ).toEqual(['property bad-enum', ' claim-value-count']);
  });

  it('a missing citations key does not hide a missing value', () => {
    expect(problems(Claim, { property: 'ore' })).toEqual([' missing-key', ' claim-value-count']);
  });

  it('a reversed interval is found next to a bad part of period', () => {
    const rec = {
      id: 'x',
      kind: 'country',
      name: 'X',
      claims: [
        {
          property: 'status',
          text: 'ok',
          when: { start: '2026', end: '2025', part: 'later' },
          citations: cite,
        },
      ],
    };
    expect(problems(RecordSchema, rec)).toEqual([
      'claims.0.when.part bad-enum',
      'claims.0.when.end date-order',
    ]);
  });
});

describe('dates written as bare numbers', () => {
  it('an unquoted year gets a message that says to quote it', () => {
    const rec = {
      id: 'x',
      kind: 'country',
      name: 'X',
      claims: [{ property: 'date-of-event', date: 2025, citations: cite }],
    };
    expect(problems(RecordSchema, rec)).toEqual(['claims.0.date date-unquoted']);
  });

  it('another number is still a wrong type', () => {
    const rec = {
      id: 'x',
      kind: 'country',
      name: 'X',
      claims: [{ property: 'date-of-event', date: 20.5, citations: cite }],
    };
    expect(problems(RecordSchema, rec)).toEqual(['claims.0.date wrong-type']);
  });
});
