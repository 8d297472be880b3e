#!/usr/bin/env node
// `npm run bench`: whole-process timings of the CLI (its SQLite store, src/pipeline/store.ts)
// against `node -e 0`, the sqlite3 CLI, jq and yq, on the shipped base and on synthetic bases
// (scripts/synth.mjs) of 1,000 to 300,000 records. Wall time by process.hrtime around a spawned
// process, peak RSS by GNU time (%M); every comparison is a series of paired runs whose order
// alternates (A B, B A, ...), reported as the medians of each side and the median of the
// per-pair ratios A/B.
//
//   node scripts/bench.mjs [--sizes 1000,10000,100000] [--full] [--runs 5] [--quick] [--seed 1]
//                          [--budget 570] [--markdown]
//
// Per size: cold (no store yet: a fresh MINERALS_CACHE_DIR each run) vs yq over the same YAML,
// and `minerals export sqlite` when the CLI has that command; warm `deposits --metal copper
// --json` vs the sqlite3 CLI on an indexed table of the same records and vs jq on records.json,
// with warm `search gallium --json` in the same series; one record's name edited in place, the
// next query vs a warm one. Then a growth table and the targets of the issue, met or not.
// Bases are generated once into $TMPDIR/minerals-bench/<N>-<seed>/ (records.json for jq, and
// records.sqlite, built from it by the sqlite3 CLI, for the SQL yardstick) and reused.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const BIN = path.join(ROOT, 'bin', 'minerals.js');
const SYNTH = path.join(HERE, 'synth.mjs');
const BENCH = path.join(os.tmpdir(), 'minerals-bench');
const TIME = '/usr/bin/time';
const JQ_FILTER = '[.[] | select(.kind=="deposit" and (.commodities | index("copper")))]';
/** yq reads every file; a file holds a list of records or one record. */
const YQ_FILTER =
  '[.[] | if type == "array" then .[] else . end | select(.kind=="deposit" and (.commodities | index("copper")))]';
const SQL_QUERY =
  "SELECT r.json FROM records r JOIN record_commodity c ON c.record_id = r.id WHERE c.commodity='copper' AND c.kind='deposit' ORDER BY r.rowid";
/** The yardstick's tables, filled from records.json (one row per record, first of its id). */
const SQL_BUILD = (/** @type {string} */ json) => `
CREATE TABLE records(id TEXT PRIMARY KEY, kind TEXT NOT NULL, json TEXT NOT NULL);
INSERT OR IGNORE INTO records(id, kind, json)
  SELECT value->>'id', value->>'kind', value FROM json_each(readfile('${json.replace(/'/g, "''")}')) ORDER BY key;
CREATE TABLE record_commodity(commodity TEXT NOT NULL, kind TEXT NOT NULL, record_id TEXT NOT NULL);
INSERT INTO record_commodity(commodity, kind, record_id)
  SELECT c.value, r.kind, r.id FROM records r, json_each(r.json, '$.commodities') c;
CREATE INDEX record_commodity_commodity_kind ON record_commodity(commodity, kind);
ANALYZE;
`;
const QUERY = ['deposits', '--metal', 'copper', '--json'];
/** A word every synthetic base uses often (a commodity's name, in names, descriptions, quotes and texts). */
const WORD = 'gallium';
const SEARCH = ['search', WORD, '--json'];
const FULL = [10000, 100000, 300000];
/** The size the issue's targets are set at, and the one of the cold build's memory. */
const AT = 100000;
const AT_BIG = 300000;

const USAGE = `usage: node scripts/bench.mjs [--sizes 1000,10000,100000] [--full] [--runs 5] [--quick] [--seed 1] [--budget SECONDS] [--markdown]
  --sizes    record counts of the synthetic bases, 100 to 300000 (default 1000,10000,100000)
  --full     sizes ${FULL.join(',')}: every target of the issue (the 300k one is opt-in; cold
             runs take minutes there: give --budget 3000 or so)
  --runs     paired runs per warm comparison (default 5; the shipped base gets twice as many);
             cold runs are fewer: 3 up to 10k records, 2 up to 100k, 1 above
  --quick    sizes 1000,10000 and 3 runs
  --seed     seed of the synthetic bases (default 1)
  --budget   seconds the whole run should take (default 570); later series are cut to fit, or
             skipped when one round of them would not
  --markdown also print the results as Markdown tables`;

// ---------------------------------------------------------------------------------------------
// Arguments

/** @param {string[]} argv */
function parseArgs(argv) {
  const o = { sizes: [1000, 10000, 100000], runs: 5, seed: 1, budget: 570, markdown: false };
  let runsGiven = false;
  let sizesGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(argv[i]);
    const flag = m?.[1];
    const value = () => {
      const v = m?.[2] ?? argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return v;
    };
    if (flag === 'help' || argv[i] === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (flag === 'sizes') {
      o.sizes = value()
        .split(',')
        .map((s) => whole(s, '--sizes', 100, 300000));
      sizesGiven = true;
    } else if (flag === 'full') {
      o.sizes = [...FULL];
      sizesGiven = true;
    } else if (flag === 'runs') {
      o.runs = whole(value(), '--runs', 1);
      runsGiven = true;
    } else if (flag === 'seed') o.seed = whole(value(), '--seed', 0);
    else if (flag === 'budget') o.budget = whole(value(), '--budget', 1);
    else if (flag === 'quick') {
      if (!sizesGiven) o.sizes = [1000, 10000];
      if (!runsGiven) o.runs = 3;
    } else if (flag === 'markdown') o.markdown = true;
    else throw new Error(`unknown argument ${JSON.stringify(argv[i])}`);
  }
  return o;
}

