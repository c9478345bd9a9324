import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signInPageJsBytes } from '../scripts/bundle-size.mjs';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const built = existsSync(`${dist}/.vite/manifest.json`);

// The sign-in page is the first page most visitors see: its JS has a budget. `pnpm test` builds
// the SPA first; without a build (e.g. `vitest --project web` alone) there is nothing to measure.
describe.skipIf(!built)('the JS the sign-in page loads (the last `pnpm --filter @sso/web build`)', () => {
  it('is at most 90 KB gzip, and none of it is the signed-in pages', () => {
    const { total, files } = signInPageJsBytes(dist);
    expect(total).toBeLessThanOrEqual(90 * 1024);
    expect(files.map(({ file }) => file).filter((file) => /ProfilePage/.test(file))).toEqual([]);
  });
});
