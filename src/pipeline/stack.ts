// The parse stack: the loader, the record schemas (zod), YAML parsing, the whole-base checks and
// the cache writer (build.ts). A query answered from the cache never needs it; a cache miss, an
// edit or a damaged cache entry does, at any point of a run and synchronously (the store rebuilds
// where it stands). Here it is an ordinary import, which is what the tests run; the build
// (scripts/build.mjs) replaces this module by a require() that esbuild evaluates on first call,
// so the bundled CLI loads yaml, js-yaml and zod only when it reads data files.
import * as build from './build.js';

export const parseStack = (): typeof build => build;
