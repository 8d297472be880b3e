// A record's show page for people: its fields, its claims with numbered quotes, and what refers
// to it. Pure: data in, string out.
import type { ChalkInstance } from 'chalk';
import type { FactIndex } from '../query/facts.js';
import { claimQualifier, claimValueText, dateText } from '../query/values.js';
import {
  citingClaims,
  commodityPage,
  type KeyFactAnswer,
  keyFacts,
  linkedRecords,
  saidClaims,
} from '../query/pages.js';
import type { Claim, FactRecord } from '../schema/index.js';
import { citeNumbers } from './cites.js';
import { figureLines } from './figures.js';
import { renderRows, type Field } from './output.js';
import { sanitize } from '../util/sanitize.js';

export interface PageOptions {
  chalk: ChalkInstance;
  isTTY: boolean;
  width: number;
}

/** Extra sections a kind adds (a commodity's deposits and market figures, a source's claims). */
export interface Section {
  title: string;
  lines: string[];
  /** Shown under the record's fields, before its claims: what a reader asks first. */
  top?: boolean;
}

const SKIP = new Set(['id', 'kind', 'name', 'aliases', 'description', 'claims', 'citations']);

function fieldText(index: FactIndex, v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') {
    const r = index.get(v);
    return r && r.id === v ? `${r.name} (${v})` : v;
  }
  if (Array.isArray(v)) return v.map((x) => fieldText(index, x)).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('ref' in o && 'role' in o) return `${fieldText(index, o.ref)} as ${String(o.role)}`;
    if ('title' in o && typeof o.title === 'string') {
      const parts = [
        o.title,
        o.organization ? fieldText(index, o.organization) : '',
        o.from ? `from ${dateText(o.from as string)}` : '',
        o.to ? `to ${dateText(o.to as string)}` : '',
      ];
      return parts.filter((p) => p !== '').join(', ');
    }
    if ('on' in o || 'start' in o || 'end' in o)
      return dateText(o as Parameters<typeof dateText>[0]);
    return Object.entries(o)
      .map(([k, x]) => `${k}: ${fieldText(index, x)}`)
      .join('; ');
  }
  return String(v);
}

export function renderPage(
  r: FactRecord,
  index: FactIndex,
  opts: PageOptions,
  extra: readonly Section[] = [],
): string {
  const { chalk } = opts;
  const out: string[] = [];
  out.push(`${chalk.bold(sanitize(r.name))}  ${chalk.dim(`${r.kind} ${r.id}`)}`);
  const fields = Object.entries(r).filter(([k, v]) => !SKIP.has(k) && v !== undefined);
  // labels in one column, at least 12 wide ("publisher ref" is 13)
  const label = Math.max(12, ...fields.map(([k]) => k.length));
  if (r.aliases?.length) out.push(`  ${'also'.padEnd(label)} ${sanitize(r.aliases.join(', '))}`);
  for (const [k, v] of fields)
    out.push(`  ${k.replace(/_/g, ' ').padEnd(label)} ${sanitize(fieldText(index, v))}`);
  if (r.description) out.push('', chalk.bold('Description'), `  ${sanitize(r.description)}`);
  const section = (s: Section) =>
    s.lines.length > 0
      ? out.push('', chalk.bold(s.title), ...s.lines.map((l) => `  ${sanitize(l)}`))
      : 0;
  for (const s of extra) if (s.top) section(s);

  // identical citations (same source, quote and speaker) share one number
  const { mark, notes } = citeNumbers();
  if (r.citations?.length)
    out.push(
      '',
      chalk.bold('Stated in'),
      `  ${[...new Set(r.citations.map((c) => c.source))].join(', ')} ${mark(r.citations)}`,
    );

  const claims = r.claims ?? [];
  if (claims.length > 0) {
    type Row = (typeof claims)[number];
    const fields: Field<Row>[] = [
      { name: 'property', value: (c) => c.property },
      { name: 'commodity', value: (c) => c.commodity ?? '' },
      { name: 'value', value: (c) => claimValueText(c, index) },
      { name: 'when', value: (c) => (c.when === undefined ? '' : dateText(c.when)) },
      {
        name: 'source',
        value: (c) =>
          `${[...new Set(c.citations.map((x) => x.source))].join(', ')} ${mark(c.citations)}`,
      },
    ];
    const table = renderRows(claims, fields, {
      format: 'table',
      isTTY: opts.isTTY,
      width: opts.width - 2,
    });
    out.push(
      '',
      chalk.bold(`Claims (${claims.length})`),
      ...table
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
    );
  }
  if (notes.length > 0) {
    out.push('', chalk.bold('Quotes'));
    notes.forEach((c, i) => {
      const src = index.get(c.source);
      const file = src?.kind === 'source' ? ` (${src.file})` : '';
      const who = c.said_by ? `, said by ${index.get(c.said_by)?.name ?? c.said_by}` : '';
      out.push(
        `  [${i + 1}] "${sanitize(c.quote)}" — ${sanitize(c.source)}${sanitize(file)}${sanitize(who)}`,
      );
    });
  }
  // one line per referring record, with every field it refers through ("party, claim")
  const refs = new Map<string, { kind: string; fields: string[] }>();
  for (const ref of index.referencedBy(r.id)) {
    const entry = refs.get(ref.id) ?? { kind: ref.kind, fields: [] };
    const field = ref.field === 'ref' ? 'claim' : ref.field;
    if (!entry.fields.includes(field)) entry.fields.push(field);
    refs.set(ref.id, entry);
  }
  if (refs.size > 0) {
    out.push('', chalk.bold(`Referenced by (${refs.size})`));
    const idWidth = Math.max(...[...refs.keys()].map((k) => k.length));
    for (const [id, e] of refs)
      out.push(
        `  ${e.kind.padEnd(13)}${sanitize(id).padEnd(idWidth)}  ${chalk.dim(`(${e.fields.join(', ')})`)}`,
      );
  }
  for (const s of extra) if (!s.top) section(s);
  return `${out.join('\n')}\n`;
}

