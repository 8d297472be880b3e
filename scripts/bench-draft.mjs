#!/usr/bin/env node
// How good `minerals draft` is (issue 15): for each source of the shipped base, set aside the
// claims that cite it (a copy of data/ without them), run `draft` on it, and compare the drafted
// figures with the curated ones.
//
// - A curated figure is a claim citing the source that holds a quantity. It is recovered when a
//   drafted claim holds the same number (in base units: value x scale x the unit's factor), a unit
//   of the same dimension, the same bound, and is about the same record.
// - A drafted figure is right when some curated figure of the source has its number, unit and
//   bound (whatever the record): precision.
// - Modality: of the recovered figures whose curated modality is not `actual`, the share drafted
//   with that modality.
// - Quotes: every drafted claim is written into the copy (draft --write) and `validate` must
//   report no quote-not-found for it; also counted: the drafted claims validate accepts as is.
//
// Usage: node scripts/bench-draft.mjs [--markdown] [--json] [--verbose]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, isMap, isSeq } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'minerals.js');
const args = new Set(process.argv.slice(2));
const markdown = args.has('--markdown');
const verbose = args.has('--verbose');

const FACTOR = { t: 1, kt: 1e3, Mt: 1e6, 't/yr': 1, 'kt/yr': 1e3, 'Mt/yr': 1e6, fraction: 100 };
const DIMENSION = {
  t: 'mass',
  kt: 'mass',
  Mt: 'mass',
  't/yr': 'rate',
  'kt/yr': 'rate',
  'Mt/yr': 'rate',
  '%': 'ratio',
  fraction: 'ratio',
};
const SCALE = { thousand: 1e3, million: 1e6, billion: 1e9 };

/** The numbers a quantity holds, in base units, with its dimension and bound. */
function figuresOf(q) {
  const f = (FACTOR[q.unit] ?? 1) * (SCALE[q.scale] ?? 1);
  const nums = q.bound === 'range' ? [q.low, q.high] : [q.value];
  return nums.map((n) => ({
    n: Math.round(n * f * 1e6) / 1e6,
    dim: DIMENSION[q.unit] ?? q.unit,
    bound: q.bound ?? 'exact',
  }));
}
const same = (a, b) => a.n === b.n && a.dim === b.dim && a.bound === b.bound;

function run(argv, opts = {}) {
  const r = spawnSync(process.execPath, [BIN, ...argv], { encoding: 'utf8', ...opts });
  return r;
}

const shipped = JSON.parse(
  execFileSync(process.execPath, [BIN, '--no-cache', 'facts', '--json'], { encoding: 'utf8' }),
);
const sources = JSON.parse(
  execFileSync(process.execPath, [BIN, '--no-cache', 'sources', '--json'], { encoding: 'utf8' }),
).map((s) => s.id);

/** A copy of data/ without the claims that cite `source`. */
function setAside(source, dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(path.join(ROOT, 'data'))) {
    const from = path.join(ROOT, 'data', name);
    if (!name.endsWith('.yaml')) {
      fs.copyFileSync(from, path.join(dir, name));
      continue;
    }
    const doc = parseDocument(fs.readFileSync(from, 'utf8'));
    const items = isSeq(doc.contents) ? doc.contents.items : [doc.contents];
    for (const item of items) {
      if (!isMap(item)) continue;
      const claims = item.get('claims');
      if (!isSeq(claims)) continue;
      claims.items = claims.items.filter(
        (c) => !c.toJSON().citations.some((cit) => cit.source === source),
      );
      if (claims.items.length === 0) item.delete('claims');
    }
    fs.writeFileSync(path.join(dir, name), doc.toString());
  }
}

