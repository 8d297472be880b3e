// The pieces every command's JSON output is made of: citations with their source's file, claims
// with quantities in base units and dates with their precision (src/query/values.ts builds them).
// Record fields reuse the data-file schemas, so a shape is written once. Only `minerals schema
// --output` and the tests load this: query commands never import zod.
import { z } from 'zod';
import type { Precision } from './dates.js';
import { SeedFile } from './records.js';
import { Citation, Claim, DateObject, Id, Quantity, Ref } from './values.js';
import { DIMENSIONS, KINDS, PROPERTY_NAMES } from './vocab.js';

/** A field the command prints as null when the record leaves it out: `country?: Ref` becomes `country: Ref | null`. */
const orNull = <T extends z.ZodType>(s: z.ZodOptional<T>) => s.unwrap().nullable();
export const Count = z.number().int().min(0);
/** A calendar day, as the query layer spans dates: YYYY-MM-DD. */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ description: 'a calendar day, YYYY-MM-DD' });
const KindName = z.enum(KINDS);
export const PropertyName = z.enum(PROPERTY_NAMES);

export const CitationOut = Citation.extend({
  file: SeedFile.nullable().meta({
    description:
      "the cited source's stored text under seeds/ (null when the source is not in the base)",
  }),
  said_by: Ref.nullable().meta({
    description: 'person or organization the text attributes the statement to, or null',
  }),
}).meta({
  id: 'Citation',
  description: 'a citation: the source, its stored file, the verbatim quote, who said it',
});

const BASE_UNITS = Object.values(DIMENSIONS) as [string, ...string[]];

export const QuantityOut = z
  .strictObject({
    ...Quantity.shape,
    base: z
      .strictObject({
        unit: z.enum(BASE_UNITS).meta({ description: "the base unit of the unit's dimension" }),
        value: z.number().optional(),
        low: z.number().optional(),
        high: z.number().optional(),
      })
      .meta({
        description: 'the value (or low and high of a range) in the base unit, scale word applied',
      }),
  })
  .meta({ id: 'Quantity', description: 'a quantity as written, with its value in the base unit' });

const PRECISIONS = ['year', 'month', 'day'] as const satisfies readonly Precision[];

export const DateOut = z
  .strictObject({
    ...DateObject.shape,
    precision: z.enum(PRECISIONS).meta({
      description:
        'precision of the date (or of the start of an interval): the length of its ISO prefix',
    }),
  })
  .meta({
    id: 'Date',
    description: 'a date as an object (a bare "2026" becomes {on: "2026"}), with its precision',
  });

const claimShape = {
  property: Claim.shape.property,
  commodity: orNull(Claim.shape.commodity),
  quantity: QuantityOut.optional(),
  date: DateOut.optional(),
  ref: Claim.shape.ref,
  text: Claim.shape.text,
  when: DateOut.nullable().meta({ description: 'when the claim holds, or null' }),
  modality: Claim.shape.modality.unwrap().meta({
    description: 'how the claim holds; actual when the data says none',
  }),
  among: Claim.shape.among,
  tension: Claim.shape.tension,
  rank: Claim.shape.rank.unwrap(),
  rank_reason: Claim.shape.rank_reason,
  note: Claim.shape.note,
  citations: z.array(CitationOut).min(1),
};

export const ClaimOut = z.strictObject(claimShape).meta({
  id: 'Claim',
  description:
    'a claim: a property with one value (quantity, date, ref or text), when it holds, and its citations',
});

/** A figure of a list row: a quantity claim with its modality, when it holds, and its sources. */
export const FigureOut = z
  .strictObject({
    property: PropertyName,
    commodity: Ref.nullable(),
    quantity: QuantityOut,
    modality: Claim.shape.modality.unwrap(),
    when: DateOut.nullable(),
    sources: z.array(Id).meta({ description: 'ids of the sources the claim cites, each once' }),
  })
  .meta({
    id: 'Figure',
    description:
      'a figure: the number as written with its unit, scale and bound, its base value, modality, when and sources',
  });

export const About = z
  .strictObject({ id: Id, kind: KindName, name: z.string() })
  .meta({ id: 'About', description: 'the record a row is about' });

/** A claim held by another record: `{about, ...claim}`. */
export const AboutClaim = z
  .strictObject({ about: About, ...claimShape })
  .meta({ id: 'AboutClaim', description: 'a claim with the record that holds it' });

export const Referrer = z
  .strictObject({
    id: Id,
    kind: KindName,
    field: z.string().meta({
      description: 'the field the reference is made in ("operator", "party", "claims ref"...)',
    }),
  })
  .meta({ id: 'Referrer', description: 'a record that refers to this one' });
