// The report's table for each kind of record: a row per record, the fields that kind has, and
// every claim with its value, quotes, sources and who said it. Cells are HTML built from escaped
// text only.
import type { FactIndex } from '../query/facts.js';
import { claimValueText, dateText } from '../query/values.js';
import { KIND_INFO } from '../schema/kinds.js';
import type { Citation, Claim, FactRecord, Kind } from '../schema/index.js';
import { KINDS } from '../schema/vocab.js';
import { KIND_VIEWS, type ReportKit } from './kinds.js';
import { anchorOf, esc } from './report-html.js';

export interface Column {
  title: string;
  /** The cell's HTML. */
  cell: (r: FactRecord) => string;
  /** What the column sorts by, when its text would sort wrongly (counts, dates). */
  sort?: (r: FactRecord) => string;
}

/** The kinds' tables in the order the report shows them, each with its title. */
export const KIND_TITLES: ReadonlyArray<[Kind, string]> = [...KINDS]
  .sort((a, b) => KIND_INFO[a].report - KIND_INFO[b].report)
  .map((k) => [k, KIND_INFO[k].title]);

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

function claimHtml(index: FactIndex, c: Claim): string {
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

/** The pieces the kind views build their cells from, for one base. */
function reportKit(index: FactIndex): ReportKit {
  return {
    esc,
    text,
    date,
    link: (id) => refLink(index, id),
    links: (ids) => refList(index, ids),
    place: (r) => place(index, r),
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
    ...(KIND_VIEWS[kind].report(reportKit(index)) as Column[]),
    {
      title: 'Claims',
      cell: (r) => claimsCell(index, r),
      sort: (r) => String((r.claims ?? []).length),
    },
  ];
}
