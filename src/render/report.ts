// `minerals report`: the whole fact base as one self-contained HTML page. Inline CSS and script,
// inline SVG, and a Content-Security-Policy that forbids loading anything, so the page works
// offline and a hostile fact base cannot make it fetch or run anything. Pure: data in, string out.
import type { Conflict } from '../query/conflicts.js';
import type { FactIndex } from '../query/facts.js';
import type { Graph } from '../query/graph.js';
import { datePhrase, isInferred, modalityOf, type TimelineItem } from '../query/timeline.js';
import { REPORT_CSS, REPORT_JS } from './report-assets.js';
import { anchorOf, esc } from './report-html.js';
import { citationsHtml, columnsOf, KIND_TITLES, refLink, type Column } from './report-kinds.js';
import { renderGraphSvg } from './report-svg.js';

export interface ReportInput {
  index: FactIndex;
  conflicts: readonly Conflict[];
  timeline: readonly TimelineItem[];
  graph: Graph;
  /** The page title; data, so escaped like the rest. */
  title?: string;
}

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

interface TableSpec<T> {
  id: string;
  title: string;
  rows: readonly T[];
  columns: ReadonlyArray<{ title: string; cell: (row: T) => string; sort?: (row: T) => string }>;
  rowId?: (row: T) => string;
  note?: string;
}

function table<T>(spec: TableSpec<T>): string {
  const head = spec.columns
    .map((c) => `<th scope="col"><button type="button">${esc(c.title)}</button></th>`)
    .join('');
  const body = spec.rows
    .map((row) => {
      const cells = spec.columns
        .map((c) => `<td${c.sort ? ` data-sort="${esc(c.sort(row))}"` : ''}>${c.cell(row)}</td>`)
        .join('');
      return `<tr${spec.rowId ? ` id="${spec.rowId(row)}"` : ''}>${cells}</tr>`;
    })
    .join('\n');
  return [
    `<section id="s-${spec.id}">`,
    `<h2>${esc(spec.title)} <span class="shown" data-count-for="t-${spec.id}">${spec.rows.length} rows</span></h2>`,
    spec.note === undefined ? '' : `<p class="summary">${esc(spec.note)}</p>`,
    spec.rows.length === 0 ? '<p class="empty">None.</p>' : '',
    `<div class="scroll"><table class="data" id="t-${spec.id}"><thead><tr>${head}</tr></thead><tbody>`,
    body,
    '</tbody></table></div>',
    '</section>',
  ].join('\n');
}

function conflictTable(index: FactIndex, conflicts: readonly Conflict[]): string {
  return table<Conflict>({
    id: 'conflicts',
    title: 'Conflicts',
    note: 'Claims on the same subject that differ, side by side with their sources, by class: contradiction (they cannot both be true), refinement (one is a more precise form of the other), change (they hold at different times), basis (they measure different things).',
    rows: conflicts,
    columns: [
      { title: 'Subject', cell: (c) => refLink(index, c.subject.id), sort: (c) => c.subject.name },
      { title: 'Property', cell: (c) => esc(c.property) },
      {
        title: 'Commodity',
        cell: (c) => (c.commodity === null ? '' : refLink(index, c.commodity)),
      },
      {
        title: 'Class',
        cell: (c) =>
          `<span class="class-${esc(c.class)}">${esc(c.class)}</span>${c.sourcesDiffer ? ' <span class="note">(sources differ)</span>' : ''}`,
      },
      {
        title: 'Versions',
        cell: (c) =>
          `<ol class="claims">${c.versions
            .map(
              (v) =>
                `<li><span class="val">${esc(v.value)}</span>${v.claim.when === undefined ? '' : ` <span class="when">(${esc(datePhrase(v.claim.when))})</span>`}${citationsHtml(index, v.claim.citations)}</li>`,
            )
            .join('')}</ol>`,
      },
      { title: 'Why', cell: (c) => c.pairs.map((p) => esc(p.reason)).join('<br>') },
    ],
  });
}

function timelineTable(index: FactIndex, items: readonly TimelineItem[]): string {
  return table<TimelineItem>({
    id: 'timeline',
    title: 'Timeline',
    note: 'Every dated claim and record date, in date order.',
    rows: items,
    columns: [
      {
        title: 'Date',
        cell: (it) => esc(datePhrase(it.date)),
        sort: (it) => `${it.span.start ?? '0000'} ${it.span.end ?? '9999'}`,
      },
      {
        title: 'Modality',
        cell: (it) =>
          `${esc(modalityOf(it))}${isInferred(it.date) ? ' <span class="note">(inferred)</span>' : ''}`,
      },
      { title: 'Record', cell: (it) => refLink(index, it.record.id), sort: (it) => it.record.name },
      { title: 'What', cell: (it) => esc(it.property) },
      { title: 'Value', cell: (it) => (it.value === null ? '' : esc(it.value)) },
      { title: 'Sources', cell: (it) => citationsHtml(index, it.citations) },
    ],
  });
}

export function renderReport(input: ReportInput): string {
  const { index, conflicts, timeline, graph } = input;
  const title = input.title ?? 'Critical minerals fact base';
  const records = [...index.byId.values()];
  const claims = records.reduce((n, r) => n + (r.claims ?? []).length, 0);
  const kinds = KIND_TITLES.map(([kind, plural]) =>
    table({
      id: kind,
      title: plural,
      rows: index.ofKind(kind),
      columns: columnsOf(index, kind) as Column[],
      rowId: (r) => anchorOf(r.id),
    }),
  );
  const nav = [
    ['graph', 'Relationships'],
    ...KIND_TITLES,
    ['conflicts', 'Conflicts'],
    ['timeline', 'Timeline'],
  ]
    .map(([id, label]) => `<a href="#s-${id}">${esc(label!)}</a>`)
    .join('');
  const summary = `${records.length} records, ${claims} claims, ${index.ofKind('source').length} sources, ${conflicts.length} conflicts, ${timeline.length} dated items.`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<header class="top">',
    `<h1>${esc(title)}</h1>`,
    `<p class="summary">${esc(summary)} Every figure is a claim with its source and the source's own words.</p>`,
    '<div class="search"><input id="q" type="search" placeholder="Filter every table: type words…" aria-label="Filter the rows of every table" autocomplete="off"> <span id="status" role="status"></span></div>',
    `<nav>${nav}</nav>`,
    '</header>',
    '<main>',
    '<section id="s-graph">',
    `<h2>Relationships <span class="shown">${graph.nodes.length} records, ${graph.edges.length} links</span></h2>`,
    `<figure class="graph">${renderGraphSvg(graph)}<figcaption>Parties, operators, owners, partners, roles and places; hover over a line for what links two records, click a box for its row.</figcaption></figure>`,
    '</section>',
    ...kinds,
    conflictTable(index, conflicts),
    timelineTable(index, timeline),
    '</main>',
    `<script>${REPORT_JS}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
