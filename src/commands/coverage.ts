// `minerals coverage`: per source, the body sentences and figures that no claim quotes.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT } from '../errors.js';
import { openBase } from '../pipeline/open.js';
import { coverageOf } from '../query/coverage.js';
import { coverageText } from '../render/coverage.js';
import { safeJson } from '../util/sanitize.js';
import { openOptions } from './common.js';
import { type CommandEntry, jsonOutput } from './kit.js';
import { percentage } from './options.js';

async function coverageCommand(ctx: Context, opts: { failUnder?: number }): Promise<number> {
  const { failUnder } = opts;
  const { records, texts } = await openBase(openOptions(ctx), 'texts');
  const rows = coverageOf(records, texts);
  const below =
    failUnder !== undefined &&
    rows.some((r) => r.sentences.percent < failUnder || r.figures.percent < failUnder);
  const code = below ? EXIT.data : EXIT.ok;
  if (ctx.json) {
    ctx.io.out(`${safeJson(rows, ctx.io.stdoutIsTTY ? 2 : undefined)}\n`);
    return code;
  }
  if (rows.length === 0)
    ctx.io.err('minerals: no sources with a readable text in this fact base\n');
  ctx.io.out(coverageText(rows, ctx.chalk));
  return code;
}

export const coverage: CommandEntry = {
  names: ['coverage'],
  group: 'Check the data:',
  outputs: {
    coverage: jsonOutput(
      'minerals coverage --json',
      'one object per source with a readable text, by source id',
      async () => (await import('../schema/output-reports.js')).CoverageRow,
      { fields: false },
    ),
  },
  register: (program, kit) => {
    const cmd = program
      .command('coverage')
      .description('per source: the body sentences and figures that no claim quotes')
      .option(
        '--fail-under <percent>',
        'exit 1 when any source covers fewer sentences or figures than this',
        percentage('--fail-under'),
      );
    kit.examples(cmd, [
      'minerals coverage',
      'minerals coverage --fail-under 100',
      "minerals coverage --json | jq '.[] | {source, figures: .figures.percent}'",
    ]);
    cmd.action(async (opts: { failUnder?: number }, c: Command) =>
      kit.setExit(await coverageCommand(kit.context(c), opts)),
    );
  },
};
