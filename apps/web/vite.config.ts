import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

// Build tooling, not app config: the SPA itself never reads the environment.
const bffUrl = process.env.BFF_URL ?? 'http://localhost:3000';

// changeOrigin: false keeps `Host: localhost:5173`, so the BFF builds its redirects and cookies for
// the origin the browser actually sees.
const toBff: ProxyOptions = { target: bffUrl, changeOrigin: false };

export default defineConfig({
  plugins: [react()],
  // @sso/client/react imports React from its own package folder: one copy for the whole bundle.
  resolve: { dedupe: ['react', 'react-dom'] },
  server: {
    port: 5173,
    // The BFF's allowed redirect URIs name this port; silently moving to 5174 would break sign-in.
    strictPort: true,
    // `vite preview` reuses this proxy too (preview.proxy defaults to server.proxy).
    // /api: the BFF's token-handler proxy routes (API_ROUTES), e.g. /api/demo in development.
    proxy: { '/auth': toBff, '/api': toBff, '/healthz': toBff },
  },
  build: { outDir: 'dist' },
});
