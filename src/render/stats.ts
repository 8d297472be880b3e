// The table output of `minerals stats`: a few small sections of aligned lines. Pure.
import type { Share, Stats } from '../query/stats.js';

/** The sections of the table output, as lines (no colour: the caller styles the titles). */
export function statsSections(s: Stats, top: number): Array<{ title: string; lines: string[] }> {
  const pairs = (rows: Array<[string, number]>) => {
    const w = Math.max(0, ...rows.map(([k]) => k.length));
    const n = Math.max(0, ...rows.map(([, v]) => String(v).length));
    return rows.map(([k, v]) => `  ${k.padEnd(w)}  ${String(v).padStart(n)}`);
  };
  const pct = (x: Share | undefined) => (x === undefined ? '-' : `${x.percent.toFixed(1)}%`);
  const srcW = Math.max(6, ...s.sources.map((x) => x.id.length));
  const sourceLines = [
    `  ${'SOURCE'.padEnd(srcW)}  CLAIMS  CITATIONS  SENTENCES  FIGURES`,
    ...s.sources.map(
      (x) =>
        `  ${x.id.padEnd(srcW)}  ${String(x.claims).padStart(6)}  ${String(x.citations).padStart(9)}  ${pct(x.coverage?.sentences).padStart(9)}  ${pct(x.coverage?.figures).padStart(7)}`,
    ),
  ];
  const shown = top === 0 ? s.properties : s.properties.slice(0, top);
  return [
    { title: 'Records by kind', lines: pairs(Object.entries(s.kinds)) },
    { title: 'Sources: claims, citations and coverage', lines: sourceLines },
    {
      title:
        shown.length < s.properties.length
          ? `Claims by property (top ${shown.length} of ${s.properties.length})`
          : `Claims by property (${s.properties.length})`,
      lines: pairs(shown.map((p) => [p.property, p.claims])),
    },
    { title: 'Totals', lines: pairs(Object.entries(s.totals)) },
  ];
}
