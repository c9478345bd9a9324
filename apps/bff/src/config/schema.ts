import { z } from 'zod';
import { devIdpVariables, oidcVariables, providerVariables } from './variables/providers.js';
import { rateLimitVariables, serverVariables } from './variables/server.js';
import { frontendVariables, sessionVariables } from './variables/sessions.js';
import { storageVariables } from './variables/storage.js';

/**
 * Every variable the BFF reads, each with its documentation (variables/registry.ts): the README's
 * configuration table and `.env.example` are generated from it (`pnpm docs:config`).
 */
export const EnvSchema = z.object({
  ...serverVariables,
  ...rateLimitVariables,
  ...sessionVariables,
  ...frontendVariables,
  ...storageVariables,
  ...providerVariables,
  ...oidcVariables,
  ...devIdpVariables,
});

export type Env = z.infer<typeof EnvSchema>;

/** Every variable the BFF reads from its environment. */
export const ENV_NAMES: readonly string[] = Object.keys(EnvSchema.shape);
