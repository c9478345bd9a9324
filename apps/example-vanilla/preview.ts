// For the browser test (e2e/tests/vanilla.test.ts): this example built for a given BFF and served on
// a second origin, with no step before `pnpm test`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

export interface VanillaPreview {
  /** Where the page is: `http://localhost:<port>`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Builds the example with `VITE_BFF_URL=bffUrl` into a temporary folder and serves the build on
 * `http://localhost:<port>`, the way `vite build && vite preview` would.
 */
export async function previewVanilla({ bffUrl, port }: { bffUrl: string; port: number }): Promise<VanillaPreview> {
  const outDir = mkdtempSync(join(tmpdir(), 'sso-vanilla-'));
  const common = { root, configFile: false as const, logLevel: 'warn' as const, build: { outDir, emptyOutDir: true } };
  await build({ ...common, define: { 'import.meta.env.VITE_BFF_URL': JSON.stringify(bffUrl) } });
  // 127.0.0.1 rather than "localhost": the same loopback the browser reaches localhost on, whatever the resolver prefers.
  const server = await preview({ ...common, preview: { host: '127.0.0.1', port, strictPort: true } });
  return {
    url: `http://localhost:${port}`,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
