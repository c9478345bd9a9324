import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Alias, type ProxyOptions } from 'vite';

// Build tooling, not app config: the SPA itself never reads the environment.
const bffUrl = process.env.BFF_URL ?? 'http://localhost:3000';

// changeOrigin: false keeps `Host: localhost:5173`, so the BFF builds its redirects and cookies for
// the origin the browser actually sees.
const toBff: ProxyOptions = { target: bffUrl, changeOrigin: false };

/**
 * react-router 7 ships a production build (dev warnings compiled out), but its package.json
 * exports only ever name dist/development (remix-run/react-router#14102), so `vite build` bundles
 * the warnings and the "Hey developer" error page. Point the build at dist/production; the dev
 * server keeps the warnings. If a later version moves the files, the build just uses the default.
 */
function reactRouterProductionBuild(): Alias[] {
  const require = createRequire(import.meta.url);
  const dir = join(
    dirname(require.resolve('react-router/package.json', { paths: [dirname(require.resolve('react-router-dom'))] })),
    'dist/production',
  );
  const files: Record<string, string> = { 'react-router': 'index.mjs', 'react-router/dom': 'dom-export.mjs' };
  if (!Object.values(files).every((file) => existsSync(join(dir, file)))) return [];
  return Object.entries(files).map(([name, file]) => ({ find: new RegExp(`^${name}$`), replacement: join(dir, file) }));
}

export default defineConfig(({ command }) => ({
  plugins: [react()],
  resolve: {
    // @sso/client/react imports React from its own package folder: one copy for the whole bundle.
    dedupe: ['react', 'react-dom'],
    alias: command === 'build' ? reactRouterProductionBuild() : [],
  },
  server: {
    port: 5173,
    // The BFF's allowed redirect URIs name this port; silently moving to 5174 would break sign-in.
    strictPort: true,
    // `vite preview` reuses this proxy too (preview.proxy defaults to server.proxy).
    // /api: the BFF's token-handler proxy routes (API_ROUTES), e.g. /api/demo in development.
    proxy: { '/auth': toBff, '/api': toBff, '/healthz': toBff },
  },
  build: {
    outDir: 'dist',
    // dist/.vite/manifest.json: what each page loads; scripts/bundle-size.mjs (and the bench) sum
    // the sign-in page's JS from it. The BFF never serves it (koa-static skips dot-folders).
    manifest: true,
    // Every browser the build targets supports <link rel="modulepreload">: no polyfill in the entry.
    modulePreload: { polyfill: false },
  },
}));
