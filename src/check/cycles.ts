// Chains of records through one field must end: a region's or organization's `parent`, a policy's
// `part_of`, a commodity's `groups`. A region that is (through its parents) its own parent, or a
// commodity in a group that is (through further groups) in itself, is an error. The cycles are
// found in time linear in the links (strongly connected components, Tarjan's algorithm, without
// recursion so a chain of any length cannot overflow the stack): a base may tie any number of
// cycles into one knot, so there is one error for each set of records caught in cycles together
// (for a parent chain, one cycle), at its first record in base order, naming a shortest cycle
// through that record and where each link of it is written.
import type { Diagnostic } from '../diagnostics.js';
import type { FactRecord } from '../schema/index.js';
import type { PathSeg } from '../schema/refs.js';
import type { Locate, Located } from './input.js';

/** A link of a chain: the id it names and where in the record it is written. */
interface ChainLink {
  id: string;
  path: PathSeg[];
}

/** The field a record's chain follows, and its links (none for a kind without a chain). */
function chainOf(r: FactRecord): { field: string; links: ChainLink[] } {
  const one = (field: string, id: string | undefined) => ({
    field,
    links: id === undefined ? [] : [{ id, path: [field] }],
  });
  switch (r.kind) {
    case 'region':
    case 'organization':
      return one('parent', r.parent);
    case 'policy':
      return one('part_of', r.part_of);
    case 'commodity':
      return {
        field: 'groups',
        links: (r.groups ?? []).map((id, i) => ({ id, path: ['groups', i] })),
      };
    default:
      return { field: '', links: [] };
  }
}

/** The ids a record's chain names, in order (empty for a kind without a chain). */
export const chainIds = (r: FactRecord): string[] => chainOf(r).links.map((l) => l.id);

/**
 * Whether a record's chain names an id that an earlier version of it did not: only such a link
 * can close a cycle in a base that had none (one taken away or moved in the list cannot).
 */
export function linksAdded(now: FactRecord, was: FactRecord): boolean {
  const before = new Set(chainIds(was));
  return chainIds(now).some((id) => !before.has(id));
}

/** A record of a chain: its id, its kind, and the ids its chain names. */
interface ChainNode {
  id: string;
  kind: string;
  targets: readonly string[];
}

/** A set of nodes caught in cycles: a shortest cycle through its first node, then the others. */
interface Knot {
  cycle: number[];
  others: number[];
}

/**
 * The knots of a list of nodes, as indexes into it, in the order of their first nodes. A link
 * goes to the first node of the id it names when that is of the same kind (a region's parent
 * may be a country, where the chain ends; a link to a record of another kind has its own error).
 */
export function knotsOf(nodes: readonly ChainNode[]): Knot[] {
  const at = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (!at.has(n.id)) at.set(n.id, i);
  });
  const edges = nodes.map((n) => {
    const out: number[] = [];
    for (const t of n.targets) {
      const j = at.get(t);
      if (j !== undefined && nodes[j]!.kind === n.kind) out.push(j);
    }
    return out;
  });
  const shortest = shortestCycle(edges);
  return components(edges)
    .filter((c) => c.length > 1 || edges[c[0]!]!.includes(c[0]!))
    .map((c) => shortest(c))
    .sort((a, b) => a.cycle[0]! - b.cycle[0]!);
}

/** The strongly connected components of a graph given by each node's successors. */
function components(edges: ReadonlyArray<readonly number[]>): number[][] {
  const n = edges.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  let next = 0;
  const enter = (v: number) => {
    order[v] = low[v] = next++;
    stack.push(v);
    onStack[v] = 1;
  };
  for (let root = 0; root < n; root++) {
    if (order[root]! >= 0) continue;
    enter(root);
    // each frame: a node and how many of its successors have been looked at
    const work: Array<[number, number]> = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const v = frame[0];
      const w = edges[v]![frame[1]++];
      if (w !== undefined) {
        if (order[w]! < 0) {
          enter(w);
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
      if (low[v] !== order[v]) continue;
      const c: number[] = [];
      let x: number;
      do {
        x = stack.pop()!;
        onStack[x] = 0;
        c.push(x);
      } while (x !== v);
      out.push(c.sort((a, b) => a - b));
    }
  }
  return out;
}

/**
 * What finds a shortest cycle through the first node of a component (breadth first), and the rest
 * of the component; its arrays serve every component in turn, each left as it was found.
 */
function shortestCycle(edges: ReadonlyArray<readonly number[]>): (component: number[]) => Knot {
  const NONE = -2;
  // each node's predecessor on a path from the first node of its component (-1 for that node)
  const from = new Int32Array(edges.length).fill(NONE);
  const inside = new Uint8Array(edges.length);
  return (component) => {
    const first = component[0]!;
    for (const v of component) inside[v] = 1;
    from[first] = -1;
    const queue = [first];
    let cycle: number[] | undefined;
    for (let i = 0; i < queue.length && !cycle; i++) {
      const v = queue[i]!;
      for (const w of edges[v]!) {
        if (w === first) {
          cycle = [];
          for (let x = v; x !== -1; x = from[x]!) cycle.push(x);
          cycle.reverse();
          break;
        }
        if (inside[w] && from[w] === NONE) {
          from[w] = v;
          queue.push(w);
        }
      }
    }
    for (const v of component) {
      inside[v] = 0;
      from[v] = NONE;
    }
    // a component of more than one node, or one that links to itself, has a cycle through each
    const on = new Set(cycle);
    return { cycle: cycle!, others: component.filter((x) => !on.has(x)) };
  };
}

/** One error for each knot of the base's chains (parent-cycle, group-cycle), at its first record. */
export function checkCycles<L>(
  records: ReadonlyArray<Located<L>>,
  diagnosticAt: Locate<L>,
): Diagnostic[] {
  const located = records.filter((lr) => chainOf(lr.record).links.length > 0);
  const nodes = located.map(({ record }) => ({
    id: record.id,
    kind: record.kind,
    targets: chainIds(record),
  }));
  return knotsOf(nodes).map(({ cycle, others }) => {
    // each record of the cycle, with where its link to the next one is written
    const chain = cycle.map((i, k) => {
      const { record, at } = located[i]!;
      const nextId = located[cycle[(k + 1) % cycle.length]!]!.record.id;
      const link = chainOf(record).links.find((l) => l.id === nextId)!;
      return { record, at, path: link.path };
    });
    const head = chain[0]!;
    const { field } = chainOf(head.record);
    const code = field === 'groups' ? 'group-cycle' : 'parent-cycle';
    const places = chain.map(({ record, at, path }) => {
      const d = diagnosticAt(at, path, code);
      return { id: record.id, at: `${d.file}:${d.line}:${d.col}` };
    });
    return diagnosticAt(head.at, head.path, code, {
      kind: head.record.kind,
      id: head.record.id,
      field,
      chain: places,
      others: others.map((i) => located[i]!.record.id),
    });
  });
}
