import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The process's environment, after the `.env` file (if any) was loaded into it. */
export interface Environment {
  variables: Record<string, string | undefined>;
  /** The `.env` file that was loaded, if one was. */
  file: string | undefined;
}

/**
 * Loads a `.env` file into process.env if there is one: ENV_FILE if set, else `.env` in the
 * working directory, else the workspace root's (pnpm runs app scripts inside apps/bff). Values
 * already in the environment win. The one place in the BFF that reads process.env.
 */
export function readEnvironment(cwd = process.cwd()): Environment {
  const candidates = process.env.ENV_FILE ? [resolve(cwd, process.env.ENV_FILE)] : [resolve(cwd, '.env'), resolve(cwd, '../../.env')];
  const file = candidates.find((candidate) => existsSync(candidate));
  if (file) process.loadEnvFile(file);
  return { variables: process.env, file };
}
