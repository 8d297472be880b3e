// Every reference a record makes, with the kinds it may point at.
import type { Citation, Claim, FactRecord, Kind } from '../schema/index.js';
import type { PathSeg } from '../load/yaml.js';

export interface RefSite {
  path: PathSeg[];
  id: string;
  field: string;
  expected: readonly Kind[] | 'any';
}

const ORG: readonly Kind[] = ['organization'];
const COUNTRY: readonly Kind[] = ['country'];
const PLACE: readonly Kind[] = ['region', 'country'];
const COMMODITY: readonly Kind[] = ['commodity'];
const ACTOR: readonly Kind[] = ['organization', 'person', 'country'];

function* one(
  path: PathSeg[],
  id: string | undefined,
  field: string,
  expected: RefSite['expected'],
): Generator<RefSite> {
  if (id !== undefined) yield { path, id, field, expected };
}
function* many(
  path: PathSeg[],
  ids: readonly string[] | undefined,
  field: string,
  expected: RefSite['expected'],
): Generator<RefSite> {
  for (const [i, id] of (ids ?? []).entries()) yield { path: [...path, i], id, field, expected };
}

export function* citationRefs(
  cites: readonly Citation[] | undefined,
  path: PathSeg[],
): Generator<RefSite> {
  for (const [i, c] of (cites ?? []).entries()) {
    yield* one([...path, i, 'source'], c.source, 'citation source', ['source']);
    yield* one([...path, i, 'said_by'], c.said_by, 'said_by', ['person', 'organization']);
  }
}

function* claimRefs(claims: readonly Claim[] | undefined): Generator<RefSite> {
  for (const [i, c] of (claims ?? []).entries()) {
    yield* one(['claims', i, 'commodity'], c.commodity, 'commodity', COMMODITY);
    yield* one(['claims', i, 'ref'], c.ref, 'ref', 'any');
    yield* citationRefs(c.citations, ['claims', i, 'citations']);
  }
}

export function* refsOf(r: FactRecord): Generator<RefSite> {
  yield* citationRefs(r.citations, ['citations']);
  yield* claimRefs(r.claims);
  switch (r.kind) {
    case 'source':
      yield* one(['publisher_ref'], r.publisher_ref, 'publisher_ref', ORG);
      for (const [i, c] of (r.credits ?? []).entries())
        yield* one(['credits', i, 'ref'], c.ref, 'credits ref', ORG);
      break;
    case 'country':
      break;
    case 'region':
      yield* one(['country'], r.country, 'country', COUNTRY);
      yield* one(['parent'], r.parent, 'parent', PLACE);
      break;
    case 'organization':
      yield* one(['country'], r.country, 'country', COUNTRY);
      yield* one(['parent'], r.parent, 'parent', ORG);
      break;
    case 'person':
      yield* one(['country'], r.country, 'country', COUNTRY);
      for (const [i, role] of (r.roles ?? []).entries()) {
        yield* one(['roles', i, 'organization'], role.organization, 'role organization', ORG);
        yield* one(['roles', i, 'country'], role.country, 'role country', COUNTRY);
        yield* citationRefs(role.citations, ['roles', i, 'citations']);
      }
      break;
    case 'commodity':
      yield* many(['groups'], r.groups, 'groups', COMMODITY);
      break;
    case 'deposit':
      yield* one(['country'], r.country, 'country', COUNTRY);
      yield* one(['region'], r.region, 'region', PLACE);
      yield* many(['commodities'], r.commodities, 'commodities', COMMODITY);
      yield* one(['operator'], r.operator, 'operator', ORG);
      yield* many(['owners'], r.owners, 'owners', ACTOR);
      break;
    case 'project':
      yield* one(['country'], r.country, 'country', COUNTRY);
      yield* one(['region'], r.region, 'region', PLACE);
      yield* many(['commodities'], r.commodities, 'commodities', COMMODITY);
      yield* one(['operator'], r.operator, 'operator', ORG);
      yield* many(['partners'], r.partners, 'partners', ACTOR);
      yield* one(['deposit'], r.deposit, 'deposit', ['deposit']);
      break;
    case 'deal':
      for (const [i, p] of r.parties.entries())
        yield* one(['parties', i, 'ref'], p.ref, 'party', ACTOR);
      yield* many(['commodities'], r.commodities, 'commodities', COMMODITY);
      yield* one(['place'], r.place, 'place', [...PLACE, 'organization']);
      break;
    case 'policy':
      yield* one(['issuer'], r.issuer, 'issuer', ACTOR);
      yield* many(['scope'], r.scope, 'scope', [...ACTOR, 'region']);
      yield* many(['commodities'], r.commodities, 'commodities', COMMODITY);
      break;
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
