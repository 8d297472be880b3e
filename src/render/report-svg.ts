// The relationship graph as inline SVG for the report, laid out here without any library: one
// column per group of kinds (people, organizations, deals and policies, projects and deposits,
// regions, countries, commodities), nodes ordered inside their column by a few sweeps of the
// barycentre heuristic (each node moves towards the mean position of its neighbours), which
// removes most edge crossings. Deterministic: the same graph always gives the same picture.
import type { Graph, GraphNode } from '../query/graph.js';
import { KIND_INFO, PICTURE_COLUMNS } from '../schema/kinds.js';
import { KINDS } from '../schema/vocab.js';
import { KIND_STYLES } from './graph.js';
import { anchorOf, esc } from './report-html.js';

/** The picture's columns, each with the kinds the registry puts in it. */
const COLUMNS = PICTURE_COLUMNS.map((title) => ({
  title,
  kinds: KINDS.filter((k) => KIND_INFO[k].column === title),
}));

const NODE_W = 168;
const NODE_H = 24;
const V_GAP = 8;
const COL_GAP = 72;
const MARGIN = 16;
const HEADER = 28;
/** Edge labels are drawn on the picture only when there are few edges; otherwise they are tooltips. */
const MAX_DRAWN_LABELS = 30;
const SWEEPS = 8;

interface Placed {
  node: GraphNode;
  col: number;
  x: number;
  y: number;
}

/** At most `max` characters (code points, so no surrogate pair is split), with an ellipsis when cut. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Columns of nodes, each ordered to bring linked nodes level with each other. */
function layoutColumns(g: Graph): GraphNode[][] {
  const cols = COLUMNS.map((c) => g.nodes.filter((n) => c.kinds.includes(n.kind))).filter(
    (c) => c.length > 0,
  );
  const neighbours = new Map<string, string[]>();
  for (const e of g.edges) {
    neighbours.set(e.from, [...(neighbours.get(e.from) ?? []), e.to]);
    neighbours.set(e.to, [...(neighbours.get(e.to) ?? []), e.from]);
  }
  const pos = new Map<string, number>();
  const measure = () => {
    for (const col of cols)
      for (const [i, n] of col.entries()) pos.set(n.id, (i + 0.5) / col.length);
  };
  measure();
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    for (const [c, col] of cols.entries()) {
      const key = new Map<string, number>();
      for (const n of col) {
        const ps = (neighbours.get(n.id) ?? [])
          .filter((m) => !col.some((x) => x.id === m))
          .map((m) => pos.get(m)!);
        key.set(n.id, ps.length === 0 ? pos.get(n.id)! : ps.reduce((a, b) => a + b, 0) / ps.length);
      }
      cols[c] = [...col].sort((a, b) => key.get(a.id)! - key.get(b.id)!); // stable: ties keep their order
      measure();
    }
  }
  return cols;
}

export function renderGraphSvg(g: Graph): string {
  if (g.nodes.length === 0) return '<p class="empty">No records to draw.</p>';
  const cols = layoutColumns(g);
  const tallest = Math.max(...cols.map((c) => c.length));
  const height = HEADER + tallest * (NODE_H + V_GAP) - V_GAP + 2 * MARGIN;
  const width = cols.length * NODE_W + (cols.length - 1) * COL_GAP + 2 * MARGIN;
  const placed = new Map<string, Placed>();
  cols.forEach((col, c) => {
    const offset = ((tallest - col.length) * (NODE_H + V_GAP)) / 2;
    col.forEach((node, i) => {
      placed.set(node.id, {
        node,
        col: c,
        x: MARGIN + c * (NODE_W + COL_GAP),
        y: MARGIN + HEADER + offset + i * (NODE_H + V_GAP),
      });
    });
  });
  const titles = cols.map((col, c) => {
    const title = COLUMNS.find((k) => k.kinds.includes(col[0]!.kind))!.title;
    return `<text class="col" x="${MARGIN + c * (NODE_W + COL_GAP) + NODE_W / 2}" y="${MARGIN + 12}">${esc(title)}</text>`;
  });
  const drawLabels = g.edges.length <= MAX_DRAWN_LABELS;
  const edges = g.edges.map((e) => {
    const a = placed.get(e.from)!;
    const b = placed.get(e.to)!;
    const ay = a.y + NODE_H / 2;
    const by = b.y + NODE_H / 2;
    let d: string;
    let mid: [number, number];
    if (a.col === b.col) {
      // same column: a loop out of the right-hand side
      const x = a.x + NODE_W;
      const bulge = Math.min(COL_GAP - 8, 20 + Math.abs(by - ay) / 4);
      d = `M${x},${ay} C${x + bulge},${ay} ${x + bulge},${by} ${x},${by}`;
      mid = [x + bulge * 0.75, (ay + by) / 2];
    } else {
      const rightward = a.col < b.col;
      const x1 = rightward ? a.x + NODE_W : a.x;
      const x2 = rightward ? b.x : b.x + NODE_W;
      const dx = (x2 - x1) / 2;
      d = `M${x1},${ay} C${x1 + dx},${ay} ${x2 - dx},${by} ${x2},${by}`;
      mid = [(x1 + x2) / 2, (ay + by) / 2];
    }
    const tip = `${a.node.name} — ${e.label} — ${b.node.name}`;
    const label = drawLabels
      ? `<text class="edge-label" x="${mid[0].toFixed(1)}" y="${(mid[1] - 3).toFixed(1)}">${esc(truncate(e.label, 24))}</text>`
      : '';
    return `<g class="edge" data-from="${esc(e.from)}" data-to="${esc(e.to)}"><title>${esc(tip)}</title><path d="${d}" marker-end="url(#arrow)"/>${label}</g>`;
  });
  const nodes = [...placed.values()].map(({ node, x, y }) => {
    const s = KIND_STYLES[node.kind];
    return (
      `<a href="#${anchorOf(node.id)}" class="node" data-id="${esc(node.id)}"><title>${esc(`${node.name} (${node.kind}: ${node.id})`)}</title>` +
      `<rect x="${x}" y="${y}" width="${NODE_W}" height="${NODE_H}" rx="5" fill="${s.fill}" stroke="${s.stroke}"/>` +
      `<text x="${x + 8}" y="${y + 16}">${esc(truncate(node.name, 24))}</text></a>`
    );
  });
  return [
    `<svg class="graph" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Relationships between ${g.nodes.length} records">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#9ca3af"/></marker></defs>',
    ...titles,
    ...edges,
    ...nodes,
    '</svg>',
  ].join('\n');
}
