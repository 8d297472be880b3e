// An index over the records: by id and kind, names for resolution, commodity groups and
// "referenced by" lists. Pure: it reads records through a RecordStore (records in memory, or the
// cache's shards, loaded a kind at a time), never the file system itself, and never prints.
import type { z } from 'zod';
import { refsOf } from '../schema/kinds.js';
import type { Referrer as ReferrerSchema } from '../schema/output-common.js';
import type { FactRecord } from '../schema/index.js';
import type { Kind } from '../schema/vocab.js';

/** A record that refers to another, and the field it does so in ("operator", "claims ref"...). */
export type Referrer = z.output<typeof ReferrerSchema>;

/** Where an index gets its records: all at once, or a kind at a time. */
export interface RecordStore {
  /** Every id with its kind, in base order; the first of duplicate ids only. */
  ids(): ReadonlyMap<string, Kind>;
  /** The records of one kind, in base order (the first of duplicate ids only). */
  records(kind: Kind): readonly FactRecord[];
  /** The records that refer to each record of one kind, in base order. */
  referrers(kind: Kind): ReadonlyMap<string, readonly Referrer[]>;
  /**
   * At least the records of a kind that name one of the commodities (in `commodities` or a
   * claim), in base order; a store with an index reads only those. Optional: else ofKind.
   */
  recordsNaming?(kind: Kind, commodities: ReadonlySet<string>): readonly FactRecord[];
  /** The kind of one id, without reading every id (optional: else ids()). */
  kindOf?(id: string): Kind | undefined;
  /** One record by id, without reading its whole kind (optional: else records(kind)). */
  record?(id: string): FactRecord | undefined;
  /** The records that refer to one record (optional: else referrers(kind)). */
  referrersOf?(id: string): readonly Referrer[];
  /**
   * Read ahead, in one go, what rendering these records will ask for one id at a time: the
   * records they refer to, and those that refer to them (optional).
   */
  prefetch?(records: readonly FactRecord[]): void;
  /** At least the records that meet a narrowing, in base order (optional: else every record). */
  narrow?(n: Narrowing): readonly FactRecord[];
  /** How many claims have a citation of this source (optional). */
  claimsCiting?(source: string): number;
  /** The records one of whose names (id, name, alias, symbol), folded as resolve folds, is this (optional). */
  named?(folded: string): readonly FactRecord[];
  /**
   * The list rows the store keeps (optional): of the records of a kind that name one of the
   * commodities (in `commodities` or a claim; every record of the kind without them), in base
   * order, each row's JSON as the list prints it, or its record when no row is kept yet.
   */
  listRows?(kind: Kind, commodities: ReadonlySet<string> | undefined): KeptRow[];
  /** Keep these rows for the next run (optional; best effort, never an error). */
  keepRows?(rows: ReadonlyArray<{ ord: number; json: Uint8Array }>): void;
}

/** A list row as the store keeps it: the JSON the list prints (UTF-8), or the record to make it from. */
export type KeptRow = { ord: number } & (
  | { json: Uint8Array; record?: undefined }
  | { json?: undefined; record: FactRecord }
);

/**
 * What a question says about the records that can hold its answer, for a store with indexes to
 * read only those: each field given must hold (a record with some claim or citation that could
 * match). A store may return more; the question filters its answer as ever.
 */
export interface Narrowing {
  /** The records themselves. */
  ids?: ReadonlySet<string> | undefined;
  kinds?: readonly Kind[] | undefined;
  /** Naming one of these commodities (in a field or a claim), or being one of them. */
  commodities?: ReadonlySet<string> | undefined;
  /** A claim with one of these properties. */
  properties?: readonly string[] | undefined;
  /** A citation of one of these sources. */
  sources?: ReadonlySet<string> | undefined;
  /** A citation said by one of these. */
  saidBy?: ReadonlySet<string> | undefined;
  /** Being one of these, referring to one (in a field or a claim), or naming it as a commodity. */
  mentions?: ReadonlySet<string> | undefined;
}

