// What a record's page gathers beyond the record itself: a commodity's page everything about it
// (and its members) across the base, a source's page every claim that cites it. Pure.
import type { Claim, FactRecord } from '../schema/index.js';
import type { Kind, Property } from '../schema/vocab.js';
import { aboutOf, type ClaimRow, speakersFor } from './claims.js';
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
  const claims = index
    .narrow({ commodities: set })
    .flatMap((r) =>
      r.id === id
        ? []
        : (r.claims ?? [])
            .filter((c) => c.commodity !== undefined && set.has(c.commodity))
            .map((claim) => ({ about: r, claim })),
    );
  return {
    members: [...set].filter((m) => m !== id),
    deposits: index.ofKindNaming('deposit', set).filter((d) => has(d.commodities)),
    projects: index.ofKindNaming('project', set).filter((p) => has(p.commodities)),
    deals: index.ofKindNaming('deal', set).filter((d) => has(d.commodities)),
    policies: index.ofKindNaming('policy', set).filter((p) => has(p.commodities)),
    claims,
  };
}

/** Every claim one of whose citations is from `source`, with the record that holds it. */
export function citingClaims(index: FactIndex, source: string): ClaimRow[] {
  return index
    .narrow({ sources: new Set([source]) })
    .flatMap((r) =>
      (r.claims ?? [])
        .filter((c) => c.citations.some((x) => x.source === source))
        .map((claim) => ({ about: r, claim })),
    );
}

/** How many claims cite a source. */
export function countCiting(index: FactIndex, source: string): number {
  const counted = index.claimsCiting(source);
  if (counted !== null) return counted;
  let n = 0;
  for (const r of index.narrow({ sources: new Set([source]) }))
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
  if (r.kind === 'person' || r.kind === 'organization')
    return { said: saidClaims(index, r.id).map(aboutClaim(index)) };
  if (KEY_FACTS[r.kind] === undefined) return {};
  return {
    key_facts: keyFacts(r).map(keyFactJson(index)),
    linked: linkedRecords(index, r).map((l) => ({
      relation: l.relation,
      about: aboutOf(l.record),
      key_facts: l.facts.map(keyFactJson(index)),
    })),
  };
}

/** A question a record's page answers, and the claim properties (and record field) that answer it. */
interface KeyFact {
  label: string;
  properties: readonly Property[];
  field?: 'signed' | 'status' | 'period' | 'operator';
}

/** What a page answers first, per kind: how much, when, how far along. */
const KEY_FACTS: Partial<Record<Kind, readonly KeyFact[]>> = {
  deal: [
    { label: 'value', properties: ['deal-value', 'offer-value', 'investment'] },
    { label: 'volume', properties: ['capacity', 'production', 'market-size'] },
    { label: 'signed', properties: ['date-of-event', 'start-date'], field: 'signed' },
    { label: 'status', properties: ['status'], field: 'status' },
  ],
  project: [
    { label: 'capacity', properties: ['capacity', 'output-target', 'production'] },
    { label: 'investment', properties: ['investment'] },
    { label: 'start-date', properties: ['start-date'] },
    { label: 'status', properties: ['status'], field: 'status' },
  ],
  deposit: [
    { label: 'operator', properties: ['operator', 'owner'], field: 'operator' },
    { label: 'size', properties: ['contained-metal', 'reserves', 'resources', 'ore'] },
    { label: 'grade', properties: ['grade'] },
    { label: 'drilling', properties: ['count'] },
    { label: 'status', properties: ['status'], field: 'status' },
  ],
  policy: [
    { label: 'targets', properties: ['output-target', 'change', 'area'] },
    { label: 'when', properties: ['start-date', 'end-date', 'date-of-event'], field: 'period' },
    { label: 'status', properties: ['status'], field: 'status' },
  ],
};

/** One answer of a page: the record field and the claims that give it; both empty when the texts are silent. */
export interface KeyFactAnswer {
  label: string;
  field: unknown;
  claims: Claim[];
}

export function keyFacts(r: FactRecord): KeyFactAnswer[] {
  return (KEY_FACTS[r.kind] ?? []).map((k) => ({
    label: k.label,
    field: k.field === undefined ? undefined : (r as unknown as Record<string, unknown>)[k.field],
    claims: (r.claims ?? []).filter((c) => k.properties.includes(c.property)),
  }));
}

/** A record linked to a page's record by a field of either, with its own key facts. */
export interface Linked {
  /** How it is linked, read from the page's record: "project", "deal", "part of", "measure". */
  relation: string;
  record: FactRecord;
  facts: KeyFactAnswer[];
}

/** The records a page gathers through link fields, both ways (a deal's projects, a project's deals). */
export function linkedRecords(index: FactIndex, r: FactRecord): Linked[] {
  const out: Linked[] = [];
  const add = (relation: string, id: string | undefined) => {
    const x = id === undefined ? undefined : index.get(id);
    if (x && !out.some((l) => l.record.id === x.id))
      out.push({ relation, record: x, facts: keyFacts(x) });
  };
  if (r.kind === 'deal') for (const p of r.projects ?? []) add('project', p);
  // the records of a kind that link to this one: among those that refer to it, in base order
  const linking = <K extends Kind>(kind: K) =>
    index
      .referencedBy(r.id)
      .filter((x) => x.kind === kind)
      .flatMap((x) => {
        const rec = index.get(x.id);
        return rec?.kind === kind ? [rec as Extract<FactRecord, { kind: K }>] : [];
      })
      .filter((x, i, all) => all.findIndex((y) => y.id === x.id) === i);
  if (r.kind === 'project') {
    add('deposit', r.deposit);
    for (const d of linking('deal')) if (d.projects?.includes(r.id)) add('deal', d.id);
    for (const p of linking('policy')) if (p.projects?.includes(r.id)) add('policy', p.id);
  }
  if (r.kind === 'policy') {
    add('part of', r.part_of);
    for (const p of linking('policy')) if (p.part_of === r.id) add('measure', p.id);
    for (const p of r.projects ?? []) add('project', p);
  }
  if (r.kind === 'deposit')
    for (const p of linking('project')) if (p.deposit === r.id) add('project', p.id);
  return out;
}

/**
 * Every claim anywhere that a citation attributes to a person, or to an organization or its
 * people (speakersFor), with the record that holds it: what they said, not only what is on
 * their own record.
 */
export function saidClaims(index: FactIndex, id: string): ClaimRow[] {
  const who = speakersFor([...index.ofKind('organization'), ...index.ofKind('person')], id);
  return index
    .narrow({ saidBy: who })
    .flatMap((r) =>
      (r.claims ?? [])
        .filter((c) => c.citations.some((x) => x.said_by !== undefined && who.has(x.said_by)))
        .map((claim) => ({ about: r, claim })),
    );
}

const keyFactJson = (index: FactIndex) => (a: KeyFactAnswer) => ({
  label: a.label,
  field: a.field ?? null,
  claims: a.claims.map((c) => claimJson(c, index)),
});
