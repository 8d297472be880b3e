// An index over the loaded records: by id and kind, names for resolution, commodity groups and
// "referenced by" lists. Pure: built from records, no I/O, no printing.
import { refsOf } from '../check/refs.js';
import type { FactRecord, Kind } from '../schema/index.js';

export interface Referrer {
  /** The record that makes the reference. */
  id: string;
  kind: Kind;
  /** The field it is made in ("operator", "party", "commodities", "claims ref"...). */
  field: string;
}

export class FactIndex {
  readonly byId = new Map<string, FactRecord>();
  readonly byKind = new Map<Kind, FactRecord[]>();
  private readonly referrers = new Map<string, Referrer[]>();
  private readonly memberCache = new Map<string, Set<string>>();

  constructor(readonly records: readonly FactRecord[]) {
    for (const r of records) {
      if (this.byId.has(r.id)) continue; // duplicates are a validate error; the first one wins
      this.byId.set(r.id, r);
      const list = this.byKind.get(r.kind) ?? [];
      list.push(r);
      this.byKind.set(r.kind, list);
    }
    for (const r of this.byId.values()) {
      const seen = new Set<string>();
      for (const ref of refsOf(r)) {
        if (ref.field === 'citation source' || ref.field === 'said_by') continue;
        const key = `${ref.id}\u0000${ref.field}`;
        if (seen.has(key) || ref.id === r.id) continue;
        seen.add(key);
        const list = this.referrers.get(ref.id) ?? [];
        list.push({ id: r.id, kind: r.kind, field: ref.field });
        this.referrers.set(ref.id, list);
      }
    }
  }

  get(id: string): FactRecord | undefined {
    return this.byId.get(id);
  }

  ofKind<K extends Kind>(kind: K): Array<Extract<FactRecord, { kind: K }>> {
    return (this.byKind.get(kind) ?? []) as Array<Extract<FactRecord, { kind: K }>>;
  }

  /** Records that refer to `id`, in record order. */
  referencedBy(id: string): readonly Referrer[] {
    return this.referrers.get(id) ?? [];
  }

  /** A commodity and every commodity that is a member of it, directly or through sub-groups. */
  commodityClosure(id: string): Set<string> {
    const cached = this.memberCache.get(id);
    if (cached) return cached;
    const out = new Set<string>([id]);
    const queue = [id];
    while (queue.length > 0) {
      const g = queue.shift()!;
      for (const c of this.ofKind('commodity'))
        if (c.groups?.includes(g) && !out.has(c.id)) {
          out.add(c.id);
          queue.push(c.id);
        }
    }
    this.memberCache.set(id, out);
    return out;
  }

  /** A place and every region inside it (a country's regions, a region's sub-regions). */
  placeClosure(id: string): Set<string> {
    const out = new Set<string>([id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of this.ofKind('region'))
        if (!out.has(r.id) && (out.has(r.country) || (r.parent !== undefined && out.has(r.parent)))) {
          out.add(r.id);
          grew = true;
        }
    }
    return out;
  }
}
