// The fact base as a flat list of claims, each with the record it is about, and the filters
// `minerals facts` applies to that list. Record-level citations and person roles are not claims.
// Pure: records in, rows out.
import type { z } from 'zod';
import type { Citation, Claim, FactRecord, Property } from '../schema/index.js';
import type { About as AboutSchema } from '../schema/output-common.js';
import type { Kind, Modality } from '../schema/vocab.js';
import { claimModality } from './values.js';
import { claimMeets, type Where } from './where.js';

export interface ClaimRow {
  /** The record the claim is about (the record that holds it). */
  about: FactRecord;
  claim: Claim;
}

/** What a row says about its record in JSON: `{id, kind, name}`. */
export type About = z.output<typeof AboutSchema>;

export const aboutOf = (r: FactRecord): About => ({ id: r.id, kind: r.kind, name: r.name });

/** Every claim of every record, in record order and then claim order. */
export function flattenClaims(records: Iterable<FactRecord>): ClaimRow[] {
  const rows: ClaimRow[] = [];
  for (const about of records) for (const claim of about.claims ?? []) rows.push({ about, claim });
  return rows;
}

/** Resolved filter values: ids (and, for a commodity, the commodity with every member of it). */
export interface ClaimFilter {
  /** Claims held by one of these records. */
  about?: ReadonlySet<string> | undefined;
  /** Claims one of whose citations is from one of these sources. */
  source?: ReadonlySet<string> | undefined;
  /** Claims about any of these commodities (see `aboutCommodity`). */
  commodities?: ReadonlySet<string> | undefined;
  property?: readonly Property[] | undefined;
  /** Claims one of whose citations attributes the statement to one of these speakers (speakersFor). */
  saidBy?: ReadonlySet<string> | undefined;
  /** Claims of one of these modalities. */
  modalities?: readonly Modality[] | undefined;
  /** Claims that meet every one of these conditions (--where). */
  where?: readonly Where[] | undefined;
  /** Claims on records of one of these kinds. */
  kinds?: readonly Kind[] | undefined;
}

/**
 * Who speaks for a person or organization: the record itself and, for an organization, its
 * sub-organizations (by `parent`) and the people who hold a role at any of them. `--said-by erg`
 * finds what ERG's CEO and ERG Exploration's geologist said as well as ERG's own statements.
 */
export function speakersFor(records: Iterable<FactRecord>, id: string): Set<string> {
  const all = [...records];
  const set = new Set([id]);
  // organizations whose parent chain reaches one already in the set, until nothing is added
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of all)
      if (
        r.kind === 'organization' &&
        r.parent !== undefined &&
        set.has(r.parent) &&
        !set.has(r.id)
      ) {
        set.add(r.id);
        grew = true;
      }
  }
  const orgs = new Set(set);
  for (const r of all)
    if (
      r.kind === 'person' &&
      (r.roles ?? []).some((x) => x.organization !== undefined && orgs.has(x.organization))
    )
      set.add(r.id);
  return set;
}

/**
 * A claim is about a commodity when its `commodity` is one of them, or when it has no `commodity`
 * and its record is one of them (tin's price is a claim on the tin record).
 */
export function aboutCommodity(row: ClaimRow, commodities: ReadonlySet<string>): boolean {
  if (row.claim.commodity !== undefined) return commodities.has(row.claim.commodity);
  return row.about.kind === 'commodity' && commodities.has(row.about.id);
}

/** --source and --said-by together ask for one citation from that source said by that speaker. */
function citationMatches(c: Citation, f: ClaimFilter): boolean {
  return (
    (f.source === undefined || f.source.has(c.source)) &&
    (f.saidBy === undefined || (c.said_by !== undefined && f.saidBy.has(c.said_by)))
  );
}

/** The rows every given filter accepts (filters combine with AND); rows keep their order. */
export function filterClaims(rows: readonly ClaimRow[], f: ClaimFilter): ClaimRow[] {
  const byCitation = f.source !== undefined || f.saidBy !== undefined;
  return rows.filter(
    (row) =>
      (f.about === undefined || f.about.has(row.about.id)) &&
      (f.kinds === undefined || f.kinds.includes(row.about.kind)) &&
      (f.property === undefined || f.property.includes(row.claim.property)) &&
      (f.where === undefined || f.where.every((w) => claimMeets(row.claim, w))) &&
      (f.modalities === undefined || f.modalities.includes(claimModality(row.claim))) &&
      (f.commodities === undefined || aboutCommodity(row, f.commodities)) &&
      (!byCitation || row.claim.citations.some((c) => citationMatches(c, f))),
  );
}

/** Distinct values in first-seen order. */
const distinct = (xs: Iterable<string>): string[] => [...new Set(xs)];

/** The ids of the sources a claim cites, each once, in citation order. */
export const sourcesOf = (c: Claim): string[] => distinct(c.citations.map((x) => x.source));

/** The speakers a claim's citations name, each once, in citation order. */
export const speakersOf = (c: Claim): string[] =>
  distinct(c.citations.flatMap((x) => (x.said_by === undefined ? [] : [x.said_by])));
