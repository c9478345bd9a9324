import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseEndpoint } from './urls.js';
import type { OidcProviderConfig } from './types.js';

/** Ids reserved for the built-in providers. */
export const BUILT_IN_IDS = ['simplelogin', 'google', 'github', 'facebook', 'oidc', 'dev'];

const EntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'must be 1-32 lowercase letters, digits or dashes'),
    name: z.string().min(1).max(60),
    issuer: z.string().min(1),
    clientId: z.string().min(1),
    /** The secret itself, or… */
    clientSecret: z.string().min(1).optional(),
    /** …the name of an environment variable holding it (keeps secrets out of the file). */
    clientSecretEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/)
      .optional(),
    scopes: z.array(z.string().min(1)).optional(),
    tokenAuthMethod: z.enum(['auto', 'client_secret_basic', 'client_secret_post']).optional(),
  })
  .strict();

const FileSchema = z.union([z.array(EntrySchema), z.object({ providers: z.array(EntrySchema) }).strict()]);

/**
 * Reads PROVIDERS_FILE: several generic OpenID Connect issuers in JSON or YAML, either a list or
 * `{ providers: [...] }`. Every problem names the file, the entry and the field.
 */
export function readProvidersFile(path: string, env: Record<string, string | undefined>, problems: string[]): OidcProviderConfig[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    problems.push(`PROVIDERS_FILE: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    return [];
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    problems.push(
      `PROVIDERS_FILE: ${path} is not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`,
    );
    return [];
  }
  const parsed = FileSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path
        .filter((p) => p !== 'providers')
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('');
      problems.push(`PROVIDERS_FILE ${path}: entry${where || ''}: ${issue.message}`);
    }
    return [];
  }
  const entries = Array.isArray(parsed.data) ? parsed.data : parsed.data.providers;
  const result: OidcProviderConfig[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const label = `PROVIDERS_FILE ${path}: entry [${index}] (${entry.id})`;
    if (BUILT_IN_IDS.includes(entry.id)) problems.push(`${label}: id "${entry.id}" is reserved for a built-in provider`);
    if (seen.has(entry.id)) problems.push(`${label}: id "${entry.id}" appears twice`);
    seen.add(entry.id);
    const secret = entry.clientSecret ?? (entry.clientSecretEnv ? env[entry.clientSecretEnv] : undefined);
    if (!secret) {
      problems.push(
        entry.clientSecretEnv
          ? `${label}: the environment variable ${entry.clientSecretEnv} named by clientSecretEnv is not set`
          : `${label}: clientSecret or clientSecretEnv is required`,
      );
    }
    const issuer = parseEndpoint(`${label}: issuer`, entry.issuer, problems);
    const scopes = entry.scopes ?? ['openid', 'profile', 'email'];
    if (!scopes.includes('openid')) problems.push(`${label}: scopes must include "openid"`);
    if (!issuer || !secret) return;
    result.push({
      kind: 'oidc',
      id: entry.id,
      name: entry.name,
      issuer,
      clientId: entry.clientId,
      clientSecret: secret,
      scopes,
      tokenAuthMethod: entry.tokenAuthMethod ?? 'auto',
      authParams: {},
      allowInsecureRequests: issuer.protocol === 'http:',
      credentialsHint: `${label}: clientId, clientSecret or clientSecretEnv, tokenAuthMethod`,
    });
  });
  return result;
}
