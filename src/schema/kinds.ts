// The kind registry: everything the program knows about a kind of record that is not its zod
// schema (records.ts) or how it is drawn as rows and HTML (render/kinds.ts): the words and
// commands for it, where it sits in the report and the picture, the references its fields make,
// the links and dates they state, who takes part in it. Typed per kind, so a kind that is added
// to KINDS without an entry here, or with one missing a part, does not compile. Every list of
// kinds elsewhere (show commands, help, completion, graph styles, JSON Schema unions) is derived
// from it. Pure data and functions: no zod, no I/O.
import type { FactRecord, RecordOf } from './records.js';
import {
  ACTOR,
  COMMODITY,
  COUNTRY,
  claimRefs,
  citationRefs,
  many,
  ORG,
  one,
  PLACE,
  type RefSite,
} from './refs.js';
import type { Citation, DateSpec } from './values.js';
import type { DateOrigin, Kind } from './vocab.js';

/** How a kind's records are drawn in Mermaid and Graphviz, and in the report's picture. */
export interface KindStyle {
  /** Mermaid shape: the text goes between open and close. */
  open: string;
  close: string;
  /** Graphviz shape. */
  shape: string;
  fill: string;
  stroke: string;
}

/** The columns of the report's relationship picture, left to right. */
export const PICTURE_COLUMNS = [
  'People',
  'Organizations',
  'Deals and policies',
  'Projects and deposits',
  'Regions',
  'Countries',
  'Commodities',
  'Sources',
] as const;
type PictureColumn = (typeof PICTURE_COLUMNS)[number];

/** A link a record states in its own fields, read "from is <label> of/in to". */
export interface FieldEdge {
  from: string;
  to: string;
  label: string;
}

/** A date a record states in its own fields (a deal's `signed`, a role's `from`). */
export interface FieldDate {
  origin: DateOrigin;
  property: string;
  date: DateSpec;
  /** The value the date is attached to, as text. */
  value: string | null;
  citations: readonly Citation[] | undefined;
}

/** The command word of `minerals <word> show ID`, or the kind whose show command this one shares. */
type Show = { command: string; example: string } | { with: Kind };
/** The list command, or the kind whose list this one shares. */
type List = { command: string } | { with: Kind };

export interface KindInfo<K extends Kind> {
  /** How messages and help name one record ("organization"). */
  noun: string;
  /** The heading of its table in the report ("Organizations"). */
  title: string;
  /** Place of its table in the report, from 1. */
  report: number;
  show: Show;
  list: List;
  style: KindStyle;
  /** Its column in the report's picture. */
  column: PictureColumn;
  /** Drawn as nodes of the relationship graph (sources are where facts are stated, not nodes). */
  graph: boolean;
  /** The references its own fields make (claims and citations are added for every kind). */
  refs(r: RecordOf<K>): Iterable<RefSite>;
  /** The links its fields state. */
  edges(r: RecordOf<K>): Iterable<FieldEdge>;
  /** The dates its fields state; `nameOf` names a referenced record. */
  dates(r: RecordOf<K>, nameOf: (id: string) => string): Iterable<FieldDate>;
  /** Who takes part in it (parties, operator, owners, issuer ...), for --about. */
  participants(r: RecordOf<K>): Iterable<string | undefined>;
}

const none = (): [] => [];
const to = (r: { id: string }, id: string | undefined, label: string): FieldEdge[] =>
  id === undefined ? [] : [{ from: r.id, to: id, label }];
const from = (r: { id: string }, ids: ReadonlyArray<string | undefined>, label: string) =>
  ids.flatMap((id): FieldEdge[] => (id === undefined ? [] : [{ from: id, to: r.id, label }]));
const where = (r: { region?: string | undefined; country?: string | undefined }) =>
  r.region ?? r.country;
/** The date of a record field, the origin named after it, with the record's own citations. */
const fieldDate = <F extends 'signed' | 'published' | 'period'>(
  r: { [K in F]?: DateSpec | undefined } & { citations?: readonly Citation[] | undefined },
  field: F,
  value: string | null,
): FieldDate[] => {
  const date = r[field];
  return date === undefined
    ? []
    : [{ origin: field, property: field, date, value, citations: r.citations }];
};
const commodityEdges = (r: { id: string }, ids: readonly string[] | undefined) =>
  (ids ?? []).flatMap((c) => to(r, c, 'commodity'));

