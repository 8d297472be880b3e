// How each kind of record is drawn: the rows, filters and JSON row schema of its list command,
// and its table in the report. Typed per kind, like the registry (schema/kinds.ts): a kind
// without a view does not compile. The list commands, their options, their completion values and
// their `schema --output` are all derived from here.
import type { z } from 'zod';
import type { FactIndex } from '../query/facts.js';
import {
  enumFilter,
  type FilterSpec,
  metalFilter,
  modalityFilter,
  placeFilter,
  whereFilter,
  refFilter,
} from '../query/filters.js';
import { countCiting } from '../query/pages.js';
import { dateSortKey } from '../query/timeline.js';
import {
  baseValue,
  claimQualifier,
  claimValueText,
  dateJson,
  dateText,
  figureJson,
  quantityText,
  recordJson,
} from '../query/values.js';
import type { Citation, Claim, DateSpec, FactRecord, RecordOf } from '../schema/index.js';
import type { RowKit } from '../schema/output-lists.js';
import {
  DIMENSIONS,
  PROPERTIES,
  DEAL_STATUSES,
  DEAL_TYPES,
  DEPOSIT_STATUSES,
  type Kind,
  ORGANIZATION_TYPES,
  POLICY_STATUSES,
  POLICY_TYPES,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  type Property,
} from '../schema/vocab.js';
import type { Field } from './output.js';

/** A column of a list: how it prints (Field) and its JSON Schema in a row. */
interface ListField<R> extends Field<R> {
  schema: (kit: RowKit) => z.ZodType;
  /**
   * For a field of record ids that a table shows by name: the names, which JSON and csv carry in
   * a sibling field (`operator_name`, `partners_names`) so the field itself stays ids.
   */
  names?: { many: false; of: (r: R) => string | null } | { many: true; of: (r: R) => string[] };
}

/** Every row names its record by id, kind and name: `kind` after `name` where the view has none. */
function withKind<R extends FactRecord>(fields: ListField<R>[]): ListField<R>[] {
  if (fields.some((f) => f.name === 'kind')) return fields;
  const at = fields.findIndex((f) => f.name === 'name') + 1;
  const kind: ListField<R> = {
    name: 'kind',
    value: (r) => r.kind,
    schema: (kit) => kit.field('kind'),
  };
  return [...fields.slice(0, at), kind, ...fields.slice(at)];
}

/** Each field that holds record ids, followed by its sibling of names (JSON and csv, not tables). */
function withNames<R>(fields: ListField<R>[]): ListField<R>[] {
  return fields.flatMap((f) => {
    const names = f.names;
    if (names === undefined) return [f];
    const many = names.many;
    const sibling: ListField<R> = {
      name: `${f.name}_${many ? 'names' : 'name'}`,
      value: names.of,
      formats: ['json', 'ndjson', 'yaml', 'csv', 'tsv'],
      schema: (kit) =>
        many
          ? kit.names(`the names of ${f.name}, in order`)
          : kit.name(`the name of ${f.name}, or null`),
    };
    return [f, sibling];
  });
}

export interface ListView<R extends FactRecord> {
  description: string;
  fields: (index: FactIndex) => ListField<R>[];
  filters: FilterSpec<R>[];
  examples: string[];
  /** The citations behind a row's figures, for --cite; every claim's when not given. */
  cites?: (r: R) => readonly Citation[];
  /** What a JSON row is, for `minerals schema --output`. */
  row: { id: string; description: string; what: string };
}

/** The pieces of a report cell, made by the report (render/report-kinds.ts) for its base. */
export interface ReportKit {
  esc(s: string): string;
  text(s: string | undefined): string;
  date(d: DateSpec | undefined): string;
  link(id: string | undefined): string;
  links(ids: readonly string[] | undefined): string;
  place(r: { region?: string; country?: string; place?: string }): string;
}

interface ReportColumn<R> {
  title: string;
  /** The cell's HTML. */
  cell: (r: R) => string;
}

