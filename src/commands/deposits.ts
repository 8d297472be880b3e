// `minerals deposits` and `minerals deposit show ID`.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import type { Registrar } from './kit.js';
import type { FactIndex } from '../query/facts.js';
import { claimValueText, recordJson } from '../query/values.js';
import type { Field } from '../render/output.js';
import type { RecordOf } from '../schema/index.js';
import { DEPOSIT_STATUSES } from '../schema/vocab.js';
import { UserError } from '../errors.js';
import { openBaseIndex, printList, resolveOption, type OutputOptions } from './query.js';

export interface DepositFilters extends OutputOptions {
  metal?: string;
  country?: string;
  region?: string;
  status?: string;
  operator?: string;
}

type Deposit = RecordOf<'deposit'>;
const FIGURES = new Set(['contained-metal', 'reserves', 'resources', 'ore']);

const nameOf = (index: FactIndex, id: string | undefined) =>
  id === undefined ? '' : (index.get(id)?.name ?? id);

export function depositFields(index: FactIndex): Field<Deposit>[] {
  return [
    { name: 'id', value: (d) => d.id, table: true },
    { name: 'name', value: (d) => d.name, table: true },
    {
      name: 'country',
      value: (d) => d.country ?? null,
      text: (d) => nameOf(index, d.country),
      table: true,
    },
    { name: 'region', value: (d) => d.region ?? null, text: (d) => nameOf(index, d.region) },
    { name: 'status', value: (d) => d.status, table: true },
    {
      name: 'commodities',
      value: (d) => d.commodities,
      text: (d) => d.commodities.join(', '),
      table: true,
    },
    { name: 'operator', value: (d) => d.operator ?? null, text: (d) => nameOf(index, d.operator) },
    {
      name: 'figures',
      value: (d) =>
        (d.claims ?? [])
          .filter((c) => FIGURES.has(c.property))
          .map(
            (c) =>
              `${c.property}${c.commodity ? ` ${c.commodity}` : ''}: ${claimValueText(c, index)}`,
          ),
      text: (d) =>
        (d.claims ?? [])
          .filter((c) => FIGURES.has(c.property))
          .map(
            (c) =>
              `${claimValueText(c, index)}${c.commodity && c.property !== 'ore' ? ` ${c.commodity}` : ''}`,
          )
          .join('; '),
      table: true,
    },
    { name: 'claims', value: (d) => recordJson(d, index).claims },
    {
      name: 'sources',
      value: (d) => [...new Set((d.claims ?? []).flatMap((c) => c.citations.map((x) => x.source)))],
    },
  ];
}

export async function depositsCommand(ctx: Context, opts: DepositFilters): Promise<number> {
  const index = await openBaseIndex(ctx);
  if (opts.status !== undefined && !(DEPOSIT_STATUSES as readonly string[]).includes(opts.status))
    throw new UserError(
      `--status must be one of ${DEPOSIT_STATUSES.join(', ')}, not ${JSON.stringify(opts.status)}`,
    );
  const metals =
    opts.metal === undefined
      ? undefined
      : index.commodityClosure(resolveOption(index, '--metal', opts.metal, ['commodity']));
  const country =
    opts.country === undefined
      ? undefined
      : resolveOption(index, '--country', opts.country, ['country']);
  const places =
    opts.region === undefined
      ? undefined
      : index.placeClosure(resolveOption(index, '--region', opts.region, ['region', 'country']));
  const operator =
    opts.operator === undefined
      ? undefined
      : resolveOption(index, '--operator', opts.operator, ['organization']);
  const rows = (
    metals === undefined ? index.ofKind('deposit') : index.ofKindNaming('deposit', metals)
  ).filter(
    (d) =>
      (country === undefined ||
        d.country === country ||
        (d.region !== undefined && index.placeClosure(country).has(d.region))) &&
      (places === undefined ||
        (d.region !== undefined && places.has(d.region)) ||
        (d.country !== undefined && places.has(d.country))) &&
      (opts.status === undefined || d.status === opts.status) &&
      (operator === undefined || d.operator === operator || (d.owners ?? []).includes(operator)),
  );
  return printList(ctx, rows, depositFields(index), opts, (d) =>
    (d.claims ?? []).filter((c) => FIGURES.has(c.property)).flatMap((c) => c.citations),
  );
}

export const registerDeposits: Registrar = (program, kit) => {
  const cmd = kit.output(
    program
      .command('deposits')
      .description('list deposits: where, what, how much, what status, who says so')
      .option(
        '--metal <commodity>',
        'deposits of a commodity or any member of a group (id, name, alias or symbol)',
      )
      .option('--country <country>', 'deposits in a country')
      .option('--region <region>', 'deposits in a region or any region inside it')
      .option('--status <status>', `development status: ${DEPOSIT_STATUSES.join(', ')}`)
      .option('--operator <organization>', 'deposits an organization operates or owns'),
  );
  kit.examples(cmd, [
    'minerals deposits --metal copper',
    'minerals deposits --metal rare-earths --format csv',
    "minerals deposits --json | jq -r '.[].name'",
  ]);
  cmd.action(async (opts: DepositFilters, c: Command) =>
    kit.setExit(await depositsCommand(kit.context(c), opts)),
  );
};
