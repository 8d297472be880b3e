// The table output of `minerals coverage`: a line per source (sentences covered, figures quoted,
// figures structured), then body rule texts that were not found, and with `uncovered` each
// source's to-do list: sentences not quoted, figures not quoted, figures quoted but not held as
// values, line by line. Pure.
import type { ChalkInstance } from 'chalk';
import type { CoverageRow } from '../query/coverage.js';
import { sanitize } from '../util/sanitize.js';

type Unstructured = CoverageRow['figures']['unstructured'][number];

/** Why a quoted figure is not structured, as the to-do list says it. */
const REASONS: Record<Unstructured['reason'], string> = {
  'relative-date': 'relative date, not resolved',
  'value-differs': 'a claim holds another value',
  'no-quantity': 'no quantity claim',
  'no-date': 'no date claim',
};

export function coverageText(
  rows: readonly CoverageRow[],
  chalk: ChalkInstance,
  opts: { uncovered?: boolean } = {},
): string {
  const width = Math.max(6, ...rows.map((r) => r.source.length));
  const frac = (a: number, b: number, p: number) =>
    `${`${a}/${b}`.padStart(7)} ${`${p.toFixed(1)}%`.padStart(6)}`;
  const out: string[] = [
    `${'SOURCE'.padEnd(width)}  ${'SENTENCES'.padStart(14)}  ${'QUOTED'.padStart(14)}  ${'STRUCTURED'.padStart(14)}  NO-FACT`,
  ];
  for (const { source, sentences: s, figures: f } of rows)
    out.push(
      `${sanitize(source).padEnd(width)}  ${frac(s.covered, s.total, s.percent)}  ${frac(
        f.quoted,
        f.total,
        f.percent_quoted,
      )}  ${frac(f.structured, f.total, f.percent_structured)}  ${String(s.no_fact).padStart(7)}`,
    );
  for (const r of rows) {
    const todo: Array<{ line: number; text: string }> = [];
    if (opts.uncovered) {
      const at = (line: number) => `${sanitize(r.file)}:${line}:`;
      const figure = (f: { text: string; sentence: string }) =>
        `${chalk.yellow(sanitize(f.text))} in "${sanitize(f.sentence)}"`;
      for (const s of r.sentences.uncovered)
        todo.push({ line: s.line, text: `${at(s.line)} sentence not quoted: ${sanitize(s.text)}` });
      for (const f of r.figures.unquoted) {
        const kind = f.kind === 'relative-date' ? ' (relative date)' : '';
        todo.push({ line: f.line, text: `${at(f.line)} figure not quoted${kind}: ${figure(f)}` });
      }
      for (const f of r.figures.unstructured)
        todo.push({
          line: f.line,
          text: `${at(f.line)} figure not structured (${REASONS[f.reason]}): ${figure(f)}`,
        });
      todo.sort((a, b) => a.line - b.line); // stable: on one line sentences, then figures
    }
    if (r.unmatched.length + todo.length === 0) continue;
    out.push('', chalk.bold(`${sanitize(r.source)} (${sanitize(r.file)})`));
    for (const u of r.unmatched) out.push(`  ${chalk.red('rule text not found:')} ${sanitize(u)}`);
    for (const t of todo) out.push(`  ${t.text}`);
  }
  return `${out.join('\n')}\n`;
}
