// The table output of `minerals coverage`: a line per source, then each source's uncovered
// sentences and figures with their lines. Pure.
import type { ChalkInstance } from 'chalk';
import type { CoverageRow } from '../query/coverage.js';
import { sanitize } from '../util/sanitize.js';

export function coverageText(rows: readonly CoverageRow[], chalk: ChalkInstance): string {
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
  return `${out.join('\n')}\n`;
}
