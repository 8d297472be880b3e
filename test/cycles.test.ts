// Cycles in parent, part_of and groups chains (check/cycles.ts): validate reports each, the same
// whichever way the base is checked (whole, streamed into a new store, patched after an edit),
// queries refuse such a base, and with --allow-invalid every walk along the chains ends.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knotsOf } from '../src/check/cycles.js';
import { buildStore, rebuild } from '../src/pipeline/build.js';
import { ROOT, run, storeState, tempDir } from './helpers.js';

const PARENTS = 'test/fixtures/rule-parent-cycle';
const GROUPS = 'test/fixtures/rule-group-cycle';

describe('validate', () => {
  it('reports a cycle of two regions, a region its own parent, three organizations across files and a policy part of itself: exit 1', async () => {
    const r = await run(['validate', '--data', PARENTS]);
    expect(r).toEqual({
      code: 1,
      stdout: [
        `${PARENTS}/holdings.yaml:5:11: error parent-cycle: the parent chain of organization "acme-group" comes back to it: acme-group (${PARENTS}/holdings.yaml:5:11) -> acme (${PARENTS}/organizations.yaml:5:11) -> acme-holding (${PARENTS}/organizations.yaml:10:11) -> acme-group`,
        '    5 |   parent: acme',
        '      |           ^',
        `${PARENTS}/places.yaml:8:11: error parent-cycle: the parent chain of region "kz-east" comes back to it: kz-east (${PARENTS}/places.yaml:8:11) -> kz-north (${PARENTS}/places.yaml:13:11) -> kz-east`,
        '    8 |   parent: kz-north',
        '      |           ^',
        `${PARENTS}/places.yaml:23:11: error parent-cycle: the parent chain of region "altai" comes back to it: altai (${PARENTS}/places.yaml:23:11) -> altai`,
        '   23 |   parent: altai',
        '      |           ^',
        `${PARENTS}/policies.yaml:6:12: error parent-cycle: the part_of chain of policy "export-rules" comes back to it: export-rules (${PARENTS}/policies.yaml:6:12) -> export-rules`,
        '    6 |   part_of: export-rules',
        '      |            ^',
        '',
      ].join('\n'),
      stderr: '4 errors, 0 warnings in 5 files (14 records, 1 citation)\n',
    });
  });

  it('reports a commodity in a group that is in itself, once for a knot of cycles: exit 1', async () => {
    const r = await run(['validate', '--data', GROUPS]);
    expect(r).toEqual({
      code: 1,
      stdout: [
        `${GROUPS}/base.yaml:12:20: error group-cycle: commodity "rare-earths" is a member of itself through its groups: rare-earths (${GROUPS}/base.yaml:12:20) -> light-rare-earths (${GROUPS}/base.yaml:16:12) -> rare-earths`,
        '   12 |   groups: [metals, light-rare-earths]',
        '      |                    ^',
        `${GROUPS}/base.yaml:25:12: error group-cycle: commodity "metals" is a member of itself through its groups: metals (${GROUPS}/base.yaml:25:12) -> metals`,
        '   25 |   groups: [metals]',
        '      |            ^',
        `${GROUPS}/base.yaml:29:12: error group-cycle: commodity "battery-metals" is a member of itself through its groups: battery-metals (${GROUPS}/base.yaml:29:12) -> critical-metals (${GROUPS}/base.yaml:33:12) -> battery-metals; also caught in cycles with it: strategic-metals`,
        '   29 |   groups: [critical-metals, strategic-metals]',
        '      |            ^',
        '',
      ].join('\n'),
      stderr: '3 errors, 0 warnings in 1 file (10 records, 1 citation)\n',
    });
  });

  it('--json: code, message and the chain with every position in args', async () => {
    const r = await run(['validate', '--json', '--data', PARENTS]);
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(diags.map((d) => [d.file, d.line, d.col, d.severity, d.code])).toEqual([
      [`${PARENTS}/holdings.yaml`, 5, 11, 'error', 'parent-cycle'],
      [`${PARENTS}/places.yaml`, 8, 11, 'error', 'parent-cycle'],
      [`${PARENTS}/places.yaml`, 23, 11, 'error', 'parent-cycle'],
      [`${PARENTS}/policies.yaml`, 6, 12, 'error', 'parent-cycle'],
    ]);
    expect(diags[0]).toEqual({
      file: `${PARENTS}/holdings.yaml`,
      line: 5,
      col: 11,
      severity: 'error',
      code: 'parent-cycle',
      message: `the parent chain of organization "acme-group" comes back to it: acme-group (${PARENTS}/holdings.yaml:5:11) -> acme (${PARENTS}/organizations.yaml:5:11) -> acme-holding (${PARENTS}/organizations.yaml:10:11) -> acme-group`,
      args: {
        kind: 'organization',
        id: 'acme-group',
        field: 'parent',
        chain: [
          { id: 'acme-group', at: `${PARENTS}/holdings.yaml:5:11` },
          { id: 'acme', at: `${PARENTS}/organizations.yaml:5:11` },
          { id: 'acme-holding', at: `${PARENTS}/organizations.yaml:10:11` },
        ],
        others: [],
      },
    });
    const groups = JSON.parse((await run(['validate', '--json', '--data', GROUPS])).stdout);
    expect(
      groups.map((d: { code: string; args: { others: string[] } }) => [d.code, d.args.others]),
    ).toEqual([
      ['group-cycle', []],
      ['group-cycle', []],
      ['group-cycle', ['strategic-metals']],
    ]);
  });
});

