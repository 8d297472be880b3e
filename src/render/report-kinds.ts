// The report's table for each kind of record: a row per record, the fields that kind has, and
// every claim with its value, quotes, sources and who said it. Cells are HTML built from escaped
// text only.
import type { FactIndex } from '../query/facts.js';
import { claimValueText, dateText } from '../query/values.js';
import type { Citation, Claim, FactRecord, Kind, RecordOf } from '../schema/index.js';
import { anchorOf, esc } from './report-html.js';

export interface Column {
  title: string;
  /** The cell's HTML. */
  cell: (r: FactRecord) => string;
  /** What the column sorts by, when its text would sort wrongly (counts, dates). */
  sort?: (r: FactRecord) => string;
}

/** Section titles, in the order the report shows the kinds. */
export const KIND_TITLES: ReadonlyArray<[Kind, string]> = [
  ['deposit', 'Deposits'],
  ['project', 'Projects'],
  ['deal', 'Deals'],
  ['organization', 'Organizations'],
  ['person', 'People'],
  ['policy', 'Policies'],
  ['commodity', 'Commodities'],
  ['region', 'Regions'],
  ['country', 'Countries'],
  ['source', 'Sources'],
];

/** A link to a record's row, showing its name (or the bare id when it does not exist). */
export const refLink = (index: FactIndex, id: string | undefined): string => {
  if (id === undefined) return '';
  const r = index.get(id);
  return r ? `<a href="#${anchorOf(id)}">${esc(r.name)}</a>` : esc(id);
};
const refList = (index: FactIndex, ids: readonly string[] | undefined) =>
  (ids ?? []).map((id) => refLink(index, id)).join(', ');
const text = (s: string | undefined) => (s === undefined ? '' : esc(s));
const date = (d: Parameters<typeof dateText>[0] | undefined) =>
  d === undefined ? '' : esc(dateText(d));

export function citationsHtml(index: FactIndex, cites: readonly Citation[]): string {
  const items = cites.map(
    (c) =>
      `<li><q>${esc(c.quote)}</q> — ${refLink(index, c.source)}${c.said_by === undefined ? '' : `, said by ${refLink(index, c.said_by)}`}${c.note === undefined ? '' : ` <span class="note">(${esc(c.note)})</span>`}</li>`,
  );
  return items.length === 0 ? '' : `<ul class="cites">${items.join('')}</ul>`;
}

export function claimHtml(index: FactIndex, c: Claim): string {
  const commodity =
    c.commodity === undefined
      ? ''
      : ` <span class="commodity">${refLink(index, c.commodity)}</span>`;
  const value = c.ref !== undefined ? refLink(index, c.ref) : esc(claimValueText(c, index));
  const when = c.when === undefined ? '' : ` <span class="when">(${esc(dateText(c.when))})</span>`;
  const rank =
    c.rank === undefined || c.rank === 'normal'
      ? ''
      : ` <span class="rank">${esc(c.rank)}${c.rank_reason === undefined ? '' : `: ${esc(c.rank_reason)}`}</span>`;
  const note = c.note === undefined ? '' : ` <span class="note">${esc(c.note)}</span>`;
  return `<li class="claim${c.rank === 'deprecated' ? ' deprecated' : ''}"><span class="prop">${esc(c.property)}</span>${commodity}: <span class="val">${value}</span>${when}${rank}${note}${citationsHtml(index, c.citations)}</li>`;
}

function claimsCell(index: FactIndex, r: FactRecord): string {
  const identity =
    (r.citations ?? []).length === 0
      ? ''
      : `<li class="claim identity"><span class="prop">cited</span>${citationsHtml(index, r.citations ?? [])}</li>`;
  const claims = (r.claims ?? []).map((c) => claimHtml(index, c)).join('');
  return identity === '' && claims === '' ? '' : `<ul class="claims">${identity}${claims}</ul>`;
}

const place = (
  index: FactIndex,
  r: { region?: string | undefined; country?: string | undefined; place?: string | undefined },
) =>
  [r.place === undefined ? '' : esc(r.place), refLink(index, r.region), refLink(index, r.country)]
    .filter((s) => s !== '')
    .join(', ');

/** Narrow a column's record to its kind: each table holds one kind only. */
const of =
  <K extends Kind>(f: (r: RecordOf<K>) => string) =>
  (r: FactRecord) =>
    f(r as RecordOf<K>);