/** In the order `minerals --help` lists the show and list commands. */
export const KIND_INFO: { readonly [K in Kind]: KindInfo<K> } = {
  deposit: {
    noun: 'deposit',
    title: 'Deposits',
    report: 1,
    show: { command: 'deposit', example: 'karabas' },
    list: { command: 'deposits' },
    style: { open: '[("', close: '")]', shape: 'cylinder', fill: '#fef3c7', stroke: '#b45309' },
    column: 'Projects and deposits',
    graph: true,
    *refs(r) {
      yield* one(['country'], r.country, 'country', COUNTRY);
      yield* one(['region'], r.region, 'region', PLACE);
      yield* many(['commodities'], r.commodities, 'commodities', COMMODITY);
      yield* one(['operator'], r.operator, 'operator', ORG);
      yield* many(['owners'], r.owners, 'owners', ACTOR);
    },
    edges: (r) => [
      ...from(r, [r.operator], 'operator'),
      ...from(r, r.owners ?? [], 'owner'),
      ...to(r, where(r), 'in'),
      ...commodityEdges(r, r.commodities),
    ],
    dates: none,
    participants: (r) => [r.operator, ...(r.owners ?? [])],
  },
  deal: {
    noun: 'deal',
    title: 'Deals',
    report: 3,
    show: { command: 'deal', example: 'erg-mitsubishi' },
    list: { command: 'deals' },
    style: { open: '{{"', close: '"}}', shape: 'hexagon', fill: '#ede9fe', stroke: '#6d28d9' },
    column: 'Deals and policies',
    graph: true,
    *refs(r) {
      for (const [i, p] of r.parties.entries())
        yield* one(['parties', i, 'ref'], p.ref, 'party', ACTOR);
      yield* many(['commodities'], r.commodities, 'commodities', COMMODITY);
      yield* one(['place'], r.place, 'place', [...PLACE, 'organization']);
      yield* many(['projects'], r.projects, 'projects', ['project']);
    },
    edges: (r) => [
      ...r.parties.flatMap((p) => from(r, [p.ref], p.role)),
      ...to(r, r.place, 'at'),
      ...(r.projects ?? []).flatMap((p) => to(r, p, 'for')),
      ...commodityEdges(r, r.commodities),
    ],
    dates: (r) => fieldDate(r, 'signed', r.status),
    participants: (r) => [...r.parties.map((p) => p.ref), ...(r.projects ?? [])],
  },
  project: {
    noun: 'project',
    title: 'Projects',
    report: 2,
    show: { command: 'project', example: 'erg-gallium' },
    list: { command: 'projects' },
    style: { open: '[["', close: '"]]', shape: 'box3d', fill: '#ffedd5', stroke: '#c2410c' },
    column: 'Projects and deposits',
    graph: true,
    *refs(r) {
      yield* one(['country'], r.country, 'country', COUNTRY);
      yield* one(['region'], r.region, 'region', PLACE);
      yield* many(['commodities'], r.commodities, 'commodities', COMMODITY);
      yield* one(['operator'], r.operator, 'operator', ORG);
      yield* many(['partners'], r.partners, 'partners', ACTOR);
      yield* one(['deposit'], r.deposit, 'deposit', ['deposit']);
    },
    edges: (r) => [
      ...from(r, [r.operator], 'operator'),
      ...from(r, r.partners ?? [], 'partner'),
      ...to(r, r.deposit, 'deposit'),
      ...to(r, where(r), 'in'),
      ...commodityEdges(r, r.commodities),
    ],
    dates: none,
    participants: (r) => [r.operator, r.deposit, ...(r.partners ?? [])],
  },
  organization: {
    noun: 'organization',
    title: 'Organizations',
    report: 4,
    show: { command: 'company', example: 'erg' },
    list: { command: 'companies' },
    style: { open: '["', close: '"]', shape: 'box', fill: '#dbeafe', stroke: '#1d4ed8' },
    column: 'Organizations',
    graph: true,
    *refs(r) {
      yield* one(['country'], r.country, 'country', COUNTRY);
      yield* one(['parent'], r.parent, 'parent', ORG);
    },
    edges: (r) => [...to(r, r.parent, 'part of'), ...to(r, r.country, 'based in')],
    dates: none,
    participants: none,
  },
  person: {
    noun: 'person',
    title: 'People',
    report: 5,
    show: { command: 'person', example: 'sharlapaev' },
    list: { command: 'people' },
    style: { open: '(["', close: '"])', shape: 'oval', fill: '#fce7f3', stroke: '#be185d' },
    column: 'People',
    graph: true,
    *refs(r) {
      yield* one(['country'], r.country, 'country', COUNTRY);
      for (const [i, role] of (r.roles ?? []).entries()) {
        yield* one(['roles', i, 'organization'], role.organization, 'role organization', ORG);
        yield* one(['roles', i, 'country'], role.country, 'role country', COUNTRY);
        yield* citationRefs(role.citations, ['roles', i, 'citations']);
      }
    },
    edges: (r) => [
      ...(r.roles ?? []).flatMap((role) => to(r, role.organization ?? role.country, role.title)),
      ...((r.roles ?? []).some((role) => (role.organization ?? role.country) === r.country)
        ? []
        : to(r, r.country, 'from')),
    ],
    *dates(r, nameOf) {
      for (const role of r.roles ?? []) {
        const org = role.organization === undefined ? '' : `, ${nameOf(role.organization)}`;
        const value = `${role.title}${org}`;
        if (role.from !== undefined)
          yield {
            origin: 'role.from',
            property: 'role.from',
            date: role.from,
            value,
            citations: role.citations,
          };
        if (role.to !== undefined)
          yield {
            origin: 'role.to',
            property: 'role.to',
            date: role.to,
            value,
            citations: role.citations,
          };
      }
    },
    participants: (r) => (r.roles ?? []).map((role) => role.organization),
  },
  commodity: {
    noun: 'commodity',
    title: 'Commodities',
    report: 7,
    show: { command: 'metal', example: 'gallium' },
    list: { command: 'metals' },
    style: { open: '>"', close: '"]', shape: 'diamond', fill: '#f1f5f9', stroke: '#475569' },
    column: 'Commodities',
    graph: true,
    refs: (r) => many(['groups'], r.groups, 'groups', COMMODITY),
    edges: (r) => (r.groups ?? []).flatMap((g) => to(r, g, 'member of')),
    dates: none,
    participants: none,
  },
  source: {
    noun: 'source',
    title: 'Sources',
    report: 10,
    show: { command: 'source', example: 'mntv-gallium-market' },
    list: { command: 'sources' },
    style: { open: '["', close: '"]', shape: 'note', fill: '#f3f4f6', stroke: '#6b7280' },
    column: 'Sources',
    graph: false,
    *refs(r) {
      yield* one(['publisher_ref'], r.publisher_ref, 'publisher_ref', ORG);
      for (const [i, c] of (r.credits ?? []).entries())
        yield* one(['credits', i, 'ref'], c.ref, 'credits ref', ORG);
    },
    edges: none,
    dates: (r) => fieldDate(r, 'published', r.title),
    participants: none,
  },
  policy: {
    noun: 'policy',
    title: 'Policies',
    report: 6,
    show: { command: 'policy', example: 'rare-metals-plan-2024-2028' },
    list: { command: 'policies' },
    style: {
      open: '[/"',
      close: '"/]',
      shape: 'parallelogram',
      fill: '#e0f2fe',
      stroke: '#0369a1',
    },
    column: 'Deals and policies',
    graph: true,
    *refs(r) {
      yield* one(['issuer'], r.issuer, 'issuer', ACTOR);
      yield* many(['scope'], r.scope, 'scope', [...ACTOR, 'region']);
      yield* many(['commodities'], r.commodities, 'commodities', COMMODITY);
      yield* one(['part_of'], r.part_of, 'part_of', ['policy']);
      yield* many(['projects'], r.projects, 'projects', ['project']);
    },
    edges: (r) => [
      ...from(r, [r.issuer], 'issuer'),
      ...(r.scope ?? []).flatMap((s) => to(r, s, 'applies to')),
      ...to(r, r.part_of, 'part of'),
      ...(r.projects ?? []).flatMap((p) => to(r, p, 'through')),
      ...commodityEdges(r, r.commodities),
    ],
    dates: (r) => fieldDate(r, 'period', r.status ?? null),
    participants: (r) => [r.issuer, ...(r.scope ?? []), r.part_of, ...(r.projects ?? [])],
  },
  country: {
    noun: 'country',
    title: 'Countries',
    report: 9,
    show: { command: 'country', example: 'kazakhstan' },
    list: { command: 'countries' },
    style: { open: '(("', close: '"))', shape: 'doublecircle', fill: '#dcfce7', stroke: '#15803d' },
    column: 'Countries',
    graph: true,
    refs: none,
    edges: none,
    dates: none,
    participants: none,
  },
  region: {
    noun: 'region',
    title: 'Regions',
    report: 8,
    show: { with: 'country' },
    list: { with: 'country' },
    style: { open: '("', close: '")', shape: 'ellipse', fill: '#ecfccb', stroke: '#4d7c0f' },
    column: 'Regions',
    graph: true,
    *refs(r) {
      yield* one(['country'], r.country, 'country', COUNTRY);
      yield* one(['parent'], r.parent, 'parent', PLACE);
    },
    edges: (r) => to(r, r.parent ?? r.country, 'in'),
    dates: none,
    participants: none,
  },
};

