// `minerals facts`: every claim in the base as one flat list, filtered by record, source,
// commodity, property and speaker. JSON rows are `{about, ...claimJson}` (render/fields.ts).
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { filterClaims, flattenClaims, speakersFor } from '../query/claims.js';
import { resolveOption } from '../query/filters.js';
import { FACT_JSON_FIELDS, factFields } from '../render/fields.js';
import { MODALITIES, type Modality, PROPERTY_NAMES, type Property } from '../schema/vocab.js';
import { closest } from '../util/suggest.js';
import { formatOf, openBaseIndex, type OutputOptions, printList } from './common.js';
import { type CommandEntry, jsonOutput } from './kit.js';
import { choices } from './options.js';

interface FactsOptions extends OutputOptions {
  about?: string;
  source?: string;
  metal?: string;
  property?: Property;
  saidBy?: string;
  modality?: Modality[];
}

/** A --property value: one of the properties, or a usage error naming the closest ones. */
function property(value: string): Property {
  if ((PROPERTY_NAMES as readonly string[]).includes(value)) return value as Property;
  const near = closest(value, PROPERTY_NAMES, 3);
  throw new UserError(
    `--property: no property ${JSON.stringify(value)}${near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : ''}; properties: ${PROPERTY_NAMES.join(', ')}`,
  );
}

const MACHINE = new Set(['json', 'ndjson', 'yaml']);

async function factsCommand(ctx: Context, opts: FactsOptions): Promise<number> {
  const format = formatOf(ctx, opts);
  const index = await openBaseIndex(ctx);
  const id = (
    option: string,
    value: string | undefined,
    kinds?: Parameters<typeof resolveOption>[3],
  ) => (value === undefined ? undefined : resolveOption(index, option, value, kinds));
  const metal = id('--metal', opts.metal, ['commodity']);
  const speaker = id('--said-by', opts.saidBy, ['person', 'organization']);
  const rows = filterClaims(flattenClaims(index.byId.values()), {
    about: id('--about', opts.about),
    source: id('--source', opts.source, ['source']),
    commodities: metal === undefined ? undefined : index.commodityClosure(metal),
    property: opts.property,
    saidBy: speaker === undefined ? undefined : speakersFor(index.byId.values(), speaker),
    modalities: opts.modality,
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
          'claims about one record of any kind (id, name, alias or symbol)',
        )
        .option('--source <source>', 'claims cited from a source')
        .option('--metal <commodity>', 'claims about a commodity or any member of a group')
        .option(
          '--property <property>',
          'claims of one property (reserves, investment, status, ...)',
          property,
        )
        .option(
          '--said-by <speaker>',
          "claims a person or organization is quoted as saying (an organization's people included)",
        )
        .option(
          '--modality <modality>',
          `claims of a modality (repeatable): ${MODALITIES.join(', ')}`,
          choices('--modality', MODALITIES),
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