/** The commodities a record names: its `commodities` field and its claims' commodity. */
export function commoditiesNamed(r: FactRecord): string[] {
  const own = 'commodities' in r && Array.isArray(r.commodities) ? (r.commodities as string[]) : [];
  return [
    ...own,
    ...(r.claims ?? []).flatMap((c) => (c.commodity === undefined ? [] : [c.commodity])),
  ];
}

/**
 * The references one record makes that show as "referenced by" on the other end, in order: each
 * (target, field) once, not to itself, not a citation's source or speaker, to a record that exists.
 */
export function* linksOf(
  r: FactRecord,
  kindOf: (id: string) => Kind | undefined,
): Generator<{ id: string; kind: Kind; field: string }> {
  const seen = new Set<string>();
  for (const ref of refsOf(r)) {
    if (ref.field === 'citation source' || ref.field === 'said_by') continue;
    const key = `${ref.id}\u0000${ref.field}`;
    if (seen.has(key) || ref.id === r.id) continue;
    seen.add(key);
    const kind = kindOf(ref.id);
    if (kind !== undefined) yield { id: ref.id, kind, field: ref.field };
  }
}

/** The references a set of records make, grouped by the kind of record they point at. */
function referrersByKind(
  records: Iterable<FactRecord>,
  kindOf: (id: string) => Kind | undefined,
): Map<Kind, Map<string, Referrer[]>> {
  const out = new Map<Kind, Map<string, Referrer[]>>();
  for (const r of records) {
    for (const ref of linksOf(r, kindOf)) {
      const kind = ref.kind;
      let byTarget = out.get(kind);
      if (!byTarget) out.set(kind, (byTarget = new Map()));
      const list = byTarget.get(ref.id) ?? [];
      list.push({ id: r.id, kind: r.kind, field: ref.field });
      byTarget.set(ref.id, list);
    }
  }
  return out;
}

/** A store over records held in memory (a freshly loaded base). */
export class MemoryStore implements RecordStore {
  private readonly idMap = new Map<string, Kind>();
  private readonly byKind = new Map<Kind, FactRecord[]>();
  private refs: Map<Kind, Map<string, Referrer[]>> | undefined;

  constructor(records: readonly FactRecord[]) {
    for (const r of records) {
      if (this.idMap.has(r.id)) continue; // duplicates are a validate error; the first one wins
      this.idMap.set(r.id, r.kind);
      const list = this.byKind.get(r.kind) ?? [];
      list.push(r);
      this.byKind.set(r.kind, list);
    }
  }
  ids(): ReadonlyMap<string, Kind> {
    return this.idMap;
  }
  records(kind: Kind): readonly FactRecord[] {
    return this.byKind.get(kind) ?? [];
  }
  /** Every record, first of duplicates only, in base order. */
  all(): FactRecord[] {
    const at = new Map<Kind, number>();
    return [...this.idMap.values()].map((kind) => {
      const i = at.get(kind) ?? 0;
      at.set(kind, i + 1);
      return this.byKind.get(kind)![i]!;
    });
  }
  referrers(kind: Kind): ReadonlyMap<string, readonly Referrer[]> {
    this.refs ??= referrersByKind(this.all(), (id) => this.idMap.get(id));
    return this.refs.get(kind) ?? new Map();
  }
}

export class FactIndex {
  private readonly store: RecordStore;
  private readonly loaded = new Map<
    Kind,
    { list: readonly FactRecord[]; byId: Map<string, FactRecord> }
  >();
  private all: Map<string, FactRecord> | undefined;
  private readonly memberCache = new Map<string, Set<string>>();
  /** Records read one at a time, before their kind was read whole. */
  private readonly single = new Map<string, FactRecord>();

  constructor(source: readonly FactRecord[] | RecordStore) {
    this.store = Array.isArray(source)
      ? new MemoryStore(source as readonly FactRecord[])
      : (source as RecordStore);
  }