describe('a base with cycles and the store', () => {
  it('the streamed build gives way (nothing written) and the whole load reports the cycles', () => {
    for (const fixture of [PARENTS, GROUPS]) {
      const dataDir = path.join(ROOT, fixture);
      const dir = tempDir('minerals-cycles-');
      const opts = {
        dataDir,
        seedsDir: path.join(dataDir, 'seeds'),
        cwd: ROOT,
        version: 'test',
      };
      expect([
        fixture,
        buildStore({ ...opts, storeFile: path.join(dir, 'streamed.sqlite') }),
      ]).toEqual([fixture, false]);
      expect(fs.readdirSync(dir)).toEqual([]);
      const loaded = rebuild({ ...opts, storeFile: path.join(dir, 'whole.sqlite') });
      expect([fixture, loaded.errors]).toEqual([fixture, fixture === PARENTS ? 4 : 3]);
    }
  });

  it('a query is refused as for any error, cold and warm through the cache as without it', async () => {
    const cache = tempDir('minerals-cycles-cache-');
    for (const fixture of [PARENTS, GROUPS]) {
      const args = ['companies', '--data', fixture];
      const none = await run(['--no-cache', ...args]);
      expect(none.code).toBe(1);
      expect(none.stderr.split('\n')[0]).toBe(
        `minerals: the fact base in ${fixture} has ${fixture === PARENTS ? '4 errors; the first 3' : '3 errors'}:`,
      );
      for (const pass of ['cold', 'warm'])
        expect({ pass, r: await run(args, { env: { MINERALS_CACHE_DIR: cache } }) }).toEqual({
          pass,
          r: none,
        });
    }
  });
});

