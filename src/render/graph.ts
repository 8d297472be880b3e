// A graph as text for other tools: Mermaid (GitHub renders it in Markdown), Graphviz DOT, JSON.
// Names and role titles are data: every label is escaped for the target language, after control
// characters are made visible, so no name can end a label, start an edge or reach a terminal raw.
import type { Graph, GraphNode } from '../query/graph.js';
import type { Kind } from '../schema/index.js';
import { safeJson, sanitize } from './sanitize.js';

export const GRAPH_FORMATS = ['mermaid', 'dot', 'json'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

interface KindStyle {
  /** Mermaid shape: the text goes between open and close. */
  open: string;
  close: string;
  /** Graphviz shape. */
  shape: string;
  fill: string;
  stroke: string;
}

/** One style per kind: a new kind without a style is a type error. */
export const KIND_STYLES = {
  source: { open: '["', close: '"]', shape: 'note', fill: '#f3f4f6', stroke: '#6b7280' },
  country: { open: '(("', close: '"))', shape: 'doublecircle', fill: '#dcfce7', stroke: '#15803d' },
  region: { open: '("', close: '")', shape: 'ellipse', fill: '#ecfccb', stroke: '#4d7c0f' },
  organization: { open: '["', close: '"]', shape: 'box', fill: '#dbeafe', stroke: '#1d4ed8' },
  person: { open: '(["', close: '"])', shape: 'oval', fill: '#fce7f3', stroke: '#be185d' },
  commodity: { open: '>"', close: '"]', shape: 'diamond', fill: '#f1f5f9', stroke: '#475569' },
  deposit: { open: '[("', close: '")]', shape: 'cylinder', fill: '#fef3c7', stroke: '#b45309' },
  project: { open: '[["', close: '"]]', shape: 'box3d', fill: '#ffedd5', stroke: '#c2410c' },
  deal: { open: '{{"', close: '"}}', shape: 'hexagon', fill: '#ede9fe', stroke: '#6d28d9' },
  policy: { open: '[/"', close: '"/]', shape: 'parallelogram', fill: '#e0f2fe', stroke: '#0369a1' },
} as const satisfies Record<Kind, KindStyle>;

/**
 * Mermaid label text: inside double quotes, with every character that could end the string, open
 * markup or HTML, or complete an arrow (`-->`) written as a `#code;` entity, which Mermaid decodes for display.
 */
export function mermaidText(text: string): string {
  return sanitize(text).replace(/["#&<>`|[\]{}\\]/g, (ch) => `#${ch.codePointAt(0)};`);
}

/** A Mermaid node id: ids are kebab slugs, and `n_` keeps words like `end` from being keywords. */
export const mermaidId = (id: string) => `n_${id.replace(/[^A-Za-z0-9]/g, '_')}`;

export function renderMermaid(g: Graph): string {
  const kinds = [...new Set(g.nodes.map((n) => n.kind))];
  const node = (n: GraphNode) => {
    const s = KIND_STYLES[n.kind];
    return `  ${mermaidId(n.id)}${s.open}${mermaidText(n.name)}${s.close}:::${n.kind}`;
  };
  return (
    [
      'flowchart LR',
      ...kinds.map(
        (k) =>
          `  classDef ${k} fill:${KIND_STYLES[k].fill},stroke:${KIND_STYLES[k].stroke},color:#111827`,
      ),
      ...g.nodes.map(node),
      ...g.edges.map(
        (e) => `  ${mermaidId(e.from)} -->|"${mermaidText(e.label)}"| ${mermaidId(e.to)}`,
      ),
    ].join('\n') + '\n'
  );
}

/**
 * A DOT quoted string: backslash and double quote escaped, and `&` written as `&amp;` because
 * Graphviz decodes HTML entities in labels; controls already made visible.
 */
export const dotString = (text: string) =>
  `"${sanitize(text).replace(/[\\"&]/g, (ch) => (ch === '&' ? '&amp;' : `\\${ch}`))}"`;

export function renderDot(g: Graph): string {
  return (
    [
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
    ].join('\n') + '\n'
  );
}

export const GRAPH_RENDERERS: Record<GraphFormat, (g: Graph) => string> = {
  mermaid: renderMermaid,
  dot: renderDot,
  json: (g) => `${safeJson(g, 2)}\n`,
};
