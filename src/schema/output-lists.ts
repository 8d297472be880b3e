// The rows of the list commands (deposits, deals, projects, companies, people, metals, sources,
// policies, countries), key for key as src/commands/deposits.ts and lists.ts print them. Record
// fields come from the data-file schemas; what the command adds (figures, sources) is written here.
import { z } from 'zod';
import { ClaimOut, Count, orEmpty, orNull } from './output-common.js';
import {
  Commodity,
  Country,
  Deal,
  Deposit,
  Organization,
  Person,
  Policy,
  Project,
  Region,
  Source,
} from './records.js';
import { Id } from './values.js';

const Sources = z.array(Id).meta({ description: 'ids of the sources the claims cite, each once' });
const Figures = (what: string) =>
  z.array(z.string()).meta({ description: `${what}, as "property: value" text` });

/** The keys every list row ends with: aliases, description, claims and the sources they cite. */
const tail = {
  aliases: orEmpty(Deal.shape.aliases),
  description: orNull(Deal.shape.description),
  claims: z.array(ClaimOut),
  sources: Sources,
};

const row = (id: string, description: string, shape: z.ZodRawShape) =>
  z.strictObject(shape).meta({ id, description });

export const DepositRow = row('DepositRow', 'a deposit', {
  id: Deposit.shape.id,
  name: Deposit.shape.name,
  country: orNull(Deposit.shape.country),
  region: orNull(Deposit.shape.region),
  status: Deposit.shape.status,
  commodities: Deposit.shape.commodities,
  operator: orNull(Deposit.shape.operator),
  figures: z.array(z.string()).meta({
    description:
      'contained metal, reserves, resources and ore, as "property commodity: value" text',
  }),
  claims: z.array(ClaimOut),
  sources: Sources,
});

export const DealRow = row('DealRow', 'a deal', {
  id: Deal.shape.id,
  name: Deal.shape.name,
  type: Deal.shape.type,
  status: Deal.shape.status,
  parties: Deal.shape.parties,
  commodities: orEmpty(Deal.shape.commodities),
  value: Figures('deal value, offer value and investment'),
  signed: orNull(Deal.shape.signed),
  ...tail,
});

export const ProjectRow = row('ProjectRow', 'a project', {
  id: Project.shape.id,
  name: Project.shape.name,
  type: Project.shape.type,
  country: orNull(Project.shape.country),
  region: orNull(Project.shape.region),
  status: Project.shape.status,
  commodities: Project.shape.commodities,
  operator: orNull(Project.shape.operator),
  partners: orEmpty(Project.shape.partners),
  capacity: Figures('capacity and output target'),
  investment: Figures('investment'),
  ...tail,
});

export const CompanyRow = row('CompanyRow', 'an organization', {
  id: Organization.shape.id,
  name: Organization.shape.name,
  type: Organization.shape.type,
  country: orNull(Organization.shape.country),
  parent: orNull(Organization.shape.parent),
  ...tail,
});

export const PersonRow = row('PersonRow', 'a person', {
  id: Person.shape.id,
  name: Person.shape.name,
  roles: orEmpty(Person.shape.roles),
  country: orNull(Person.shape.country),
  ...tail,
});

export const MetalRow = row('MetalRow', 'a commodity', {
  id: Commodity.shape.id,
  name: Commodity.shape.name,
  symbol: orNull(Commodity.shape.symbol),
  groups: orEmpty(Commodity.shape.groups),
  members: z
    .array(Id)
    .meta({ description: 'every commodity inside this group, directly or through sub-groups' }),
  ...tail,
});

export const SourceRow = row('SourceRow', 'a source document', {
  id: Source.shape.id,
  title: Source.shape.title,
  publisher: orNull(Source.shape.publisher),
  credits: orEmpty(Source.shape.credits),
  published: orNull(Source.shape.published),
  url: orNull(Source.shape.url),
  file: Source.shape.file,
  name: Source.shape.name,
  citing_claims: Count.meta({ description: 'claims that cite this source' }),
  aliases: tail.aliases,
  description: tail.description,
});

export const PolicyRow = row('PolicyRow', 'a policy', {
  id: Policy.shape.id,
  name: Policy.shape.name,
  type: Policy.shape.type,
  issuer: Policy.shape.issuer,
  status: orNull(Policy.shape.status),
  scope: orEmpty(Policy.shape.scope),
  commodities: orEmpty(Policy.shape.commodities),
  period: orNull(Policy.shape.period),
  ...tail,
});

/** A country row gives its ISO code under `country`; a region row, the country it is in. */
export const CountryRow = z
  .discriminatedUnion('kind', [
    z.strictObject({
      id: Country.shape.id,
      name: Country.shape.name,
      kind: Country.shape.kind,
      country: orNull(Country.shape.iso2).meta({
        description: 'for a country: its ISO 3166 alpha-2 code, or null',
      }),
      parent: z.null(),
      ...tail,
    }),
    z.strictObject({
      id: Region.shape.id,
      name: Region.shape.name,
      kind: Region.shape.kind,
      country: Region.shape.country.meta({ description: 'for a region: the country it is in' }),
      parent: orNull(Region.shape.parent),
      ...tail,
    }),
  ])
  .meta({ id: 'CountryRow', description: 'a country or a region' });
