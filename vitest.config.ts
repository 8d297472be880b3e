import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // every core: most tests run the CLI in-process and are CPU-bound (the default leaves one idle)
    maxWorkers: os.availableParallelism(),
    // no test asserts a time; this only stops a hung one, so it is generous for a loaded machine
    testTimeout: 120_000,
    // every run of the CLI in the tests shares one cache, new for each test run (never the user's)
    env: {
      TZ: 'UTC',
      NO_COLOR: '1',
      COLUMNS: '80',
      LC_ALL: 'C',
      MINERALS_CACHE_DIR: path.join(os.tmpdir(), `minerals-test-cache-${process.pid}`),
    },
  },
});