describe('an edit through the cache gives what a fresh build gives', () => {
  // acme-east -> acme-holding -> acme -> acme-group, across two files: no cycle
  const A = [
    '- {id: kazakhstan, kind: country, name: Kazakhstan}',
    '- {id: acme, kind: organization, name: Acme, type: company, parent: acme-group}',
    '- {id: acme-east, kind: organization, name: Acme East, type: company, parent: acme-holding}',
    '',
  ].join('\n');
  const B = [
    '- {id: acme-holding, kind: organization, name: Acme Holding, type: company, parent: acme}',
    '- {id: acme-group, kind: organization, name: Acme Group, type: company}',
    '',
  ].join('\n');

  function setUp() {
    const dir = tempDir('minerals-cycles-edit-');
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(path.join(dir, 'seeds'), { recursive: true });
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'a.yaml'), A);
    fs.writeFileSync(path.join(dataDir, 'b.yaml'), B);
    const cache = tempDir('minerals-cycles-cache-');
    const env = { MINERALS_CACHE_DIR: cache };
    const queries = [
      ['companies', '--fields', 'id'],
      ['companies', '--fields', 'id', '--allow-invalid'],
      ['facts', '--said-by', 'acme-group', '--allow-invalid'],
      ['company', 'show', 'acme', '--allow-invalid', '--json'],
    ];
    /** Every query through the cache, each against the same query without it. */
    const same = async () => {
      for (const q of queries) {
        const args = [...q, '--data', dataDir];
        const cached = await run(args, { env });
        expect({ q, cached }).toEqual({ q, cached: await run(['--no-cache', ...args]) });
      }
      return run(['companies', '--fields', 'id', '--data', dataDir], { env });
    };
    const edit = (file: string, text: string) => fs.writeFileSync(path.join(dataDir, file), text);
    return { dataDir, cache, same, edit, builtAt: () => storeState(cache).builtAt };
  }

  it('an edit that closes a cycle through a file it does not touch is reported; undoing it mends the base', async () => {
    const { dataDir, same, edit } = setUp();
    expect((await same()).code).toBe(0);
    // acme-group's parent is now acme-east: acme -> acme-group -> acme-east -> acme-holding -> acme
    edit('b.yaml', B.replace('type: company}', 'type: company, parent: acme-east}'));
    const refused = await same();
    expect([refused.code, ...refused.stderr.split('\n').slice(0, 2)]).toEqual([
      1,
      `minerals: the fact base in ${dataDir} has 1 error:`,
      `${dataDir}/a.yaml:2:69: error parent-cycle: the parent chain of organization "acme" comes back to it: acme (${dataDir}/a.yaml:2:69) -> acme-group (${dataDir}/b.yaml:2:81) -> acme-east (${dataDir}/a.yaml:3:79) -> acme-holding (${dataDir}/b.yaml:1:85) -> acme`,
    ]);
    edit('b.yaml', B);
    expect((await same()).code).toBe(0);
  });

  it('records reordered in a file, each place keeping its parent, can close a cycle too', async () => {
    const { dataDir, same, edit } = setUp();
    await same();
    // acme-east and acme trade places and parents: acme -> acme-holding -> acme
    const lines = A.split('\n');
    edit(
      'a.yaml',
      [
        lines[0],
        lines[2]!.replace('acme-holding', 'acme-group'),
        lines[1]!.replace('acme-group', 'acme-holding'),
        '',
      ].join('\n'),
    );
    const refused = await same();
    expect([refused.code, refused.stderr.split('\n')[1]]).toEqual([
      1,
      `${dataDir}/a.yaml:3:69: error parent-cycle: the parent chain of organization "acme" comes back to it: acme (${dataDir}/a.yaml:3:69) -> acme-holding (${dataDir}/b.yaml:1:85) -> acme`,
    ]);
  });

  it('an edit that adds no link to a chain patches the store; one that adds a link builds it again', async () => {
    const { same, edit, builtAt } = setUp();
    await same();
    const built = builtAt();
    edit('a.yaml', A.replace('name: Acme,', 'name: Acme Mining,'));
    expect((await same()).code).toBe(0);
    expect(builtAt()).toBe(built);
    // a parent taken away cannot close a cycle: patched
    edit('a.yaml', A.replace(', parent: acme-holding}', '}'));
    expect((await same()).code).toBe(0);
    expect(builtAt()).toBe(built);
    // a parent moved, no cycle: the answers are the same, from a store built again
    edit('a.yaml', A.replace('parent: acme-holding', 'parent: acme'));
    expect((await same()).code).toBe(0);
    expect(builtAt()).not.toBe(built);
  });
});

describe('with --allow-invalid every walk along a chain ends', () => {
  const queries: Array<[string, string[]]> = [
    [PARENTS, ['deposits', '--region', 'kz-north', '--fields', 'id']],
    [PARENTS, ['deposits', '--region', 'altai', '--fields', 'id']],
    [PARENTS, ['deposits', '--country', 'kazakhstan', '--fields', 'id']],
    [PARENTS, ['facts', '--said-by', 'acme-group', '--fields', 'id,property']],
    [PARENTS, ['company', 'show', 'acme-holding']],
    [PARENTS, ['country', 'show', 'kz-north']],
    [PARENTS, ['policy', 'show', 'export-rules']],
    [PARENTS, ['graph', '--about', 'acme', '--depth', '9']],
    [PARENTS, ['timeline', '--about', 'acme-east']],
    [PARENTS, ['report']],
    [GROUPS, ['metals', '--json']],
    [GROUPS, ['metal', 'show', 'battery-metals']],
    [GROUPS, ['deposits', '--metal', 'rare-earths', '--fields', 'id']],
    [GROUPS, ['facts', '--metal', 'light-rare-earths', '--fields', 'id,commodity']],
    [GROUPS, ['timeline', '--metal', 'metals']],
    [GROUPS, ['conflicts', '--about', 'rare-earths']],
    [GROUPS, ['graph', '--about', 'battery-metals', '--depth', '9', '--json']],
    [GROUPS, ['stats']],
  ];

  it('lists, show pages, facts, timeline, graph and report answer, cached as without a cache', async () => {
    const env = { MINERALS_CACHE_DIR: tempDir('minerals-cycles-cache-') };
    for (const [fixture, q] of queries) {
      const args = [...q, '--data', fixture, '--allow-invalid'];
      const none = await run(['--no-cache', ...args]);
      expect({ q, code: none.code, stderr: none.stderr }).toEqual({
        q,
        code: 0,
        stderr: `minerals: warning: the fact base has ${fixture === PARENTS ? 4 : 3} errors; results may be incomplete (run: minerals validate)\n`,
      });
      expect({ q, cached: await run(args, { env }) }).toEqual({ q, cached: none });
    }
  });

  it('a region in a cycle is inside the other; the members of a group in a knot are the knot', async () => {
    const region = await run(queries[0]![1].concat('--data', PARENTS, '--allow-invalid'));
    expect(region.stdout).toBe('ID\nkarabas\n');
    const said = await run(queries[3]![1].concat('--data', PARENTS, '--allow-invalid'));
    // acme-group is in acme's parent chain and acme in its: acme-east's operator said it
    expect(said.stdout).toBe('ID       PROPERTY\nkarabas  contained-metal\n');
    const metals = JSON.parse(
      (await run(['metals', '--json', '--data', GROUPS, '--allow-invalid'])).stdout,
    ) as Array<{ id: string; members: string[] }>;
    expect(metals.map((m) => [m.id, m.members])).toEqual([
      ['rare-earths', ['light-rare-earths', 'cerium']],
      ['light-rare-earths', ['rare-earths', 'cerium']],
      ['cerium', []],
      ['metals', ['rare-earths', 'light-rare-earths', 'cerium']],
      ['battery-metals', ['critical-metals', 'strategic-metals']],
      ['critical-metals', ['battery-metals', 'strategic-metals']],
      ['strategic-metals', ['battery-metals', 'critical-metals']],
    ]);
  });
});

