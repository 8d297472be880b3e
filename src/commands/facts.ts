// `minerals facts`: every claim in the base as one flat list, filtered by record, source,
// commodity, property and speaker. JSON rows are `{about, ...claimJson}` (render/fields.ts).
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { filterClaims, flattenClaims, speakersFor } from '../query/claims.js';
import { resolveEach } from '../query/filters.js';
import { parseWhere, WHERE_HELP } from '../query/where.js';
import { FACT_JSON_FIELDS, factFields } from '../render/fields.js';
import {
  KINDS,
  type Kind,
  MODALITIES,
  type Modality,
  PROPERTY_NAMES,
  type Property,
} from '../schema/vocab.js';
import { formatOf, openBaseIndex, type OutputOptions, printList } from './common.js';
import { type CommandEntry, jsonOutput } from './kit.js';
import { choices, collect, commaList } from './options.js';

interface FactsOptions extends OutputOptions {
  about?: string[];
  source?: string[];
  metal?: string[];
  property?: Property[];
  saidBy?: string[];
  modality?: Modality[];
  where?: string[];
  kind?: Kind[];
}

const MACHINE = new Set(['json', 'ndjson', 'yaml']);

async function factsCommand(ctx: Context, opts: FactsOptions): Promise<number> {
  const format = formatOf(ctx, opts);
  const index = await openBaseIndex(ctx);
  // each option's values are ORed (a set of ids, or of everything they stand for); options AND
  const filter = {
    about: resolveEach(index, '--about', opts.about),
    source: resolveEach(index, '--source', opts.source, ['source']),
    commodities: resolveEach(index, '--metal', opts.metal, ['commodity'], (id) =>
      index.commodityClosure(id),
    ),
    property: opts.property,
    saidBy: resolveEach(index, '--said-by', opts.saidBy, ['person', 'organization'], (id) =>
      speakersFor([...index.ofKind('organization'), ...index.ofKind('person')], id),
    ),
    modalities: opts.modality,
    where: opts.where?.map(parseWhere),
    kinds: opts.kind,
  };
  // only the records that can hold such claims are read
  const pool = index.narrow({
    ids: filter.about,
    kinds: filter.kinds,
    commodities: filter.commodities,
    properties: filter.property,
    sources: filter.source,
    saidBy: filter.saidBy,
  });
  const rows = filterClaims(flattenClaims(pool), filter);
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

export const facts: CommandEntry = {
  names: ['facts'],
  group: 'Query:',
  outputs: {
    facts: jsonOutput(
      'minerals facts --json',
      'one object per claim that passes the filters; --fields can also name id, kind, name, value, base_value, source, said_by and quotes',
      async () => (await import('../schema/output-reports.js')).FactRow,
    ),
  },
  register: (program, kit) => {
    const cmd = kit.output(
      program
        .command('facts')
        .description('list every claim: record, property, value, when, and the sources that say so')
        .option(
          '--about <record>',
          'claims about a record of any kind (id, name, alias or symbol; repeatable)',
          commaList(),
        )
        .option('--source <source>', 'claims cited from a source (repeatable)', commaList())
        .option(
          '--metal <commodity>',
          'claims about a commodity or any member of a group (repeatable)',
          commaList(),
        )
        .option(
          '--property <property>',
          'claims of a property (reserves, investment, status, ...; repeatable)',
          choices('--property', PROPERTY_NAMES),
        )
        .option(
          '--said-by <speaker>',
          "claims a person or organization is quoted as saying (an organization's people included; repeatable)",
          commaList(),
        )
        .option(
          '--modality <modality>',
          `claims of a modality (repeatable): ${MODALITIES.join(', ')}`,
          choices('--modality', MODALITIES),
        )
        .option(
          '--kind <kind>',
          `claims on records of a kind (repeatable): ${KINDS.join(', ')}`,
          choices('--kind', KINDS),
        )
        .option(
          '--where <condition>',
          `claims ${WHERE_HELP}`,
          collect((v) => {
            parseWhere(v);
          }),
        ),
    );
    kit.examples(cmd, [
      'minerals facts --about karabas --cite',
      'minerals facts --metal rare-earths --property contained-metal',
      'minerals facts --said-by alzhanova --json | jq -r \'.[] | "\\(.about.id) \\(.property)"\'',
    ]);
    cmd.action(async (opts: FactsOptions, c: Command) =>
      kit.setExit(await factsCommand(kit.context(c), opts)),
    );
  },
};
