import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'bff',
    include: ['test/**/*.test.ts'],
    // test/pack installs the packed program: a project of its own (vitest.pack.config.ts).
    exclude: ['test/pack/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
