// The build: type-checked sources (npm run typecheck) bundled by esbuild into one CommonJS file,
// dist/cli.cjs, which bin/minerals.js loads, and a V8 code cache of it, dist/cli.cjs.cache. One file because Node's ESM loader costs start-up
// time per file (resolve, read, compile, link); CommonJS because a require() is synchronous, so
// the parse stack (src/pipeline/stack.ts) can load on first use anywhere in a run. What start-up
// does not need is still not run at start-up: esbuild initialises a module reached only through
// import() or require() when that is called, and yaml, js-yaml and zod are in a file of their own,
// dist/vendor.cjs, loaded on first use. The bundle has no import() left (bin/minerals.js compiles
// it with vm, where import() would need an experimental option). `--analyze` prints what the file holds.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Loaded from node_modules when first used: large, and never needed by a cached query. */
const LAZY_PACKAGES = ['zod', 'yaml', 'js-yaml'];

/**
 * commander requires node:child_process when it loads (3.5 ms), for executable subcommands that
 * this program does not have: hand it a stand-in that loads the module on first use.
 */
function lazyChildProcess() {
  return {
    name: 'lazy-child-process',
    setup(b) {
      b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
        /node_modules[\\/]commander[\\/]/.test(args.importer)
          ? { path: 'lazy-child-process', namespace: 'lazy' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
        contents:
          "let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:child_process'))[k] });",
        loader: 'js',
      }));
    },
  };
}

/**
 * The large packages are bundled apart, into dist/vendor.cjs (one file loads faster than their
 * hundreds in node_modules), each evaluated on first use. The CLI reaches each through a
 * stand-in module, so an import() of one (the yaml output format) is a require() on first use.
 */
function vendorPackages() {
  const filter = new RegExp(`^(${LAZY_PACKAGES.join('|')})$`);
  return {
    name: 'vendor-packages',
    setup(b) {
      b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'vendor' }));
      b.onResolve({ filter: /^\.\/vendor\.cjs$/ }, (args) => ({ path: args.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({
        contents: `module.exports = require('./vendor.cjs')[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}

/** dist/vendor.cjs: the large packages, each behind a getter that evaluates it on first use. */
async function buildVendor() {
  const getters = LAZY_PACKAGES.map(
    (p) => `  get ${JSON.stringify(p)}() { return require(${JSON.stringify(p)}); },`,
  );
  await build({
    stdin: {
      contents: `module.exports = {\n${getters.join('\n')}\n};`,
      resolveDir: root,
      loader: 'js',
    },
    outfile: path.join(dist, 'vendor.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    legalComments: 'linked',
    logLevel: 'warning',
  });
}

/**
 * src/pipeline/stack.ts imports the parse stack statically (the tests load it so); in the bundle
 * it becomes a require() that esbuild evaluates, with yaml and zod, on the first call.
 */
function lazyParseStack() {
  return {
    name: 'lazy-parse-stack',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]pipeline[\\/]stack\.ts$/ }, (args) => ({
        contents: "export const parseStack = () => require('./build.ts');",
        loader: 'ts',
        resolveDir: path.dirname(args.path),
      }));
    },
  };
}

/**
 * src/pipeline/driver.ts imports better-sqlite3 statically; in the bundle its JavaScript is
 * evaluated on the first call (a command that opens the store), and its native binding is loaded
 * by path (src/pipeline/store.ts).
 */
function lazyDriver() {
  return {
    name: 'lazy-driver',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]pipeline[\\/]driver\.ts$/ }, (args) => ({
        contents: "export const driver = () => require('better-sqlite3');",
        loader: 'ts',
        resolveDir: path.dirname(args.path),
      }));
    },
  };
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
fs.rmSync(dist, { recursive: true, force: true });
const result = await build({
  entryPoints: [path.join(root, 'src', 'cli.ts')],
  outfile: path.join(dist, 'cli.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'linked',
  metafile: true,
  plugins: [lazyChildProcess(), lazyParseStack(), lazyDriver(), vendorPackages()],
  logLevel: 'warning',
  // src/context.ts finds the package from its own file; the version is written in
  define: {
    'import.meta.url': '__minerals_module_url',
    __MINERALS_VERSION__: JSON.stringify(
      JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version,
    ),
  },
  banner: {
    js: "const __minerals_module_url = require('node:url').pathToFileURL(__filename).href;",
  },
  write: false,
});
const bundle = result.outputFiles.find((f) => f.path.endsWith('.cjs'));
if (/\bimport\(/.test(bundle.text.replace(/\/\/.*$|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/gm, '')))
  throw new Error('dist/cli.cjs calls import(), which bin/minerals.js cannot serve');
fs.mkdirSync(dist, { recursive: true });
await buildVendor();
for (const f of result.outputFiles) if (f !== bundle) fs.writeFileSync(f.path, f.contents);
// the first line of each file names its build: a code cache is used only with the file it was made of
const vendorFile = path.join(dist, 'vendor.cjs');
for (const [file, text] of [
  [bundle.path, bundle.text],
  [vendorFile, fs.readFileSync(vendorFile, 'utf8')],
])
  fs.writeFileSync(
    file,
    `// minerals build ${createHash('sha256').update(text).digest('hex').slice(0, 16)}\n${text}`,
  );
codeCaches();

/**
 * The V8 code caches of dist/cli.cjs and dist/vendor.cjs (FILE.cache), made with bin/minerals.js's
 * own loader after representative runs, so that a run need not compile them again (compiling the
 * bundle was most of the start-up time). The vendor file's after a run that reads the data files;
 * the CLI's after a JSON query and a table on a warm cache, so that the functions of a cold load
 * do not weigh on every run. Each in a process of its own (scripts/code-cache.cjs).
 */
function codeCaches() {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'minerals-build-'));
  const step = (name, ...args) => {
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, 'scripts', 'code-cache.cjs'),
        name,
        '--cache-dir',
        cache,
        '--data',
        'data',
        ...args,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`code cache of ${name}: ${r.stderr}`);
  };
  try {
    step('vendor.cjs', '--json', 'deposits');
    step('cli.cjs', '--json', 'deposits', '--metal', 'copper', ';', 'search', 'gallium');
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}

if (process.argv.includes('--analyze')) {
  const [file, out] = Object.entries(result.metafile.outputs).find(([f]) => f.endsWith('.cjs'));
  const bytes = new Map();
  for (const [input, info] of Object.entries(out.inputs)) {
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ??
      (process.argv.includes('--files') ? input : 'src');
    bytes.set(pkg, (bytes.get(pkg) ?? 0) + info.bytesInOutput);
  }
  console.log(`${file}: ${out.bytes} bytes; loaded on first use: ${LAZY_PACKAGES.join(', ')}`);
  for (const [pkg, n] of [...bytes].sort((a, b) => b[1] - a[1]))
    console.log(`${String(n).padStart(9)}  ${pkg}`);
}