describe('knotsOf', () => {
  /** Whether `to` can be reached from `from` in one link or more. */
  const reaches = (edges: number[][], from: number, to: number): boolean => {
    const seen = new Set<number>();
    const queue = [...edges[from]!];
    while (queue.length > 0) {
      const v = queue.shift()!;
      if (v === to) return true;
      if (seen.has(v)) continue;
      seen.add(v);
      queue.push(...edges[v]!);
    }
    return false;
  };

  it('finds each set of nodes caught in cycles together once, with a real cycle through its first node', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.array(fc.integer({ min: 0, max: n + 1 }), { maxLength: 3 }), {
              minLength: n,
              maxLength: n,
            }),
          ),
        ),
        ([n, targets]) => {
          // ids n and n + 1 name no node: links out of the chains, which end there
          const nodes = targets.map((t, i) => ({
            id: `n${i}`,
            kind: 'commodity',
            targets: t.map((j) => `n${j}`),
          }));
          const edges = targets.map((t) => t.filter((j) => j < n));
          const knots = knotsOf(nodes);
          const caught = (i: number) => reaches(edges, i, i);
          const together = (i: number, j: number) => reaches(edges, i, j) && reaches(edges, j, i);
          // every node on a cycle is in exactly one knot, with the nodes it is on cycles with
          const members = knots.flatMap((k) => [...k.cycle, ...k.others]);
          expect(members.sort((a, b) => a - b)).toEqual(
            [...Array(n).keys()].filter((i) => caught(i)),
          );
          for (const k of knots) {
            const all = [...k.cycle, ...k.others];
            expect(all.every((i) => together(i, k.cycle[0]!))).toBe(true);
            expect(k.cycle[0]).toBe(Math.min(...all));
            // each link of the cycle is a link of the graph, and no node comes twice
            k.cycle.forEach((v, i) => {
              expect(edges[v]).toContain(k.cycle[(i + 1) % k.cycle.length]);
            });
            expect(new Set(k.cycle).size).toBe(k.cycle.length);
          }
          // in the order of their first nodes
          expect(knots.map((k) => k.cycle[0])).toEqual(
            knots.map((k) => k.cycle[0]).sort((a, b) => a! - b!),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a link to a record of another kind does not make a cycle', () => {
    expect(
      knotsOf([
        { id: 'east', kind: 'region', targets: ['acme'] },
        { id: 'acme', kind: 'organization', targets: ['east'] },
      ]),
    ).toEqual([]);
  });

  it('a chain of 200,000 records that comes back to its start, 100,000 records each its own parent and a dense knot, in linear time', () => {
    const n = 200_000;
    const chain = Array.from({ length: n }, (_, i) => ({
      id: `r${i}`,
      kind: 'region',
      targets: [`r${(i + 1) % n}`],
    }));
    const started = Date.now();
    const [k] = knotsOf(chain);
    expect([k!.cycle.length, k!.others.length]).toEqual([n, 0]);
    const selves = Array.from({ length: n / 2 }, (_, i) => ({
      id: `s${i}`,
      kind: 'organization',
      targets: [`s${i}`],
    }));
    expect(knotsOf(selves).length).toBe(n / 2);
    // 400 commodities each in every other: 159,600 links, one knot, a cycle of two
    const m = 400;
    const dense = Array.from({ length: m }, (_, i) => ({
      id: `c${i}`,
      kind: 'commodity',
      targets: Array.from({ length: m - 1 }, (_, j) => `c${(i + j + 1) % m}`),
    }));
    const knots = knotsOf(dense);
    expect(knots.map((x) => [x.cycle, x.others.length])).toEqual([[[0, 1], m - 2]]);
    // about 1.5 s on a 2-core machine; anything quadratic would take hours
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
