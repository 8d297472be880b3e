// What a record's page gathers beyond the record itself: a commodity's page everything about it
// (and its members) across the base, a source's page every claim that cites it. Pure.
import type { Claim, FactRecord } from '../schema/index.js';
import { aboutOf, type ClaimRow } from './claims.js';
import type { FactIndex } from './facts.js';
import { claimJson } from './values.js';

export interface CommodityPage {
  members: string[];
  deposits: FactRecord[];
  projects: FactRecord[];
  deals: FactRecord[];
  policies: FactRecord[];
  /** Other records' claims about the commodity or a member of it. */
  claims: ClaimRow[];
}

/** Everything about a commodity (and its members) across the base. */
export function commodityPage(index: FactIndex, id: string): CommodityPage {
  const set = index.commodityClosure(id);
  const has = (ids: readonly string[] | undefined) => (ids ?? []).some((c) => set.has(c));
  const claims = [...index.byId.values()].flatMap((r) =>
    r.id === id
      ? []
      : (r.claims ?? [])
          .filter((c) => c.commodity !== undefined && set.has(c.commodity))
          .map((claim) => ({ about: r, claim })),
  );
  return {
    members: [...set].filter((m) => m !== id),
    deposits: index.ofKind('deposit').filter((d) => has(d.commodities)),
    projects: index.ofKind('project').filter((p) => has(p.commodities)),
    deals: index.ofKind('deal').filter((d) => has(d.commodities)),
    policies: index.ofKind('policy').filter((p) => has(p.commodities)),
    claims,
  };
}

/** Every claim one of whose citations is from `source`, with the record that holds it. */
export function citingClaims(index: FactIndex, source: string): ClaimRow[] {
  return [...index.byId.values()].flatMap((r) =>
    (r.claims ?? [])
      .filter((c) => c.citations.some((x) => x.source === source))
      .map((claim) => ({ about: r, claim })),
  );
}

/** How many claims cite a source. */
export function countCiting(index: FactIndex, source: string): number {
  let n = 0;
  for (const r of index.byId.values())
    for (const c of r.claims ?? []) if (c.citations.some((x) => x.source === source)) n++;
  return n;
}

const aboutClaim = (index: FactIndex) => (row: { about: FactRecord; claim: Claim }) => ({
  about: aboutOf(row.about),
  ...claimJson(row.claim, index),
});

/** The keys a page adds to the record's JSON (a commodity's and a source's pages). */
export function pageJson(index: FactIndex, r: FactRecord): Record<string, unknown> {
  if (r.kind === 'commodity') {
    const e = commodityPage(index, r.id);
    return {
      members: e.members,
      deposits: e.deposits.map(aboutOf),
      projects: e.projects.map(aboutOf),
      deals: e.deals.map(aboutOf),
      policies: e.policies.map(aboutOf),
      related_claims: e.claims.map(aboutClaim(index)),
    };
  }
  if (r.kind === 'source')
    return { citing_claims: citingClaims(index, r.id).map(aboutClaim(index)) };
  return {};
}
