// The list commands for every kind but deposits (which has its own file): one spec per kind,
// its fields (columns and JSON keys) and its filters. JSON rows are the whole record.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import type { FactIndex } from '../query/facts.js';
import { claimValueText, recordJson } from '../query/values.js';
import type { Field } from '../render/output.js';
import type { FactRecord, RecordOf } from '../schema/index.js';
import {
  DEAL_STATUSES,
  ORGANIZATION_TYPES,
  POLICY_STATUSES,
  PROJECT_STATUSES,
  type Kind,
  type Property,
} from '../schema/vocab.js';
import type { Kit, Registrar } from './kit.js';
import { openBaseIndex, printList, resolveOption, type OutputOptions } from './query.js';

type Filters = OutputOptions & Record<string, string | boolean | undefined>;

interface FilterSpec<R> {
  flag: string;
  key: string;
  help: string;
  /** Turn the option value into a predicate; throw UserError (exit 2) for a bad value. */
  build: (index: FactIndex, value: string) => (r: R) => boolean;
}

interface ListSpec<R extends FactRecord> {
  command: string;
  description: string;
  kinds: readonly Kind[];
  fields: (index: FactIndex) => Field<R>[];
  filters: FilterSpec<R>[];
  examples: string[];
}

const nameOf = (index: FactIndex, id: string | undefined) =>
  id === undefined ? '' : (index.get(id)?.name ?? id);
const names = (index: FactIndex, ids: readonly string[] | undefined) =>
  (ids ?? []).map((id) => nameOf(index, id)).join(', ');
const figures = (index: FactIndex, r: FactRecord, props: readonly Property[]) =>
  (r.claims ?? [])
    .filter((c) => props.includes(c.property))
    .map((c) => claimValueText(c, index))
    .filter((t, i, all) => all.indexOf(t) === i) // two sources giving the same figure: one cell entry
    .join('; ');
const figuresJson = (index: FactIndex, r: FactRecord, props: readonly Property[]) =>
  (r.claims ?? [])
    .filter((c) => props.includes(c.property))
    .map((c) => `${c.property}: ${claimValueText(c, index)}`);

/** Fields every list has: id and name first, claims, sources and the whole record last (JSON only). */
function common<R extends FactRecord>(index: FactIndex): { head: Field<R>[]; tail: Field<R>[] } {
  return {
    head: [
      { name: 'id', value: (r) => r.id, table: true },
      { name: 'name', value: (r) => r.name, table: true },
    ],
    tail: [
      { name: 'aliases', value: (r) => r.aliases ?? [] },
      { name: 'description', value: (r) => r.description ?? null },
      { name: 'claims', value: (r) => recordJson(r, index).claims },
      {
        name: 'sources',
        value: (r) => [
          ...new Set(
            [...(r.citations ?? []), ...(r.claims ?? []).flatMap((c) => c.citations)].map(
              (c) => c.source,
            ),
          ),
        ],
      },
    ],
  };
}

const enumFilter = <R>(
  flag: string,
  key: string,
  values: readonly string[],
  get: (r: R) => string | undefined,
): FilterSpec<R> => ({
  flag: `--${flag} <${flag}>`,
  key,
  help: `one of ${values.join(', ')}`,
  build: (_index, value) => {
    if (!values.includes(value))
      throw new UserError(
        `--${flag} must be one of ${values.join(', ')}, not ${JSON.stringify(value)}`,
      );
    return (r) => get(r) === value;
  },
});

const metalFilter = <R extends FactRecord>(
  commodities: (r: R) => readonly string[] | undefined,
): FilterSpec<R> => ({
  flag: '--metal <commodity>',
  key: 'metal',
  help: 'a commodity or any member of a group (id, name, alias or symbol)',
  build: (index, value) => {
    const set = index.commodityClosure(resolveOption(index, '--metal', value, ['commodity']));
    return (r) =>
      (commodities(r) ?? []).some((c) => set.has(c)) ||
      (r.claims ?? []).some((c) => c.commodity !== undefined && set.has(c.commodity));
  },
});

const placeFilter = <R extends FactRecord>(
  flag: 'country' | 'region',
  places: (index: FactIndex, r: R) => Array<string | undefined>,
): FilterSpec<R> => ({
  flag: `--${flag} <${flag}>`,
  key: flag,
  help:
    flag === 'country'
      ? 'in a country (or any region of it)'
      : 'in a region or any region inside it',
  build: (index, value) => {
    const set = index.placeClosure(
      resolveOption(
        index,
        `--${flag}`,
        value,
        flag === 'country' ? ['country'] : ['region', 'country'],
      ),
    );
    return (r) => places(index, r).some((p) => p !== undefined && set.has(p));
  },
});

