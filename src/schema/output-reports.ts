// The JSON of the commands that are not record lists: validate, coverage, timeline, conflicts,
// facts, search and stats, key for key as src/commands/*.ts print them.
import { z } from 'zod';
import {
  About,
  CitationOut,
  ClaimOut,
  Count,
  Day,
  DateOut,
  PropertyName,
  QuantityOut,
} from './output-common.js';
import { RecordSchema, SeedFile } from './records.js';
import { Claim, Id, Ref } from './values.js';
import {
  BASIS_CATEGORIES,
  BASIS_MATERIALS,
  BOUNDS,
  CLASSIFICATION_SYSTEMS,
  CONFLICT_CLASSES,
  DIMENSIONS,
  KINDS,
  MODALITIES,
} from './vocab.js';
import { DATE_ORIGINS, SEARCH_FIELDS, type Kind } from './vocab.js';

export const DiagnosticRow = z
  .strictObject({
    file: z.string().meta({ description: 'path as shown to the user' }),
    line: z.number().int().min(1),
    col: z
      .number()
      .int()
      .min(1)
      .meta({ description: 'column in characters (code points), from 1' }),
    severity: z.enum(['error', 'warning']),
    code: z
      .string()
      .meta({ description: 'the diagnostic code ("missing-key", "quote-not-found"...)' }),
    message: z.string(),
    args: z
      .record(z.string(), z.unknown())
      .meta({ description: 'the data behind the message; its keys depend on the code' }),
  })
  .meta({ id: 'Diagnostic', description: 'one problem in the fact base' });

export const FmtResult = z
  .strictObject({
    check: z.boolean().meta({ description: 'run with --check: nothing was written' }),
    files: z
      .array(
        z.strictObject({
          file: z.string().meta({ description: 'path as given, or as shown to the user' }),
          changed: z
            .boolean()
            .meta({ description: 'its layout changed (with --check: would change)' }),
        }),
      )
      .meta({ description: 'every file laid out, in the order read' }),
    diagnostics: z
      .array(DiagnosticRow)
      .meta({ description: 'why the other files were left as they are' }),
  })
  .meta({ description: 'what `minerals fmt` did, file by file' });

const Place = z.strictObject({ text: z.string(), line: z.number().int().min(1) });
const Percent = z.number().min(0).max(100);

const FigurePlace = Place.extend({
  sentence: z.string(),
  kind: z
    .enum([
      'number',
      'number-word',
      'fraction',
      'multiple',
      'rank',
      'year',
      'date',
      'relative-date',
    ])
    .meta({
      description:
        'number: digits with their currency, scale and unit ("US$20 million"); number-word ("two"); ' +
        'fraction ("one-fifth"); multiple ("twofold", "doubled"); rank ("world\'s largest", "top three"); ' +
        'year ("2013"); date ("late 2026", "December 2024"); relative-date (a month without a year, ' +
        '"last year", "by year-end")',
    }),
});

export const CoverageRow = z
  .strictObject({
    source: Id,
    file: SeedFile,
    sentences: z.strictObject({
      total: Count,
      covered: Count.meta({
        description: 'sentences at least half of whose non-space characters claims quote',
      }),
      no_fact: Count,
      percent: Percent,
      uncovered: z.array(Place),
    }),
    figures: z.strictObject({
      total: Count,
      quoted: Count.meta({ description: "figures inside a claim's quote" }),
      structured: Count.meta({
        description:
          "figures inside the quote of a claim whose quantity, date or when holds the figure's value",
      }),
      percent_quoted: Percent,
      percent_structured: Percent,
      unquoted: z.array(FigurePlace).meta({ description: 'figures no claim quotes' }),
      unstructured: z
        .array(
          FigurePlace.extend({
            reason: z.enum(['relative-date', 'value-differs', 'no-quantity', 'no-date']).meta({
              description:
                'relative-date: a month or relative phrase no claim resolves; value-differs: a ' +
                'claim quoting it holds another value; no-quantity, no-date: the claims quoting ' +
                'it hold no value of its type',
            }),
          }),
        )
        .meta({ description: 'figures claims quote but none holds as a value' }),
    }),
    unmatched: z.array(z.string()).meta({
      description: 'body rule texts (start, end, exclude, no_fact) that do not occur in the text',
    }),
  })
  .meta({
    id: 'CoverageRow',
    description:
      "one source's body sentences and figures: those claims quote, and the figures claims hold as values",
  });

