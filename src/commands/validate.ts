// `minerals validate`: every problem in the fact base, located, in one run.
import type { Context } from '../context.js';
import { formatDiagnostic, isIoCode, toJson, type Diagnostic } from '../diagnostics.js';
import { EXIT } from '../errors.js';
import { openBase } from '../pipeline/open.js';
import { displayPath } from '../load/display.js';
import { safeJson } from '../render/sanitize.js';
import { openOptions } from './query.js';

export interface ValidateOptions {
  strict?: boolean;
}

export function exitCodeFor(diags: readonly Diagnostic[], strict: boolean): number {
  if (diags.some((d) => d.severity === 'error' && isIoCode(d.code))) return EXIT.usage;
  if (diags.some((d) => d.severity === 'error' || (strict && d.severity === 'warning')))
    return EXIT.data;
  return EXIT.ok;
}

export async function validateCommand(ctx: Context, opts: ValidateOptions): Promise<number> {
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
  const quotes = base.records.reduce((n, r) => n + countCitations(r.record), 0);
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

function countCitations(r: {
  citations?: unknown[];
  claims?: Array<{ citations: unknown[] }>;
  roles?: Array<{ citations?: unknown[] }>;
}): number {
  let n = r.citations?.length ?? 0;
  for (const c of r.claims ?? []) n += c.citations.length;
  for (const role of r.roles ?? []) n += role.citations?.length ?? 0;
  return n;
}
