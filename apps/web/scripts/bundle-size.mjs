#!/usr/bin/env node
// The JavaScript the sign-in page loads, from the build manifest: index.html's entry chunk plus
// everything it imports statically (recursively; dynamic imports are the lazily loaded signed-in
// pages, fetched only when visited), each gzip-compressed with node:zlib's default level.
//
//   pnpm --filter @sso/web build && pnpm --filter @sso/web size
//
// The bench imports `signInPageJsBytes` for the same number.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The HTML page whose JS is measured: the SPA has one, and /login is one of its routes. */
const ENTRY = 'index.html';

/**
 * @param {string} distDir the build's output folder (apps/web/dist), holding .vite/manifest.json
 * @returns {{ total: number, files: { file: string, bytes: number }[] }} gzip bytes per JS file
 *   (entry first, each file once) and their sum
 */
export function signInPageJsBytes(distDir) {
  const manifestPath = join(distDir, '.vite', 'manifest.json');
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new Error(`No build manifest at ${manifestPath}: run \`pnpm --filter @sso/web build\` first`, { cause: error });
  }
  if (!manifest[ENTRY]) throw new Error(`${manifestPath} has no entry for ${ENTRY}`);

  const files = [];
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${manifestPath}: ${key} is imported but has no entry`);
    files.push({ file: chunk.file, bytes: gzipSync(readFileSync(join(distDir, chunk.file))).length });
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(ENTRY);
  return { total: files.reduce((sum, { bytes }) => sum + bytes, 0), files };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = resolve(process.argv[2] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'dist'));
  const { total, files } = signInPageJsBytes(distDir);
  console.log(`JS the sign-in page loads (gzip), from ${join(distDir, '.vite', 'manifest.json')}:`);
  for (const { file, bytes } of files) console.log(`  ${String(bytes).padStart(7)} B  ${kb(bytes).padStart(9)}  ${file}`);
  console.log(`  ${String(total).padStart(7)} B  ${kb(total).padStart(9)}  total`);
}
