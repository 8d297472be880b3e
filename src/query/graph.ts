// The relationships between records as a graph: who takes part in which deal and in what role,
// who operates or owns a project or deposit, who holds a title where, what lies in which place.
// Sources are left out (they are where facts are stated, not part of the world described), and
// so are commodities unless asked for: nearly everything touches one, and they crowd a picture.
// Pure: built from a FactIndex, no I/O, no printing.
import type { z } from 'zod';
import type { FactRecord, Kind } from '../schema/index.js';
import type { Graph as GraphSchema } from '../schema/output-reports.js';
import { edgesOf, KIND_INFO } from '../schema/kinds.js';
import { KINDS } from '../schema/vocab.js';
import { type FactIndex, linksOf } from './facts.js';

/** What `graph --json` prints: the records (nodes) and the links their fields state (edges). */
export type Graph = z.output<typeof GraphSchema>;
export type GraphNode = Graph['nodes'][number];
/** `from` -> `to`, read as "from is <label> of/in to": erg -supplier-> erg-mitsubishi. */
type GraphEdge = Graph['edges'][number];

export interface GraphOptions {
  /** A record id: only the records within `depth` steps of it (edges followed either way). */
  about?: string | undefined;
  /** Steps from `about`; 1 when not given. */
  depth?: number | undefined;
  /** Include commodities and the records' links to them. */
  commodities?: boolean | undefined;
}

/** The kinds a graph can show, in the order nodes are listed. */
const GRAPH_KINDS: readonly Kind[] = KINDS.filter((k) => KIND_INFO[k].graph);

/** Properties whose value is someone taking part in the record: drawn like the fields, actor -> record. */
const ACTOR_PROPERTIES: ReadonlySet<string> = new Set(['operator', 'owner', 'partner', 'party']);

/** A claim "record's <property> is <ref>" as an edge, read the same way as the field edges. */
function claimEdge(record: string, property: string, ref: string): GraphEdge {
  if (ACTOR_PROPERTIES.has(property)) return { from: ref, to: record, label: property };
  return { from: record, to: ref, label: property === 'location' ? 'in' : property };
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every record of the graph's kinds and every link between two of them: the links records state
 * in their fields, then claims whose value names another record (a claim's `ref`) when the two
 * are not already linked, labelled with the claim's property.
 */
function fullGraph(
  index: FactIndex,
  commodities = false,
  among: Iterable<FactRecord> = index.byId.values(),
): Graph {
  const kinds = new Set(GRAPH_KINDS.filter((k) => commodities || k !== 'commodity'));
  const shown = (id: string) => {
    const r = index.get(id);
    return r !== undefined && kinds.has(r.kind);
  };
  const records = [...among].filter((r) => kinds.has(r.kind));
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const linked = new Set<string>();
  const add = (e: GraphEdge) => {
    const key = `${e.from}\u0000${e.to}\u0000${e.label}`;
    if (e.from === e.to || seen.has(key) || !shown(e.from) || !shown(e.to)) return;
    seen.add(key);
    linked.add(pairKey(e.from, e.to));
    edges.push(e);
  };
  for (const r of records) for (const e of edgesOf(r)) add(e);
  for (const r of records)
    for (const c of r.claims ?? [])
      if (c.ref !== undefined && !linked.has(pairKey(r.id, c.ref)))
        add(claimEdge(r.id, c.property, c.ref));
  const rank = new Map(GRAPH_KINDS.map((k, i) => [k, i]));
  const nodes = records
    .map((r) => ({ id: r.id, kind: r.kind, name: r.name }))
    .sort((a, b) => rank.get(a.kind)! - rank.get(b.kind)! || compareText(a.id, b.id));
  edges.sort(
    (a, b) =>
      compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.label, b.label),
  );
  return { nodes, edges };
}

/** The graph to draw: the whole base, or the neighbourhood of one record. */
export function buildGraph(index: FactIndex, opts: GraphOptions = {}): Graph {
  const about = opts.about === undefined ? undefined : index.get(opts.about);
  // asking about a commodity shows commodities, or there would be nothing to show
  const commodities = opts.commodities === true || about?.kind === 'commodity';
  if (opts.about === undefined) return fullGraph(index, commodities);
  const depth = opts.depth ?? 1;
  // every link is a reference one of its ends makes: the records within `depth` references of
  // the record, either way, hold every edge the walk below can take
  const near = new Map<string, FactRecord>(about ? [[about.id, about]] : []);
  let ring = [...near.values()];
  for (let step = 0; step < depth && ring.length > 0; step++) {
    const next: FactRecord[] = [];
    const reach = (id: string) => {
      if (near.has(id)) return;
      const r = index.get(id);
      if (r) {
        near.set(id, r);
        next.push(r);
      }
    };
    for (const r of ring) {
      for (const l of linksOf(r, (id) => index.get(id)?.kind)) reach(l.id);
      for (const x of index.referencedBy(r.id)) reach(x.id);
    }
    ring = next;
  }
  const full = fullGraph(index, commodities, near.values());
  const neighbours = new Map<string, string[]>();
  for (const e of full.edges) {
    neighbours.set(e.from, [...(neighbours.get(e.from) ?? []), e.to]);
    neighbours.set(e.to, [...(neighbours.get(e.to) ?? []), e.from]);
  }
  const reached = new Set<string>(full.nodes.some((n) => n.id === opts.about) ? [opts.about] : []);
  let frontier = [...reached];
  for (let step = 0; step < depth && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const id of frontier)
      for (const n of neighbours.get(id) ?? [])
        if (!reached.has(n)) {
          reached.add(n);
          next.push(n);
        }
    frontier = next;
  }
  return {
    nodes: full.nodes.filter((n) => reached.has(n.id)),
    edges: full.edges.filter((e) => reached.has(e.from) && reached.has(e.to)),
  };
}
