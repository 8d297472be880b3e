import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
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
