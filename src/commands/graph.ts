// `minerals graph`: the relationships between records as Mermaid, Graphviz DOT or JSON.
// The loader (and with it zod and yaml) is imported when the command runs, not at start-up.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import { buildGraph } from '../query/graph.js';
import { GRAPH_FORMATS, GRAPH_RENDERERS, type GraphFormat } from '../render/graph.js';
import { KINDS } from '../schema/vocab.js';
import type { Registrar } from './kit.js';
import { openBaseIndex, resolveOption } from './query.js';

export interface GraphCommandOptions {
  about?: string;
  depth?: string;
  format?: string;
  commodities?: boolean;
}

export function graphFormat(ctx: Context, format: string | undefined): GraphFormat {
  if (format === undefined) return ctx.json ? 'json' : 'mermaid';
  if (!(GRAPH_FORMATS as readonly string[]).includes(format))
    throw new UserError(
      `--format must be one of ${GRAPH_FORMATS.join(', ')}, not ${JSON.stringify(format)}`,
    );
  return format as GraphFormat;
}

export function depthOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UserError(`--depth takes a whole number, not ${JSON.stringify(value)}`);
  return Number(value);
}

export async function graphCommand(ctx: Context, opts: GraphCommandOptions): Promise<number> {
  const format = graphFormat(ctx, opts.format);
  const depth = depthOption(opts.depth);
  if (depth !== undefined && opts.about === undefined)
    throw new UserError('--depth needs --about (without it the graph is the whole base)');
  const index = await openBaseIndex(ctx);
  const about =
    opts.about === undefined ? undefined : resolveOption(index, '--about', opts.about, KINDS);
  if (about !== undefined && index.get(about)?.kind === 'source')
    throw new UserError(
      `--about: ${JSON.stringify(about)} is a source; the graph shows the records sources speak of, not the sources`,
      EXIT.usage,
    );
  const graph = buildGraph(index, { about, depth, commodities: opts.commodities === true });
  ctx.io.out(GRAPH_RENDERERS[format](graph));
  return EXIT.ok;
}

export const registerGraph: Registrar = (program, kit) => {
  const cmd = program
    .command('graph')
    .description(
      'the relationships between records (parties, operators, owners, partners, roles, places) as Mermaid, DOT or JSON',
    )
    .option('--about <record>', 'only the records around this one (id, name or alias)')
    .option('--depth <n>', 'with --about: how many links away to go (default 1)')
    .option(
      '--format <format>',
      'mermaid (default), dot or json (--json is short for --format json)',
    )
    .option(
      '--commodities',
      'include commodities and the links to them (left out by default to keep pictures readable)',
    );
  kit.examples(cmd, [
    'minerals graph --about erg --depth 1',
    'minerals graph --format dot | dot -Tsvg > minerals.svg',
    'minerals graph --json | jq \'.edges[] | select(.label == "operator")\'',
  ]);
  cmd.action(async (opts: GraphCommandOptions, c: Command) =>
    kit.setExit(await graphCommand(kit.context(c), opts)),
  );
};
