// The golden cases: every README example, every help example, and a fixed set of commands on
// every test fixture and on the shipped base, each with the stdout, stderr and exit code of the
// built CLI (bin/minerals.js, run as a process). test/golden.test.ts runs the same command lines
// in-process and expects byte-identical results.
//
//   node scripts/golden.mjs            write test/golden/cases.json from the current build
//   node scripts/golden.mjs --check    compare the build with test/golden/cases.json instead
//
// Paths that differ between checkouts are written as <root> and <cache>. Outputs over 64 KiB
// are kept as a sha256 and a length.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'minerals.js');
const OUT = path.join(ROOT, 'test', 'golden', 'cases.json');
const FIXTURES = 'test/fixtures';
const LIMIT = 64 * 1024;

const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'minerals-golden-'));
const env = {
  ...process.env,
  NO_COLOR: '1',
  COLUMNS: '80',
  TZ: 'UTC',
  LC_ALL: 'C',
  MINERALS_CACHE_DIR: cache,
};
for (const k of [
  'MINERALS_DATA',
  'MINERALS_SEEDS',
  'FORCE_COLOR',
  'CLICOLOR_FORCE',
  'XDG_CACHE_HOME',
])
  delete env[k];

function run(argv) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** Paths of this machine out, big outputs as a hash. */
function normalize(text, root, cacheDir) {
  const t = text.split(cacheDir).join('<cache>').split(root).join('<root>');
  if (t.length <= LIMIT) return t;
  return { sha256: crypto.createHash('sha256').update(t).digest('hex'), length: t.length };
}

/** The minerals part of an example line: no `$ `, no pipe, redirection or comment after it. */
function exampleArgv(line) {
  const words = [];
  let word = null;
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      word ??= '';
    } else if (ch === ' ' || ch === '\t') {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === '|' || ch === '>' || ch === '#' || ch === ';' || ch === '&') break;
    else word = (word ?? '') + ch;
  }
  if (word !== null && !quote) words.push(word);
  const at = words.indexOf('minerals');
  return at < 0 ? null : words.slice(at + 1);
}

/**
 * An example that writes files (report --out, export, source add, whose --dry-run needs the article
 * it names, draft --write, fmt without --check): not run here, where it would write into the checkout.
 */
const writes = (argv) =>
  argv.includes('--out') ||
  argv.includes('--write') ||
  (argv[0] === 'fmt' && !argv.includes('--check') && !argv.includes('--help')) ||
  argv[0] === 'export' ||
  argv.some((w, i) => w === 'source' && argv[i + 1] === 'add' && !argv.includes('--help'));

/** An example run on a base the checkout does not have (the README's `--data kz/data` walk-through). */
const elsewhere = (argv) => {
  const at = argv.indexOf('--data');
  return at >= 0 && !fs.existsSync(path.join(ROOT, argv[at + 1] ?? ''));
};

function readmeExamples() {
  const text = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const out = [];
  for (const m of text.matchAll(/^\s*\$ (?:npx )?minerals (.*)$/gm)) {
    const argv = exampleArgv(`minerals ${m[1]}`);
    if (argv && !writes(argv) && !elsewhere(argv)) out.push(argv);
  }
  return out;
}

async function helpExamples() {
  const main = await run(['--help']);
  const names = [
    ...main.stdout.split('Examples:')[0].matchAll(/^ {2}([a-z]+)(?: \[options\]| <|$| {2,})/gm),
  ].map((m) => m[1]);
  const out = [['--help'], ['help']];
  const visit = async (words) => {
    const r = await run([...words, '--help']);
    out.push([...words, '--help']);
    for (const m of r.stdout.matchAll(/^ {2}\$ (minerals .*)$/gm)) {
      // the program's help gives a description after two spaces
      const argv = exampleArgv(m[1].split(/ {2,}/)[0]);
      if (argv && !writes(argv)) out.push(argv);
    }
    const subs = r.stdout.includes('Commands:')
      ? [...r.stdout.split('Commands:')[1].matchAll(/^ {2}([a-z]+)/gm)].map((x) => x[1])
      : [];
    for (const s of subs) if (s !== 'help') await visit([...words, s]);
  };
  for (const n of [...new Set(names)]) if (n !== 'help') await visit([n]);
  return out;
}

const QUERY_COMMANDS = [
  ['deposits'],
  ['deposits', '--json'],
  ['deposits', '--format', 'csv'],
  ['deals'],
  ['deals', '--json'],
  ['deals', '--format', 'tsv'],
  ['projects'],
  ['projects', '--json'],
  ['companies'],
  ['companies', '--format', 'ndjson'],
  ['people'],
  ['people', '--json'],
  ['metals'],
  ['metals', '--format', 'yaml'],
  ['sources'],
  ['sources', '--json'],
  ['policies'],
  ['policies', '--json'],
  ['countries'],
  ['countries', '--json'],
  ['facts'],
  ['facts', '--json'],
  ['facts', '--cite'],
  ['timeline'],
  ['timeline', '--json'],
  ['conflicts'],
  ['conflicts', '--json'],
  ['conflicts', '--cite'],
  ['stats'],
  ['stats', '--json'],
  ['graph'],
  ['graph', '--format', 'dot', '--commodities'],
  ['graph', '--json'],
  ['report'],
  ['validate'],
  ['validate', '--json'],
  ['coverage'],
  ['coverage', '--json'],
  ['search', 'the'],
  ['search', 'gallium', '--json'],
];