export interface KindView<K extends Kind> {
  /** Its list command's rows; null when another kind's list shows it (regions: countries). */
  list: ListView<FactRecord> | null;
  /** Its own columns in the report's table (the name and the claims come around them). */
  report: (kit: ReportKit) => ReportColumn<RecordOf<K>>[];
}

const nameOf = (index: FactIndex, id: string | undefined) =>
  id === undefined ? '' : (index.get(id)?.name ?? id);
const names = (index: FactIndex, ids: readonly string[] | undefined) =>
  (ids ?? []).map((id) => nameOf(index, id)).join(', ');
const joined = (ids: readonly string[] | undefined) => (ids ?? []).join(', ');

/** A record's field as it is, with names for the ids it holds in the table. */
const own = <R extends FactRecord>(
  name: string,
  get: (r: R) => unknown,
  text?: (r: R) => string,
  table = false,
): ListField<R> => ({
  name,
  value: (r) => get(r) ?? null,
  ...(text ? { text } : {}),
  ...(table ? { table } : {}),
  schema: (kit) => kit.field(name),
});
const ref = <R extends FactRecord>(
  index: FactIndex,
  name: string,
  get: (r: R) => string | undefined,
  table = false,
): ListField<R> => ({
  ...own<R>(name, get, (r) => nameOf(index, get(r)), table),
  names: {
    many: false,
    of: (r) => {
      const id = get(r);
      return id === undefined ? null : nameOf(index, id);
    },
  },
});
/** A field of record ids shown by name in a table. */
const refs = <R extends FactRecord>(
  index: FactIndex,
  name: string,
  get: (r: R) => readonly string[] | undefined,
  table = false,
): ListField<R> => ({
  ...own<R>(
    name,
    (r) => get(r) ?? [],
    (r) => names(index, get(r)),
    table,
  ),
  names: { many: true, of: (r) => (get(r) ?? []).map((id) => nameOf(index, id)) },
});
const list = <R extends FactRecord>(
  name: string,
  get: (r: R) => readonly string[] | undefined,
  text: (r: R) => string,
  table = false,
) => own<R>(name, (r) => get(r) ?? [], text, table);

/** The base unit a figure column's numbers are in, for its csv/tsv column name ("investment_usd"). */
function baseUnitOf(props: readonly Property[]): string {
  const units = new Set(
    props.flatMap((p) => {
      const spec = PROPERTIES[p];
      return spec.value === 'quantity' ? spec.dimensions.map((d) => DIMENSIONS[d]) : [];
    }),
  );
  // one unit names the column ("usd", "t", "t_yr"); mixed units (t/yr and t) say "base"
  return units.size === 1 ? [...units][0]!.toLowerCase().replace(/[^a-z0-9]+/g, '_') : 'base';
}

/**
 * A figure column: in JSON the quantity claims of some properties as data (the shape `facts`
 * uses), in a table and csv their display form ("> 20 million USD (planned)"), sorted by the
 * largest base value; and beside it in csv/tsv their base values as plain numbers.
 */
function figures<R extends FactRecord>(
  index: FactIndex,
  name: string,
  props: readonly Property[],
  description: string,
  text: (c: Claim) => string = (c) => claimValueText(c, index),
): ListField<R>[] {
  const of = (r: R) =>
    (r.claims ?? []).filter((c) => c.quantity !== undefined && props.includes(c.property));
  // two sources giving the same figure: one cell entry
  const display = (r: R) => [...new Set(of(r).map(text))].join('; ');
  const unit = baseUnitOf(props);
  return [
    {
      name,
      value: (r) => of(r).map(figureJson),
      text: display,
      csv: display,
      sortKey: (r) => {
        const values = of(r).map((c) => baseValue(c.quantity!));
        return values.length === 0 ? null : Math.max(...values);
      },
      table: true,
      schema: (kit) => kit.figures(description),
    },
    {
      name: `${name}_${unit}`,
      value: (r) => of(r).map((c) => baseValue(c.quantity!)),
      csv: (r) =>
        of(r)
          .map((c) => String(baseValue(c.quantity!)))
          .join('; '),
      table: true,
      formats: ['csv', 'tsv'],
      schema: (kit) => kit.numbers(`${description}: the base values (${unit})`),
    },
  ];
}

