// `minerals show ID --json` (and every `minerals <kind> show ID`): the record's own fields as the
// data file has them, its citations and claims enriched (src/query/values.ts recordJson), what
// refers to it, and the extra lists of a commodity's and a source's page (src/commands/show.ts).
import { z } from 'zod';
import { About, AboutClaim, CitationOut, ClaimOut, Referrer } from './output-common.js';
import { RECORD_SCHEMAS } from './records.js';
import { DateSpec, Id } from './values.js';
import { KINDS, type Kind } from './vocab.js';

const enriched = {
  citations: z
    .array(CitationOut)
    .meta({ description: "where the record's identity and links are stated" }),
  claims: z.array(ClaimOut),
  referenced_by: z.array(Referrer),
};

const page = <S extends z.ZodObject>(record: S, id: string, extra: z.ZodRawShape = {}) =>
  record
    .omit({ claims: true, citations: true })
    .extend({ ...enriched, ...extra })
    .meta({ id });

const Abouts = (what: string) =>
  z.array(About).meta({ description: `${what} of this commodity or any member of it` });

const KeyFacts = z
  .array(
    z.strictObject({
      label: z.string().meta({ description: 'the question: value, volume, signed, capacity, ...' }),
      field: DateSpec.nullable().meta({
        description: 'the record field that answers it (status, signed, period, operator), or null',
      }),
      claims: z.array(ClaimOut).meta({ description: 'the claims that answer it' }),
    }),
  )
  .meta({
    description:
      'what the page answers first; a field null with no claims means the texts do not say',
  });

/** A deal's, project's, deposit's or policy's page: key facts, and linked records with theirs. */
const FACTS_AND_LINKS: z.ZodRawShape = {
  key_facts: KeyFacts,
  linked: z
    .array(
      z.strictObject({
        relation: z
          .string()
          .meta({ description: 'project, deal, policy, deposit, part of, measure' }),
        about: About,
        key_facts: KeyFacts,
      }),
    )
    .meta({ description: 'records linked by a field of either, with their key facts' }),
};

const SAID: z.ZodRawShape = {
  said: z.array(AboutClaim).meta({
    description:
      'every claim a citation attributes to this person (or to this organization or its people), with the record that holds it',
  }),
};

/** What a kind's page adds to the record (a commodity's and a source's pages gather more). */
const EXTRA: Partial<Record<Kind, z.ZodRawShape>> = {
  deal: FACTS_AND_LINKS,
  project: FACTS_AND_LINKS,
  deposit: FACTS_AND_LINKS,
  policy: FACTS_AND_LINKS,
  person: SAID,
  organization: SAID,
  source: {
    citing_claims: z
      .array(AboutClaim)
      .meta({ description: 'every claim that cites this source, with the record that holds it' }),
  },
  commodity: {
    members: z
      .array(Id)
      .meta({ description: 'every commodity inside this group, directly or through sub-groups' }),
    deposits: Abouts('deposits'),
    projects: Abouts('projects'),
    deals: Abouts('deals'),
    policies: Abouts('policies'),
    related_claims: z
      .array(AboutClaim)
      .meta({ description: "other records' claims about this commodity or any member of it" }),
  },
};

const pageOf = (k: Kind) =>
  page(RECORD_SCHEMAS[k], `${k[0]!.toUpperCase()}${k.slice(1)}Page`, EXTRA[k]);
type AnyPage = ReturnType<typeof pageOf>;

export const ShowPage = z
  .discriminatedUnion('kind', KINDS.map(pageOf) as [AnyPage, ...AnyPage[]])
  .meta({ description: 'one record' });
