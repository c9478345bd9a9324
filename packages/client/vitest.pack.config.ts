import { defineConfig } from 'vitest/config';

// @sso/client and @sso/profile packed and installed outside the workspace, as their users get them.
export default defineConfig({
  test: { name: 'client-pack', include: ['test/pack/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});