const CHECK_COMMANDS = [
  ['validate'],
  ['validate', '--json'],
  ['validate', '--strict'],
  ['deposits', '--json'],
  ['facts', '--json'],
  ['stats', '--json'],
  ['coverage', '--json'],
  // what a query answers on a base with errors when asked to (without, it is refused)
  ['facts', '--json', '--allow-invalid'],
];

const USAGE = [
  [],
  ['--version'],
  ['nonsense'],
  ['deposits', '--metl', 'copper'],
  ['deposits', '--format', 'xml'],
  ['deposits', '--status', 'nonsense'],
  ['deposits', '--limit', 'x'],
  ['deposits', '--fields', 'id,nope'],
  ['deposits', '--sort', 'nope'],
  ['deposits', '--sort', '-name', '--limit', '1'],
  ['deposits', '--metal', 'copper', '--cite'],
  ['deals', '--metal', 'coper'],
  ['show', 'erg-mitsubishy'],
  ['show'],
  ['deal', 'show', 'karabas'],
  ['facts', '--property', 'nope'],
  ['timeline', '--from', '2026-13'],
  ['timeline', '--from', '2027', '--to', '2026'],
  ['search'],
  ['search', 'x', '--kind', 'nope'],
  ['graph', '--depth', '2'],
  ['graph', '--about', 'mntv-gallium-market'],
  ['graph', '--format', 'png'],
  ['stats', '--top', 'x'],
  ['coverage', '--fail-under', '101'],
  ['coverage', '--fail-under', '100'],
  ['schema'],
  ['schema', '--output', 'nope'],
  ['completion', 'tcsh'],
  ['help', 'nope'],
  ['help', 'deal', 'nope'],
  ['help', 'formats', 'x'],
  ['complete', '--', 'deposits', '--metal', ''],
  ['complete', '--', 'deal', 'show', ''],
  ['validate', '--data', 'no/such/dir'],
  ['deposits', '--data', 'package.json'],
];

async function ids(data) {
  const seen = [];
  for (const list of [
    'sources',
    'countries',
    'companies',
    'people',
    'metals',
    'deposits',
    'projects',
    'deals',
    'policies',
  ]) {
    const r = await run([...data, list, '--json']);
    if (r.code === 0) for (const row of JSON.parse(r.stdout)) seen.push(row.id);
  }
  return seen;
}

async function cases() {
  const list = [...readmeExamples(), ...(await helpExamples()), ...USAGE];
  // every command with JSON output, as the CLI lists them, and a kind's show as an alias
  const listed = (await run(['schema', '--output', '?'])).stderr.match(
    /commands with JSON output: (.*)$/m,
  );
  for (const c of [...listed[1].split(', '), 'deal']) list.push(['schema', '--output', c]);
  const bases = [
    [],
    ...fs
      .readdirSync(path.join(ROOT, FIXTURES))
      .sort()
      .map((f) => ['--data', `${FIXTURES}/${f}`]),
  ];
  for (const data of bases) {
    const name = data[1] ?? 'data';
    const query = data.length === 0 || !/\/(hazard|rule)-/.test(name);
    for (const c of query ? QUERY_COMMANDS : CHECK_COMMANDS) list.push([...data, ...c]);
    if (query)
      for (const id of await ids(data))
        list.push([...data, 'show', id], [...data, 'show', id, '--json']);
  }
  const seen = new Set();
  return list.filter((argv) => {
    const key = JSON.stringify(argv);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function runAll(list) {
  const out = new Array(list.length);
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const i = next++;
      const r = await run(list[i]);
      out[i] = {
        argv: list[i],
        code: r.code,
        stdout: normalize(r.stdout, ROOT, cache),
        stderr: normalize(r.stderr, ROOT, cache),
      };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, os.availableParallelism()) }, worker));
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const expected = JSON.parse(fs.readFileSync(OUT, 'utf8'));
    const got = await runAll(expected.map((c) => c.argv));
    let bad = 0;
    got.forEach((g, i) => {
      if (JSON.stringify(g) !== JSON.stringify(expected[i])) {
        bad++;
        console.log(`differs: minerals ${g.argv.join(' ')}`);
      }
    });
    console.log(`${got.length - bad}/${got.length} cases identical`);
    process.exitCode = bad > 0 ? 1 : 0;
  } else {
    const list = await cases();
    const got = await runAll(list);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, `${JSON.stringify(got, null, 1)}\n`);
    console.log(`${got.length} cases written to ${path.relative(ROOT, OUT)}`);
  }
  fs.rmSync(cache, { recursive: true, force: true });
}
