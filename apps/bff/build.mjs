// Bundles the BFF, the workspace packages and its dependencies into dist/ for `pnpm start`.
// One bundle instead of hundreds of node_modules files: resolving and compiling those at start-up
// took most of the start-up time (measured: about 1 s, now about 0.3 s on the bench machine).
// Each database driver is its own chunk, loaded only when DATABASE_URL names it.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
const { metafile } = await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Smaller to parse at start-up. Identifiers are not minified, so stack traces stay readable;
  // not `keepNames` either: it wraps every closure in a defineProperty call, at every request.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  logLevel: 'info',
  metafile: true,
  // better-sqlite3 is a native addon (installed with its binary); pg-native is pg's optional,
  // never-installed alternative driver.
  external: ['better-sqlite3', 'pg-native'],
  // CommonJS dependencies call require() for Node's built-ins, which an ES module does not have.
  banner: { js: "import { createRequire as __bffCreateRequire } from 'node:module'; const require = __bffCreateRequire(import.meta.url);" },
});

// The bundle redistributes its dependencies' code (the published @sso/bff carries it), and their
// licences (MIT, ISC, BSD, Apache-2.0) ask for their notices to travel with it: one file lists them.
const packages = new Map();
for (const input of Object.keys(metafile.inputs)) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (!match || packages.has(match[1])) continue;
  packages.set(match[1], JSON.parse(readFileSync(join(match[1], 'package.json'), 'utf8')));
}
const notices = [...packages]
  .map(([dir, pkg]) => {
    const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)/i.test(name));
    const text = file
      ? readFileSync(join(dir, file), 'utf8').trim()
      : `${pkg.license ?? 'see the package'} (no licence file in the package)`;
    return { id: `${pkg.name}@${pkg.version}`, text };
  })
  .filter((notice, i, all) => all.findIndex((other) => other.id === notice.id) === i)
  .sort((a, b) => a.id.localeCompare(b.id));
writeFileSync(
  'dist/THIRD-PARTY-LICENSES.md',
  `# Third-party licences\n\ndist/ bundles these packages:\n\n${notices.map((n) => `## ${n.id}\n\n\`\`\`\n${n.text}\n\`\`\`\n`).join('\n')}`,
);
