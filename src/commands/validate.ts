// `minerals validate`: every problem in the fact base, located, in one run.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { type Diagnostic, exitCodeFor, formatDiagnostic, toJson } from '../diagnostics.js';
import { displayPath } from '../util/display.js';
import { openBase } from '../pipeline/open.js';
import { citationsOf } from '../schema/refs.js';
import { safeJson } from '../util/sanitize.js';
import { openOptions } from './common.js';
import { type CommandEntry, jsonOutput } from './kit.js';

async function validateCommand(ctx: Context, opts: { strict?: boolean }): Promise<number> {
  const { base, diagnostics: diags } = await openBase(openOptions(ctx), 'check');
  const code = exitCodeFor(diags, opts.strict === true);
  if (ctx.json) {
    ctx.io.out(`${safeJson(diags.map(toJson), ctx.io.stdoutIsTTY ? 2 : undefined)}\n`);
    return code;
  }
  const paint = (s: string, sev: Diagnostic['severity']) =>
    sev === 'error' ? ctx.chalk.red.bold(s) : ctx.chalk.yellow.bold(s);
  if (diags.length > 0) ctx.io.out(`${diags.map((d) => formatDiagnostic(d, paint)).join('\n')}\n`);
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.length - errors;
  const quotes = base.records.reduce((n, r) => n + [...citationsOf(r.record)].length, 0);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (base.files.length === 0 && diags.length === 0)
    ctx.io.err(
      `minerals: no data files (*.yaml, *.yml) in ${displayPath(base.dataDir, ctx.io.cwd)}\n`,
    );
  if (diags.length > 0 || ctx.io.stderrIsTTY)
    ctx.io.err(
      `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(base.files.length, 'file')}` +
        ` (${plural(base.records.length, 'record')}, ${plural(quotes, 'citation')})\n`,
    );
  return code;
}

export const validate: CommandEntry = {
  names: ['validate'],
  group: 'Check the data:',
  outputs: {
    validate: jsonOutput(
      'minerals validate --json',
      'every problem in the fact base, by file and position (an empty array when it is clean)',
      async () => (await import('../schema/output-reports.js')).DiagnosticRow,
      { fields: false },
    ),
  },
  register: (program, kit) => {
    const cmd = program
      .command('validate')
      .description('check every data file: schema, ids, references, quotes, bounds, units, dates')
      .option('--strict', 'treat warnings as errors');
    kit.examples(cmd, [
      'minerals validate',
      'minerals validate --strict --data ./my-base',
      'minerals validate --json | jq -r \'.[] | "\\(.file):\\(.line): \\(.code)"\'',
    ]);
    cmd.action(async (opts: { strict?: boolean }, c: Command) =>
      kit.setExit(await validateCommand(kit.context(c), opts)),
    );
  },
};