const refFilter = <R>(
  flag: string,
  kinds: readonly Kind[],
  help: string,
  get: (r: R) => readonly (string | undefined)[],
): FilterSpec<R> => ({
  flag: `--${flag} <${flag === 'org' ? 'organization' : flag}>`,
  key: flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
  help,
  build: (index, value) => {
    const id = resolveOption(index, `--${flag}`, value, kinds);
    return (r) => get(r).includes(id);
  },
});

const partyCountries = (index: FactIndex, d: RecordOf<'deal'>) =>
  d.parties.flatMap((p) => {
    const r = index.get(p.ref);
    return r?.kind === 'country'
      ? [r.id]
      : r?.kind === 'organization' || r?.kind === 'person'
        ? [r.country]
        : [];
  });

const DEALS: ListSpec<RecordOf<'deal'>> = {
  command: 'deals',
  description: 'list deals: agreements, offers, joint ventures, auctions, with parties and status',
  kinds: ['deal'],
  fields: (index) => {
    const c = common<RecordOf<'deal'>>(index);
    return [
      ...c.head,
      { name: 'type', value: (d) => d.type, table: true },
      { name: 'status', value: (d) => d.status, table: true },
      {
        name: 'parties',
        value: (d) => d.parties,
        text: (d) => d.parties.map((p) => `${nameOf(index, p.ref)} (${p.role})`).join(', '),
        table: true,
      },
      {
        name: 'commodities',
        value: (d) => d.commodities ?? [],
        text: (d) => (d.commodities ?? []).join(', '),
      },
      {
        name: 'value',
        value: (d) => figuresJson(index, d, ['deal-value', 'offer-value', 'investment']),
        text: (d) => figures(index, d, ['deal-value', 'offer-value', 'investment']),
        table: true,
      },
      { name: 'signed', value: (d) => d.signed ?? null },
      ...c.tail,
    ];
  },
  filters: [
    refFilter(
      'party',
      ['organization', 'person', 'country'],
      'deals a company, person or country is party to',
      (d) => d.parties.map((p) => p.ref),
    ),
    metalFilter((d) => d.commodities),
    {
      ...placeFilter('country', (index, d) => [...partyCountries(index, d), d.place]),
      help: 'deals with a party from (or in) a country',
    },
    enumFilter('status', 'status', DEAL_STATUSES, (d) => d.status),
  ],
  examples: [
    'minerals deals --party erg',
    'minerals deals --metal gallium --json',
    'minerals deals --status signed --fields id,parties',
  ],
};

const PROJECTS: ListSpec<RecordOf<'project'>> = {
  command: 'projects',
  description:
    'list projects: plants, smelters, mines and programmes, with capacity, investment and status',
  kinds: ['project'],
  fields: (index) => {
    const c = common<RecordOf<'project'>>(index);
    return [
      ...c.head,
      { name: 'type', value: (p) => p.type },
      { name: 'country', value: (p) => p.country ?? null, text: (p) => nameOf(index, p.country) },
      {
        name: 'region',
        value: (p) => p.region ?? null,
        text: (p) => nameOf(index, p.region),
        table: true,
      },
      { name: 'status', value: (p) => p.status, table: true },
      {
        name: 'commodities',
        value: (p) => p.commodities,
        text: (p) => p.commodities.join(', '),
        table: true,
      },
      {
        name: 'operator',
        value: (p) => p.operator ?? null,
        text: (p) => nameOf(index, p.operator),
      },
      { name: 'partners', value: (p) => p.partners ?? [], text: (p) => names(index, p.partners) },
      {
        name: 'capacity',
        value: (p) => figuresJson(index, p, ['capacity', 'output-target']),
        text: (p) => figures(index, p, ['capacity', 'output-target']),
        table: true,
      },
      {
        name: 'investment',
        value: (p) => figuresJson(index, p, ['investment']),
        text: (p) => figures(index, p, ['investment']),
        table: true,
      },
      ...c.tail,
    ];
  },
  filters: [
    metalFilter((p) => p.commodities),
    placeFilter('country', (_index, p) => [p.country, p.region]),
    enumFilter('status', 'status', PROJECT_STATUSES, (p) => p.status),
    refFilter(
      'operator',
      ['organization'],
      'projects an organization operates or partners in',
      (p) => [p.operator, ...(p.partners ?? [])],
    ),
  ],
  examples: [
    'minerals projects --metal gallium',
    'minerals projects --operator erg --format csv',
    "minerals projects --json | jq '.[] | {id, investment}'",
  ],
};

