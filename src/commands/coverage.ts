// `minerals coverage`: per source, the body sentences and figures that claims quote, and the
// figures claims hold as values (query/coverage.ts has the rules); --uncovered lists the rest.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT } from '../errors.js';
import { safeJson } from '../util/sanitize.js';
import { loadWholeBase } from './common.js';
import { type CommandEntry, jsonOutput } from './kit.js';
import { percentage } from './options.js';

interface CoverageOptions {
  failUnder?: number;
  uncovered?: boolean;
}

async function coverageCommand(ctx: Context, opts: CoverageOptions): Promise<number> {
  const { failUnder } = opts;
  const { records, texts } = await loadWholeBase(ctx);
  // loaded on use: figure finding compiles many patterns that no other command needs at start-up
  const [{ coverageOf }, { coverageText }] = await Promise.all([
    import('../query/coverage.js'),
    import('../render/coverage.js'),
  ]);
  const rows = coverageOf(records, texts);
  const below =
    failUnder !== undefined &&
    rows.some((r) => r.sentences.percent < failUnder || r.figures.percent_structured < failUnder);
  const code = below ? EXIT.data : EXIT.ok;
  if (ctx.json) {
    ctx.io.out(`${safeJson(rows, ctx.io.stdoutIsTTY ? 2 : undefined)}\n`);
    return code;
  }
  if (rows.length === 0)
    ctx.io.err('minerals: no sources with a readable text in this fact base\n');
  ctx.io.out(coverageText(rows, ctx.chalk, { uncovered: opts.uncovered === true }));
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
      .description(
        'per source: the body sentences and figures claims quote, and the figures claims hold as values',
      )
      .option(
        '--uncovered',
        'table: list each sentence not quoted and each figure not quoted or not structured, by line',
      )
      .option(
        '--fail-under <percent>',
        'exit 1 when any source covers fewer sentences, or structures fewer figures, than this',
        percentage('--fail-under'),
      );
    kit.examples(cmd, [
      'minerals coverage --uncovered',
      'minerals coverage --fail-under 50',
      "minerals coverage --json | jq '.[] | {source, structured: .figures.percent_structured}'",
    ]);
    cmd.action(async (opts: CoverageOptions, c: Command) =>
      kit.setExit(await coverageCommand(kit.context(c), opts)),
    );
  },
};
