import { defineConfig } from 'vitest/config';

// @sso/bff packed and installed outside the workspace, run as its `sso-bff` program. The install may
// compile better-sqlite3 (minutes on a loaded machine) when the pnpm store has no build for this Node.
export default defineConfig({
  test: { name: 'bff-pack', include: ['test/pack/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 600_000 },
});
