// The build: type-checked sources (npm run typecheck) bundled by esbuild into dist/cli.js plus
// chunks that load only when a command needs them (yaml, zod and the full loader on a cache miss;
// cli-table3 for tables). `--analyze` prints what the start-up chunk holds.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
fs.rmSync(dist, { recursive: true, force: true });
const result = await build({
  entryPoints: [path.join(root, 'src', 'cli.ts')],
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-[hash]',
  minifySyntax: true,
  legalComments: 'linked',
  metafile: true,
  plugins: [lazyChildProcess()],
  logLevel: 'warning',
  // CommonJS dependencies (commander, cli-table3, js-yaml) call require() for node built-ins
  banner: {
    js: "import { createRequire as __minerals_createRequire } from 'node:module'; const require = __minerals_createRequire(import.meta.url);",
  },
});
if (process.argv.includes('--analyze')) {
  // what start-up loads: dist/cli.js and every chunk it imports statically, transitively
  const outputs = result.metafile.outputs;
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !outputs[file]) return;
    seen.add(file);
    for (const i of outputs[file].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit('dist/cli.js');
  const bytes = new Map();
  for (const file of seen)
    for (const [input, info] of Object.entries(outputs[file].inputs)) {
      const pkg =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ??
        (process.argv.includes('--files') ? input : 'src');
      bytes.set(pkg, (bytes.get(pkg) ?? 0) + info.bytesInOutput);
    }
  console.log(
    `start-up loads ${seen.size} files, ${[...seen].reduce((n, f) => n + outputs[f].bytes, 0)} bytes:`,
  );
  if (process.argv.includes('--files'))
    for (const f of seen)
      console.log(
        `${String(outputs[f].bytes).padStart(9)}  ${f}: ${Object.keys(outputs[f].inputs).join(' ')}`,
      );
  for (const [pkg, n] of [...bytes].sort((a, b) => b[1] - a[1]))
    console.log(`${String(n).padStart(9)}  ${pkg}`);
}
