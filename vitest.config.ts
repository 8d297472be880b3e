import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    env: { TZ: 'UTC', NO_COLOR: '1', COLUMNS: '80', LC_ALL: 'C' },
  },
});
