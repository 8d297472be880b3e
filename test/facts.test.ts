// The shipped fact base, end to end: load the real data, find a claim, check its value, unit,
// bound, basis and quote. These pin facts a reader of the five sources would check first.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageOf } from '../src/query/coverage.js';
import type { Claim, FactRecord } from '../src/schema/index.js';
import { ROOT, validateDir } from './helpers.js';

const { base, diagnostics } = validateDir(path.join(ROOT, 'data'), {
  seedsDir: path.join(ROOT, 'seeds'),
});
const record = (id: string): FactRecord => {
  const r = base.records.find((x) => x.record.id === id)?.record;
  if (!r) throw new Error(`no record ${id}`);
  return r;
};
const claims = (id: string, property: Claim['property']) =>
  (record(id).claims ?? []).filter((c) => c.property === property);

describe('the shipped fact base', () => {
  it('validates with no errors and no warnings', () => {
    expect(diagnostics).toEqual([]);
  });

  it('quotes every body figure of all five sources in a claim, and every body rule text occurs', () => {
    // how many of them claims hold as values (structured) is pinned in cli.test.ts
    const rows = coverageOf(
      base.records.map((r) => r.record),
      base.texts,
    );
    expect(rows.map((r) => [r.source, r.figures.percent_quoted, r.unmatched])).toEqual([
      ['erg-not-for-sale', 100, []],
      ['gate-kazakhstan-bets-big', 100, []],
      ['kursiv-rare-earth-auctions', 100, []],
      ['mntv-gallium-market', 100, []],
      ['rare-metals-industry-expand', 100, []],
    ]);
  });

  it('Karabas: more than 250,000 t of contained copper, a possible yield of up to 1 Mt of ore in no stated category; operated by ERG', () => {
    const [metal] = claims('karabas', 'contained-metal');
    expect(metal!.commodity).toBe('copper');
    expect(metal!.quantity).toMatchObject({
      value: 250000,
      unit: 't',
      bound: 'more-than',
      basis: { material: 'contained-metal' },
    });
    expect(metal!.citations[0]).toMatchObject({
      source: 'mntv-gallium-market',
      quote: 'Initial estimates suggest the Karabas site holds more than 250,000 tons of copper',
    });
    const [ore] = claims('karabas', 'ore');
    expect(ore!.quantity).toEqual({
      value: 1,
      scale: 'million',
      unit: 't',
      bound: 'up-to',
      basis: { category: 'unspecified', material: 'ore', system: 'unspecified' },
    });
    expect(ore!.modality).toBe('possible');
    expect(metal!.tension).toMatch(/a grade of at least 25%/);
    expect(base.records.find((r) => r.record.id === 'karabas')?.record).toMatchObject({
      operator: 'erg',
    });
  });

  it('the gallium investment keeps both versions: "Over US$20 million" (Gate) and "$20 million" (MNTV)', () => {
    const versions = claims('erg-gallium', 'investment').map((c) => [
      c.citations[0]!.source,
      c.quantity!.value,
      c.quantity!.scale,
      c.quantity!.unit,
      c.quantity!.bound,
    ]);
    expect(versions).toEqual([
      ['gate-kazakhstan-bets-big', 20, 'million', 'USD', 'more-than'],
      ['mntv-gallium-market', 20, 'million', 'USD', 'exact'],
    ]);
  });

  it("Cameron's offer: $5 billion, reported by Reuters", () => {
    const [offer] = claims('cameron-erg', 'offer-value');
    expect(offer!.quantity).toEqual({ value: 5, scale: 'billion', unit: 'USD', bound: 'exact' });
    expect(offer!.citations[0]).toEqual({
      source: 'erg-not-for-sale',
      quote: 'Cameron has offered to buy mining giant ERG for $5 billion',
      said_by: 'reuters',
    });
  });

  it('tin at $33,000 per ton, said by Aida Alzhanova', () => {
    const [price] = claims('tin', 'price');
    expect(price!.quantity).toEqual({ value: 33000, unit: 'USD/t', bound: 'exact' });
    expect(price!.citations[0]!.said_by).toBe('alzhanova');
  });

  it('Kuirektykol: approximately 800,000 t of rare earths', () => {
    const [q] = claims('kuirektykol', 'contained-metal');
    expect(q!.quantity).toMatchObject({ value: 800000, unit: 't', bound: 'approx' });
    expect(q!.citations[0]!.quote).toContain('approximately 800,000 tons of rare earth metals');
  });

  it('one minister, two spellings: Sharlapaev and Sharlapayev', () => {
    const p = record('sharlapaev');
    expect(p.kind).toBe('person');
    expect(p.aliases).toContain('Sharlapayev');
  });

  it('cerium is a member of the rare-earths group, and gallium has its symbol', () => {
    const cerium = record('cerium');
    expect(cerium.kind === 'commodity' && cerium.groups).toContain('rare-earths');
    const gallium = record('gallium');
    expect(gallium.kind === 'commodity' && gallium.symbol).toBe('Ga');
  });
});