/** A claim on one line: its value (with modality), when, sources and speakers (but `self`). */
function claimLine(index: FactIndex, c: Claim, self?: string): string {
  const when = c.when === undefined ? '' : ` @ ${dateText(c.when)}`;
  const sources = [...new Set(c.citations.map((x) => x.source))].join(', ');
  const speakers = [
    ...new Set(c.citations.flatMap((x) => (x.said_by && x.said_by !== self ? [x.said_by] : []))),
  ];
  const said =
    speakers.length > 0
      ? `; said by ${speakers.map((s) => index.get(s)?.name ?? s).join(', ')}`
      : '';
  return `${claimValueText(c, index)}${when}  (${sources}${said})`;
}

/** The key facts of a record as lines: the label, then the field and each claim; "not stated" when none. */
function keyFactLines(index: FactIndex, facts: readonly KeyFactAnswer[], indent = ''): string[] {
  const width = Math.max(0, ...facts.map((f) => f.label.length));
  return facts.flatMap((f) => {
    const values = [
      ...(f.field === undefined || f.field === null ? [] : [fieldText(index, f.field)]),
      // several properties answer one question ("size": ore, contained metal): say which
      // several properties can answer one question ("size": ore, contained metal): say which
      ...f.claims.map((c) => {
        // a figure that says what it counts or ranks ("42 wells with copper") needs no prefix
        const what =
          c.among !== undefined
            ? []
            : [c.property === f.label ? '' : c.property, c.commodity ?? ''].filter((x) => x !== '');
        return `${what.length > 0 ? `${what.join(' ')}: ` : ''}${claimLine(index, c)}`;
      }),
    ];
    if (values.length === 0) values.push('not stated in the texts');
    return values.map((v, i) => `${indent}${(i === 0 ? f.label : '').padEnd(width)}  ${v}`);
  });
}

/** The sections a record's page adds to its fields and claims. */
export function pageSections(index: FactIndex, r: FactRecord): Section[] {
  if (r.kind === 'deal' || r.kind === 'project' || r.kind === 'deposit' || r.kind === 'policy') {
    const linked = linkedRecords(index, r);
    return [
      { title: 'At a glance', lines: keyFactLines(index, keyFacts(r)), top: true },
      {
        title: `Linked (${linked.length})`,
        top: true,
        lines: linked.flatMap((l) => [
          `${l.relation}  ${l.record.id}  ${l.record.name}`,
          ...keyFactLines(index, l.facts, '    '),
        ]),
      },
    ];
  }
  if (r.kind === 'person' || r.kind === 'organization') {
    const said = saidClaims(index, r.id);
    const cells = said.map(({ about: a, claim }) => [
      a.id,
      `${claim.property}${claim.commodity ? ` (${claim.commodity})` : ''}`,
      // a person's own page need not repeat that they said it; a company's names its people
      claimLine(index, claim, r.kind === 'person' ? r.id : undefined),
    ]);
    const w = [0, 1].map((i) => Math.max(0, ...cells.map((c) => [...c[i]!].length)));
    return [
      {
        title: `Said (${said.length})`,
        lines: cells.map((c) => `${c[0]!.padEnd(w[0]!)}  ${c[1]!.padEnd(w[1]!)}  ${c[2]}`),
      },
    ];
  }
  if (r.kind === 'commodity') {
    const e = commodityPage(index, r.id);
    const line = (x: FactRecord) => `${x.id}  ${x.name}`;
    const figures = e.claims.filter((x) => x.claim.quantity !== undefined);
    const statements = e.claims.filter((x) => x.claim.quantity === undefined);
    const sourcesOf = (c: Claim) => [...new Set(c.citations.map((x) => x.source))].join(', ');
    return [
      { title: 'Members', lines: e.members },
      { title: `Deposits (${e.deposits.length})`, lines: e.deposits.map(line) },
      { title: `Projects (${e.projects.length})`, lines: e.projects.map(line) },
      { title: `Deals (${e.deals.length})`, lines: e.deals.map(line) },
      { title: `Policies (${e.policies.length})`, lines: e.policies.map(line) },
      {
        title: `Figures elsewhere (${figures.length})`,
        lines: figureLines(
          figures.map(({ about: a, claim }) => ({
            about: a.id,
            property: claim.property,
            quantity: claim.quantity!,
            qualifier: claimQualifier(claim).trim(),
            sources: sourcesOf(claim),
          })),
        ),
      },
      {
        title: `Statements elsewhere (${statements.length})`,
        lines: statements.map(
          ({ about: a, claim }) =>
            `${a.id}  ${claim.property}  ${claimValueText(claim, index)}  (${sourcesOf(claim)})`,
        ),
      },
    ];
  }
  if (r.kind === 'source') {
    const cited = citingClaims(index, r.id);
    return [
      {
        title: `Claims citing it (${cited.length})`,
        lines: cited.flatMap(({ about: a, claim }) => [
          `${a.id}  ${claim.property}${claim.commodity ? ` (${claim.commodity})` : ''}  ${claimValueText(claim, index)}`,
          ...claim.citations.filter((c) => c.source === r.id).map((c) => `    "${c.quote}"`),
        ]),
      },
    ];
  }
  return [];
}
