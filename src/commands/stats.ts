// `minerals stats`: what the fact base holds, in a few small sections; --json gives one object
// (the `Stats` shape of query/stats.ts).
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import { coverageOf } from '../query/coverage.js';
import { baseStats, type Share, type Stats } from '../query/stats.js';
import { safeJson, sanitize } from '../render/sanitize.js';
import type { Registrar } from './kit.js';
import { loadWholeBase } from './query.js';

export interface StatsOptions {
  top?: string;
}

const DEFAULT_TOP = 10;

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

export async function statsCommand(ctx: Context, opts: StatsOptions): Promise<number> {
  if (opts.top !== undefined && !/^\d+$/.test(opts.top))
    throw new UserError(`--top takes a whole number, not ${JSON.stringify(opts.top)}`, EXIT.usage);
  const top = opts.top === undefined ? DEFAULT_TOP : Number(opts.top);
  const { index, records, texts, files } = await loadWholeBase(ctx);
  const stats = baseStats([...index.byId.values()], coverageOf(records, texts), {
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

export const registerStats: Registrar = (program, kit) => {
  const cmd = program
    .command('stats')
    .description(
      'what the fact base holds: records by kind, claims and citations by source, coverage, top properties',
    )
    .option('--top <n>', `table: how many properties to list (0 for all; default ${DEFAULT_TOP})`);
  kit.examples(cmd, [
    'minerals stats',
    'minerals stats --top 0',
    "minerals stats --json | jq '.kinds'",
  ]);
  cmd.action(async (opts: StatsOptions, c: Command) =>
    kit.setExit(await statsCommand(kit.context(c), opts)),
  );
};
