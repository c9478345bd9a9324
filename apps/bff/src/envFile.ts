import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Loads a `.env` file into process.env if there is one: ENV_FILE if set, else `.env` in the
 * working directory, else the workspace root's (pnpm runs app scripts inside apps/bff). Values
 * already in the environment win.
 */
export function loadEnvFile(cwd = process.cwd()): string | undefined {
  const candidates = process.env.ENV_FILE ? [resolve(cwd, process.env.ENV_FILE)] : [resolve(cwd, '.env'), resolve(cwd, '../../.env')];
  const file = candidates.find((candidate) => existsSync(candidate));
  if (file) process.loadEnvFile(file);
  return file;
}