const COMPANIES: ListSpec<RecordOf<'organization'>> = {
  command: 'companies',
  description: 'list organizations of every type: companies, ministries, governments, media',
  kinds: ['organization'],
  fields: (index) => {
    const c = common<RecordOf<'organization'>>(index);
    return [
      ...c.head,
      { name: 'type', value: (o) => o.type, table: true },
      {
        name: 'country',
        value: (o) => o.country ?? null,
        text: (o) => nameOf(index, o.country),
        table: true,
      },
      { name: 'parent', value: (o) => o.parent ?? null, text: (o) => nameOf(index, o.parent) },
      ...c.tail,
    ];
  },
  filters: [
    enumFilter('type', 'type', ORGANIZATION_TYPES, (o) => o.type),
    placeFilter('country', (_i, o) => [o.country]),
  ],
  examples: [
    'minerals companies',
    'minerals companies --type media',
    'minerals companies --country japan --json',
  ],
};

const PEOPLE: ListSpec<RecordOf<'person'>> = {
  command: 'people',
  description: 'list people with their titles and organizations',
  kinds: ['person'],
  fields: (index) => {
    const c = common<RecordOf<'person'>>(index);
    return [
      ...c.head,
      {
        name: 'roles',
        value: (p) => p.roles ?? [],
        text: (p) =>
          (p.roles ?? [])
            .map((r) => `${r.title}${r.organization ? `, ${nameOf(index, r.organization)}` : ''}`)
            .join('; '),
        table: true,
      },
      { name: 'country', value: (p) => p.country ?? null, text: (p) => nameOf(index, p.country) },
      ...c.tail,
    ];
  },
  filters: [
    refFilter('org', ['organization'], 'people who hold a role at an organization', (p) =>
      (p.roles ?? []).map((r) => r.organization),
    ),
  ],
  examples: [
    'minerals people',
    'minerals people --org erg',
    'minerals people --json | jq -r ".[].name"',
  ],
};

const METALS: ListSpec<RecordOf<'commodity'>> = {
  command: 'metals',
  description: 'list commodities: metals, materials and groups, with symbols',
  kinds: ['commodity'],
  fields: (index) => {
    const c = common<RecordOf<'commodity'>>(index);
    return [
      ...c.head,
      { name: 'symbol', value: (m) => m.symbol ?? null, table: true },
      {
        name: 'groups',
        value: (m) => m.groups ?? [],
        text: (m) => (m.groups ?? []).join(', '),
        table: true,
      },
      {
        name: 'members',
        value: (m) => [...index.commodityClosure(m.id)].filter((id) => id !== m.id),
        text: (m) => [...index.commodityClosure(m.id)].filter((id) => id !== m.id).join(', '),
      },
      ...c.tail,
    ];
  },
  filters: [
    refFilter('group', ['commodity'], 'members of a commodity group', (m) => m.groups ?? []),
  ],
  examples: [
    'minerals metals',
    'minerals metals --group rare-earths',
    'minerals metal show gallium',
  ],
};

const SOURCES: ListSpec<RecordOf<'source'>> = {
  command: 'sources',
  description: 'list the source documents',
  kinds: ['source'],
  fields: (index) => {
    const c = common<RecordOf<'source'>>(index);
    return [
      ...c.head.slice(0, 1),
      { name: 'title', value: (s) => s.title, table: true },
      { name: 'publisher', value: (s) => s.publisher ?? null, table: true },
      {
        name: 'credits',
        value: (s) => s.credits ?? [],
        text: (s) => (s.credits ?? []).map((x) => x.name).join(', '),
      },
      { name: 'published', value: (s) => s.published ?? null },
      { name: 'url', value: (s) => s.url ?? null },
      { name: 'file', value: (s) => s.file, table: true },
      { name: 'name', value: (s) => s.name },
      {
        name: 'citing_claims',
        value: (s) => countCiting(index, s.id),
        align: 'right',
        table: true,
      },
      ...c.tail.slice(0, 2),
    ];
  },
  filters: [],
  examples: [
    'minerals sources',
    'minerals source show mntv-gallium-market',
    'minerals sources --json | jq -r ".[].file"',
  ],
};