/** A date field of the record: an object in JSON (one shape everywhere), its words in a table and csv. */
const dateField = <R extends FactRecord>(
  name: string,
  get: (r: R) => DateSpec | undefined,
  table = false,
): ListField<R> => {
  const words = (r: R) => {
    const d = get(r);
    return d === undefined ? '' : dateText(d);
  };
  return {
    name,
    value: (r) => {
      const d = get(r);
      return d === undefined ? null : dateJson(d);
    },
    text: words,
    csv: words,
    sortKey: (r) => {
      const d = get(r);
      return d === undefined ? null : dateSortKey(d);
    },
    ...(table ? { table } : {}),
    schema: (kit) => kit.date(`${name}, with its precision`),
  };
};

/** Fields every list has: id and name first; aliases, description, claims and sources last. */
function common<R extends FactRecord>(index: FactIndex) {
  const aliases = own<R>('aliases', (r) => r.aliases ?? []);
  const description = own<R>('description', (r) => r.description);
  const claims: ListField<R> = {
    name: 'claims',
    value: (r) => recordJson(r, index).claims,
    schema: (kit) => kit.claims,
  };
  const sources: ListField<R> = {
    name: 'sources',
    value: (r) => [
      ...new Set(
        [...(r.citations ?? []), ...(r.claims ?? []).flatMap((c) => c.citations)].map(
          (c) => c.source,
        ),
      ),
    ],
    schema: (kit) => kit.sources,
  };
  return {
    id: own<R>('id', (r) => r.id, undefined, true),
    name: own<R>('name', (r) => r.name, undefined, true),
    aliases,
    description,
    tail: [aliases, description, claims, sources],
  };
}

/** A list view; every list also takes --modality and --where. */
const view = <R extends FactRecord>(v: ListView<R>) =>
  ({
    ...v,
    fields: (index: FactIndex) => withNames(withKind(v.fields(index))),
    filters: [...v.filters, modalityFilter<R>(), whereFilter<R>()],
  }) as unknown as ListView<FactRecord>;

type Deposit = RecordOf<'deposit'>;
type Deal = RecordOf<'deal'>;
type Project = RecordOf<'project'>;
type Place = RecordOf<'country'> | RecordOf<'region'>;

const DEPOSIT_FIGURES: readonly Property[] = ['contained-metal', 'reserves', 'resources', 'ore'];

const partyCountries = (index: FactIndex, d: Deal) =>
  d.parties.flatMap((p) => {
    const r = index.get(p.ref);
    return r?.kind === 'country'
      ? [r.id]
      : r?.kind === 'organization' || r?.kind === 'person'
        ? [r.country]
        : [];
  });

