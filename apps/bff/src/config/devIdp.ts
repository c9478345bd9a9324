import { DEV_IDP } from './defaults.js';
import type { Env } from './schema.js';
import type { OidcProviderConfig } from './types.js';
import { parseEndpoint } from './urls.js';

/** The dev IdP's button (id `dev`): on by default outside production, refused in production. */
export function parseDevIdp(env: Env, problems: string[], warnings: string[]): OidcProviderConfig | undefined {
  if (env.NODE_ENV === 'production') {
    if (env.DEV_IDP === 'on') problems.push('DEV_IDP=on is not allowed when NODE_ENV=production (the dev IdP has public demo users)');
    return undefined;
  }
  if (env.DEV_IDP === 'off') return undefined;
  const issuer = parseEndpoint('DEV_IDP_ISSUER', env.DEV_IDP_ISSUER ?? DEV_IDP.issuer, problems);
  if (!issuer) return undefined;
  warnings.push(`development: "Sign in with Dev IdP" is enabled (issuer ${issuer.href}); set DEV_IDP=off to hide it`);
  return {
    kind: 'oidc',
    id: 'dev',
    name: 'Dev IdP',
    issuer,
    clientId: env.DEV_IDP_CLIENT_ID ?? DEV_IDP.clientId,
    clientSecret: env.DEV_IDP_CLIENT_SECRET ?? DEV_IDP.clientSecret,
    scopes: ['openid', 'profile', 'email'],
    tokenAuthMethod: 'auto',
    authParams: {},
    allowInsecureRequests: issuer.protocol === 'http:',
    credentialsHint: 'DEV_IDP_CLIENT_ID and DEV_IDP_CLIENT_SECRET',
  };
}