/** A record's kind entry, typed for that record. */
const infoOf = <K extends Kind>(r: RecordOf<K>): KindInfo<K> =>
  KIND_INFO[r.kind as K] as unknown as KindInfo<K>;

/** Every reference a record makes: its citations, its claims', then its own fields'. */
export function* refsOf(r: FactRecord): Generator<RefSite> {
  yield* citationRefs(r.citations, ['citations']);
  yield* claimRefs(r.claims);
  yield* infoOf(r).refs(r);
}

export const edgesOf = (r: FactRecord): Iterable<FieldEdge> => infoOf(r).edges(r);
export const datesOf = (r: FactRecord, nameOf: (id: string) => string): Iterable<FieldDate> =>
  infoOf(r).dates(r, nameOf);
export const participantsOf = (r: FactRecord): Iterable<string | undefined> =>
  infoOf(r).participants(r);

/** Kinds in help order (the registry's order), and the kinds shown as graph nodes in KINDS order. */
const HELP_KINDS = Object.keys(KIND_INFO) as Kind[];

/** One `minerals <command> show ID` per command word, with the kinds it shows. */
export interface ShowCommand {
  command: string;
  kinds: readonly Kind[];
  noun: string;
  example: string;
}

/** A kind that has a command of its own (show or list), with the kinds that share it. */
const sharing = (k: Kind, part: 'show' | 'list'): readonly Kind[] => [
  k,
  ...HELP_KINDS.filter((o) => {
    const other = KIND_INFO[o][part];
    return 'with' in other && other.with === k;
  }),
];

export const SHOW_COMMANDS: readonly ShowCommand[] = HELP_KINDS.flatMap((k) => {
  const s = KIND_INFO[k].show;
  return 'command' in s
    ? [
        {
          command: s.command,
          kinds: sharing(k, 'show'),
          noun: KIND_INFO[k].noun,
          example: s.example,
        },
      ]
    : [];
});

/** The list command of each kind that has its own, in help order, with the kinds it lists. */
export const LIST_COMMANDS: ReadonlyArray<{ command: string; kinds: readonly Kind[] }> =
  HELP_KINDS.flatMap((k) => {
    const l = KIND_INFO[k].list;
    return 'command' in l ? [{ command: l.command, kinds: sharing(k, 'list') }] : [];
  });

/** The list command that lists a kind. */
export function listCommandOf(kind: Kind): string {
  const l = KIND_INFO[kind].list;
  return 'command' in l ? l.command : listCommandOf(l.with);
}