/** @param {string} s @param {string} flag @param {number} min @param {number} [max] */
function whole(s, flag, min, max = Number.MAX_SAFE_INTEGER) {
  const n = Number(s.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(
      `${flag} takes whole numbers of at least ${min}${max < Number.MAX_SAFE_INTEGER ? ` and at most ${max}` : ''}, not ${JSON.stringify(s)}`,
    );
  return n;
}

// ---------------------------------------------------------------------------------------------
// Running one process

/**
 * @typedef {{ms: number, peakMB: number | null, code: number | null, out: string, err: string, round: number}} Run
 * @typedef {{argv: string[], env?: NodeJS.ProcessEnv, label: string, before?: (run: number) => void}} Cmd
 */

let haveTime = false;
const scratch = () => path.join(BENCH, `.run-${process.pid}`);

/**
 * Spawn `argv`, time it, read its peak RSS (MiB); stdout goes to a file (as it would to a pipe
 * or file in use), read back for the output checks.
 * @param {string[]} argv @param {NodeJS.ProcessEnv} [env]
 * @returns {Run}
 */
function runOnce(argv, env = process.env) {
  fs.mkdirSync(scratch(), { recursive: true });
  const outFile = path.join(scratch(), 'stdout');
  const timeFile = path.join(scratch(), 'time');
  fs.rmSync(timeFile, { force: true });
  const fd = fs.openSync(outFile, 'w');
  const full = haveTime ? [TIME, '-f', '%M', '-o', timeFile, ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full.slice(1), {
    stdio: ['ignore', fd, 'pipe'],
    env,
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  fs.closeSync(fd);
  let peakMB = null;
  if (haveTime && fs.existsSync(timeFile)) {
    // GNU time writes "Command exited with non-zero status N" before the figure
    const last = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
    if (/^\d+$/.test(last)) peakMB = Number(last) / 1024;
  }
  return {
    ms,
    peakMB,
    code: r.error ? null : r.status,
    out: fs.readFileSync(outFile, 'utf8'),
    err: r.error ? String(r.error.message) : (r.stderr ?? ''),
    round: 0,
  };
}

/** @param {number[]} xs */
const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * @typedef {{cmd: Cmd, runs: Run[], error?: string}} Side
 * @typedef {{sides: Side[], runs: number, note: string}} Series
 */

/**
 * Paired, interleaved runs of several commands: round i runs them in order, round i+1 in reverse
 * order (unless `fixedOrder`), so drift and warm-up hit every side alike. After the first round
 * the number of rounds is cut (not below `min`) so the series fits `budgetMs` and the deadline.
 * A side that fails (exit code not 0) is not run again and carries its error.
 * @param {Cmd[]} cmds
 * @param {{runs: number, budgetMs: number, deadline: number, fixedOrder?: boolean, min?: number}} o
 * @returns {Series}
 */
function series(cmds, o) {
  /** @type {Side[]} */
  const sides = cmds.map((cmd) => ({ cmd, runs: [] }));
  let rounds = o.runs;
  let note = '';
  const t0 = Date.now();
  for (let i = 0; i < rounds; i++) {
    const order = o.fixedOrder || i % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      if (side.error) continue;
      side.cmd.before?.(i);
      const r = runOnce(side.cmd.argv, side.cmd.env);
      r.round = i;
      if (r.code !== 0) {
        side.error = `exit ${r.code}: ${firstLine(r.err) || '(no message)'}`;
        progress(`  ${side.cmd.label} FAILED: ${side.error}`);
        continue;
      }
      side.runs.push(r);
    }
    progress(
      `  round ${i + 1}/${rounds}: ${order.map((s) => `${s.cmd.label} ${s.error ? 'error' : fmtMs(s.runs[s.runs.length - 1].ms)}`).join(', ')}`,
    );
    if (i === 0 && rounds > 1) {
      const roundMs = Date.now() - t0;
      const left = Math.min(o.budgetMs, o.deadline - t0) - roundMs;
      const fit = Math.max(o.min ?? 1, 1 + Math.floor(left / Math.max(roundMs, 1)));
      if (fit < rounds) {
        rounds = fit;
        note = `${rounds} of ${o.runs} runs (time budget)`;
      }
    }
  }
  return { sides, runs: rounds, note };
}

/** Median wall time of the runs of a side. @param {Side} s */
const med = (s) => median(s.runs.map((r) => r.ms));
/** Largest peak RSS of the runs of a side (MiB), or null. @param {Side} s */
const peak = (s) =>
  s.runs.length && s.runs.every((r) => r.peakMB !== null)
    ? Math.max(...s.runs.map((r) => r.peakMB ?? 0))
    : null;
/** Median of the ratios a/b of the rounds where both ran. @param {Side} a @param {Side} b */
function pairedRatio(a, b) {
  const bms = new Map(b.runs.map((r) => [r.round, r.ms]));
  return median(
    a.runs
      .filter((r) => bms.has(r.round))
      .map((r) => r.ms / /** @type {number} */ (bms.get(r.round))),
  );
}

/** Last median wall time of each command label and the base size it ran on, to predict the next size. */
/** @type {Map<string, {n: number, ms: number}>} */
const costs = new Map();
/** @param {string} label @param {number} n @param {number} ms */
const noteCost = (label, n, ms) => {
  if (Number.isFinite(ms)) costs.set(label, { n, ms });
};
/** Predicted ms of one run of each label on `n` records (linear in n; 0 when never measured). @param {number} n @param {string[]} labels */
const predict = (n, labels) =>
  labels.reduce((sum, l) => {
    const c = costs.get(l);
    return sum + (c ? (c.ms * n) / c.n : 0);
  }, 0);

/** @param {string} s */
const firstLine = (s) =>
  s
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim() ?? '';
/** @param {string} s */
const progress = (s) => process.stderr.write(`${s}\n`);
/** @param {number} ms */
const fmtMs = (ms) =>
  Number.isNaN(ms) ? '-' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
/** @param {number} ms */
const fmtS = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** @param {number | null} mb */
const fmtMB = (mb) =>
  mb === null || Number.isNaN(mb) ? '-' : mb >= 100 ? String(Math.round(mb)) : mb.toFixed(1);
/** @param {number} x */
const fmtX = (x) => (Number.isFinite(x) ? `${x < 0.1 ? x.toFixed(3) : x.toFixed(2)}x` : '-');
/** @param {number} n */
const fmtN = (n) => n.toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------
// Bases

/**
 * The synthetic base of `n` records, generated once (in a child process, so this one stays small).
 * @param {number} n @param {number} seed
 */
function ensureBase(n, seed) {
  const dir = path.join(BENCH, `${n}-${seed}`);
  const done = path.join(dir, '.complete');
  // a base made by another version of the generator is made again
  const stamp = `synth ${crypto.createHash('sha256').update(fs.readFileSync(SYNTH)).digest('hex')}\n`;
  restoreEdit(dir);
  if (!fs.existsSync(done) || fs.readFileSync(done, 'utf8') !== stamp) {
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
    progress(`generating ${n} records (seed ${seed}) into ${dir} ...`);
    const t0 = Date.now();
    const r = spawnSync(
      process.execPath,
      [
        SYNTH,
        '--records',
        String(n),
        '--seed',
        String(seed),
        '--out',
        tmp,
        '--json',
        path.join(tmp, 'records.json'),
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (r.status !== 0) throw new Error(`synth.mjs failed for ${n} records`);
    fs.writeFileSync(path.join(tmp, '.complete'), stamp);
    fs.renameSync(tmp, dir);
    progress(`  generated in ${fmtS(Date.now() - t0)}`);
  }
  /** @type {string[]} */
  const yaml = [];
  const walk = (/** @type {string} */ d) => {
    for (const e of fs
      .readdirSync(d, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'seeds') walk(p);
      } else if (e.name.endsWith('.yaml')) yaml.push(p);
    }
  };
  walk(dir);
  const bytes = yaml.reduce((s, f) => s + fs.statSync(f).size, 0);
  return { dir, yaml, bytes, json: path.join(dir, 'records.json'), sqlite: yardstick(dir) };
}

/**
 * The sqlite3 CLI's database of the records of records.json (built once, next to it): the
 * yardstick of the warm query. Null (with a progress line) when sqlite3 cannot build it.
 * @param {string} dir
 */
function yardstick(dir) {
  const json = path.join(dir, 'records.json');
  const file = path.join(dir, 'records.sqlite');
  const done = `${file}.complete`;
  const st = fs.statSync(json);
  const stamp = `${st.size} ${st.mtimeMs}\n${SQL_BUILD(json)}`;
  if (fs.existsSync(done) && fs.existsSync(file) && fs.readFileSync(done, 'utf8') === stamp)
    return file;
  const tmp = `${file}.tmp-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  fs.rmSync(done, { force: true });
  progress(`building the sqlite3 yardstick ${file} ...`);
  const t0 = Date.now();
  const r = spawnSync('sqlite3', ['-bail', tmp], {
    input: SQL_BUILD(json),
    encoding: 'utf8',
    stdio: ['pipe', 'inherit', 'pipe'],
  });
  if (r.error || r.status !== 0) {
    fs.rmSync(tmp, { force: true });
    progress(`  sqlite3 could not build it: ${r.error?.message ?? firstLine(r.stderr)}`);
    return null;
  }
  fs.renameSync(tmp, file);
  fs.writeFileSync(done, stamp);
  progress(`  built in ${fmtS(Date.now() - t0)}, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`);
  return file;
}

/** Where the original of an edited data file is kept until restored. @param {string} dir */
const backupOf = (dir) => `${dir}.edit-backup.json`;

/** Put back a file an interrupted run left edited. @param {string} dir */
function restoreEdit(dir) {
  const backup = backupOf(dir);
  if (fs.existsSync(backup)) {
    const { file, text } = JSON.parse(fs.readFileSync(backup, 'utf8'));
    fs.writeFileSync(file, text);
    fs.rmSync(backup);
  }
}

/**
 * The first deposit in the answer (a copper deposit) whose `name:` line the edit changes: its
 * file (the first deposit file, in name order, that has one), id, name and the line's place.
 * @param {string} dir @param {Set<string>} answer
 */
function editTarget(dir, answer) {
  const deposits = path.join(dir, 'deposits');
  for (const f of fs
    .readdirSync(deposits)
    .filter((x) => x.endsWith('.yaml'))
    .sort()) {
    const file = path.join(deposits, f);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^- id: (\S+)\n/gm)) {
      if (!answer.has(m[1])) continue;
      const start = /** @type {number} */ (m.index) + m[0].length;
      const next = text.indexOf('\n- id: ', start);
      const block = text.slice(start, next === -1 ? text.length : next);
      const n = /^ {2}name: (.+)$/m.exec(block);
      if (!n) continue;
      return {
        file,
        text,
        id: m[1],
        name: n[1],
        at: start + /** @type {number} */ (n.index),
        len: n[0].length,
      };
    }
  }
  return null;
}

/** The ids of a JSON array, or of JSON lines (sqlite3), sorted. @param {string} out */
function idsOf(out) {
  const t = out.trimStart();
  const v = t.startsWith('[')
    ? JSON.parse(t)
    : t
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l));
  if (!Array.isArray(v)) throw new Error('not a JSON array');
  return v.map((r) => String(r.id)).sort();
}

/**
 * Whether every side printed the ids expected (first timed run of each).
 * @param {Side[]} sides @param {string[]} expected
 */
function sameIds(sides, expected) {
  const bad = [];
  for (const s of sides) {
    if (s.error || !s.runs[0]) continue;
    try {
      const x = idsOf(s.runs[0].out);
      if (x.length !== expected.length || x.some((id, i) => id !== expected[i]))
        bad.push(`${s.cmd.label} printed ${x.length} ids, not the ${expected.length} expected`);
    } catch (e) {
      bad.push(`${s.cmd.label}: output not JSON (${/** @type {Error} */ (e).message})`);
    }
  }
  return bad.length ? `OUTPUTS DIFFER: ${bad.join('; ')}` : `same ${expected.length} ids`;
}

/** Bytes of the files in a directory (the store and its companions). @param {string} dir */
const dirBytes = (dir) =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0)
    : 0;

/** @param {string} cacheDir */
function cliEnv(cacheDir) {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, NO_COLOR: '1', MINERALS_CACHE_DIR: cacheDir };
  delete env.MINERALS_DATA;
  delete env.MINERALS_SEEDS;
  delete env.FORCE_COLOR;
  return env;
}

/** @param {string} p */
const freshDir = (p) => {
  fs.rmSync(p, { recursive: true, force: true });
  fs.mkdirSync(p, { recursive: true });
  return p;
};

// ---------------------------------------------------------------------------------------------
// Measurements

/**
 * One line of a detail table: side A alone, or A against B (medians, and the median of the
 * per-pair ratios). `ok` is false when a side failed or an output check did not pass.
 * @typedef {{key: string, what: string, a: string, b: string, aMs: number, bMs: number,
 *   ratio: number, aMB: number | null, bMB: number | null, runs: number, note: string,
 *   ok: boolean, skipped?: boolean}} Row
 */

/**
 * @param {string} key @param {string} what @param {Side} a @param {Side | null} b
 * @param {{runs: number, notes?: string[], ok?: boolean}} o
 * @returns {Row}
 */
function row(key, what, a, b, o) {
  const errors = [a, b].filter((s) => s?.error).map((s) => `${s?.cmd.label}: ${s?.error}`);
  return {
    key,
    what,
    a: a.cmd.label,
    b: b ? b.cmd.label : '',
    aMs: med(a),
    bMs: b ? med(b) : NaN,
    ratio: b ? pairedRatio(a, b) : NaN,
    aMB: peak(a),
    bMB: b ? peak(b) : null,
    runs: b ? Math.min(a.runs.length, b.runs.length) : a.runs.length,
    note: [...errors, ...(o.notes ?? [])].filter(Boolean).join('; '),
    ok: errors.length === 0 && a.runs.length > 0 && (!b || b.runs.length > 0) && o.ok !== false,
  };
}

/** A row not measured, and why. @param {string} key @param {string} what @param {string} why @returns {Row} */
const skippedRow = (key, what, why) => ({
  key,
  what,
  a: '',
  b: '',
  aMs: NaN,
  bMs: NaN,
  ratio: NaN,
  aMB: null,
  bMB: null,
  runs: 0,
  note: why,
  ok: false,
  skipped: true,
});

/** Whether the CLI has an `export` command (`minerals help export` exits 0). */
let haveExport = false;

/**
 * The shipped base (the repo's data/ and seeds/), warm, against `node -e 0`.
 * @param {{runs: number, deadline: number}} o @returns {Row[]}
 */
function shippedRows(o) {
  progress('shipped base (data/, seeds/): warm, against node -e 0');
  const env = cliEnv(freshDir(path.join(BENCH, 'cache', 'shipped')));
  const node = { argv: [process.execPath, '-e', '0'], env, label: 'node -e 0' };
  const search = {
    argv: [process.execPath, BIN, 'search', WORD],
    env,
    label: `minerals search ${WORD}`,
  };
  const deposits = {
    argv: [process.execPath, BIN, ...QUERY],
    env,
    label: 'minerals deposits --metal copper --json',
  };
  // a CA bundle named by NODE_EXTRA_CA_CERTS is read as node starts: every node program here
  // pays for it, node -e 0 too; timed without it for the record
  /** @type {NodeJS.ProcessEnv} */
  const bareEnv = { ...env };
  delete bareEnv.NODE_EXTRA_CA_CERTS;
  const bare = {
    argv: [process.execPath, '-e', '0'],
    env: bareEnv,
    label: 'node -e 0 without NODE_EXTRA_CA_CERTS',
  };
  const withCa = env.NODE_EXTRA_CA_CERTS !== undefined;
  // the store is built by the first run; the second of each is warm already (and keeps its rows)
  for (const c of [deposits, search, deposits, search]) runOnce(c.argv, env);
  const s = series(withCa ? [node, search, deposits, bare] : [node, search, deposits], {
    runs: o.runs * 2,
    budgetMs: 120_000,
    deadline: o.deadline,
  });
  const [n, se, d, b] = s.sides;
  const has = (/** @type {Side} */ x, /** @type {RegExp} */ re) =>
    x.runs.every((r) => re.test(r.out));
  const searchOk = has(se, /gallium/i);
  const depositsOk = has(d, /"id":"karabas"/);
  return [
    row('shipped-search', `shipped, warm search ${WORD}`, se, n, {
      runs: s.runs,
      ok: searchOk,
      notes: [searchOk ? '' : `OUTPUT MISSING ${WORD}`, s.note],
    }),
    row('shipped-deposits', 'shipped, warm deposits --metal copper --json', d, n, {
      runs: s.runs,
      ok: depositsOk,
      notes: [depositsOk ? '' : 'OUTPUT MISSING karabas', s.note],
    }),
    ...(b
      ? [
          row('node-ca', "node -e 0 without this machine's NODE_EXTRA_CA_CERTS", b, n, {
            runs: s.runs,
            ok: true,
            notes: [`NODE_EXTRA_CA_CERTS is set here: node -e 0 reads that CA bundle as it starts`],
          }),
        ]
      : []),
  ];
}

/**
 * @typedef {{n: number, info: string, answer: number, rows: Row[], warmMs: number,
 *   warmMB: number | null, hits: number | null, searchMs: number, searchMB: number | null,
 *   storeMB: number | null, coldMs: number, coldMB: number | null, coldRuns: number}} SizeResult
 */

/**
 * Everything measured on a base of `n` records.
 * @param {number} n @param {{runs: number, seed: number, deadline: number, start: number}} o
 * @returns {SizeResult}
 */
function sizeRows(n, o) {
  const base = ensureBase(n, o.seed);
  const info = `${fmtN(n)} records, ${base.yaml.length} files, ${(base.bytes / 1e6).toFixed(1)} MB of YAML, records.json ${(fs.statSync(base.json).size / 1e6).toFixed(1)} MB`;
  progress(`size ${n}: ${info}`);
  // what the generator wrote, read from records.json: every side's output is checked against it
  /** @type {string[]} */
  const expected = JSON.parse(fs.readFileSync(base.json, 'utf8'))
    .filter(
      (/** @type {{kind: string, commodities?: string[]}} */ r) =>
        r.kind === 'deposit' && r.commodities?.includes('copper'),
    )
    .map((/** @type {{id: string}} */ r) => r.id)
    .sort();
  /** @type {SizeResult} */
  const g = {
    n,
    info,
    answer: expected.length,
    rows: [],
    warmMs: NaN,
    warmMB: null,
    hits: null,
    searchMs: NaN,
    searchMB: null,
    storeMB: null,
    coldMs: NaN,
    coldMB: null,
    coldRuns: 0,
  };
  const warmDir = path.join(BENCH, 'cache', `${n}-${o.seed}`);
  fs.rmSync(warmDir, { recursive: true, force: true });
  const env = cliEnv(warmDir);
  const data = ['--data', base.dir];
  let why = '';
  /** Whether a first round of these commands (one run each) would end past the deadline. @param {string[]} labels */
  const late = (labels) => {
    const est = predict(n, labels);
    if (Date.now() + est <= o.deadline) return false;
    why =
      est > 0
        ? `skipped: one round would take ~${fmtS(est)}, past the ${fmtS(o.deadline - o.start)} budget`
        : 'skipped: past the time budget';
    return true;
  };
  const done = (/** @type {Series} */ s) => {
    for (const side of s.sides) noteCost(side.cmd.label, n, med(side));
  };
  const warmBudget = n <= 1000 ? 20_000 : n <= 10_000 ? 60_000 : n <= 100_000 ? 180_000 : 300_000;
  const few = Math.min(3, o.runs);

  // 1. cold: no store yet (a fresh cache directory each run), against yq over the same YAML; the
  // store the last cold run leaves is the warm one. Export (when built) from a fresh cache too.
  g.coldRuns = Math.min(o.runs, n <= 10_000 ? 3 : n <= 100_000 ? 2 : 1);
  const cold = {
    argv: [process.execPath, BIN, ...QUERY, ...data],
    env,
    label: 'minerals cold',
    before: () => freshDir(warmDir),
  };
  const yq = n <= AT ? { argv: ['yq', '-s', YQ_FILTER, ...base.yaml], env, label: 'yq' } : null;
  const exportDir = path.join(BENCH, 'cache', `export-${n}-${o.seed}`);
  const exportFile = path.join(BENCH, `export-${n}-${o.seed}.sqlite`);
  const exp = haveExport
    ? {
        argv: [process.execPath, BIN, 'export', 'sqlite', exportFile, '--force', ...data],
        env: cliEnv(exportDir),
        label: 'minerals export sqlite',
        before: () => {
          freshDir(exportDir);
          fs.rmSync(exportFile, { force: true });
        },
      }
    : null;
  const coldCmds = /** @type {Cmd[]} */ ([cold, yq, exp].filter(Boolean));
  const coldNote = `${g.coldRuns} cold run${g.coldRuns > 1 ? 's' : ''} (${n > 10_000 ? 'minutes each at this size' : 'few by design'})`;
  if (late(coldCmds.map((c) => c.label))) {
    g.rows.push(skippedRow('cold', 'cold deposits (builds the store)', why));
    if (exp) g.rows.push(skippedRow('export', 'export sqlite (fresh cache) vs cold', why));
  } else {
    progress(
      `size ${n}: cold (fresh MINERALS_CACHE_DIR each run)${yq ? ' vs yq' : ''}${exp ? ', export' : ''}`,
    );
    const s = series(coldCmds, { runs: g.coldRuns, budgetMs: Infinity, deadline: o.deadline });
    done(s);
    const [c, y] = s.sides;
    const check = sameIds(yq ? [c, y] : [c], expected);
    const notes = [
      check,
      coldNote,
      yq
        ? 'yq peak: largest of python and jq'
        : `yq not run above ${fmtN(AT)} records (no target there)`,
      s.note,
    ];
    g.rows.push(
      row(
        'cold',
        yq ? 'cold deposits (builds the store) vs yq' : 'cold deposits (builds the store)',
        c,
        yq ? y : null,
        {
          runs: s.runs,
          ok: check.startsWith('same'),
          notes,
        },
      ),
    );
    g.coldMs = med(c);
    g.coldMB = peak(c);
    if (exp) {
      const e = s.sides[s.sides.length - 1];
      const wrote = fs.existsSync(exportFile) && fs.statSync(exportFile).size > 0;
      g.rows.push(
        row('export', 'export sqlite (fresh cache) vs cold', e, c, {
          runs: s.runs,
          ok: wrote,
          notes: [
            wrote
              ? `${(fs.statSync(exportFile).size / 1e6).toFixed(1)} MB written`
              : 'NO FILE WRITTEN',
            coldNote,
          ],
        }),
      );
      fs.rmSync(exportFile, { force: true });
      fs.rmSync(exportDir, { recursive: true, force: true });
    }
  }

  // 2. warm: deposits against the sqlite3 CLI and jq, search in the same series
  const warm = { argv: [process.execPath, BIN, ...QUERY, ...data], env, label: 'minerals warm' };
  const search = {
    argv: [process.execPath, BIN, ...SEARCH, ...data],
    env,
    label: `minerals search ${WORD} --json`,
  };
  const sq = base.sqlite
    ? { argv: ['sqlite3', base.sqlite, SQL_QUERY], env, label: 'sqlite3' }
    : null;
  const jq = { argv: ['jq', JQ_FILTER, base.json], env, label: 'jq' };
  // the same warm query without this machine's NODE_EXTRA_CA_CERTS (read by every node start)
  /** @type {NodeJS.ProcessEnv} */
  const bareEnv = { ...env };
  delete bareEnv.NODE_EXTRA_CA_CERTS;
  const bare =
    env.NODE_EXTRA_CA_CERTS === undefined
      ? null
      : { ...warm, env: bareEnv, label: 'minerals warm without NODE_EXTRA_CA_CERTS' };
  const warmCmds = /** @type {Cmd[]} */ ([warm, sq, jq, search, bare].filter(Boolean));
  // the store the cold runs left (built here when they did not run), then one warm-up run each
  const fill = runOnce(warm.argv, env);
  if (late(['minerals warm', 'sqlite3', 'jq', search.label])) {
    for (const [k, w] of [
      ['warm-sqlite3', 'warm deposits vs sqlite3'],
      ['warm-jq', 'warm deposits vs jq'],
      ['search', `warm search ${WORD} --json`],
    ])
      g.rows.push(skippedRow(k, w, why));
  } else {
    progress(`size ${n}: warm deposits vs sqlite3 and jq, warm search`);
    runOnce(search.argv, env);
    const s = series(warmCmds, {
      runs: o.runs,
      budgetMs: warmBudget,
      deadline: o.deadline,
      min: few,
    });
    done(s);
    const w = s.sides[0];
    const q = sq ? s.sides[1] : null;
    const j = s.sides[sq ? 2 : 1];
    const se = s.sides[sq ? 3 : 2];
    const wb = bare ? s.sides[sq ? 4 : 3] : null;
    const check = sameIds(/** @type {Side[]} */ ([w, q, j, wb].filter(Boolean)), expected);
    const stored = dirBytes(warmDir);
    const fillNote = `store ${(stored / 1e6).toFixed(1)} MB${fill.code === 0 ? '' : `; the first run exited ${fill.code}: ${firstLine(fill.err)}`}`;
    const ok = check.startsWith('same') && stored > 0;
    if (q)
      g.rows.push(
        row('warm-sqlite3', 'warm deposits vs sqlite3 (indexed table)', w, q, {
          runs: s.runs,
          ok,
          notes: [check, fillNote, s.note],
        }),
      );
    else
      g.rows.push(
        skippedRow(
          'warm-sqlite3',
          'warm deposits vs sqlite3',
          'sqlite3 could not build the yardstick',
        ),
      );
    g.rows.push(
      row('warm-jq', 'warm deposits vs jq', w, j, { runs: s.runs, ok, notes: [check, s.note] }),
    );
    if (wb && q)
      g.rows.push(
        row('warm-bare', 'warm deposits vs sqlite3, without NODE_EXTRA_CA_CERTS', wb, q, {
          runs: s.runs,
          ok,
          notes: ['node start-up without the CA bundle this machine names', s.note],
        }),
      );
    /** @type {number | null} */
    let hits = null;
    try {
      hits = se.runs[0] ? JSON.parse(se.runs[0].out).length : null;
    } catch {
      hits = null;
    }
    g.rows.push(
      row('search', `warm search ${WORD} --json`, se, null, {
        runs: s.runs,
        ok: hits !== null && hits > 0,
        notes: [hits === null ? 'OUTPUT NOT A JSON ARRAY' : `${fmtN(hits)} hits`, s.note],
      }),
    );
    g.warmMs = med(w);
    g.warmMB = peak(w);
    g.searchMs = med(se);
    g.searchMB = peak(se);
    g.hits = hits;
    g.storeMB = stored / 1e6;
  }

  // 3. one copper deposit's name changed in place (its id kept): the next query vs a warm one
  const t = editTarget(base.dir, new Set(expected));
  if (!t)
    g.rows.push(
      skippedRow('edit', 'after edit vs warm', 'no copper deposit with a name: line found'),
    );
  else if (late(['minerals after edit', 'minerals warm']))
    g.rows.push(skippedRow('edit', 'after edit vs warm', why));
  else {
    progress(
      `size ${n}: ${path.relative(base.dir, t.file)}: ${t.id}'s name edited, next query vs warm`,
    );
    fs.writeFileSync(backupOf(base.dir), JSON.stringify({ file: t.file, text: t.text }));
    const restore = () => restoreEdit(base.dir);
    const onSignal = () => {
      restore();
      process.exit(130);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      runOnce(warm.argv, env); // the store holds the unedited base
      /** @type {string[]} */
      const names = [];
      // the name's length differs every run, so the file's size changes too
      const edit = (/** @type {number} */ i) => {
        names[i] = `${t.name} Edited${' Again'.repeat(i)}`;
        fs.writeFileSync(
          t.file,
          `${t.text.slice(0, t.at)}  name: ${names[i]}${t.text.slice(t.at + t.len)}`,
        );
      };
      const edited = { ...warm, label: 'minerals after edit', before: edit };
      const s = series([edited, warm], {
        runs: o.runs,
        budgetMs: warmBudget,
        deadline: o.deadline,
        fixedOrder: true,
        min: few,
      });
      done(s);
      const [e, w] = s.sides;
      const check = sameIds([e, w], expected);
      const stale = e.runs.filter((r) => {
        try {
          return (
            JSON.parse(r.out).find((/** @type {{id: string}} */ x) => x.id === t.id)?.name !==
            names[r.round]
          );
        } catch {
          return true;
        }
      }).length;
      g.rows.push(
        row('edit', 'after edit vs warm', e, w, {
          runs: s.runs,
          ok: check.startsWith('same') && stale === 0,
          notes: [
            check,
            stale
              ? `STALE: ${stale} of ${e.runs.length} runs did not print the new name of ${t.id}`
              : `new name of ${t.id} printed`,
            s.note,
          ],
        }),
      );
    } finally {
      restore();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
  return g;
}

// ---------------------------------------------------------------------------------------------
// Targets (of the issue) and output

/**
 * @typedef {{what: string, at: number | 'shipped', key: string, pick: 'ratio' | 'aMB' | 'aMs',
 *   limit: number, target: string, needs?: () => string | null}} Target
 */
/** @type {Target[]} */
const TARGETS = [
  {
    what: '100k warm deposits --metal copper --json vs sqlite3 CLI (indexed table)',
    at: AT,
    key: 'warm-sqlite3',
    pick: 'ratio',
    limit: 2,
    target: 'at most 2x',
  },
  {
    what: '100k warm deposits --metal copper --json vs jq on records.json',
    at: AT,
    key: 'warm-jq',
    pick: 'ratio',
    limit: 0.05,
    target: 'at most 0.05x',
  },
  {
    what: '100k warm deposits --metal copper --json, peak memory',
    at: AT,
    key: 'warm-jq',
    pick: 'aMB',
    limit: 100,
    target: 'under 100 MiB',
  },
  {
    what: `100k warm search ${WORD} --json`,
    at: AT,
    key: 'search',
    pick: 'aMs',
    limit: 500,
    target: 'under 0.5 s',
  },
  {
    what: `shipped base, warm search ${WORD} vs node -e 0`,
    at: 'shipped',
    key: 'shipped-search',
    pick: 'ratio',
    limit: 1.6,
    target: 'at most 1.6x',
  },
  {
    what: 'shipped base, warm deposits --metal copper --json vs node -e 0',
    at: 'shipped',
    key: 'shipped-deposits',
    pick: 'ratio',
    limit: 1.5,
    target: 'at most 1.5x',
  },
  {
    what: '100k cold (no store yet) vs yq over the same YAML',
    at: AT,
    key: 'cold',
    pick: 'ratio',
    limit: 0.7,
    target: 'at most 0.7x',
  },
  {
    what: '300k cold build, peak memory',
    at: AT_BIG,
    key: 'cold',
    pick: 'aMB',
    limit: 1e9 / 2 ** 20,
    target: 'under 1 GB (954 MiB)',
  },
  {
    what: "100k after editing one record's name, next query vs warm",
    at: AT,
    key: 'edit',
    pick: 'ratio',
    limit: 1.5,
    target: 'at most 1.5x',
  },
  {
    what: '100k export sqlite FILE --force (fresh cache) vs cold build',
    at: AT,
    key: 'export',
    pick: 'ratio',
    limit: 1.2,
    target: 'at most 1.2x',
    needs: () => (haveExport ? null : 'not built yet'),
  },
];

/**
 * The targets table: each target's measurement, value, target and whether it is met.
 * @param {Row[]} shipped @param {Map<number, SizeResult>} sizes @returns {string[][]}
 */
function targetCells(shipped, sizes) {
  return TARGETS.map((t) => {
    const missing = t.needs?.();
    if (missing) return [t.what, missing, t.target, '-', '0', ''];
    const rows = t.at === 'shipped' ? shipped : sizes.get(t.at)?.rows;
    const r = rows?.find((x) => x.key === t.key);
    if (!rows || !r)
      return [
        t.what,
        'not measured',
        t.target,
        '-',
        '0',
        `${t.at === 'shipped' ? 'shipped base' : fmtN(t.at)} not in --sizes`,
      ];
    if (r.skipped) return [t.what, 'not measured', t.target, '-', '0', r.note];
    const v = r[t.pick] ?? NaN;
    const value =
      t.pick === 'ratio'
        ? `${fmtX(v)} (${fmtMs(r.aMs)} / ${fmtMs(r.bMs)})`
        : t.pick === 'aMB'
          ? `${fmtMB(v)} MiB`
          : `${(v / 1000).toFixed(2)} s`;
    const within = t.pick === 'ratio' ? v <= t.limit : v < t.limit;
    const met = !r.ok ? 'ERROR' : Number.isFinite(v) && within ? 'yes' : 'no';
    const note = r.ok ? '' : r.note;
    return [t.what, value, t.target, met, String(r.runs), note];
  });
}

/** @param {Row} r */
const detailCells = (r) => [
  r.what,
  r.b ? `${r.a} / ${r.b}` : r.a,
  fmtMs(r.aMs),
  fmtMs(r.bMs),
  fmtX(r.ratio),
  fmtMB(r.aMB),
  fmtMB(r.bMB),
  String(r.runs),
  r.skipped ? `${r.note}` : r.note,
];
const DETAIL = [
  'measurement',
  'commands (A / B)',
  'A median',
  'B median',
  'A/B',
  'A MiB',
  'B MiB',
  'runs',
  'note',
];
const DETAIL_RIGHT = [2, 3, 4, 5, 6, 7];

/** @param {SizeResult} g */
const growthCells = (g) => [
  fmtN(g.n),
  fmtN(g.answer),
  fmtMs(g.warmMs),
  `${fmtMB(g.warmMB)}`,
  g.hits === null ? '-' : fmtN(g.hits),
  fmtMs(g.searchMs),
  fmtMB(g.searchMB),
  g.storeMB === null ? '-' : g.storeMB.toFixed(1),
  fmtMs(g.coldMs),
  fmtMB(g.coldMB),
  String(g.coldRuns),
];
const GROWTH = [
  'records',
  'answer (copper deposits)',
  'warm query',
  'warm peak MiB',
  `search ${WORD} hits`,
  'warm search',
  'search peak MiB',
  'store MB',
  'cold query',
  'cold peak MiB',
  'cold runs',
];
const GROWTH_RIGHT = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const TARGET_HEAD = ['measurement', 'value', 'target', 'met', 'runs', 'note'];

/** @param {string[]} head @param {string[][]} body @param {number[]} rightCols */
function textTable(head, body, rightCols) {
  const right = new Set(rightCols);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((c) => c[i].length)));
  const line = (/** @type {string[]} */ c) =>
    c
      .map((x, i) => (i === c.length - 1 ? x : right.has(i) ? x.padStart(w[i]) : x.padEnd(w[i])))
      .join('  ')
      .trimEnd();
  return [line(head), ...body.map(line)].join('\n');
}

/** @param {string[]} head @param {string[][]} body @param {number[]} rightCols */
function markdownTable(head, body, rightCols) {
  const esc = (/** @type {string} */ s) => s.replace(/\|/g, '\\|');
  return [
    `| ${head.map(esc).join(' | ')} |`,
    `| ${head.map((_, i) => (rightCols.includes(i) ? '---:' : '---')).join(' | ')} |`,
    ...body.map((c) => `| ${c.map(esc).join(' | ')} |`),
  ].join('\n');
}

const LEGEND = [
  `minerals warm = node bin/minerals.js ${QUERY.join(' ')} --data DIR, its store already built (MINERALS_CACHE_DIR=a cache dir per size)`,
  'minerals cold = the same with no store yet: a fresh MINERALS_CACHE_DIR each run (the run builds the store)',
  `minerals search ${WORD} --json = node bin/minerals.js ${SEARCH.join(' ')} --data DIR, warm`,
  `sqlite3 = sqlite3 DIR/records.sqlite "${SQL_QUERY}" (records(id, kind, json) and record_commodity(commodity, kind, record_id) indexed on (commodity, kind), from records.json)`,
  `jq = jq '${JQ_FILTER}' DIR/records.json`,
  `yq = yq -s '${YQ_FILTER}' DIR/**/*.yaml`,
  "after edit = the query right after one copper deposit's name: line changed in place, id kept (a longer name each run; restored afterwards)",
  'export = node bin/minerals.js export sqlite FILE --force --data DIR with a fresh cache dir each run',
  'A/B = median of the per-pair ratios; A median, B median = medians of each side; MiB = largest peak RSS of the runs (GNU time %M)',
  "targets are judged at 100,000 records (300,000 for the cold build's memory) and on the shipped base",
];

function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench: ${/** @type {Error} */ (e).message}\n${USAGE}\n`);
    return 2;
  }
  const t0 = Date.now();
  const deadline = t0 + o.budget * 1000;
  fs.mkdirSync(BENCH, { recursive: true });
  haveTime = spawnSync(TIME, ['-f', '%M', '-o', '/dev/null', 'true']).status === 0;
  for (const tool of ['jq', 'yq', 'sqlite3'])
    if (spawnSync(tool, ['--version']).error)
      progress(`bench: ${tool} not found; its rows will show an error`);
  if (!fs.existsSync(BIN) || spawnSync(process.execPath, [BIN, '--version']).status !== 0) {
    process.stderr.write('bench: bin/minerals.js does not run; build it first (npm run build)\n');
    return 2;
  }
  haveExport =
    spawnSync(process.execPath, [BIN, 'help', 'export'], { stdio: 'ignore' }).status === 0;
  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  const cores = os.availableParallelism();
  const header = [
    `minerals benchmark: node ${process.version}, ${cores} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`,
    `seed ${o.seed}; warm series up to ${o.runs} paired runs (shipped base ${o.runs * 2}), cold ones 3/2/1 runs up to 10k/100k/300k records, order alternating each round; load average at start ${load()}`,
    `peak memory: ${haveTime ? 'GNU time %M (max RSS)' : 'not measured (no /usr/bin/time)'}; bases in ${BENCH}; export command: ${haveExport ? 'yes' : 'not built yet'}`,
  ];
  process.stdout.write(`${header.join('\n')}\n\n`);
  /** @type {Array<{title: string, rows: Row[]}>} */
  const sections = [];
  const print = (/** @type {{title: string, rows: Row[]}} */ s) => {
    sections.push(s);
    process.stdout.write(
      `${s.title}\n${textTable(DETAIL, s.rows.map(detailCells), DETAIL_RIGHT)}\n\n`,
    );
  };
  /** @type {Row[]} */
  let shipped = [];
  /** @type {Map<number, SizeResult>} */
  const sizes = new Map();
  try {
    shipped = shippedRows({ runs: o.runs, deadline });
    print({ title: 'shipped base (data/, seeds/), warm', rows: shipped });
    for (const n of o.sizes) {
      const g = sizeRows(n, { runs: o.runs, seed: o.seed, deadline, start: t0 });
      sizes.set(n, g);
      print({ title: `N = ${g.info}`, rows: g.rows });
    }
  } finally {
    fs.rmSync(scratch(), { recursive: true, force: true });
  }
  const growth = [...sizes.values()].map(growthCells);
  const targets = targetCells(shipped, sizes);
  const footer = `load average at end ${load()}; ${cores} cores`;
  process.stdout.write(
    `growth (warm query and search; cold for scale)\n${textTable(GROWTH, growth, GROWTH_RIGHT)}\n\n`,
  );
  process.stdout.write(`targets (${cores} cores)\n${textTable(TARGET_HEAD, targets, [4])}\n\n`);
  process.stdout.write(`${LEGEND.join('\n')}\n${footer}\n`);
  if (o.markdown)
    process.stdout.write(
      `\n${header.join('  \n')}\n\n${sections.map((s) => `**${s.title}**\n\n${markdownTable(DETAIL, s.rows.map(detailCells), DETAIL_RIGHT)}`).join('\n\n')}\n\n**growth (warm query and search; cold for scale)**\n\n${markdownTable(GROWTH, growth, GROWTH_RIGHT)}\n\n**targets (${cores} cores)**\n\n${markdownTable(TARGET_HEAD, targets, [4])}\n\n${LEGEND.map((l) => `- ${l}`).join('\n')}\n\n${footer}\n`,
    );
  const elapsed = Date.now() - t0;
  const count = (/** @type {(met: string) => boolean} */ f) =>
    targets.filter((c) => f(c[3])).length;
  process.stdout.write(
    `\nelapsed ${fmtS(elapsed)}${elapsed > o.budget * 1000 ? ' (OVER the budget)' : ''}; of ${targets.length} targets ${count((m) => m === 'yes')} met, ${count((m) => m === 'no')} not met, ${count((m) => m === 'ERROR')} with errors, ${count((m) => m === '-')} not measured\n`,
  );
  return 0;
}

process.exitCode = main();