const TIMELINE_PROPERTIES = [
  ...Claim.shape.property.options,
  ...DATE_ORIGINS.filter((o) => o !== 'date' && o !== 'when'),
] as [string, ...string[]];

export const TimelineRow = z
  .strictObject({
    date: DateOut,
    start: Day.nullable().meta({ description: 'first day the date covers; null when open' }),
    end: Day.nullable().meta({ description: 'last day the date covers; null when open' }),
    modality: z.enum(MODALITIES),
    inferred: z.boolean(),
    about: About,
    origin: z
      .enum(DATE_ORIGINS)
      .meta({ description: "where the date is: a claim's date value or when, or a record field" }),
    property: z
      .enum(TIMELINE_PROPERTIES)
      .meta({ description: "the claim's property, or the record field" }),
    commodity: Ref.nullable(),
    value: z.string().nullable().meta({
      description: 'the value the date is attached to, as text; null when the date is the value',
    }),
    sources: z.array(Id),
    citations: z.array(CitationOut),
    claim: ClaimOut.nullable().meta({
      description: 'the claim the date belongs to; null for a record field',
    }),
  })
  .meta({ id: 'TimelineRow', description: 'one dated item' });

const BASE_UNITS = Object.values(DIMENSIONS) as [string, ...string[]];
const Ends = { low_open: z.boolean(), high_open: z.boolean() };

const Basis = z.strictObject({
  category: z.enum(BASIS_CATEGORIES),
  material: z.enum(BASIS_MATERIALS),
  system: z.enum(CLASSIFICATION_SYSTEMS),
  class: z.string().nullable(),
});

const Version = z.strictObject({
  position: Count.meta({ description: "the claim's position in its record's claims, from 0" }),
  value: z.string(),
  bound: z.enum(BOUNDS).nullable(),
  basis: Basis.nullable().meta({
    description: "a quantity's basis (missing parts `unspecified`); null when none of it is stated",
  }),
  interval: z
    .union([
      z.strictObject({
        low: z.number().nullable(),
        high: z.number().nullable(),
        ...Ends,
        unit: z.enum(BASE_UNITS),
      }),
      z.strictObject({
        low: Day.nullable(),
        high: Day.nullable(),
        ...Ends,
        unit: z.literal('day'),
      }),
    ])
    .nullable()
    .meta({
      description:
        'a quantity in base units (null for an unbounded end) or a date in days; null for text and refs',
    }),
  interval_text: z.string().nullable(),
  when: DateOut.nullable().meta({ description: 'when the claim holds, or null' }),
  note: z.string().nullable(),
  sources: z.array(Id),
  citations: z.array(CitationOut).min(1),
});

export const ConflictRow = z
  .strictObject({
    about: About,
    property: PropertyName,
    commodity: Ref.nullable(),
    basis: Basis.nullable().meta({
      description:
        'the basis the quantities share, when some part of it is stated; null otherwise, and always for class basis',
    }),
    class: z.enum(CONFLICT_CLASSES).meta({
      description:
        'contradiction: the values cannot both be true; refinement: one is a more precise form of the other; change: they hold at different times; basis: they measure different things; tension: one claim whose `tension` note says what it is at odds with (one version, no pairs)',
    }),
    sources_differ: z.boolean(),
    versions: z.array(Version).min(1),
    pairs: z
      .array(
        z.strictObject({
          a: Count,
          b: Count,
          aspect: z.enum(['value', 'when']).meta({
            description: 'what differs: the values, or (when they agree) the times they hold at',
          }),
          sources_differ: z.boolean(),
          reason: z.string(),
        }),
      )
      .meta({ description: 'which versions differ and why; empty for a tension' }),
    tension: z.string().nullable().meta({
      description: 'for class tension, what the claim is at odds with; null otherwise',
    }),
  })
  .meta({
    id: 'ConflictRow',
    description:
      'claims on one subject, property and commodity that differ, all pairs of one class',
  });