const rows = [];
const misses = [];
const wrong = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minerals-bench-draft-'));
try {
  for (const source of sources) {
    const dir = path.join(tmp, source, 'data');
    setAside(source, dir);
    const base = ['--data', dir, '--seeds', path.join(ROOT, 'seeds'), '--no-cache'];
    const r = run([...base, 'draft', source, '--json']);
    if (r.status !== 0) throw new Error(`draft ${source} failed: ${r.stderr}`);
    const drafted = JSON.parse(r.stdout).claims;
    const curated = shipped.filter(
      (c) => c.quantity && c.citations.some((cit) => cit.source === source),
    );
    const curatedFigures = curated.flatMap((c) =>
      figuresOf(c.quantity).map((f) => ({
        ...f,
        record: c.about.id,
        modality: c.modality,
        quote: c.citations[0].quote,
      })),
    );
    const draftedFigures = drafted
      .filter((d) => d.claim.quantity)
      .flatMap((d) =>
        figuresOf(d.claim.quantity).map((f) => ({
          ...f,
          record: d.record.id,
          modality: d.claim.modality ?? 'actual',
          figure: d.figure,
          line: d.line,
        })),
      );
    let recovered = 0;
    let prospective = 0;
    let modalityRight = 0;
    for (const c of curatedFigures) {
      const hit = draftedFigures.find((d) => same(c, d) && d.record === c.record);
      if (!hit) {
        misses.push({
          source,
          ...c,
          near: draftedFigures
            .filter((d) => d.n === c.n)
            .map((d) => `${d.record} ${d.dim} ${d.bound}`),
        });
        continue;
      }
      recovered++;
      if (c.modality !== 'actual') {
        prospective++;
        if (hit.modality === c.modality) modalityRight++;
        else misses.push({ source, ...c, modalityDrafted: hit.modality });
      }
    }
    let right = 0;
    for (const d of draftedFigures) {
      if (curatedFigures.some((c) => same(c, d))) right++;
      else wrong.push({ source, ...d });
    }
    // quotes and validity: write the draft into the copy and validate it
    const w = run([...base, 'draft', source, '--write', path.join(dir, 'drafted.yaml')]);
    let quotesBad = null;
    let invalid = null;
    let warned = null;
    if (w.status === 0) {
      const v = run([...base, 'validate', '--json']);
      // the drafted claims are in the base now: as many claims cite the source as were drafted
      const held = JSON.parse(run([...base, 'facts', '--source', source, '--json']).stdout).length;
      if (held !== drafted.length)
        throw new Error(`${source}: ${drafted.length} drafted, ${held} held`);
      const parsed = JSON.parse(v.stdout || '[]');
      // validate --json prints the list of diagnostics
      const diags = Array.isArray(parsed) ? parsed : [];
      if (v.status !== 0 && diags.length === 0) throw new Error(`validate failed: ${v.stderr}`);
      quotesBad = diags.filter((x) => x.code === 'quote-not-found').length;
      invalid = diags.filter((x) => x.severity === 'error').length;
      warned = diags.filter((x) => x.severity === 'warning').length;
      if (verbose && diags.length)
        console.error(source, diags.map((x) => `${x.code} ${x.message}`).join('\n'));
    }
    rows.push({
      source,
      curated: curatedFigures.length,
      recovered,
      drafted: draftedFigures.length,
      right,
      prospective,
      modalityRight,
      quotes: drafted.length,
      quotesBad,
      errors: invalid,
      warnings: warned,
    });
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

const pct = (a, b) => (b === 0 ? '100.0%' : `${((100 * a) / b).toFixed(1)}%`);
const total = rows.reduce(
  (t, r) => {
    for (const k of Object.keys(t)) t[k] += r[k] ?? 0;
    return t;
  },
  {
    curated: 0,
    recovered: 0,
    drafted: 0,
    right: 0,
    prospective: 0,
    modalityRight: 0,
    quotes: 0,
    quotesBad: 0,
    errors: 0,
    warnings: 0,
  },
);
const line = (r) => [
  r.source,
  `${r.recovered}/${r.curated} ${pct(r.recovered, r.curated)}`,
  `${r.right}/${r.drafted} ${pct(r.right, r.drafted)}`,
  `${r.modalityRight}/${r.prospective} ${pct(r.modalityRight, r.prospective)}`,
  r.quotesBad === null
    ? 'not written'
    : `${r.quotes - r.quotesBad}/${r.quotes} ${pct(r.quotes - r.quotesBad, r.quotes)}`,
  r.errors === null ? '-' : `${r.errors} / ${r.warnings}`,
];
const head = [
  'source',
  'recall (>= 80%)',
  'precision (>= 90%)',
  'modality (100%)',
  'quotes verify (100%)',
  'validate errors / warnings',
];
const body = [...rows.map(line), line({ ...total, source: 'total' })];
if (args.has('--json')) console.log(JSON.stringify({ rows, total, misses, wrong }, null, 2));
else if (markdown) {
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const b of body) console.log(`| ${b.join(' | ')} |`);
} else {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  for (const b of [head, ...body]) console.log(b.map((c, i) => c.padEnd(widths[i])).join('  '));
}
if (verbose) {
  console.error('\nmissed or modality wrong:');
  for (const m of misses) console.error(' ', JSON.stringify(m));
  console.error('\ndrafted, not curated:');
  for (const w of wrong) console.error(' ', JSON.stringify(w));
}
