// The house plan, checked on the code: every file of src/ belongs to a layer, no import runs from
// a lower layer to a higher one, the pairs the plan forbids never import each other, and no files
// import each other in a circle. Type-only imports count: they are dependencies too.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const SRC = path.join(ROOT, 'src');

/** From the ground up: a layer may import its own layer and the ones below it. */
const LAYERS: Array<[name: string, rank: number, paths: string[]]> = [
  ['schema', 0, ['schema/', 'diagnostics.ts', 'errors.ts', 'util/']],
  ['load', 1, ['load/']],
  ['query', 1, ['query/']],
  ['check', 2, ['check/']],
  ['render', 2, ['render/']],
  ['pipeline', 3, ['pipeline/']],
  ['commands', 4, ['commands/', 'help/', 'completion/', 'context.ts']],
  ['cli', 5, ['cli.ts']],
];

/** Pairs that must never import each other in that direction, with why. */
const NEVER: Array<[from: string, to: string, why: string]> = [
  ['load', 'check', 'the loader reads and parses; the pipeline runs the checks'],
  ['load', 'query', 'the loader knows no index; the pipeline builds it'],
  ['query', 'check', 'queries do not depend on validation rules'],
  ['query', 'load', 'queries are pure over a loaded base'],
  ['check', 'load', 'checks are pure over a loaded base'],
  ['schema', 'query', 'output schemas must not reach up into queries'],
  ['render', 'commands', 'renderers never reach back into commands'],
  ['query', 'render', 'a query returns data, not text'],
];

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? files(path.join(dir, e.name))
        : e.name.endsWith('.ts')
          ? [path.join(dir, e.name)]
          : [],
    );
}

const rel = (abs: string) => path.relative(SRC, abs).split(path.sep).join('/');
const layerOf = (file: string) =>
  LAYERS.find(([, , paths]) => paths.some((p) => file === p || file.startsWith(p)));

/** Every relative import of a file (static, type-only, re-export or dynamic), as src paths. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(SRC, file), 'utf8');
  const specs = [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms),
    ...text.matchAll(/import\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1]!);
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => rel(path.resolve(path.dirname(path.join(SRC, file)), s.replace(/\.js$/, '.ts'))));
}

const FILES = files(SRC).map(rel).sort();
const GRAPH = new Map(FILES.map((f) => [f, importsOf(f)]));

describe('the house plan', () => {
  it('puts every file of src/ in a layer, and every import names a file that exists', () => {
    expect(FILES.filter((f) => !layerOf(f))).toEqual([]);
    const missing = [...GRAPH].flatMap(([f, to]) =>
      to.filter((t) => !GRAPH.has(t)).map((t) => `${f} -> ${t}`),
    );
    expect(missing).toEqual([]);
  });

  it('has no import from a lower layer to a higher one', () => {
    const up = [...GRAPH].flatMap(([f, to]) =>
      to
        .filter((t) => layerOf(t)![1] > layerOf(f)![1])
        .map((t) => `${f} (${layerOf(f)![0]}) -> ${t} (${layerOf(t)![0]})`),
    );
    expect(up).toEqual([]);
  });

  it('has none of the imports the plan forbids', () => {
    const found = [...GRAPH].flatMap(([f, to]) =>
      to.flatMap((t) =>
        NEVER.filter(([a, b]) => layerOf(f)![0] === a && layerOf(t)![0] === b).map(
          ([, , why]) => `${f} -> ${t}: ${why}`,
        ),
      ),
    );
    expect(found).toEqual([]);
  });

  it('has no command module importing another: shared parts live in kit, common and options', () => {
    const SHARED = new Set([
      'commands/index.ts',
      'commands/kit.ts',
      'commands/common.ts',
      'commands/options.ts',
    ]);
    const command = (f: string) => f.startsWith('commands/') && !SHARED.has(f);
    const found = [...GRAPH].flatMap(([f, to]) =>
      command(f) ? to.filter(command).map((t) => `${f} -> ${t}`) : [],
    );
    expect(found).toEqual([]);
  });

  it('has no files that import each other in a circle', () => {
    // Tarjan's strongly connected components: any with more than one file is a circle
    let next = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const circles: string[][] = [];
    const visit = (v: string) => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      for (const w of GRAPH.get(v) ?? []) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1 || (GRAPH.get(v) ?? []).includes(v)) circles.push(scc.sort());
      }
    };
    for (const f of FILES) if (!index.has(f)) visit(f);
    expect(circles).toEqual([]);
  });

  it('sees the imports it checks (a known import of each kind is found)', () => {
    expect(GRAPH.get('cli.ts')).toContain('commands/index.ts');
    expect(GRAPH.get('query/facts.ts')).toContain('schema/output-common.ts'); // type-only
    expect(GRAPH.get('commands/show.ts')).toContain('schema/output-show.ts'); // dynamic
  });
});
