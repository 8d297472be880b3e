// `minerals timeline`: every dated claim and record date, in date order.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { resolveEach } from '../query/filters.js';
import { filterTimeline, timelineItems } from '../query/timeline.js';
import { timelineFields } from '../render/fields.js';
import { firstDay, lastDay } from '../schema/dates.js';
import {
  DATE_ORIGINS,
  type DateOrigin,
  KINDS,
  type Kind,
  MODALITIES,
  type Modality,
} from '../schema/vocab.js';
import { openBaseIndex, type OutputOptions, printList } from './common.js';
import { type CommandEntry, jsonOutput } from './kit.js';
import { choices, commaList, isoDate } from './options.js';

interface TimelineOptions extends OutputOptions {
  from?: string;
  to?: string;
  about?: string[];
  metal?: string[];
  modality?: Modality[];
  /** --inferred: only dates read from context; --no-inferred: only dates the text states. */
  inferred?: boolean;
  kind?: Kind[];
  origin?: DateOrigin[];
}

async function timelineCommand(ctx: Context, opts: TimelineOptions): Promise<number> {
  const { from, to } = opts;
  if (from !== undefined && to !== undefined && firstDay(from) > lastDay(to))
    throw new UserError(`--from ${from} is after --to ${to}`);
  const index = await openBaseIndex(ctx);
  const about = resolveEach(index, '--about', opts.about, KINDS);
  const metals = resolveEach(index, '--metal', opts.metal, ['commodity'], (id) =>
    index.commodityClosure(id),
  );
  // only the records that can have such items are read
  const pool = index.narrow({ mentions: about, commodities: metals, kinds: opts.kind });
  const rows = filterTimeline(timelineItems(index, pool), {
    from,
    to,
    about: about === undefined ? undefined : [...about],
    metals,
    modalities: opts.modality,
    inferred: opts.inferred,
    kinds: opts.kind,
    origins: opts.origin,
  });
  return printList(ctx, rows, timelineFields(index), opts, (it) => it.citations);
}

export const timeline: CommandEntry = {
  names: ['timeline'],
  group: 'Explore:',
  outputs: {
    timeline: jsonOutput(
      'minerals timeline --json',
      'one object per dated item, in date order',
      async () => (await import('../schema/output-reports.js')).TimelineRow,
    ),
  },
  register: (program, kit) => {
    const cmd = kit.output(
      program
        .command('timeline')
        .description(
          'every dated claim and event in date order: what happened, was planned or is expected, and when',
        )
        .option(
          '--from <date>',
          'items whose dates overlap this date or later (YYYY, YYYY-MM or YYYY-MM-DD)',
          isoDate('--from'),
        )
        .option('--to <date>', 'items whose dates overlap this date or earlier', isoDate('--to'))
        .option(
          '--about <record>',
          'items on a record, naming it, or on records it takes part in (id, name or alias; repeatable)',
          commaList(),
        )
        .option(
          '--metal <commodity>',
          'items about a commodity or any member of a group (repeatable)',
          commaList(),
        )
        .option(
          '--kind <kind>',
          `items on records of a kind (repeatable): ${KINDS.join(', ')}`,
          choices('--kind', KINDS),
        )
        .option(
          '--origin <origin>',
          `items whose date is in (repeatable): ${DATE_ORIGINS.join(', ')}`,
          choices('--origin', DATE_ORIGINS),
        )
        .option('--inferred', 'only dates read from context (marked inferred)')
        .option('--no-inferred', 'only dates the texts state')
        .option(
          '--modality <modality>',
          `items of a modality (repeatable): ${MODALITIES.join(', ')}`,
          choices('--modality', MODALITIES),
        ),
    );
    kit.examples(cmd, [
      'minerals timeline --from 2025 --to 2026',
      'minerals timeline --about erg-gallium',
      'minerals timeline --metal gallium --json | jq -r \'.[] | "\\(.start) \\(.about.id) \\(.property)"\'',
    ]);
    cmd.action(async (opts: TimelineOptions, c: Command) =>
      kit.setExit(await timelineCommand(kit.context(c), opts)),
    );
  },
};
