import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'demo-api',
    include: ['test/**/*.test.ts'],
    // The tests start the dev IdP in-process; oidc-provider 9 warns on import that Node 20 is unsupported (it works).
    onConsoleLog: (log) => !log.includes('Unsupported runtime'),
  },
});
