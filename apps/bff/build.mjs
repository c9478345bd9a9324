// Bundles the BFF and the workspace packages it imports into dist/main.js for `pnpm start`.
// Third-party packages stay external (installed in node_modules); @sso/* sources are bundled
// because they are shipped as TypeScript.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'info',
  plugins: [
    {
      name: 'external-dependencies',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@sso/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
