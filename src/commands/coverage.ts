// `minerals coverage`: per source, the body sentences and figures that no claim quotes.
import type { Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import { openBase } from '../pipeline/open.js';
import { coverageOf } from '../query/coverage.js';
import { safeJson, sanitize } from '../render/sanitize.js';
import { openOptions } from './query.js';

export interface CoverageOptions {
  failUnder?: string;
}

export async function coverageCommand(ctx: Context, opts: CoverageOptions): Promise<number> {
  let failUnder: number | undefined;
  if (opts.failUnder !== undefined) {
    failUnder = Number(opts.failUnder);
    if (!/^\d+(\.\d+)?$/.test(opts.failUnder) || failUnder > 100)
      throw new UserError(
        `--fail-under takes a percentage from 0 to 100, not ${JSON.stringify(opts.failUnder)}`,
      );
  }
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
  const { chalk } = ctx;
  const width = Math.max(6, ...rows.map((r) => r.source.length));
  const frac = (a: number, b: number, p: number) =>
    `${`${a}/${b}`.padStart(7)} ${`${p.toFixed(1)}%`.padStart(6)}`;
  const out: string[] = [
    `${'SOURCE'.padEnd(width)}  ${'SENTENCES'.padStart(14)}  ${'FIGURES'.padStart(14)}  NO-FACT`,
  ];
  for (const r of rows)
    out.push(
      `${sanitize(r.source).padEnd(width)}  ${frac(r.sentences.covered, r.sentences.total, r.sentences.percent)}  ${frac(
        r.figures.covered,
        r.figures.total,
        r.figures.percent,
      )}  ${String(r.sentences.no_fact).padStart(7)}`,
    );
  for (const r of rows) {
    if (r.sentences.uncovered.length + r.figures.uncovered.length + r.unmatched.length === 0)
      continue;
    out.push('', chalk.bold(`${sanitize(r.source)} (${sanitize(r.file)})`));
    for (const u of r.unmatched) out.push(`  ${chalk.red('rule text not found:')} ${sanitize(u)}`);
    for (const s of r.sentences.uncovered)
      out.push(`  ${r.file}:${s.line}: sentence not quoted: ${sanitize(s.text)}`);
    for (const f of r.figures.uncovered)
      out.push(
        `  ${r.file}:${f.line}: figure not quoted: ${chalk.yellow(sanitize(f.text))} in "${sanitize(f.sentence)}"`,
      );
  }
  if (rows.length === 0)
    ctx.io.err('minerals: no sources with a readable text in this fact base\n');
  ctx.io.out(`${out.join('\n')}\n`);
  return code;
}
