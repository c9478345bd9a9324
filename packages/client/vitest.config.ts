import { defineConfig } from 'vitest/config';

export default defineConfig({
  // test/pack packs and installs the published packages: a project of its own (vitest.pack.config.ts).
  test: { name: 'client', include: ['test/**/*.test.ts'], exclude: ['test/pack/**'] },
});
