import { z } from 'zod';
import { firstDay, isoDateProblem, lastDay } from './dates.js';
import {
  BASIS_CATEGORIES,
  BASIS_MATERIALS,
  BOUNDS,
  CLAIM_RANKS,
  CLASSIFICATION_SYSTEMS,
  DATE_PARTS,
  MODALITIES,
  PROPERTY_NAMES,
  SCALE_NAMES,
  UNIT_NAMES,
} from './vocab.js';

/**
 * Checks name the diagnostic code they raise as their message ("#bad-id"); custom issues carry
 * it in `params.code`. Only the diagnostics module turns codes into sentences.
 */
export const issue = (code: string) => ({ error: `#${code}` });

/**
 * Object-level checks run even when a field already failed, so one run reports every problem
 * (zod skips them by default). The checks below therefore test each field's type themselves.
 */
const ALWAYS = {
  when: (p: { value: unknown }) =>
    typeof p.value === 'object' && p.value !== null && !Array.isArray(p.value),
};
const isNum = (v: unknown): v is number => typeof v === 'number';
const isIso = (v: unknown): v is string => typeof v === 'string' && isoDateProblem(v) === null;

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const Id = z
  .string()
  .regex(ID_PATTERN, issue('bad-id'))
  .max(80, issue('bad-id'))
  .meta({ description: 'Lower-case kebab slug: [a-z0-9] words joined by single hyphens' });

/** A reference to another record by id. Whether it resolves is checked across the whole base. */
export const Ref = Id;

const ShortText = z.string().min(1, issue('empty-text')).max(2000, issue('text-too-long'));

const IsoDate = z
  .string()
  .superRefine((s, ctx) => {
    const problem = isoDateProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', params: { code: problem, value: s } });
  })
  .meta({
    description: 'ISO 8601 date prefix: YYYY, YYYY-MM or YYYY-MM-DD; its length is its precision',
  });

export const DateObject = z
  .strictObject({
    on: IsoDate.optional().meta({ description: 'the date, at its precision' }),
    start: IsoDate.optional().meta({ description: 'start of an interval (open when absent)' }),
    end: IsoDate.optional().meta({ description: 'end of an interval (open when absent)' }),
    part: z.enum(DATE_PARTS).optional().meta({ description: 'part of the period: "late 2026"' }),
    modality: z.enum(MODALITIES).optional().meta({
      description:
        "a record field's date only (signed, period, from, to); a claim says its modality itself",
    }),
    inferred: z
      .boolean()
      .optional()
      .meta({ description: 'the text gives the date only by context' }),
    reason: ShortText.optional().meta({
      description: 'why an inferred date was resolved this way',
    }),
  })
  .superRefine((d, ctx) => {
    const interval = d.start !== undefined || d.end !== undefined;
    if (d.on === undefined && !interval)
      ctx.addIssue({ code: 'custom', params: { code: 'date-empty' } });
    if (d.on !== undefined && interval)
      ctx.addIssue({ code: 'custom', params: { code: 'date-on-and-interval' } });
    // "2025-06" to "2025" is a fine interval: compare the first day of one with the last of the other
    if (isIso(d.start) && isIso(d.end) && firstDay(d.start) > lastDay(d.end))
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        params: { code: 'date-order', start: d.start, end: d.end },
      });
    if (d.inferred === true && d.reason === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['inferred'],
        params: { code: 'inferred-without-reason' },
      });
  }, ALWAYS);

/** A date is a bare ISO prefix, or an object with a part of the period, a modality, an interval. */
export const DateSpec = z.union([IsoDate, DateObject]);

export const Basis = z.strictObject({
  category: z
    .enum(BASIS_CATEGORIES)
    .optional()
    .meta({ description: 'reserve, resource or exploration target' }),
  material: z
    .enum(BASIS_MATERIALS)
    .optional()
    .meta({ description: 'ore tonnage or contained metal' }),
  system: z
    .enum(CLASSIFICATION_SYSTEMS)
    .optional()
    .meta({ description: 'reporting code, when stated' }),
  class: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .meta({ description: 'e.g. proven, probable, C1, C2' }),
});

const FiniteNumber = z.number().refine(Number.isFinite, issue('non-finite-number'));