function kindColumns(index: FactIndex): Record<Kind, Column[]> {
  const link = (id: string | undefined) => refLink(index, id);
  const links = (ids: readonly string[] | undefined) => refList(index, ids);
  return {
    source: [
      { title: 'Title', cell: of<'source'>((r) => esc(r.title)) },
      {
        title: 'Publisher',
        cell: of<'source'>((r) =>
          r.publisher_ref !== undefined ? link(r.publisher_ref) : text(r.publisher),
        ),
      },
      { title: 'Published', cell: of<'source'>((r) => date(r.published)) },
      // shown as text, never as a link: the report loads and links to nothing outside itself
      {
        title: 'Address',
        cell: of<'source'>((r) =>
          r.url === undefined ? '' : `<span class="url">${esc(r.url)}</span>`,
        ),
      },
      { title: 'Stored text', cell: of<'source'>((r) => `<code>${esc(r.file)}</code>`) },
    ],
    country: [{ title: 'ISO code', cell: of<'country'>((r) => text(r.iso2)) }],
    region: [
      { title: 'Type', cell: of<'region'>((r) => text(r.type)) },
      {
        title: 'In',
        cell: of<'region'>((r) =>
          [link(r.parent), link(r.country)].filter((s) => s !== '').join(', '),
        ),
      },
    ],
    organization: [
      { title: 'Type', cell: of<'organization'>((r) => esc(r.type)) },
      { title: 'Country', cell: of<'organization'>((r) => link(r.country)) },
      { title: 'Part of', cell: of<'organization'>((r) => link(r.parent)) },
    ],
    person: [
      {
        title: 'Roles',
        cell: of<'person'>((r) =>
          (r.roles ?? [])
            .map((role) => {
              const at = [link(role.organization), link(role.country)]
                .filter((s) => s !== '')
                .join(', ');
              const span = [role.from, role.to].some((d) => d !== undefined)
                ? ` (${date(role.from)}–${date(role.to)})`
                : '';
              return `${esc(role.title)}${at === '' ? '' : `, ${at}`}${span}`;
            })
            .join('; '),
        ),
      },
      { title: 'Country', cell: of<'person'>((r) => link(r.country)) },
    ],
    commodity: [
      { title: 'Symbol', cell: of<'commodity'>((r) => text(r.symbol)) },
      { title: 'Member of', cell: of<'commodity'>((r) => links(r.groups)) },
    ],
    deposit: [
      { title: 'Status', cell: of<'deposit'>((r) => esc(r.status)) },
      { title: 'Commodities', cell: of<'deposit'>((r) => links(r.commodities)) },
      { title: 'Operator', cell: of<'deposit'>((r) => link(r.operator)) },
      { title: 'Owners', cell: of<'deposit'>((r) => links(r.owners)) },
      { title: 'Where', cell: of<'deposit'>((r) => place(index, r)) },
    ],
    project: [
      { title: 'Type', cell: of<'project'>((r) => esc(r.type)) },
      { title: 'Status', cell: of<'project'>((r) => esc(r.status)) },
      { title: 'Commodities', cell: of<'project'>((r) => links(r.commodities)) },
      { title: 'Operator', cell: of<'project'>((r) => link(r.operator)) },
      { title: 'Partners', cell: of<'project'>((r) => links(r.partners)) },
      { title: 'Deposit', cell: of<'project'>((r) => link(r.deposit)) },
      { title: 'Where', cell: of<'project'>((r) => place(index, r)) },
    ],
    deal: [
      { title: 'Type', cell: of<'deal'>((r) => esc(r.type)) },
      { title: 'Status', cell: of<'deal'>((r) => esc(r.status)) },
      {
        title: 'Parties',
        cell: of<'deal'>((r) => r.parties.map((p) => `${link(p.ref)} (${esc(p.role)})`).join(', ')),
      },
      { title: 'Commodities', cell: of<'deal'>((r) => links(r.commodities)) },
      { title: 'Signed', cell: of<'deal'>((r) => date(r.signed)) },
      { title: 'Where', cell: of<'deal'>((r) => link(r.place)) },
    ],
    policy: [
      { title: 'Type', cell: of<'policy'>((r) => esc(r.type)) },
      { title: 'Status', cell: of<'policy'>((r) => text(r.status)) },
      { title: 'Issuer', cell: of<'policy'>((r) => link(r.issuer)) },
      { title: 'Applies to', cell: of<'policy'>((r) => links(r.scope)) },
      { title: 'Commodities', cell: of<'policy'>((r) => links(r.commodities)) },
      { title: 'Period', cell: of<'policy'>((r) => date(r.period)) },
    ],
  };
}

/** Every column of a kind's table: the record, its kind's fields, its claims. */
export function columnsOf(index: FactIndex, kind: Kind): Column[] {
  return [
    {
      title: 'Name',
      cell: (r) =>
        `<a class="name" href="#${anchorOf(r.id)}">${esc(r.name)}</a> <code class="id">${esc(r.id)}</code>${(r.aliases ?? []).length === 0 ? '' : `<div class="aliases">also ${(r.aliases ?? []).map(esc).join(', ')}</div>`}${r.description === undefined ? '' : `<p class="desc">${esc(r.description)}</p>`}`,
      sort: (r) => r.name,
    },
    ...kindColumns(index)[kind],
    {
      title: 'Claims',
      cell: (r) => claimsCell(index, r),
      sort: (r) => String((r.claims ?? []).length),
    },
  ];
}
