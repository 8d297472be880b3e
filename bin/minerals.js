#!/usr/bin/env node
// The only caller of main with the real process: set the exit code and let the process end by
// itself, so piped output is never cut short. The CLI is two CommonJS files (scripts/build.mjs):
// dist/cli.cjs, and dist/vendor.cjs (yaml, js-yaml, zod) which it requires only to read data
// files. Each is compiled here with the V8 code cache the build made of it (FILE.cache), which
// saves most of the compile time: a cache of another build, or one that V8 refuses (another
// Node.js version), is not used, and the file is compiled as usual. This file is CommonJS
// (bin/package.json): an ES module entry point costs start-up time of its own.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const DIST = path.join(__dirname, '..', 'dist');
let vendor;

/** A file's build id: its first line, with the newline; a code cache starts with the same. */
const buildId = (text) => text.slice(0, text.indexOf('\n') + 1);

/**
 * Run a file of dist/ as a CommonJS module, compiled with its code cache when the cache was made
 * of this very file (its first line names the build). `scripts`, when given, collects the
 * compiled scripts, for the build to make their caches.
 */
function load(name, scripts) {
  const file = path.join(DIST, name);
  const source = fs.readFileSync(file, 'utf8');
  const id = buildId(source);
  let cachedData;
  try {
    const cache = fs.readFileSync(`${file}.cache`);
    if (cache.subarray(0, id.length).toString() === id) cachedData = cache.subarray(id.length);
  } catch {
    // no cache: compile
  }
  // the name stack traces give: the same wherever the package is installed (a code cache keeps
  // the name it was made with)
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: `minerals/dist/${name}`, cachedData },
  );
  scripts?.set(name, script);
  const base = createRequire(file);
  const req = Object.assign(
    (id) => (id === './vendor.cjs' ? (vendor ??= load('vendor.cjs', scripts)) : base(id)),
    base,
  );
  const module = { exports: {} };
  script.runInThisContext()(module.exports, req, module, file, path.dirname(file));
  return module.exports;
}

module.exports = { load, buildId };

if (require.main === module) {
  const { main, processIo } = load('cli.cjs');
  main(process.argv, processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.exitCode = 70;
      throw e;
    },
  );
}
