import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'dev-idp',
    include: ['test/**/*.test.ts'],
    // oidc-provider 9 warns on import that Node 20 is unsupported; it works, and the line is noise here.
    onConsoleLog: (log) => !log.includes('Unsupported runtime'),
  },
});
