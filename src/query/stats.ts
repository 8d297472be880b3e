// Counts over the whole base for `minerals stats`: records by kind, claims and citations by
// source with each source's coverage, claims by property, totals. Pure.
import { citationsOf } from '../schema/refs.js';
import type { z } from 'zod';
import type { FactRecord } from '../schema/index.js';
import type { Stats as StatsSchema } from '../schema/output-reports.js';
import { KINDS, type Kind, type Property } from '../schema/vocab.js';

/** What `stats --json` prints: the type of its published schema. */
export type Stats = z.output<typeof StatsSchema>;
type SourceStats = Stats['sources'][number];
/** A share of a source's body: how many of `total` are quoted, and the percentage. */
export type Share = NonNullable<SourceStats['coverage']>['sentences'];

/** What `stats` needs of a source's coverage (a `coverageOf` row has it). */
export interface CoverageSummary {
  source: string;
  sentences: Share;
  figures: Share;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function baseStats(
  records: readonly FactRecord[],
  coverage: readonly CoverageSummary[],
  counts: { files: number; texts: number },
): Stats {
  const kinds = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const claimsBySource = new Map<string, number>();
  const citationsBySource = new Map<string, number>();
  const byProperty = new Map<Property, number>();
  const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  let claims = 0;
  let citations = 0;
  for (const r of records) {
    kinds[r.kind]++;
    for (const c of r.claims ?? []) {
      claims++;
      bump(byProperty, c.property);
      for (const s of new Set(c.citations.map((x) => x.source))) bump(claimsBySource, s);
    }
    for (const { citation } of citationsOf(r)) {
      citations++;
      bump(citationsBySource, citation.source);
    }
  }
  const cover = new Map(coverage.map((c) => [c.source, c]));
  const share = (s: Share): Share => ({ covered: s.covered, total: s.total, percent: s.percent });
  const sources = records
    .flatMap((r) => (r.kind === 'source' ? [r] : []))
    .map((s): SourceStats => {
      const c = cover.get(s.id);
      return {
        id: s.id,
        file: s.file,
        claims: claimsBySource.get(s.id) ?? 0,
        citations: citationsBySource.get(s.id) ?? 0,
        coverage: c ? { sentences: share(c.sentences), figures: share(c.figures) } : null,
      };
    })
    .sort((a, b) => byName(a.id, b.id));
  const properties = [...byProperty]
    .map(([property, n]) => ({ property, claims: n }))
    .sort((a, b) => b.claims - a.claims || byName(a.property, b.property));
  return {
    totals: {
      records: records.length,
      claims,
      citations,
      sources: sources.length,
      files: counts.files,
      texts: counts.texts,
    },
    kinds,
    sources,
    properties,
  };
}
