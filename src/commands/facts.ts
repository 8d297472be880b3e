// `minerals facts`: every claim in the base as one flat list, filtered by record, source,
// commodity, property and speaker. JSON rows are `{about, ...claimJson}`.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import {
  aboutOf,
  filterClaims,
  flattenClaims,
  sourcesOf,
  speakersOf,
  type ClaimRow,
} from '../query/claims.js';
import type { FactIndex } from '../query/facts.js';
import { resolve } from '../query/resolve.js';
import { citationJson, claimJson, claimValueText, dateText, toBase } from '../query/values.js';
import type { Field } from '../render/output.js';
import { PROPERTY_NAMES, type Property } from '../schema/vocab.js';
import { closest } from '../util/suggest.js';
import type { Registrar } from './kit.js';
import { formatOf, openBaseIndex, printList, resolveOption, type OutputOptions } from './query.js';

export interface FactsOptions extends OutputOptions {
  about?: string;
  source?: string;
  metal?: string;
  property?: string;
  saidBy?: string;
}

/** A --property value: one of the properties, or a usage error naming the closest ones. */
export function propertyOption(value: string | undefined): Property | undefined {
  if (value === undefined) return undefined;
  if ((PROPERTY_NAMES as readonly string[]).includes(value)) return value as Property;
  const near = closest(value, PROPERTY_NAMES, 3);
  throw new UserError(
    `--property: no property ${JSON.stringify(value)}${near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : ''}; properties: ${PROPERTY_NAMES.join(', ')}`,
    EXIT.usage,
  );
}

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
  'rank',
  'rank_reason',
  'note',
  'citations',
] as const;

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
      value: (r) =>
        r.claim.quantity
          ? toBase(r.claim.quantity, r.claim.quantity.value ?? r.claim.quantity.low!)
          : null,
      align: 'right',
    },
    { name: 'date', value: key('date') },
    { name: 'ref', value: key('ref') },
    { name: 'text', value: key('text') },
    {
      name: 'when',
      value: key('when'),
      text: (r) => (r.claim.when === undefined ? '' : dateText(r.claim.when)),
      table: true,
    },
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

/** Like `resolveOption`, for a record of any kind. */
function resolveAny(index: FactIndex, option: string, value: string): string {
  const r = resolve(index, value);
  if (r.ok) return r.record.id;
  const list = r.candidates.join(', ');
  throw new UserError(
    r.reason === 'ambiguous'
      ? `${option} ${JSON.stringify(value)} matches several records: ${list}; be more specific`
      : `${option}: no record matches ${JSON.stringify(value)}${list ? ` (did you mean ${list}?)` : ''}`,
    EXIT.usage,
  );
}

const MACHINE = new Set(['json', 'ndjson', 'yaml']);

export async function factsCommand(ctx: Context, opts: FactsOptions): Promise<number> {
  const property = propertyOption(opts.property);
  const format = formatOf(ctx, opts);
  const index = await openBaseIndex(ctx);
  const about = opts.about === undefined ? undefined : resolveAny(index, '--about', opts.about);
  const source =
    opts.source === undefined
      ? undefined
      : resolveOption(index, '--source', opts.source, ['source']);
  const commodities =
    opts.metal === undefined
      ? undefined
      : index.commodityClosure(resolveOption(index, '--metal', opts.metal, ['commodity']));
  const saidBy =
    opts.saidBy === undefined
      ? undefined
      : resolveOption(index, '--said-by', opts.saidBy, ['person', 'organization']);
  const rows = filterClaims(flattenClaims(index.byId.values()), {
    about,
    source,
    commodities,
    property,
    saidBy,
  });
  // machine formats default to the JSON contract, not to every field
  const fields =
    opts.fields === undefined && MACHINE.has(format) ? FACT_JSON_FIELDS.join(',') : opts.fields;
  return printList(
    ctx,
    rows,
    factFields(index),
    { ...opts, ...(fields === undefined ? {} : { fields }) },
    (r) => r.claim.citations,
  );
}

export const registerFacts: Registrar = (program, kit) => {
  const cmd = kit.output(
    program
      .command('facts')
      .description('list every claim: record, property, value, when, and the sources that say so')
      .option('--about <record>', 'claims about one record of any kind (id, name, alias or symbol)')
      .option('--source <source>', 'claims cited from a source')
      .option('--metal <commodity>', 'claims about a commodity or any member of a group')
      .option('--property <property>', 'claims of one property (reserves, investment, status, ...)')
      .option('--said-by <speaker>', 'claims a person or organization is quoted as saying'),
  );
  kit.examples(cmd, [
    'minerals facts --about karabas --cite',
    'minerals facts --metal rare-earths --property contained-metal',
    'minerals facts --said-by alzhanova --json | jq -r \'.[] | "\\(.about.id) \\(.property)"\'',
  ]);
  cmd.action(async (opts: FactsOptions, c: Command) =>
    kit.setExit(await factsCommand(kit.context(c), opts)),
  );
};
