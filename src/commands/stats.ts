// `minerals stats`: what the fact base holds, in a few small sections (render/stats.ts); --json
// gives one object (the `Stats` shape of query/stats.ts).
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT } from '../errors.js';
import { baseStats } from '../query/stats.js';
import { safeJson, sanitize } from '../util/sanitize.js';
import { statsSections } from '../render/stats.js';
import { loadWholeBase } from './common.js';
import { type CommandEntry, jsonOutput } from './kit.js';
import { wholeNumber } from './options.js';

interface StatsOptions {
  top?: number;
}

const DEFAULT_TOP = 10;

async function statsCommand(ctx: Context, opts: StatsOptions): Promise<number> {
  const top = opts.top ?? DEFAULT_TOP;
  const { index, records, texts, files } = await loadWholeBase(ctx);
  const { coverageOf, coverageSummaries } = await import('../query/coverage.js');
  const stats = baseStats([...index.byId.values()], coverageSummaries(coverageOf(records, texts)), {
    files,
    texts: texts.size,
  });
  if (ctx.json) {
    ctx.io.out(`${safeJson(stats, ctx.io.stdoutIsTTY ? 2 : undefined)}\n`);
    return EXIT.ok;
  }
  const out = statsSections(stats, top).map((sec) =>
    [ctx.chalk.bold(sec.title), ...sec.lines.map((l) => sanitize(l))].join('\n'),
  );
  ctx.io.out(`${out.join('\n\n')}\n`);
  return EXIT.ok;
}

export const stats: CommandEntry = {
  names: ['stats'],
  group: 'Explore:',
  outputs: {
    stats: jsonOutput(
      'minerals stats --json',
      'one object: totals, records by kind, claims and citations by source with coverage, claims by property',
      async () => (await import('../schema/output-reports.js')).Stats,
      { list: false, fields: false },
    ),
  },
  register: (program, kit) => {
    const cmd = program
      .command('stats')
      .description(
        'what the fact base holds: records by kind, claims and citations by source, coverage, top properties',
      )
      .option(
        '--top <n>',
        `table: how many properties to list (0 for all; default ${DEFAULT_TOP})`,
        wholeNumber('--top'),
      );
    kit.examples(cmd, [
      'minerals stats',
      'minerals stats --top 0',
      "minerals stats --json | jq '.kinds'",
    ]);
    cmd.action(async (opts: StatsOptions, c: Command) =>
      kit.setExit(await statsCommand(kit.context(c), opts)),
    );
  },
};
