// The rows of the commands that are not record lists: a claim (facts), a dated item (timeline),
// a conflict, a search hit. Each field prints in a table and is a key of the JSON row; the JSON
// values come from query/values.ts, so every command speaks one JSON vocabulary. Pure.
import type { ClaimRow } from '../query/claims.js';
import { aboutOf, sourcesOf, speakersOf } from '../query/claims.js';
import {
  basisText,
  type Conflict,
  type Interval,
  intervalText,
  spanText,
  type Version,
} from '../query/conflicts.js';
import type { FactIndex } from '../query/facts.js';
import { markSnippet, type SearchHit } from '../query/search.js';
import {
  dateSortKey,
  datePhrase,
  isInferred,
  modalityOf,
  type TimelineItem,
} from '../query/timeline.js';
import {
  baseValue,
  citationJson,
  claimJson,
  claimModality,
  claimValueText,
  dateJson,
  dateText,
} from '../query/values.js';
import type { Field } from './output.js';

/** The JSON keys of a row when --fields is not given: the record, then the claim as `claimJson` gives it. */
export const FACT_JSON_FIELDS = [
  'about',
  'property',
  'commodity',
  'quantity',
  'date',
  'ref',
  'text',
  'when',
  'modality',
  'among',
  'tension',
  'rank',
  'rank_reason',
  'note',
  'citations',
] as const;

/**
 * The record a row is about: in JSON one `about: {id, kind, name}` object, as facts gives it; in
 * a table and csv its parts as columns (`table` says which show by default). Every command names
 * a record the same way.
 */
function aboutFields<R>(
  of: (row: R) => { id: string; kind: string; name: string },
  table: ReadonlyArray<'id' | 'kind' | 'name'>,
): Field<R>[] {
  const flat = ['table', 'csv', 'tsv'] as const;
  return [
    {
      name: 'about',
      value: (r) => {
        const a = of(r);
        return { id: a.id, kind: a.kind, name: a.name };
      },
      text: (r) => of(r).id,
      csv: (r) => of(r).id,
    },
    // the columns a table shows first, in the order given, then the others
    ...[...table, ...(['id', 'kind', 'name'] as const).filter((k) => !table.includes(k))].map(
      (k): Field<R> => ({
        name: k,
        value: (r) => of(r)[k],
        formats: flat,
        ...(table.includes(k) ? { table: true } : {}),
      }),
    ),
  ];
}

export function factFields(index: FactIndex): Field<ClaimRow>[] {
  const json = (row: ClaimRow) => claimJson(row.claim, index) as Record<string, unknown>;
  const key = (k: string) => (row: ClaimRow) => json(row)[k] ?? null;
  return [
    { name: 'about', value: (r) => aboutOf(r.about), text: (r) => r.about.id },
    { name: 'id', value: (r) => r.about.id, table: true },
    { name: 'kind', value: (r) => r.about.kind, table: true },
    { name: 'name', value: (r) => r.about.name },
    { name: 'property', value: (r) => r.claim.property, table: true },
    { name: 'commodity', value: (r) => r.claim.commodity ?? null, table: true },
    { name: 'value', value: (r) => claimValueText(r.claim, index), table: true },
    { name: 'quantity', value: key('quantity') },
    // the quantity in its base unit (a range by its low end): what --sort compares across units
    {
      name: 'base_value',
      value: (r) => (r.claim.quantity ? baseValue(r.claim.quantity) : null),
      align: 'right',
    },
    {
      name: 'date',
      value: key('date'),
      sortKey: (r) => (r.claim.date === undefined ? null : dateSortKey(r.claim.date)),
    },
    { name: 'ref', value: key('ref') },
    { name: 'text', value: key('text') },
    {
      name: 'when',
      value: key('when'),
      text: (r) => (r.claim.when === undefined ? '' : dateText(r.claim.when)),
      sortKey: (r) => (r.claim.when === undefined ? null : dateSortKey(r.claim.when)),
      table: true,
    },
    {
      name: 'modality',
      value: (r) => claimModality(r.claim),
      text: (r) => (claimModality(r.claim) === 'actual' ? '' : claimModality(r.claim)),
    },
    { name: 'among', value: key('among') },
    { name: 'tension', value: key('tension') },
    { name: 'rank', value: key('rank') },
    { name: 'rank_reason', value: key('rank_reason') },
    { name: 'note', value: key('note') },
    {
      name: 'source',
      value: (r) => sourcesOf(r.claim),
      text: (r) => sourcesOf(r.claim).join(', '),
      table: true,
    },
    {
      name: 'said_by',
      value: (r) => speakersOf(r.claim),
      text: (r) => speakersOf(r.claim).join(', '),
    },
    {
      name: 'quotes',
      value: (r) => r.claim.citations.map((c) => c.quote),
      text: (r) => r.claim.citations.map((c) => `"${c.quote}"`).join(' '),
    },
    { name: 'citations', value: (r) => r.claim.citations.map((c) => citationJson(c, index)) },
  ];
}