export const FactRow = z
  .strictObject({
    about: About,
    property: PropertyName,
    commodity: Ref.nullable(),
    quantity: QuantityOut.nullable(),
    date: DateOut.nullable(),
    ref: Ref.nullable(),
    text: z.string().nullable(),
    when: DateOut.nullable(),
    modality: Claim.shape.modality.unwrap(),
    among: z.string().nullable(),
    tension: z.string().nullable(),
    rank: Claim.shape.rank.unwrap(),
    rank_reason: z.string().nullable(),
    note: z.string().nullable(),
    citations: z.array(CitationOut).min(1),
  })
  .meta({
    id: 'FactRow',
    description:
      'one claim with the record that holds it; the value keys it does not have are null',
  });

export const SearchRow = z
  .strictObject({
    rank: z.number().int().min(1),
    about: About,
    field: z.enum(SEARCH_FIELDS).meta({ description: 'where the best match is' }),
    source: Id.nullable().meta({ description: 'the source of a matching quote or text line' }),
    line: z
      .number()
      .int()
      .min(1)
      .nullable()
      .meta({ description: 'the line of a matching source text' }),
    snippet: z.string(),
    matches: z
      .array(z.tuple([Count, Count]))
      .meta({ description: 'each match in the snippet: [start, end) in characters (code points)' }),
  })
  .meta({ id: 'SearchRow', description: 'one record that matches, at its best piece of text' });

const Share = z.strictObject({ covered: Count, total: Count, percent: Percent });

export const Stats = z
  .strictObject({
    totals: z.strictObject({
      records: Count,
      claims: Count,
      citations: Count,
      sources: Count,
      files: Count,
      texts: Count,
    }),
    kinds: z
      .strictObject(Object.fromEntries(KINDS.map((k) => [k, Count])))
      .meta({ description: 'records of each kind, every kind listed' }),
    sources: z.array(
      z.strictObject({
        id: Id,
        file: SeedFile,
        claims: Count,
        citations: Count,
        coverage: z.strictObject({ sentences: Share, figures: Share }).nullable(),
      }),
    ),
    properties: z.array(z.strictObject({ property: PropertyName, claims: Count })),
  })
  .meta({ description: 'what the fact base holds' });

export const Graph = z
  .strictObject({
    nodes: z.array(
      z.strictObject({
        id: Id,
        kind: z.enum(KINDS.filter((k) => k !== 'source') as [Kind, ...Kind[]]),
        name: z.string(),
      }),
    ),
    edges: z.array(
      z.strictObject({
        from: Id,
        to: Id,
        label: z.string().meta({
          description: 'read as "from is <label> of/in to": erg -supplier-> erg-mitsubishi',
        }),
      }),
    ),
  })
  .meta({ description: 'records and the links their fields state' });

const DraftCheck = z.enum(['unit', 'property', 'which record', 'modality', 'date']);

export const DraftOut = z
  .strictObject({
    source: Id,
    file: SeedFile,
    figures: Count.meta({ description: 'figures of the body that no claim holds yet as a value' }),
    claims: z.array(
      z.strictObject({
        record: z.strictObject({
          id: Id,
          kind: z.enum(KINDS),
          name: z.string(),
          new: z
            .boolean()
            .meta({ description: 'a record the base does not have (in new_records)' }),
        }),
        claim: Claim.meta({ description: 'the claim as a data file writes it' }),
        figure: z.string().meta({ description: 'the figure as the text writes it' }),
        line: z.number().int().min(1),
        sentence: z.string(),
        check: z.array(z.strictObject({ what: DraftCheck, why: z.string() })),
      }),
    ),
    new_records: z
      .array(RecordSchema)
      .meta({ description: 'records proposed for names the base does not have' }),
    skipped: z.array(
      z.strictObject({
        figure: z.string(),
        sentence: z.string(),
        line: z.number().int().min(1),
        why: z.string(),
      }),
    ),
  })
  .meta({
    description: "claims proposed for the figures of a source's text that no claim holds yet",
  });
