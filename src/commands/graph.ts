// `minerals graph`: the relationships between records as Mermaid, Graphviz DOT or JSON.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import { resolveOption } from '../query/filters.js';
import { buildGraph } from '../query/graph.js';
import { GRAPH_FORMATS, GRAPH_RENDERERS, type GraphFormat } from '../render/graph.js';
import { KINDS } from '../schema/vocab.js';
import { openBaseIndex } from './common.js';
import { type CommandEntry, jsonOutput } from './kit.js';
import { choice, wholeNumber } from './options.js';

interface GraphCommandOptions {
  about?: string;
  depth?: number;
  format?: GraphFormat;
  commodities?: boolean;
}

async function graphCommand(ctx: Context, opts: GraphCommandOptions): Promise<number> {
  const format = opts.format ?? (ctx.json ? 'json' : 'mermaid');
  const { depth } = opts;
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

export const graph: CommandEntry = {
  names: ['graph'],
  group: 'Pictures:',
  outputs: {
    graph: jsonOutput(
      'minerals graph --json',
      'one object: the records (nodes; sources are never nodes) and the links their fields state (edges), for the whole base or within --depth steps of --about',
      async () => (await import('../schema/output-reports.js')).Graph,
      { list: false, fields: false },
    ),
  },
  register: (program, kit) => {
    const cmd = program
      .command('graph')
      .description(
        'the relationships between records (parties, operators, owners, partners, roles, places) as Mermaid, DOT or JSON',
      )
      .option('--about <record>', 'only the records around this one (id, name or alias)')
      .option(
        '--depth <n>',
        'with --about: how many links away to go (default 1)',
        wholeNumber('--depth'),
      )
      .option(
        '--format <format>',
        'mermaid (default), dot or json (--json is short for --format json)',
        choice('--format', GRAPH_FORMATS),
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
  },
};
