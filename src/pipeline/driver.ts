// better-sqlite3, the store's driver. Here it is an ordinary import, which is what the tests run;
// the build (scripts/build.mjs) replaces this module by a require() evaluated on the first call,
// so that only a command that opens the store loads it, and its JavaScript is in the bundle
// rather than a dozen files read from node_modules (its native binding is loaded by path).
import Database from 'better-sqlite3';

export const driver = (): typeof Database => Database;
