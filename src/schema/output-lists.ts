// The rows of the list commands, made from the fields each list prints (render/kinds.ts): a field
// that is the record's own takes its schema from the data-file schema (null, or [] for a list,
// when the record leaves it out); what a list adds (figures, claims, sources, counts) is made
// here. So a row's keys and their JSON Schema are written once, beside how they print.
import { z } from 'zod';
import { ClaimOut, Count, DateOut, FigureOut } from './output-common.js';
import { RECORD_SCHEMAS } from './records.js';
import { Id } from './values.js';
import type { Kind } from './vocab.js';

/** What a list field's schema is made of, for the kind of record the row shows. */
export interface RowKit {
  kind: Kind;
  /** The record's own field (optional: null when left out, [] for a list), with a description. */
  field(name: string, description?: string): z.ZodType;
  /** Strings: figures as text. */
  texts(description: string): z.ZodType;
  /** Figures as data: number as written, unit, scale, bound, base value, modality, sources. */
  figures(description: string): z.ZodType;
  /** The name of a referenced record, or null. */
  name(description: string): z.ZodType;
  /** The names of referenced records, in order. */
  names(description: string): z.ZodType;
  /** Plain numbers (a figure column's base values, csv and tsv only). */
  numbers(description: string): z.ZodType;
  /** A date as an object (on or start/end, precision, part, modality, inferred), or null. */
  date(description: string): z.ZodType;
  ids(description: string): z.ZodType;
  count(description: string): z.ZodType;
  claims: z.ZodType;
  sources: z.ZodType;
  null: z.ZodType;
}

const Sources = z
  .array(Id)
  .meta({ description: 'ids of the sources the record and its claims cite, each once' });

function rowKit(kind: Kind): RowKit {
  const shape = RECORD_SCHEMAS[kind].shape as Record<string, z.ZodType>;
  return {
    kind,
    field(name, description) {
      const s = shape[name];
      if (s === undefined) throw new Error(`${kind} has no field ${name}`);
      const inner = s instanceof z.ZodOptional ? (s.unwrap() as z.ZodType) : s;
      const out = s === inner ? s : inner instanceof z.ZodArray ? inner : inner.nullable();
      return description === undefined ? out : out.meta({ description });
    },
    texts: (description) => z.array(z.string()).meta({ description }),
    figures: (description) => z.array(FigureOut).meta({ description }),
    numbers: (description) => z.array(z.number()).meta({ description }),
    name: (description) => z.string().nullable().meta({ description }),
    names: (description) => z.array(z.string()).meta({ description }),
    date: (description) => DateOut.nullable().meta({ description }),
    ids: (description) => z.array(Id).meta({ description }),
    count: (description) => Count.meta({ description }),
    claims: z.array(ClaimOut),
    sources: Sources,
    null: z.null(),
  };
}

/** A list command's row: one object of its fields, or one per kind when it lists several. */
export function listRowSchema(
  kinds: readonly Kind[],
  row: { id: string; description: string },
  fields: ReadonlyArray<{
    name: string;
    schema: (kit: RowKit) => z.ZodType;
    formats?: readonly string[] | undefined;
  }>,
): z.ZodType {
  // a field only some formats show (a figure's base values in csv) is no key of the JSON row
  const json = fields.filter((f) => f.formats === undefined || f.formats.includes('json'));
  const objectFor = (kind: Kind) => {
    const kit = rowKit(kind);
    return z.strictObject(Object.fromEntries(json.map((f) => [f.name, f.schema(kit)])));
  };
  if (kinds.length === 1) return objectFor(kinds[0]!).meta(row);
  const [first, ...rest] = kinds.map(objectFor);
  return z.discriminatedUnion('kind', [first!, ...rest]).meta(row);
}
