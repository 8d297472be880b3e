// What a reference is: an id at a path inside a record, with the kinds of record it may name.
// The kind registry (kinds.ts) says which fields of each kind are references; the helpers here
// are what its entries are written with. Pure data, no zod.
import type { FactRecord } from './records.js';
import type { Citation, Claim } from './values.js';
import type { Kind } from './vocab.js';

/** A step into a record: a key, or an index in a list. */
export type PathSeg = string | number;

export interface RefSite {
  path: PathSeg[];
  id: string;
  field: string;
  expected: readonly Kind[] | 'any';
}

export const ORG: readonly Kind[] = ['organization'];
export const COUNTRY: readonly Kind[] = ['country'];
export const PLACE: readonly Kind[] = ['region', 'country'];
export const COMMODITY: readonly Kind[] = ['commodity'];
export const ACTOR: readonly Kind[] = ['organization', 'person', 'country'];

/** A field that holds one id, when it is set. */
export function* one(
  path: PathSeg[],
  id: string | undefined,
  field: string,
  expected: RefSite['expected'],
): Generator<RefSite> {
  if (id !== undefined) yield { path, id, field, expected };
}

/** A field that holds a list of ids. */
export function* many(
  path: PathSeg[],
  ids: readonly string[] | undefined,
  field: string,
  expected: RefSite['expected'],
): Generator<RefSite> {
  for (const [i, id] of (ids ?? []).entries()) yield { path: [...path, i], id, field, expected };
}

/** The sources and speakers of a list of citations. */
export function* citationRefs(
  cites: readonly Citation[] | undefined,
  path: PathSeg[],
): Generator<RefSite> {
  for (const [i, c] of (cites ?? []).entries()) {
    yield* one([...path, i, 'source'], c.source, 'citation source', ['source']);
    yield* one([...path, i, 'said_by'], c.said_by, 'said_by', ['person', 'organization']);
  }
}

/** What every record's claims refer to: a commodity, a record as the value, their citations. */
export function* claimRefs(claims: readonly Claim[] | undefined): Generator<RefSite> {
  for (const [i, c] of (claims ?? []).entries()) {
    yield* one(['claims', i, 'commodity'], c.commodity, 'commodity', COMMODITY);
    yield* one(['claims', i, 'ref'], c.ref, 'ref', 'any');
    yield* citationRefs(c.citations, ['claims', i, 'citations']);
  }
}

/** Every citation a record carries, with its path. */
export function* citationsOf(r: FactRecord): Generator<{ path: PathSeg[]; citation: Citation }> {
  for (const [i, c] of (r.citations ?? []).entries()) yield { path: ['citations', i], citation: c };
  for (const [i, claim] of (r.claims ?? []).entries())
    for (const [j, c] of claim.citations.entries())
      yield { path: ['claims', i, 'citations', j], citation: c };
  if (r.kind === 'person')
    for (const [i, role] of (r.roles ?? []).entries())
      for (const [j, c] of (role.citations ?? []).entries())
        yield { path: ['roles', i, 'citations', j], citation: c };
}
