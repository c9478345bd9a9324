import { defineConfig } from 'vitest/config';

// One `pnpm test` runs every tier: each package declares its own project.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts', 'e2e/vitest.config.ts'],
  },
});
