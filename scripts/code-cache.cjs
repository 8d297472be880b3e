// One step of the build's code caches (scripts/build.mjs), in a fresh process: load the CLI with
// bin/minerals.js's own loader, run command lines (each again as a table when it asked for JSON),
// then write the V8 code cache of one of the files it compiled, FILE.cache, headed by the file's
// first line (its build id). Command lines are separated by a lone `;`; options before the first
// command name (`--cache-dir`, `--data`) are given to every one.
//
//   node scripts/code-cache.cjs cli.cjs|vendor.cjs ARGS... [; ARGS...]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { buildId, load } = require('../bin/minerals.js');

const [name, ...rest] = process.argv.slice(2);
/** The global options every command line gets, then the command lines. */
const first = rest.findIndex(
  (a, i) => !a.startsWith('-') && !rest[i - 1]?.match(/^--(cache-dir|data)$/),
);
const globals = rest.slice(0, first);
const lines = rest
  .slice(first)
  .join('\u0000')
  .split('\u0000;\u0000')
  .map((l) => [...globals, ...l.split('\u0000')]);
const scripts = new Map();
const { main } = load('cli.cjs', scripts);
const io = {
  out: () => {},
  err: (s) => process.stderr.write(s),
  stdoutIsTTY: false,
  stderrIsTTY: false,
  env: {},
  cwd: process.cwd(),
};

(async () => {
  for (const args of lines)
    for (const argv of [args, args.filter((a) => a !== '--json')])
      if ((await main(['node', 'minerals', ...argv], io)) !== 0)
        throw new Error(`minerals ${argv.join(' ')} failed`);
  const file = path.join(__dirname, '..', 'dist', name);
  const text = fs.readFileSync(file, 'utf8');
  const id = Buffer.from(buildId(text));
  fs.writeFileSync(`${file}.cache`, Buffer.concat([id, scripts.get(name).createCachedData()]));
})();
