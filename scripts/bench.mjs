#!/usr/bin/env node
// `npm run bench`: whole-process timings of the CLI against node, jq and yq on synthetic bases
// (scripts/synth.mjs) of 1,000, 10,000 and 100,000 records. Wall time by process.hrtime around a
// spawned process, peak RSS by GNU time (%M), medians of paired runs whose order alternates.
//
//   node scripts/bench.mjs [--sizes 1000,10000,100000] [--runs 5] [--quick] [--seed 1]
//                          [--budget 570] [--markdown]
//
// Bases are generated once into $TMPDIR/minerals-bench/<N>-<seed>/ (with records.json for jq)
// and reused. Each size gets a fresh CLI cache dir through MINERALS_CACHE_DIR.
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
const QUERY = ['deposits', '--metal', 'copper', '--json'];

const USAGE = `usage: node scripts/bench.mjs [--sizes 1000,10000,100000] [--runs 5] [--quick] [--seed 1] [--budget SECONDS] [--markdown]
  --sizes    record counts of the synthetic bases (default 1000,10000,100000)
  --runs     paired runs per comparison (default 5); fewer when a pair would overrun its time share
  --quick    sizes 1000,10000 and 3 runs
  --seed     seed of the synthetic bases (default 1)
  --budget   seconds the whole run should take (default 570); later comparisons are cut to fit
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
        .map((s) => whole(s, '--sizes', 100));
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

/** @param {string} s @param {string} flag @param {number} min */
function whole(s, flag, min) {
  const n = Number(s.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${flag} takes whole numbers of at least ${min}, not ${JSON.stringify(s)}`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Running one process

/**
 * @typedef {{ms: number, peakMB: number | null, code: number | null, out: string, err: string}} Run
 * @typedef {{argv: string[], env?: NodeJS.ProcessEnv, label: string, before?: (run: number) => void}} Cmd
 */

let haveTime = false;
const scratch = () => path.join(BENCH, `.run-${process.pid}`);

/**
 * Spawn `argv`, time it, read its peak RSS; stdout goes to a file (as it would to a pipe or file
 * in use), read back for the output checks.
 * @param {string[]} argv @param {NodeJS.ProcessEnv} [env]
 * @returns {Run}
 */
