// A graph as text for other tools: Mermaid (GitHub renders it in Markdown), Graphviz DOT, JSON.
// Names and role titles are data: every label is escaped for the target language, after control
// characters are made visible, so no name can end a label, start an edge or reach a terminal raw.
import type { Graph, GraphNode } from '../query/graph.js';
import { KIND_INFO, type KindStyle } from '../schema/kinds.js';
import { KINDS, type Kind } from '../schema/vocab.js';
import { safeJson, sanitize } from '../util/sanitize.js';

export const GRAPH_FORMATS = ['mermaid', 'dot', 'json'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** One style per kind, from the kind registry. */
export const KIND_STYLES = Object.fromEntries(KINDS.map((k) => [k, KIND_INFO[k].style])) as Record<
  Kind,
  KindStyle
>;

/**
 * Mermaid label text: inside double quotes, with every character that could end the string, open
 * markup or HTML, or complete an arrow (`-->`) written as a `#code;` entity, which Mermaid decodes for display.
 */
export function mermaidText(text: string): string {
  return sanitize(text).replace(/["#&<>`|[\]{}\\]/g, (ch) => `#${ch.codePointAt(0)};`);
}

/** A Mermaid node id: ids are kebab slugs, and `n_` keeps words like `end` from being keywords. */
const mermaidId = (id: string) => `n_${id.replace(/[^A-Za-z0-9]/g, '_')}`;

export function renderMermaid(g: Graph): string {
  const kinds = [...new Set(g.nodes.map((n) => n.kind))];
  const node = (n: GraphNode) => {
    const s = KIND_STYLES[n.kind];
    return `  ${mermaidId(n.id)}${s.open}${mermaidText(n.name)}${s.close}:::${n.kind}`;
  };
  return `${[
    'flowchart LR',
    ...kinds.map(
      (k) =>
        `  classDef ${k} fill:${KIND_STYLES[k].fill},stroke:${KIND_STYLES[k].stroke},color:#111827`,
    ),
    ...g.nodes.map(node),
    ...g.edges.map(
      (e) => `  ${mermaidId(e.from)} -->|"${mermaidText(e.label)}"| ${mermaidId(e.to)}`,
    ),
  ].join('\n')}\n`;
}

/**
 * A DOT quoted string: backslash and double quote escaped, and `&` written as `&amp;` because
 * Graphviz decodes HTML entities in labels; controls already made visible.
 */
export const dotString = (text: string) =>
  `"${sanitize(text).replace(/[\\"&]/g, (ch) => (ch === '&' ? '&amp;' : `\\${ch}`))}"`;

export function renderDot(g: Graph): string {
  return `${[
    'digraph minerals {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=10, style=filled];',
    '  edge [fontname="Helvetica", fontsize=9, color="#6b7280"];',
    ...g.nodes.map((n) => {
      const s = KIND_STYLES[n.kind];
      return `  ${dotString(n.id)} [label=${dotString(n.name)}, shape=${s.shape}, fillcolor="${s.fill}", color="${s.stroke}"];`;
    }),
    ...g.edges.map(
      (e) => `  ${dotString(e.from)} -> ${dotString(e.to)} [label=${dotString(e.label)}];`,
    ),
    '}',
  ].join('\n')}\n`;
}

export const GRAPH_RENDERERS: Record<GraphFormat, (g: Graph) => string> = {
  mermaid: renderMermaid,
  dot: renderDot,
  json: (g) => `${safeJson(g, 2)}\n`,
};
