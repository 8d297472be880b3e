import { z } from 'zod';
import { Citation, Claim, DateSpec, Id, Ref, issue } from './values.js';
import {
  DEAL_STATUSES,
  DEAL_TYPES,
  DEPOSIT_STATUSES,
  KINDS,
  type Kind,
  ORGANIZATION_TYPES,
  PARTY_ROLES,
  POLICY_STATUSES,
  POLICY_TYPES,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  REGION_TYPES,
  SEED_FILE_NAME,
} from './vocab.js';

const Name = z.string().min(1, issue('empty-text')).max(300, issue('text-too-long'));
const Refs = z.array(Ref);

/** Fields every record has, whatever its kind: the first ones a record lists. */
const head = {
  id: Id,
  name: Name,
  aliases: z.array(Name).optional().meta({ description: 'other spellings and transliterations' }),
};

/** Fields every record has, after the fields of its kind. */
const tail = {
  description: z.string().min(1).max(4000).optional(),
  citations: z
    .array(Citation)
    .optional()
    .meta({ description: "where the record's identity and links are stated" }),
};

const claims = z
  .array(Claim)
  .optional()
  .meta({ description: 'cited statements about this record' });

/**
 * A record's schema. Its key order is the order `minerals fmt` writes (render/yaml-layout.ts):
 * id, kind, name, aliases, the kind's own fields, description, citations, then the kind's cited
 * lists (`cited`: a person's roles) and the claims, longest last.
 */
const record = <
  K extends string,
  S extends z.ZodRawShape,
  C extends z.ZodRawShape = Record<never, never>,
>(
  kind: K,
  shape: S,
  cited?: C,
) =>
  z.strictObject({
    id: head.id,
    kind: z.literal(kind),
    name: head.name,
    aliases: head.aliases,
    ...shape,
    ...tail,
    ...(cited as C),
    claims,
  });

/** A file name inside the seeds directory: no directories, so a source cannot point outside it. */
export const SeedFile = z
  .string()
  .regex(SEED_FILE_NAME, issue('bad-seed-file'))
  .meta({ description: 'file name of the stored text under seeds/' });

/**
 * Which part of a stored text is the article body, for `minerals coverage`: a documented
 * per-source rule, so site furniture is excluded by where it stands, not by hand-picking figures.
 */
export const Body = z.strictObject({
  start: Name.optional().meta({ description: 'verbatim text of the line where the body starts' }),
  end: Name.optional().meta({
    description: 'verbatim text of the first line after the body (site furniture)',
  }),
  exclude: z
    .array(Name)
    .optional()
    .meta({ description: 'whole lines inside the body that are furniture' }),
  no_fact: z
    .array(z.strictObject({ text: Name, reason: Name }))
    .optional()
    .meta({ description: 'body sentences that state no fact, each with why' }),
});

const Source = record('source', {
  title: Name,
  authors: z
    .array(Name)
    .optional()
    .meta({ description: 'the people the text names as its authors (its byline), as written' }),
  publisher: Name.optional().meta({ description: 'publisher or outlet as the text names it' }),
  publisher_ref: Ref.optional(),
  credits: z
    .array(z.strictObject({ name: Name, ref: Ref.optional() }))
    .optional()
    .meta({ description: 'original outlets the text credits ("reported Reuters")' }),
  url: z.url({ protocol: /^https?$/ }).optional(),
  published: DateSpec.optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional(),
  file: SeedFile,
  body: Body.optional(),
});

const Country = record('country', {
  iso2: z
    .string()
    .regex(/^[A-Z]{2}$/, issue('bad-iso2'))
    .optional(),
});

const Region = record('region', {
  type: z.enum(REGION_TYPES).optional(),
  country: Ref,
  parent: Ref.optional().meta({ description: 'an enclosing region' }),
});

const Organization = record('organization', {
  type: z.enum(ORGANIZATION_TYPES),
  country: Ref.optional(),
  parent: Ref.optional().meta({ description: 'parent organization' }),
});

const Role = z.strictObject({
  title: Name,
  organization: Ref.optional(),
  country: Ref.optional(),
  from: DateSpec.optional(),
  to: DateSpec.optional(),
  citations: z.array(Citation).optional(),
});

const Person = record('person', { country: Ref.optional() }, { roles: z.array(Role).optional() });

const Commodity = record('commodity', {
  symbol: z
    .string()
    .regex(/^[A-Z][a-z]?$/, issue('bad-symbol'))
    .optional(),
  groups: Refs.optional().meta({
    description: 'commodity groups this is a member of (cerium: rare-earths)',
  }),
});

const place = {
  country: Ref.optional(),
  region: Ref.optional(),
  place: Name.optional().meta({ description: 'place name as the text gives it' }),
};

const Deposit = record('deposit', {
  ...place,
  commodities: Refs.min(1, issue('no-commodities')).meta({
    description: 'in rank order, main first',
  }),
  status: z.enum(DEPOSIT_STATUSES),
  operator: Ref.optional(),
  owners: Refs.optional(),
});

const Project = record('project', {
  type: z.enum(PROJECT_TYPES),
  ...place,
  commodities: Refs.min(1, issue('no-commodities')),
  status: z.enum(PROJECT_STATUSES),
  operator: Ref.optional(),
  partners: Refs.optional(),
  deposit: Ref.optional(),
});

export const Party = z.strictObject({ ref: Ref, role: z.enum(PARTY_ROLES) });

const Deal = record('deal', {
  type: z.enum(DEAL_TYPES),
  parties: z.array(Party).min(1, issue('no-parties')),
  commodities: Refs.optional(),
  status: z.enum(DEAL_STATUSES),
  signed: DateSpec.optional(),
  place: Ref.optional().meta({ description: 'where it was signed or held' }),
  projects: Refs.optional().meta({
    description: 'the projects the deal concerns: that it funds, supplies or is a partnership on',
  }),
});

const Policy = record('policy', {
  type: z.enum(POLICY_TYPES),
  issuer: Ref,
  scope: Refs.optional().meta({ description: 'countries or organizations it applies to' }),
  commodities: Refs.optional(),
  period: DateSpec.optional(),
  status: z.enum(POLICY_STATUSES).optional(),
  part_of: Ref.optional().meta({
    description:
      'the wider policy this one is a measure of (a ban within an export-control regime)',
  }),
  projects: Refs.optional().meta({
    description: 'the projects through which the policy is to be met',
  }),
});

/** The schema of each kind of record: a kind in KINDS without one here does not compile. */
export const RECORD_SCHEMAS = {
  source: Source,
  country: Country,
  region: Region,
  organization: Organization,
  person: Person,
  commodity: Commodity,
  deposit: Deposit,
  project: Project,
  deal: Deal,
  policy: Policy,
} as const satisfies Record<Kind, z.ZodObject>;
type AnyRecordSchema = (typeof RECORD_SCHEMAS)[Kind];

/** Any record, told apart by its kind, in the order of KINDS. */
export const RecordSchema = z.discriminatedUnion(
  'kind',
  KINDS.map((k) => RECORD_SCHEMAS[k]) as [AnyRecordSchema, ...AnyRecordSchema[]],
);

/** A data file holds one record, or a list of records. */
export const DataFile = z.union([RecordSchema, z.array(RecordSchema)]);

export type FactRecord = z.infer<typeof RecordSchema>;
export type RecordOf<K extends FactRecord['kind']> = Extract<FactRecord, { kind: K }>;
