import { defineConfig } from 'vitest/config';

// One `pnpm test` runs every tier: each package declares its own project.
export default defineConfig({
  test: {
    // oidc-provider 9 warns on import that Node 20 is unsupported; it works (see TOOLCHAIN), and
    // the line would otherwise repeat once per test file.
    onConsoleLog: (log) => !log.includes('Unsupported runtime'),
    // The JSON report feeds the plain "N passed, N failed" line that .ci/run prints last.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    // vitest.pack.config.ts: the published packages, packed and installed outside the workspace.
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'packages/*/vitest.pack.config.ts',
      'apps/*/vitest.pack.config.ts',
      'e2e/vitest.config.ts',
    ],
  },
});