export const KIND_VIEWS: { readonly [K in Kind]: KindView<K> } = {
  deposit: {
    list: view<Deposit>({
      description: 'list deposits: where, what, how much, what status, who says so',
      fields: (index) => {
        const c = common<Deposit>(index);
        return [
          c.id,
          c.name,
          ref(index, 'country', (d) => d.country, true),
          ref(index, 'region', (d) => d.region),
          own('status', (d) => d.status, undefined, true),
          list(
            'commodities',
            (d) => d.commodities,
            (d) => joined(d.commodities),
            true,
          ),
          ref(index, 'operator', (d) => d.operator),
          ...figures<Deposit>(
            index,
            'figures',
            DEPOSIT_FIGURES,
            'contained metal, reserves, resources and ore',
            (x) =>
              `${quantityText(x.quantity!)}${x.commodity && x.property !== 'ore' ? ` ${x.commodity}` : ''}${claimQualifier(x)}`,
          ),
          ...c.tail,
        ];
      },
      filters: [
        metalFilter(
          (d) => d.commodities,
          'deposits of a commodity or any member of a group (id, name, alias or symbol)',
        ),
        placeFilter('country', (_i, d) => [d.country, d.region], 'deposits in a country'),
        placeFilter(
          'region',
          (_i, d) => [d.region, d.country],
          'deposits in a region or any region inside it',
        ),
        enumFilter(
          'status',
          DEPOSIT_STATUSES,
          (d) => d.status,
          `development status: ${DEPOSIT_STATUSES.join(', ')}`,
        ),
        refFilter(
          'operator',
          'organization',
          ['organization'],
          'deposits an organization operates or owns',
          (d) => [d.operator, ...(d.owners ?? [])],
        ),
      ],
      examples: [
        'minerals deposits --metal copper',
        'minerals deposits --metal rare-earths --format csv',
        "minerals deposits --json | jq -r '.[].name'",
      ],
      cites: (d) =>
        (d.claims ?? [])
          .filter((c) => DEPOSIT_FIGURES.includes(c.property))
          .flatMap((c) => c.citations),
      row: {
        id: 'DepositRow',
        description: 'a deposit',
        what: 'one object per deposit that passes the filters',
      },
    }),
    report: (k) => [
      { title: 'Status', cell: (r) => k.esc(r.status) },
      { title: 'Commodities', cell: (r) => k.links(r.commodities) },
      { title: 'Operator', cell: (r) => k.link(r.operator) },
      { title: 'Owners', cell: (r) => k.links(r.owners) },
      { title: 'Where', cell: (r) => k.place(r) },
    ],
  },
  deal: {
    list: view<Deal>({
      description:
        'list deals: agreements, offers, joint ventures, auctions, with parties and status',
      fields: (index) => {
        const c = common<Deal>(index);
        return [
          c.id,
          c.name,
          own('type', (d) => d.type, undefined, true),
          own('status', (d) => d.status, undefined, true),
          {
            ...own<Deal>(
              'parties',
              (d) => d.parties,
              (d) => d.parties.map((p) => `${nameOf(index, p.ref)} (${p.role})`).join(', '),
              true,
            ),
            csv: (d) => d.parties.map((p) => `${p.ref} (${p.role})`).join('; '),
            names: { many: true, of: (d) => d.parties.map((p) => nameOf(index, p.ref)) },
          },
          list(
            'commodities',
            (d) => d.commodities,
            (d) => joined(d.commodities),
          ),
          ...figures<Deal>(
            index,
            'value',
            ['deal-value', 'offer-value', 'investment'],
            'deal value, offer value and investment',
          ),
          dateField<Deal>('signed', (d) => d.signed),
          refs(index, 'projects', (d) => d.projects),
          ...c.tail,
        ];
      },
      filters: [
        refFilter(
          'party',
          'party',
          ['organization', 'person', 'country'],
          'deals a company, person or country is party to',
          (d) => d.parties.map((p) => p.ref),
        ),
        metalFilter((d) => d.commodities),
        placeFilter(
          'country',
          (index, d) => [...partyCountries(index, d), d.place],
          'deals with a party from (or in) a country',
        ),
        enumFilter('type', DEAL_TYPES, (d) => d.type),
        enumFilter('status', DEAL_STATUSES, (d) => d.status),
        refFilter(
          'project',
          'project',
          ['project'],
          'deals that concern a project',
          (d) => d.projects ?? [],
        ),
      ],
      examples: [
        'minerals deals --party erg',
        'minerals deals --metal gallium --json',
        'minerals deals --status signed --fields id,parties',
      ],
      row: {
        id: 'DealRow',
        description: 'a deal',
        what: 'one object per deal that passes the filters',
      },
    }),
    report: (k) => [
      { title: 'Type', cell: (r) => k.esc(r.type) },
      { title: 'Status', cell: (r) => k.esc(r.status) },
      {
        title: 'Parties',
        cell: (r) => r.parties.map((p) => `${k.link(p.ref)} (${k.esc(p.role)})`).join(', '),
      },
      { title: 'Commodities', cell: (r) => k.links(r.commodities) },
      { title: 'Signed', cell: (r) => k.date(r.signed) },
      { title: 'Where', cell: (r) => k.link(r.place) },
      { title: 'Projects', cell: (r) => k.links(r.projects) },
    ],
  },
  project: {
    list: view<Project>({
      description:
        'list projects: plants, smelters, mines and programmes, with capacity, investment and status',
      fields: (index) => {
        const c = common<Project>(index);
        return [
          c.id,
          c.name,
          own('type', (p) => p.type),
          ref(index, 'country', (p) => p.country),
          ref(index, 'region', (p) => p.region, true),
          own('status', (p) => p.status, undefined, true),
          list(
            'commodities',
            (p) => p.commodities,
            (p) => joined(p.commodities),
            true,
          ),
          ref(index, 'operator', (p) => p.operator),
          refs(index, 'partners', (p) => p.partners),
          ...figures<Project>(
            index,
            'capacity',
            ['capacity', 'output-target'],
            'capacity and output target',
          ),
          ...figures<Project>(index, 'investment', ['investment'], 'investment'),
          ...c.tail,
        ];
      },
      filters: [
        metalFilter((p) => p.commodities),
        placeFilter('country', (_index, p) => [p.country, p.region]),
        enumFilter('type', PROJECT_TYPES, (p) => p.type),
        enumFilter('status', PROJECT_STATUSES, (p) => p.status),
        refFilter(
          'operator',
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
      row: {
        id: 'ProjectRow',
        description: 'a project',
        what: 'one object per project that passes the filters',
      },
    }),
    report: (k) => [
      { title: 'Type', cell: (r) => k.esc(r.type) },
      { title: 'Status', cell: (r) => k.esc(r.status) },
      { title: 'Commodities', cell: (r) => k.links(r.commodities) },
      { title: 'Operator', cell: (r) => k.link(r.operator) },
      { title: 'Partners', cell: (r) => k.links(r.partners) },
      { title: 'Deposit', cell: (r) => k.link(r.deposit) },
      { title: 'Where', cell: (r) => k.place(r) },
    ],
  },
  organization: {
    list: view<RecordOf<'organization'>>({
      description: 'list organizations of every type: companies, ministries, governments, media',
      fields: (index) => {
        const c = common<RecordOf<'organization'>>(index);
        return [
          c.id,
          c.name,
          own('type', (o) => o.type, undefined, true),
          ref(index, 'country', (o) => o.country, true),
          ref(index, 'parent', (o) => o.parent),
          ...c.tail,
        ];
      },
      filters: [
        enumFilter('type', ORGANIZATION_TYPES, (o) => o.type),
        placeFilter('country', (_i, o) => [o.country]),
      ],
      examples: [
        'minerals companies',
        'minerals companies --type media',
        'minerals companies --country japan --json',
      ],
      row: {
        id: 'CompanyRow',
        description: 'an organization',
        what: 'one object per organization that passes the filters',
      },
    }),
    report: (k) => [
      { title: 'Type', cell: (r) => k.esc(r.type) },
      { title: 'Country', cell: (r) => k.link(r.country) },
      { title: 'Part of', cell: (r) => k.link(r.parent) },
    ],
  },
  person: {
    list: view<RecordOf<'person'>>({
      description: 'list people with their titles and organizations',
      fields: (index) => {
        const c = common<RecordOf<'person'>>(index);
        return [
          c.id,
          c.name,
          own(
            'roles',
            (p) => p.roles ?? [],
            (p) =>
              (p.roles ?? [])
                .map(
                  (r) => `${r.title}${r.organization ? `, ${nameOf(index, r.organization)}` : ''}`,
                )
                .join('; '),
            true,
          ),
          ref(index, 'country', (p) => p.country),
          ...c.tail,
        ];
      },
      filters: [
        refFilter(
          'org',
          'organization',
          ['organization'],
          'people who hold a role at an organization',
          (p) => (p.roles ?? []).map((r) => r.organization),
        ),
      ],
      examples: [
        'minerals people',
        'minerals people --org erg',
        'minerals people --json | jq -r ".[].name"',
      ],
      row: {
        id: 'PersonRow',
        description: 'a person',
        what: 'one object per person that passes the filters',
      },
    }),
    report: (k) => [
      {
        title: 'Roles',
        cell: (r) =>
          (r.roles ?? [])
            .map((role) => {
              const at = [k.link(role.organization), k.link(role.country)]
                .filter((s) => s !== '')
                .join(', ');
              const span = [role.from, role.to].some((d) => d !== undefined)
                ? ` (${k.date(role.from)}–${k.date(role.to)})`
                : '';
              return `${k.esc(role.title)}${at === '' ? '' : `, ${at}`}${span}`;
            })
            .join('; '),
      },
      { title: 'Country', cell: (r) => k.link(r.country) },
    ],
  },
  commodity: {
    list: view<RecordOf<'commodity'>>({
      description: 'list commodities: metals, materials and groups, with symbols',
      fields: (index) => {
        const c = common<RecordOf<'commodity'>>(index);
        const members = (m: RecordOf<'commodity'>) =>
          [...index.commodityClosure(m.id)].filter((id) => id !== m.id);
        return [
          c.id,
          c.name,
          own('symbol', (m) => m.symbol, undefined, true),
          list(
            'groups',
            (m) => m.groups,
            (m) => joined(m.groups),
            true,
          ),
          {
            name: 'members',
            value: members,
            text: (m) => members(m).join(', '),
            schema: (kit) =>
              kit.ids('every commodity inside this group, directly or through sub-groups'),
          },
          ...c.tail,
        ];
      },
      filters: [
        refFilter(
          'group',
          'group',
          ['commodity'],
          'members of a commodity group',
          (m) => m.groups ?? [],
        ),
      ],
      examples: [
        'minerals metals',
        'minerals metals --group rare-earths',
        'minerals metal show gallium',
      ],
      row: {
        id: 'MetalRow',
        description: 'a commodity',
        what: 'one object per commodity that passes the filters',
      },
    }),
    report: (k) => [
      { title: 'Symbol', cell: (r) => k.text(r.symbol) },
      { title: 'Member of', cell: (r) => k.links(r.groups) },
    ],
  },
  source: {
    list: view<RecordOf<'source'>>({
      description: 'list the source documents',
      fields: (index) => {
        const c = common<RecordOf<'source'>>(index);
        return [
          c.id,
          own('title', (s) => s.title, undefined, true),
          own('publisher', (s) => s.publisher, undefined, true),
          own(
            'credits',
            (s) => s.credits ?? [],
            (s) => (s.credits ?? []).map((x) => x.name).join(', '),
          ),
          dateField<RecordOf<'source'>>('published', (s) => s.published),
          own('url', (s) => s.url),
          own('file', (s) => s.file, undefined, true),
          own('name', (s) => s.name),
          {
            name: 'citing_claims',
            value: (s) => countCiting(index, s.id),
            align: 'right',
            table: true,
            schema: (kit) => kit.count('claims that cite this source'),
          },
          c.aliases,
          c.description,
        ];
      },
      filters: [],
      examples: [
        'minerals sources',
        'minerals source show mntv-gallium-market',
        'minerals sources --json | jq -r ".[].file"',
      ],
      row: {
        id: 'SourceRow',
        description: 'a source document',
        what: 'one object per source document',
      },
    }),
    report: (k) => [
      { title: 'Title', cell: (r) => k.esc(r.title) },
      {
        title: 'Publisher',
        cell: (r) =>
          r.publisher_ref !== undefined ? k.link(r.publisher_ref) : k.text(r.publisher),
      },
      { title: 'Published', cell: (r) => k.date(r.published) },
      // shown as text, never as a link: the report loads and links to nothing outside itself
      {
        title: 'Address',
        cell: (r) => (r.url === undefined ? '' : `<span class="url">${k.esc(r.url)}</span>`),
      },
      { title: 'Stored text', cell: (r) => `<code>${k.esc(r.file)}</code>` },
    ],
  },
  policy: {
    list: view<RecordOf<'policy'>>({
      description: 'list policies: plans, export controls, auctions, declassification, targets',
      fields: (index) => {
        const c = common<RecordOf<'policy'>>(index);
        return [
          c.id,
          c.name,
          own('type', (p) => p.type, undefined, true),
          ref(index, 'issuer', (p) => p.issuer, true),
          own('status', (p) => p.status, undefined, true),
          refs(index, 'scope', (p) => p.scope),
          list(
            'commodities',
            (p) => p.commodities,
            (p) => joined(p.commodities),
          ),
          dateField<RecordOf<'policy'>>('period', (p) => p.period),
          ref(index, 'part_of', (p) => p.part_of),
          refs(index, 'projects', (p) => p.projects),
          ...c.tail,
        ];
      },
      filters: [
        metalFilter((p) => p.commodities),
        refFilter(
          'issuer',
          'issuer',
          ['organization', 'country', 'person'],
          'policies an organization, country or person issued',
          (p) => [p.issuer],
        ),
        enumFilter('type', POLICY_TYPES, (p) => p.type),
        enumFilter('status', POLICY_STATUSES, (p) => p.status),
      ],
      examples: [
        'minerals policies',
        'minerals policies --metal gallium',
        'minerals policies --issuer china --json',
      ],
      row: {
        id: 'PolicyRow',
        description: 'a policy',
        what: 'one object per policy that passes the filters',
      },
    }),
    report: (k) => [
      { title: 'Type', cell: (r) => k.esc(r.type) },
      { title: 'Status', cell: (r) => k.text(r.status) },
      { title: 'Issuer', cell: (r) => k.link(r.issuer) },
      { title: 'Applies to', cell: (r) => k.links(r.scope) },
      { title: 'Commodities', cell: (r) => k.links(r.commodities) },
      { title: 'Period', cell: (r) => k.date(r.period) },
      { title: 'Part of', cell: (r) => k.link(r.part_of) },
      { title: 'Projects', cell: (r) => k.links(r.projects) },
    ],
  },
  country: {
    list: view<Place>({
      description: 'list countries and the regions inside them',
      fields: (index) => {
        const c = common<Place>(index);
        return [
          c.id,
          c.name,
          own('kind', (p) => p.kind, undefined, true),
          {
            name: 'country',
            value: (p) => (p.kind === 'region' ? p.country : null),
            text: (p) => (p.kind === 'region' ? nameOf(index, p.country) : ''),
            table: true,
            names: {
              many: false,
              of: (p) => (p.kind === 'region' ? nameOf(index, p.country) : null),
            },
            schema: (kit) =>
              kit.kind === 'region'
                ? kit.field('country', 'for a region: the country it is in')
                : kit.null,
          },
          {
            name: 'iso2',
            value: (p) => (p.kind === 'country' ? (p.iso2 ?? null) : null),
            table: true,
            schema: (kit) =>
              kit.kind === 'country'
                ? kit.field('iso2', 'for a country: its ISO 3166 alpha-2 code, or null')
                : kit.null,
          },
          {
            name: 'parent',
            value: (p) => (p.kind === 'region' ? (p.parent ?? null) : null),
            text: (p) => (p.kind === 'region' ? nameOf(index, p.parent) : ''),
            names: {
              many: false,
              of: (p) =>
                p.kind === 'region' && p.parent !== undefined ? nameOf(index, p.parent) : null,
            },
            schema: (kit) => (kit.kind === 'region' ? kit.field('parent') : kit.null),
          },
          ...c.tail,
        ];
      },
      filters: [
        placeFilter('country', (_i, p) => [p.id]),
        enumFilter('kind', ['country', 'region'], (p) => p.kind),
      ],
      examples: [
        'minerals countries',
        'minerals countries --country kazakhstan',
        'minerals country show kazakhstan',
      ],
      row: {
        id: 'CountryRow',
        description: 'a country or a region',
        what: 'one object per country or region that passes the filters',
      },
    }),
    report: (k) => [{ title: 'ISO code', cell: (r) => k.text(r.iso2) }],
  },
  region: {
    list: null,
    report: (k) => [
      { title: 'Type', cell: (r) => k.text(r.type) },
      {
        title: 'In',
        cell: (r) => [k.link(r.parent), k.link(r.country)].filter((s) => s !== '').join(', '),
      },
    ],
  },
};