function runOnce(argv, env = process.env) {
  fs.mkdirSync(scratch(), { recursive: true });
  const outFile = path.join(scratch(), 'stdout');
  const timeFile = path.join(scratch(), 'time');
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
 * @typedef {{cmd: Cmd, runs: Run[], error?: string, first?: Run}} Side
 * @typedef {{sides: Side[], runs: number, note: string}} Series
 */

/**
 * Paired, interleaved runs of several commands: run i executes them in order, run i+1 in reverse
 * order (unless `fixedOrder`), so drift and warm-up hit every side alike. After the first round the
 * number of rounds is cut so the series fits `budgetMs`. A side that fails (exit code not 0) is
 * not run again and carries its error.
 * @param {Cmd[]} cmds @param {{runs: number, budgetMs: number, fixedOrder?: boolean, deadline: number}} o
 * @returns {Series}
 */
function series(cmds, o) {
  /** @type {Side[]} */
  const sides = cmds.map((cmd) => ({ cmd, runs: [] }));
  let rounds = o.runs;
  let note = '';
  for (let i = 0; i < rounds; i++) {
    const order = o.fixedOrder || i % 2 === 0 ? sides : [...sides].reverse();
    let roundMs = 0;
    for (const side of order) {
      if (side.error) continue;
      side.cmd.before?.(i);
      const r = runOnce(side.cmd.argv, side.cmd.env);
      roundMs += r.ms;
      if (r.code !== 0) {
        side.error = `exit ${r.code}: ${firstLine(r.err) || '(no message)'}`;
        continue;
      }
      side.runs.push(r);
    }
    progress(
      `  round ${i + 1}/${rounds}: ${order.map((s) => `${s.cmd.label} ${s.error ? 'error' : fmtMs(s.runs[s.runs.length - 1].ms)}`).join(', ')}`,
    );
    if (i === 0 && rounds > 1) {
      const left = Math.min(o.budgetMs, o.deadline - Date.now()) - roundMs;
      const fit = Math.max(0, Math.floor(left / Math.max(roundMs, 1)));
      if (fit + 1 < rounds) {
        rounds = fit + 1;
        note =
          roundMs > 60_000
            ? `${rounds} run${rounds > 1 ? 's' : ''}: one round took ${fmtS(roundMs)}`
            : `${rounds} of ${o.runs} runs (time budget)`;
      }
    }
  }
  return { sides, runs: rounds, note };
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
  Number.isNaN(ms) ? '-' : ms >= 10_000 ? `${Math.round(ms / 1000)}s` : `${Math.round(ms)}ms`;
/** @param {number} ms */
const fmtS = (ms) => `${(ms / 1000).toFixed(1)} s`;

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
  return { dir, yaml, bytes, json: path.join(dir, 'records.json') };
}

/** The file the edit comparison changes, and where its original is kept until restored. */
const editTarget = (/** @type {string} */ dir) => ({
  file: path.join(dir, 'deposits', 'deposits-0001.yaml'),
  backup: `${dir}.edit-backup`,
});

/** Put back a file an interrupted run left edited. @param {string} dir */
function restoreEdit(dir) {
  const { file, backup } = editTarget(dir);
  if (fs.existsSync(backup)) {
    fs.copyFileSync(backup, file);
    fs.rmSync(backup);
  }
}

/** The ids of a JSON array on stdout, sorted. @param {string} out */
function idsOf(out) {
  const v = JSON.parse(out);
  if (!Array.isArray(v)) throw new Error('not a JSON array');
  return v.map((r) => String(r.id)).sort();
}

/**
 * Whether two sides printed the same set of ids (first timed run of each).
 * @param {Side} a @param {Side} b @param {string[]} [expected]
 */
function sameIds(a, b, expected) {
  if (a.error || b.error || !a.runs[0] || !b.runs[0]) return '';
  try {
    const x = idsOf(a.runs[0].out);
    const y = idsOf(b.runs[0].out);
    const ok =
      x.length === y.length &&
      x.every((id, i) => id === y[i]) &&
      (expected === undefined ||
        (x.length === expected.length && x.every((id, i) => id === expected[i])));
    return ok ? `same ${x.length} ids` : `OUTPUTS DIFFER (${x.length} vs ${y.length} ids)`;
  } catch (e) {
    return `OUTPUT NOT JSON (${/** @type {Error} */ (e).message})`;
  }
}

// ---------------------------------------------------------------------------------------------
// Targets

/**
 * @typedef {{target: string, a: string, b: string, aMs: number, bMs: number, limit: string,
 *   met: string, aMB: number | null, bMB: number | null, runs: number, note: string}} Row
 */

/**
 * A result row comparing side `a` with side `b`.
 * @param {string} target @param {Side} a @param {Side} b @param {number} limit
 * @param {{extra?: (a: Side, b: Side) => boolean, limitText?: string, note?: string, runs: number, bMs?: number, bMB?: number | null}} o
 * @returns {Row}
 */
function row(target, a, b, limit, o) {
  const aMs = median(a.runs.map((r) => r.ms));
  const bMs = o.bMs ?? median(b.runs.map((r) => r.ms));
  const peak = (/** @type {Side} */ s) =>
    s.runs.length && s.runs[0].peakMB !== null
      ? Math.max(...s.runs.map((r) => r.peakMB ?? 0))
      : null;
  const errors = [
    a.error && `${a.cmd.label}: ${a.error}`,
    b.error && `${b.cmd.label}: ${b.error}`,
  ].filter(Boolean);
  const ok = errors.length === 0 && aMs / bMs <= limit && (o.extra ? o.extra(a, b) : true);
  return {
    target,
    a: a.cmd.label,
    b: b.cmd.label,
    aMs,
    bMs,
    limit: o.limitText ?? `${limit}x`,
    met: errors.length ? 'ERROR' : ok ? 'yes' : 'no',
    aMB: peak(a),
    bMB: o.bMB !== undefined ? o.bMB : peak(b),
    runs: Math.min(a.runs.length || o.runs, o.runs),
    note: [...errors, o.note ?? ''].filter(Boolean).join('; '),
  };
}

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

/**
 * Target 1: the shipped base, warm cache, against `node -e 0`.
 * @param {{runs: number, deadline: number}} o @returns {Row[]}
 */
function shippedTargets(o) {
  progress('target 1: shipped base vs node -e 0');
  const env = cliEnv(freshDir(path.join(BENCH, 'cache', 'shipped')));
  const table = {
    argv: [process.execPath, BIN, 'deposits', '--metal', 'copper'],
    env,
    label: 'minerals deposits --metal copper',
  };
  const json = {
    argv: [process.execPath, BIN, ...QUERY],
    env,
    label: 'minerals deposits --metal copper --json',
  };
  const node = { argv: [process.execPath, '-e', '0'], env, label: 'node -e 0' };
  runOnce(table.argv, env); // fill the cache
  const s = series([node, table, json], { runs: o.runs, budgetMs: 60_000, deadline: o.deadline });
  const [n, t, j] = s.sides;
  const nonEmpty = (/** @type {Side} */ x) => x.runs.every((r) => r.out.includes('karabas'));
  return [
    row('1 shipped, table', t, n, 1.4, {
      runs: s.runs,
      note: [s.note, nonEmpty(t) ? '' : 'OUTPUT MISSING karabas'].filter(Boolean).join('; '),
      extra: nonEmpty,
    }),
    row('1 shipped, --json', j, n, 1.4, {
      runs: s.runs,
      note: [s.note, nonEmpty(j) ? '' : 'OUTPUT MISSING karabas'].filter(Boolean).join('; '),
      extra: nonEmpty,
    }),
  ];
}

/**
 * Targets 2-5 on a base of `n` records.
 * @param {number} n @param {{runs: number, seed: number, deadline: number, start: number}} o
 * @returns {{rows: Row[], info: string}}
 */
function sizeTargets(n, o) {
  const base = ensureBase(n, o.seed);
  const info = `${n.toLocaleString('en-US')} records, ${base.yaml.length} files, ${(base.bytes / 1e6).toFixed(1)} MB of YAML, records.json ${(fs.statSync(base.json).size / 1e6).toFixed(1)} MB`;
  progress(`size ${n}: ${info}`);
  const budgetMs = n <= 1000 ? 20_000 : n <= 10_000 ? 45_000 : 100_000;
  const cacheDir = freshDir(path.join(BENCH, 'cache', `${n}-${o.seed}`));
  const env = cliEnv(cacheDir);
  const data = ['--data', base.dir];
  /** @type {Row[]} */
  const rows = [];
  /** @type {string} */
  let why = '';
  /** Whether a first round of these commands (one run each) would end before the deadline. @param {string[]} labels */
  const late = (labels) => {
    const est = predict(n, labels);
    if (Date.now() + est <= o.deadline) return false;
    why =
      est > 0
        ? `skipped: one round would take ~${fmtS(est)}, past the ${fmtS(o.deadline - o.start)} budget`
        : 'skipped: past the time budget';
    return true;
  };
  const skipped = (/** @type {string} */ target) => ({
    target,
    a: '',
    b: '',
    aMs: NaN,
    bMs: NaN,
    limit: '',
    met: 'skipped',
    aMB: null,
    bMB: null,
    runs: 0,
    note: why,
  });
  const done = (/** @type {Series} */ s) => {
    for (const side of s.sides) noteCost(side.cmd.label, n, median(side.runs.map((r) => r.ms)));
  };
  // what the generator wrote, read from records.json: every side's output is checked against it
  /** @type {string[]} */
  const expected = JSON.parse(fs.readFileSync(base.json, 'utf8'))
    .filter(
      (/** @type {{kind: string, commodities?: string[]}} */ r) =>
        r.kind === 'deposit' && r.commodities?.includes('copper'),
    )
    .map((/** @type {{id: string}} */ r) => r.id)
    .sort();

  // 2. warm cache vs jq on one JSON file
  const warm = {
    argv: [process.execPath, BIN, ...QUERY, ...data],
    env,
    label: 'minerals (warm cache)',
  };
  if (late(['fill', 'minerals (warm cache)', 'jq'])) rows.push(skipped('2 warm vs jq'));
  else {
    progress(`target 2 (${n}): warm cache vs jq`);
    const first = runOnce(warm.argv, env);
    noteCost('fill', n, first.ms);
    const jq = { argv: ['jq', JQ_FILTER, base.json], env, label: 'jq' };
    const s = series([warm, jq], { runs: o.runs, budgetMs, deadline: o.deadline });
    done(s);
    const [w, j] = s.sides;
    const check = sameIds(w, j, expected);
    rows.push(
      row('2 warm vs jq', w, j, 0.25, {
        runs: s.runs,
        limitText: '0.25x, less RAM',
        extra: (a, b) =>
          check.startsWith('same') &&
          a.runs[0].peakMB !== null &&
          b.runs[0].peakMB !== null &&
          Math.max(...a.runs.map((r) => r.peakMB ?? 0)) <
            Math.max(...b.runs.map((r) => r.peakMB ?? 0)),
        note: [
          check,
          `cache fill ${fmtMs(first.ms)}${first.code === 0 ? '' : ` (exit ${first.code})`}`,
          fs.readdirSync(cacheDir).length === 0 ? 'MINERALS_CACHE_DIR stayed empty' : '',
          s.note,
        ]
          .filter(Boolean)
          .join('; '),
      }),
    );
  }

  // 3 and 5. --no-cache vs yq, and validate vs --no-cache: one interleaved series of three
  if (late(['minerals --no-cache', 'yq', 'minerals validate']))
    rows.push(skipped('3 no-cache vs yq'), skipped('5 validate vs no-cache'));
  else {
    progress(`targets 3 and 5 (${n}): --no-cache vs yq, validate`);
    const cold = {
      argv: [process.execPath, BIN, '--no-cache', ...QUERY, ...data],
      env,
      label: 'minerals --no-cache',
    };
    const yq = { argv: ['yq', '-s', YQ_FILTER, ...base.yaml], env, label: 'yq' };
    const validate = {
      argv: [process.execPath, BIN, 'validate', ...data],
      env,
      label: 'minerals validate',
    };
    const s = series([cold, yq, validate], {
      runs: o.runs,
      budgetMs: budgetMs * 1.5,
      deadline: o.deadline,
    });
    done(s);
    const [c, y, v] = s.sides;
    const check = sameIds(c, y, expected);
    rows.push(
      row('3 no-cache vs yq', c, y, 1.0, {
        runs: s.runs,
        extra: () => check.startsWith('same'),
        note: [check, s.note, 'yq peak: largest of python and jq'].filter(Boolean).join('; '),
      }),
    );
    const clean = v.runs.every((r) => r.out === '');
    rows.push(
      row('5 validate vs no-cache', v, c, 1.2, {
        runs: s.runs,
        extra: () => clean,
        note: [clean ? '' : 'VALIDATE PRINTED OUTPUT', s.note].filter(Boolean).join('; '),
      }),
    );
  }

  // 4. one data file changed: the next query vs a warm one
  if (late(['fill', 'minerals (after edit)', 'minerals (warm cache)']))
    rows.push(skipped('4 after edit vs warm'));
  else {
    progress(`target 4 (${n}): one file edited, next query vs warm`);
    const { file, backup } = editTarget(base.dir);
    fs.copyFileSync(file, backup);
    const original = fs.readFileSync(backup, 'utf8');
    const restore = () => restoreEdit(base.dir);
    const onSignal = () => {
      restore();
      process.exit(130);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      noteCost('fill', n, runOnce(warm.argv, env).ms); // the cache holds the unedited base
      // a folded description gains a sentence; the length differs every run so size changes too
      const edit = (/** @type {number} */ i) => {
        const changed = original.replace(
          /^( {2}description: >-\n)/m,
          `$1    Edited by the benchmark, run ${i + 1}${'!'.repeat(i + 1)}\n`,
        );
        if (changed === original) throw new Error(`no description to edit in ${file}`);
        fs.writeFileSync(file, changed);
      };
      const edited = { ...warm, label: 'minerals (after edit)', before: edit };
      const s = series([edited, warm], {
        runs: o.runs,
        budgetMs,
        deadline: o.deadline,
        fixedOrder: true,
      });
      done(s);
      const [e, w] = s.sides;
      const check = sameIds(e, w, expected);
      rows.push(
        row('4 after edit vs warm', e, w, 2.0, {
          runs: s.runs,
          extra: () => check.startsWith('same'),
          note: [check, s.note].filter(Boolean).join('; '),
        }),
      );
    } finally {
      restore();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
  return { rows, info };
}

// ---------------------------------------------------------------------------------------------
// Output

/** @param {number | null} mb */
const fmtMB = (mb) => (mb === null ? '-' : mb >= 100 ? String(Math.round(mb)) : mb.toFixed(1));
/** @param {Row} r */
const ratio = (r) => (Number.isFinite(r.aMs / r.bMs) ? `${(r.aMs / r.bMs).toFixed(2)}x` : '-');
/** @param {Row} r */
const cells = (r) => [
  r.target,
  `${r.a} / ${r.b}`,
  fmtMs(r.aMs),
  fmtMs(r.bMs),
  ratio(r),
  r.limit,
  r.met,
  fmtMB(r.aMB),
  fmtMB(r.bMB),
  String(r.runs),
  r.note,
];
const HEAD = [
  'target',
  'commands (A / B)',
  'A ms',
  'B ms',
  'A/B',
  'limit',
  'met',
  'A MB',
  'B MB',
  'runs',
  'note',
];

/** @param {Row[]} rows */
function textTable(rows) {
  const body = rows.map(cells);
  const w = HEAD.map((h, i) => Math.max(h.length, ...body.map((c) => c[i].length)));
  const right = new Set([2, 3, 4, 7, 8, 9]);
  const line = (/** @type {string[]} */ c) =>
    c
      .map((x, i) => (i === c.length - 1 ? x : right.has(i) ? x.padStart(w[i]) : x.padEnd(w[i])))
      .join('  ')
      .trimEnd();
  return [line(HEAD), ...body.map(line)].join('\n');
}

/** @param {Row[]} rows */
function markdownTable(rows) {
  const esc = (/** @type {string} */ s) => s.replace(/\|/g, '\\|');
  return [
    `| ${HEAD.join(' | ')} |`,
    `| ${HEAD.map((_, i) => ([2, 3, 4, 7, 8, 9].includes(i) ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`),
  ].join('\n');
}

const LEGEND = `commands: minerals = node bin/minerals.js deposits --metal copper --json --data DIR (MINERALS_CACHE_DIR=fresh dir per size);
  jq '${JQ_FILTER}' DIR/records.json
  yq -s '${YQ_FILTER}' DIR/**/*.yaml
  after edit = the query right after one deposit file's description changed (restored afterwards)`;

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
  for (const tool of ['jq', 'yq'])
    if (spawnSync(tool, ['--version']).error)
      progress(`bench: ${tool} not found; its rows will show an error`);
  if (!fs.existsSync(BIN) || spawnSync(process.execPath, [BIN, '--version']).status !== 0) {
    process.stderr.write('bench: bin/minerals.js does not run; build it first (npm run build)\n');
    return 2;
  }
  const probe = runOnce([
    process.execPath,
    BIN,
    '--no-cache',
    '--cache-dir',
    path.join(BENCH, 'cache', 'probe'),
    '--version',
  ]);
  const cacheFlags = probe.code === 0;

  const header = [
    `minerals benchmark: node ${process.version}, ${os.cpus().length} CPUs, ${os.platform()} ${os.release()}, seed ${o.seed}, up to ${o.runs} paired runs, medians`,
    `peak memory: ${haveTime ? 'GNU time %M (max RSS)' : 'not measured (no /usr/bin/time)'}; bases in ${BENCH}`,
    ...(cacheFlags
      ? []
      : [
          `NOTE: this CLI rejects --no-cache/--cache-dir (${firstLine(probe.err)}); rows that need them show an error, and "warm cache" is an uncached run`,
        ]),
  ];
  process.stdout.write(`${header.join('\n')}\n\n`);
  /** @type {Array<{title: string, rows: Row[]}>} */
  const sections = [];
  const print = (/** @type {{title: string, rows: Row[]}} */ s) => {
    sections.push(s);
    process.stdout.write(`${s.title}\n${textTable(s.rows)}\n\n`);
  };
  try {
    print({ title: 'shipped base (data/)', rows: shippedTargets({ runs: o.runs, deadline }) });
    for (const n of o.sizes) {
      const { rows, info } = sizeTargets(n, { runs: o.runs, seed: o.seed, deadline, start: t0 });
      print({ title: `N = ${info}`, rows });
    }
  } finally {
    fs.rmSync(scratch(), { recursive: true, force: true });
  }
  process.stdout.write(`${LEGEND}\n`);
  if (o.markdown)
    process.stdout.write(
      `\n${sections.map((s) => `**${s.title}**\n\n${markdownTable(s.rows)}`).join('\n\n')}\n`,
    );
  const elapsed = Date.now() - t0;
  const failed = sections.flatMap((s) => s.rows).filter((r) => r.met !== 'yes').length;
  process.stdout.write(
    `\nelapsed ${fmtS(elapsed)}${elapsed > 600_000 ? ' (OVER 10 minutes)' : ''}; ${failed} of ${sections.flatMap((s) => s.rows).length} targets not met\n`,
  );
  return 0;
}

process.exitCode = main();
