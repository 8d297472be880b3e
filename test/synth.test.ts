// scripts/synth.mjs: the synthetic fact base used by the benchmark is valid through the CLI (run
// in-process), deterministic from its seed, has every kind and exactly N records, and its copper
// deposits are exactly what `minerals deposits --metal copper` returns. The script itself runs as
// a process: its command line (main) is what is tested, and the module does not export it.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KINDS } from '../src/schema/index.js';
import { ROOT, run, tempDir } from './helpers.js';

const SYNTH = path.join(ROOT, 'scripts', 'synth.mjs');
const N = 300;

/** Run the script as a user does, `node scripts/synth.mjs ...`. */
function synth(out: string, records: number, seed: number, json?: string) {
  const args = [
    SYNTH,
    '--records',
    String(records),
    '--seed',
    String(seed),
    '--out',
    out,
    ...(json ? ['--json', json] : []),
  ];
  return spawnSync(process.execPath, args, { encoding: 'utf8' });
}

/** Every file below `dir`, relative, sorted. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** One hash over every file's path and bytes. */
function treeHash(dir: string): string {
  const h = crypto.createHash('sha256');
  for (const f of listFiles(dir))
    h.update(`${f}\0`)
      .update(fs.readFileSync(path.join(dir, f)))
      .update('\0');
  return h.digest('hex');
}

interface Rec {
  id: string;
  kind: string;
  commodities?: string[];
  claims?: Array<{ commodity?: string }>;
}

/** The records, read back from the YAML files with the yaml package (not through the CLI). */
function readRecords(dir: string): {
  records: Rec[];
  files: Array<{ file: string; text: string; count: number }>;
} {
  const records: Rec[] = [];
  const files = [];
  for (const f of listFiles(dir).filter((x) => x.endsWith('.yaml'))) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const doc = parse(text) as Rec[] | Rec;
    const list = Array.isArray(doc) ? doc : [doc];
    records.push(...list);
    files.push({ file: f, text, count: list.length });
  }
  return { records, files };
}

describe('scripts/synth.mjs', () => {
  let root: string;
  let base: string;
  let json: string;

  // a process: the script's command line writes the base every test reads
  beforeAll(() => {
    root = tempDir('minerals-synth-');
    base = path.join(root, 'a');
    json = path.join(root, 'a.json');
    const r = synth(base, N, 42, json);
    expect(r.stderr).toMatch(/^wrote 300 records/);
    expect(r.status).toBe(0);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes a base that `minerals validate` finds clean', async () => {
    const r = await run(['validate', '--data', base]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  // a process: the same command line, run again, must write the same bytes
  it('is byte-identical for the same seed and differs for another seed', () => {
    const again = path.join(root, 'b');
    const other = path.join(root, 'c');
    expect(synth(again, N, 42).status).toBe(0);
    expect(synth(other, N, 43).status).toBe(0);
    expect(listFiles(again)).toEqual(
      listFiles(base).filter((f) => f !== path.relative(base, json)),
    );
    expect(treeHash(again)).toBe(treeHash(base));
    expect(treeHash(other)).not.toBe(treeHash(base));
  });

  it('has exactly N records, every kind, mostly deposits, projects, organizations and deals', async () => {
    const r = await run(['stats', '--json', '--data', base]);
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout) as {
      totals: { records: number; files: number; texts: number; sources: number };
      kinds: Record<string, number>;
    };
    expect(stats.totals.records).toBe(N);
    for (const k of KINDS) expect(stats.kinds[k], k).toBeGreaterThan(0);
    expect(Object.values(stats.kinds).reduce((a, b) => a + b, 0)).toBe(N);
    const main =
      stats.kinds.deposit! + stats.kinds.project! + stats.kinds.organization! + stats.kinds.deal!;
    expect(main / N).toBeGreaterThan(0.6);
    // one text per source, each found in DIR/seeds
    expect(stats.totals.texts).toBe(stats.kinds.source);
    expect(readRecords(base).records).toHaveLength(N);
  });

  it('lays out files by kind, at most 100 records each, each starting with the schema modeline', () => {
    const { files } = readRecords(base);
    for (const f of files) {
      expect(f.text.startsWith('# yaml-language-server: $schema=../schema.json\n'), f.file).toBe(
        true,
      );
      expect(f.count).toBeLessThanOrEqual(100);
      expect(path.dirname(f.file)).not.toBe('.');
    }
    const byDir = new Map<string, Set<string>>();
    for (const r of readRecords(base).records) {
      const f = files.find((x) => x.text.includes(`- id: ${r.id}\n`))!;
      byDir.set(path.dirname(f.file), (byDir.get(path.dirname(f.file)) ?? new Set()).add(r.kind));
    }
    for (const kinds of byDir.values()) expect(kinds.size).toBe(1);
    expect(fs.existsSync(path.join(base, 'schema.json'))).toBe(true);
  });

  it('writes the same records as one JSON array with --json', () => {
    const fromJson = JSON.parse(fs.readFileSync(json, 'utf8')) as Rec[];
    const byId = (a: Rec, b: Rec) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    expect(fromJson).toHaveLength(N);
    expect([...fromJson].sort(byId)).toEqual([...readRecords(base).records].sort(byId));
  });

  it('has about 10% copper deposits, exactly those that `deposits --metal copper` lists', async () => {
    const { records } = readRecords(base);
    const deposits = records.filter((r) => r.kind === 'deposit');
    const copper = deposits.filter((d) => d.commodities!.includes('copper')).map((d) => d.id);
    // non-copper deposits never carry a copper claim, so the commodity list alone decides
    for (const d of deposits.filter((x) => !x.commodities!.includes('copper')))
      expect(
        (d.claims ?? []).some((c) => c.commodity === 'copper'),
        d.id,
      ).toBe(false);
    expect(copper.length).toBeGreaterThan(0);
    expect(copper.length / deposits.length).toBeGreaterThan(0.03);
    expect(copper.length / deposits.length).toBeLessThan(0.2);
    const r = await run(['deposits', '--metal', 'copper', '--json', '--data', base]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const listed = (JSON.parse(r.stdout) as Array<{ id: string }>).map((d) => d.id);
    expect(listed).toHaveLength(copper.length);
    expect([...listed].sort()).toEqual([...copper].sort());
  });

  // a process: exit codes of the script's own command line
  it('refuses bad arguments with exit 2', () => {
    expect(synth(path.join(root, 'small'), 10, 1).status).toBe(2);
    expect(synth(base, N, 42).status).toBe(2); // --out not empty
    expect(spawnSync(process.execPath, [SYNTH, '--bogus'], { encoding: 'utf8' }).status).toBe(2);
  });
});