const POLICIES: ListSpec<RecordOf<'policy'>> = {
  command: 'policies',
  description: 'list policies: plans, export controls, auctions, declassification, targets',
  kinds: ['policy'],
  fields: (index) => {
    const c = common<RecordOf<'policy'>>(index);
    return [
      ...c.head,
      { name: 'type', value: (p) => p.type, table: true },
      { name: 'issuer', value: (p) => p.issuer, text: (p) => nameOf(index, p.issuer), table: true },
      { name: 'status', value: (p) => p.status ?? null, table: true },
      { name: 'scope', value: (p) => p.scope ?? [], text: (p) => names(index, p.scope) },
      {
        name: 'commodities',
        value: (p) => p.commodities ?? [],
        text: (p) => (p.commodities ?? []).join(', '),
      },
      { name: 'period', value: (p) => p.period ?? null },
      ...c.tail,
    ];
  },
  filters: [
    metalFilter((p) => p.commodities),
    refFilter(
      'issuer',
      ['organization', 'country', 'person'],
      'policies an organization, country or person issued',
      (p) => [p.issuer],
    ),
    enumFilter('status', 'status', POLICY_STATUSES, (p) => p.status),
  ],
  examples: [
    'minerals policies',
    'minerals policies --metal gallium',
    'minerals policies --issuer china --json',
  ],
};

type Place = RecordOf<'country'> | RecordOf<'region'>;
const COUNTRIES: ListSpec<Place> = {
  command: 'countries',
  description: 'list countries and the regions inside them',
  kinds: ['country', 'region'],
  fields: (index) => {
    const c = common<Place>(index);
    return [
      ...c.head,
      { name: 'kind', value: (p) => p.kind, table: true },
      {
        name: 'country',
        value: (p) => (p.kind === 'region' ? p.country : (p.iso2 ?? null)),
        text: (p) => (p.kind === 'region' ? nameOf(index, p.country) : (p.iso2 ?? '')),
        table: true,
      },
      {
        name: 'parent',
        value: (p) => (p.kind === 'region' ? (p.parent ?? null) : null),
        text: (p) => (p.kind === 'region' ? nameOf(index, p.parent) : ''),
      },
      ...c.tail,
    ];
  },
  filters: [placeFilter('country', (_i, p) => [p.id])],
  examples: [
    'minerals countries',
    'minerals countries --country kazakhstan',
    'minerals country show kazakhstan',
  ],
};

function countCiting(index: FactIndex, source: string): number {
  let n = 0;
  for (const r of index.byId.values())
    for (const c of r.claims ?? []) if (c.citations.some((x) => x.source === source)) n++;
  return n;
}

async function runList<R extends FactRecord>(
  spec: ListSpec<R>,
  ctx: Context,
  opts: Filters,
): Promise<number> {
  const index = await openBaseIndex(ctx);
  const predicates = spec.filters
    .filter((f) => typeof opts[f.key] === 'string')
    .map((f) => f.build(index, opts[f.key] as string));
  // with --metal, a cached base reads only the records that name the commodity (the filter still decides)
  const metals =
    typeof opts.metal === 'string' && spec.filters.some((f) => f.key === 'metal')
      ? index.commodityClosure(resolveOption(index, '--metal', opts.metal, ['commodity']))
      : undefined;
  const pool = (k: Kind) =>
    (metals ? index.ofKindNaming(k, metals) : index.ofKind(k)) as unknown as R[];
  const rows = spec.kinds.flatMap(pool).filter((r) => predicates.every((p) => p(r)));
  return printList(ctx, rows, spec.fields(index), opts, (r) =>
    (r.claims ?? []).flatMap((c) => c.citations),
  );
}

function registerList<R extends FactRecord>(spec: ListSpec<R>, program: Command, kit: Kit): void {
  const cmd = program.command(spec.command).description(spec.description);
  for (const f of spec.filters) cmd.option(f.flag, f.help);
  kit.output(cmd);
  kit.examples(cmd, spec.examples);
  cmd.action(async (opts: Filters, c: Command) =>
    kit.setExit(await runList(spec, kit.context(c), opts)),
  );
}

const SPECS = [DEALS, PROJECTS, COMPANIES, PEOPLE, METALS, SOURCES, POLICIES, COUNTRIES] as const;

export const registerLists: Registrar = (program, kit) => {
  for (const spec of SPECS) registerList(spec as unknown as ListSpec<FactRecord>, program, kit);
};
