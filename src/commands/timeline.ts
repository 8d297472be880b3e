// `minerals timeline`: every dated claim and record date, in date order.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import type { FactIndex } from '../query/facts.js';
import {
  datePhrase,
  filterTimeline,
  isInferred,
  modalityOf,
  timelineItems,
  type TimelineItem,
} from '../query/timeline.js';
import { citationJson, claimJson, dateJson } from '../query/values.js';
import type { Field } from '../render/output.js';
import { KINDS } from '../schema/vocab.js';
import { firstDay, isoDateProblem, lastDay } from '../schema/dates.js';
import type { Registrar } from './kit.js';
import { openBaseIndex, printList, resolveOption, type OutputOptions } from './query.js';

export interface TimelineOptions extends OutputOptions {
  from?: string;
  to?: string;
  about?: string;
  metal?: string;
}

export function timelineFields(index: FactIndex): Field<TimelineItem>[] {
  return [
    {
      name: 'date',
      value: (it) => dateJson(it.date),
      text: (it) => datePhrase(it.date),
      table: true,
    },
    { name: 'start', value: (it) => it.span.start },
    { name: 'end', value: (it) => it.span.end },
    { name: 'modality', value: (it) => modalityOf(it.date), table: true },
    {
      name: 'inferred',
      value: (it) => isInferred(it.date),
      text: (it) => (isInferred(it.date) ? 'yes' : ''),
      table: true,
    },
    { name: 'record', value: (it) => it.record.id, table: true },
    { name: 'name', value: (it) => it.record.name, table: true },
    { name: 'kind', value: (it) => it.record.kind },
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

/** An ISO date prefix given to --from or --to; a usage error (exit 2) otherwise. */
export function dateOption(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const problem = isoDateProblem(value);
  if (problem === 'date-format')
    throw new UserError(
      `${option} takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not ${JSON.stringify(value)}`,
    );
  if (problem === 'date-invalid')
    throw new UserError(`${option}: ${JSON.stringify(value)} is not a calendar date`);
  return value;
}

export async function timelineCommand(ctx: Context, opts: TimelineOptions): Promise<number> {
  const from = dateOption('--from', opts.from);
  const to = dateOption('--to', opts.to);
  if (from !== undefined && to !== undefined && firstDay(from) > lastDay(to))
    throw new UserError(`--from ${from} is after --to ${to}`);
  const index = await openBaseIndex(ctx);
  const about =
    opts.about === undefined ? undefined : resolveOption(index, '--about', opts.about, KINDS);
  const metals =
    opts.metal === undefined
      ? undefined
      : index.commodityClosure(resolveOption(index, '--metal', opts.metal, ['commodity']));
  const rows = filterTimeline(timelineItems(index), { from, to, about, metals });
  return printList(ctx, rows, timelineFields(index), opts, (it) => it.citations);
}

export const registerTimeline: Registrar = (program, kit) => {
  const cmd = kit.output(
    program
      .command('timeline')
      .description(
        'every dated claim and event in date order: what happened, was planned or is expected, and when',
      )
      .option(
        '--from <date>',
        'items whose dates overlap this date or later (YYYY, YYYY-MM or YYYY-MM-DD)',
      )
      .option('--to <date>', 'items whose dates overlap this date or earlier')
      .option(
        '--about <record>',
        'items on a record, naming it, or on records it takes part in (id, name or alias)',
      )
      .option('--metal <commodity>', 'items about a commodity or any member of a group'),
  );
  kit.examples(cmd, [
    'minerals timeline --from 2025 --to 2026',
    'minerals timeline --about erg-gallium',
    'minerals timeline --metal gallium --json | jq -r \'.[] | "\\(.start) \\(.record) \\(.property)"\'',
  ]);
  cmd.action(async (opts: TimelineOptions, c: Command) =>
    kit.setExit(await timelineCommand(kit.context(c), opts)),
  );
};