  private kind(kind: Kind): { list: readonly FactRecord[]; byId: Map<string, FactRecord> } {
    let k = this.loaded.get(kind);
    if (!k) {
      const list = this.store.records(kind);
      k = { list, byId: new Map(list.map((r) => [r.id, r])) };
      this.loaded.set(kind, k);
    }
    return k;
  }

  /** Every record by id, in base order. Loads every kind: use get and ofKind where they do. */
  get byId(): ReadonlyMap<string, FactRecord> {
    if (!this.all) {
      const all = new Map<string, FactRecord>();
      for (const [id, kind] of this.store.ids()) all.set(id, this.kind(kind).byId.get(id)!);
      this.all = all;
    }
    return this.all;
  }

  private kindOf(id: string): Kind | undefined {
    return this.store.kindOf ? this.store.kindOf(id) : this.store.ids().get(id);
  }

  get(id: string): FactRecord | undefined {
    const kind = this.kindOf(id);
    if (kind === undefined) return undefined;
    const loaded = this.loaded.get(kind);
    if (loaded || !this.store.record) return this.kind(kind).byId.get(id);
    let one = this.single.get(id);
    if (!one) {
      one = this.store.record(id);
      if (one) this.single.set(id, one);
    }
    return one;
  }

  ofKind<K extends Kind>(kind: K): Array<Extract<FactRecord, { kind: K }>> {
    return this.kind(kind).list as Array<Extract<FactRecord, { kind: K }>>;
  }

  /** The records of a kind that name one of the commodities, without loading the others where the store can. */
  ofKindNaming<K extends Kind>(
    kind: K,
    commodities: ReadonlySet<string>,
  ): Array<Extract<FactRecord, { kind: K }>> {
    const names = (r: FactRecord) => commoditiesNamed(r).some((c) => commodities.has(c));
    const list =
      this.loaded.has(kind) || !this.store.recordsNaming
        ? this.ofKind(kind)
        : this.store.recordsNaming(kind, commodities);
    return list.filter(names) as Array<Extract<FactRecord, { kind: K }>>;
  }

  /**
   * At least the records that can answer a question (Narrowing), in base order, without reading
   * the others where the store can; every record when nothing narrows it.
   */
  narrow(n: Narrowing): readonly FactRecord[] {
    const given = Object.values(n).some((v) => v !== undefined);
    if (!given || this.all || !this.store.narrow) return [...this.byId.values()];
    return this.store.narrow(n);
  }

  /** How many claims cite a source, counted by the store where it can (else null). */
  claimsCiting(source: string): number | null {
    return !this.all && this.store.claimsCiting ? this.store.claimsCiting(source) : null;
  }

  /** The list rows the store keeps (see RecordStore.listRows), or null when it keeps none. */
  listRows(kind: Kind, commodities: ReadonlySet<string> | undefined): KeptRow[] | null {
    return !this.all && this.store.listRows ? this.store.listRows(kind, commodities) : null;
  }

  /** Keep list rows made by this run for the next one, where the store can. */
  keepRows(rows: ReadonlyArray<{ ord: number; json: Uint8Array }>): void {
    if (rows.length > 0) this.store.keepRows?.(rows);
  }

  /** The records with this folded name, in base order, or null when the store cannot say. */
  named(folded: string): readonly FactRecord[] | null {
    return !this.all && this.store.named ? this.store.named(folded) : null;
  }

  /**
   * Read ahead, in one go where the store can, what answering about these records asks for one
   * id at a time: the records they refer to and those that refer to them.
   */
  prefetch(records: readonly FactRecord[]): void {
    this.store.prefetch?.(records);
  }

  /** Records that refer to `id`, in record order. */
  referencedBy(id: string): readonly Referrer[] {
    if (this.store.referrersOf) return this.store.referrersOf(id);
    const kind = this.kindOf(id);
    return kind === undefined ? [] : (this.store.referrers(kind).get(id) ?? []);
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
        if (
          !out.has(r.id) &&
          (out.has(r.country) || (r.parent !== undefined && out.has(r.parent)))
        ) {
          out.add(r.id);
          grew = true;
        }
    }
    return out;
  }
}