export const Quantity = z
  .strictObject({
    value: FiniteNumber.optional().meta({ description: 'the number as written (not scaled)' }),
    low: FiniteNumber.optional().meta({ description: 'with bound: range' }),
    high: FiniteNumber.optional().meta({ description: 'with bound: range' }),
    scale: z
      .enum(SCALE_NAMES)
      .optional()
      .meta({ description: 'a scale word as written: "$5 billion"' }),
    unit: z.enum(UNIT_NAMES),
    bound: z.enum(BOUNDS).default('exact').meta({ description: 'how the text bounds the number' }),
    basis: Basis.optional(),
  })
  .superRefine((q, ctx) => {
    // a misspelt bound is reported on its own; guessing what it meant would only add noise
    if (q.bound !== undefined && !(BOUNDS as readonly unknown[]).includes(q.bound)) return;
    if (q.bound === 'range') {
      if (q.low === undefined || q.high === undefined)
        ctx.addIssue({ code: 'custom', params: { code: 'range-needs-low-high' } });
      if (q.value !== undefined)
        ctx.addIssue({ code: 'custom', path: ['value'], params: { code: 'range-with-value' } });
      if (isNum(q.low) && isNum(q.high) && q.low > q.high)
        ctx.addIssue({
          code: 'custom',
          path: ['high'],
          params: { code: 'range-order', low: q.low, high: q.high },
        });
    } else {
      if (q.value === undefined)
        ctx.addIssue({ code: 'custom', params: { code: 'quantity-needs-value' } });
      for (const k of ['low', 'high'] as const)
        if (q[k] !== undefined)
          ctx.addIssue({ code: 'custom', path: [k], params: { code: 'low-high-without-range' } });
    }
  }, ALWAYS);

export const Citation = z.strictObject({
  source: Ref.meta({ description: 'id of a source record' }),
  quote: ShortText.meta({ description: "verbatim words from the source's stored text" }),
  said_by: Ref.optional().meta({
    description: 'person or organization the text attributes the statement to',
  }),
  note: ShortText.optional(),
});

export const VALUE_KEYS = ['quantity', 'date', 'ref', 'text'] as const;

export const Claim = z
  .strictObject({
    property: z.enum(PROPERTY_NAMES),
    commodity: Ref.optional().meta({ description: 'the commodity the figure is about' }),
    quantity: Quantity.optional(),
    date: DateSpec.optional(),
    ref: Ref.optional(),
    text: ShortText.optional(),
    among: ShortText.optional().meta({
      description:
        'what a rank, count or share is of, as the text qualifies it: "undeveloped sources of tin worldwide" (a rank), "wells drilled" (a count); claims among different things are never compared',
    }),
    when: DateSpec.optional().meta({
      description: 'when the claim holds, or the target date of a plan',
    }),
    modality: z.enum(MODALITIES).optional().meta({
      description:
        'how the claim holds: actual (the default: a fact), planned ("will", "plans to"), expected ("expected", "projected"), possible ("could", "may", "if confirmed"), target (a goal set), proposed ("aimed for", "offered"), reputed ("considered", "believed"); write actual to say a quote\'s future words do not make it prospective',
    }),
    note: ShortText.optional(),
    tension: ShortText.optional().meta({
      description:
        'a tension with another figure of the base that is not a contradiction (an implied grade no drill hole reached), shown by `minerals conflicts --kind tension`',
    }),
    rank: z.enum(CLAIM_RANKS).optional(),
    rank_reason: ShortText.optional(),
    citations: z.array(Citation).min(1, issue('claim-without-citation')),
  })
  .superRefine((c, ctx) => {
    const present = VALUE_KEYS.filter((k) => c[k] !== undefined);
    if (present.length !== 1)
      ctx.addIssue({ code: 'custom', params: { code: 'claim-value-count', present } });
    for (const k of ['date', 'when'] as const) {
      const d = c[k];
      if (typeof d === 'object' && d !== null && 'modality' in d && d.modality !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [k, 'modality'],
          params: { code: 'claim-date-modality', modality: d.modality },
        });
    }
    if (c.rank === 'deprecated' && c.rank_reason === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['rank'],
        params: { code: 'deprecated-without-reason' },
      });
  }, ALWAYS);

export type Quantity = z.infer<typeof Quantity>;
export type DateSpec = z.infer<typeof DateSpec>;
export type Citation = z.infer<typeof Citation>;
export type Claim = z.infer<typeof Claim>;