export function timelineFields(index: FactIndex): Field<TimelineItem>[] {
  return [
    {
      name: 'date',
      value: (it) => dateJson(it.date),
      text: (it) => datePhrase(it.date),
      csv: (it) => datePhrase(it.date),
      sortKey: (it) => it.anchor.start ?? it.anchor.end,
      table: true,
    },
    { name: 'start', value: (it) => it.span.start },
    { name: 'end', value: (it) => it.span.end },
    { name: 'modality', value: (it) => modalityOf(it), table: true },
    {
      name: 'inferred',
      value: (it) => isInferred(it.date),
      text: (it) => (isInferred(it.date) ? 'yes' : ''),
      table: true,
    },
    ...aboutFields<TimelineItem>((it) => it.record, ['id', 'name']),
    { name: 'origin', value: (it) => it.origin },
    { name: 'property', value: (it) => it.property, table: true },
    { name: 'commodity', value: (it) => it.claim?.commodity ?? null },
    { name: 'value', value: (it) => it.value, table: true },
    {
      name: 'sources',
      value: (it) => [...new Set(it.citations.map((c) => c.source))],
      text: (it) => [...new Set(it.citations.map((c) => c.source))].join(', '),
      table: true,
    },
    { name: 'citations', value: (it) => it.citations.map((c) => citationJson(c, index)) },
    { name: 'claim', value: (it) => (it.claim ? claimJson(it.claim, index) : null) },
  ];
}

const finite = (n: number) => (Number.isFinite(n) ? n : null);

function intervalJson(v: Version) {
  if (v.interval) return quantityIntervalJson(v.interval, v.unit!);
  if (v.span)
    return {
      low: v.span.start,
      high: v.span.end,
      low_open: v.span.start === null,
      high_open: v.span.end === null,
      unit: 'day',
    };
  return null;
}

const quantityIntervalJson = (i: Interval, unit: string) => ({
  low: finite(i.low),
  high: finite(i.high),
  low_open: i.lowOpen,
  high_open: i.highOpen,
  unit,
});

function versionJson(v: Version, index: FactIndex) {
  return {
    position: v.position,
    value: v.value,
    bound: v.bound,
    basis: v.basis,
    interval: intervalJson(v),
    interval_text: v.interval
      ? `${intervalText(v.interval)} ${v.unit}`
      : v.span
        ? spanText(v.span)
        : null,
    when: v.claim.when === undefined ? null : dateJson(v.claim.when),
    note: v.claim.note ?? null,
    sources: v.sources,
    citations: v.claim.citations.map((c) => citationJson(c, index)),
  };
}

const versionText = (v: Version, c: Conflict) =>
  `${v.value}${c.class === 'basis' ? ` (${basisText(v.basis)})` : ''}${v.claim.when === undefined ? '' : ` @ ${dateText(v.claim.when)}`} [${v.sources.join(', ')}]`;

export function conflictFields(index: FactIndex): Field<Conflict>[] {
  return [
    ...aboutFields<Conflict>((c) => c.subject, ['id']),
    { name: 'property', value: (c) => c.property, table: true },
    { name: 'commodity', value: (c) => c.commodity, table: true },
    {
      name: 'basis',
      value: (c) => c.basis,
      text: (c) => (c.basis ? basisText(c.basis) : ''),
      table: true,
    },
    { name: 'class', value: (c) => c.class, table: true },
    {
      name: 'sources_differ',
      value: (c) => c.sourcesDiffer,
      text: (c) => (c.sourcesDiffer ? 'yes' : 'no'),
    },
    {
      name: 'versions',
      value: (c) => c.versions.map((v) => versionJson(v, index)),
      // a tension has one version and says what it is at odds with
      text: (c) =>
        c.versions.map((v) => versionText(v, c)).join(' | ') +
        (c.tension === null ? '' : ` — ${c.tension}`),
      table: true,
    },
    {
      name: 'pairs',
      value: (c) =>
        c.pairs.map((p) => ({
          a: p.a,
          b: p.b,
          aspect: p.aspect,
          sources_differ: p.sourcesDiffer,
          reason: p.reason,
        })),
      text: (c) => c.pairs.map((p) => p.reason).join('; '),
    },
    { name: 'tension', value: (c) => c.tension },
  ];
}

export type SearchRow = SearchHit & { rank: number };

// Private-use characters stand for the bold marks while the table is laid out (so that widths and
// sanitizing see one plain character each) and become escape codes on the way out.
export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';
const PLACEHOLDERS = /[\uE000\uE001]/gu;

export function searchFields(marks: { open: string; close: string }): Field<SearchRow>[] {
  return [
    { name: 'rank', value: (h) => h.rank, align: 'right' },
    ...aboutFields<SearchRow>((h) => h, ['kind', 'id']),
    {
      name: 'field',
      value: (h) => h.field,
      text: (h) => (h.line === null ? h.field : `${h.field}:${h.line}`),
      table: true,
    },
    { name: 'source', value: (h) => h.source },
    { name: 'line', value: (h) => h.line },
    {
      name: 'snippet',
      value: (h) => h.snippet.text,
      text: (h) =>
        markSnippet(
          { ...h.snippet, text: h.snippet.text.replace(PLACEHOLDERS, '\uFFFD') },
          marks.open,
          marks.close,
        ),
      table: true,
    },
    { name: 'matches', value: (h) => h.snippet.matches },
  ];
}

/** Turn the placeholders of a table into bold, closing a mark that truncation cut off. */
export function boldMarks(text: string, bold: string, normal: string): string {
  return text
    .split('\n')
    .map((line) => {
      let open = false;
      const out = line.replace(PLACEHOLDERS, (ch) => {
        open = ch === MARK_OPEN;
        return open ? bold : normal;
      });
      return open ? out + normal : out;
    })
    .join('\n');
}
