import { readProvidersFile } from './providersFile.js';
import type { FacebookProviderConfig, GitHubProviderConfig, OidcProviderConfig, ProviderConfig, TokenAuthMethod } from './types.js';
import { parseEndpoint } from './urls.js';

type Env = Record<string, string | undefined>;

const TOKEN_AUTH_METHODS: readonly TokenAuthMethod[] = ['auto', 'client_secret_basic', 'client_secret_post'];

/** What the provider variables mean when unset: the real services (DEV_FAKES=on points the URLs at the fakes instead). */
export const PROVIDER_DEFAULTS = {
  SIMPLELOGIN_ISSUER: 'https://app.simplelogin.io',
  GOOGLE_ISSUER: 'https://accounts.google.com',
  GITHUB_URL: 'https://github.com',
  GITHUB_API_URL: 'https://api.github.com',
  FACEBOOK_API_VERSION: 'v21.0',
  FACEBOOK_DIALOG_URL: 'https://www.facebook.com',
  FACEBOOK_GRAPH_URL: 'https://graph.facebook.com',
  OIDC_NAME: 'OpenID Connect',
  OIDC_SCOPES: 'openid profile email',
  OIDC_TOKEN_AUTH_METHOD: 'auto',
} as const;

/** The order of the sign-in buttons unless PROVIDER_ORDER says otherwise. */
const DEFAULT_ORDER = ['simplelogin', 'google', 'github', 'facebook', 'oidc'];

/**
 * The local fakes started by `DEV_FAKES=on pnpm dev` (packages/dev-idp, `fakeDefaults`). Their
 * credentials are public by design; a test keeps these values and the fakes' in step.
 */
export const DEV_FAKES = {
  facebook: { url: 'http://localhost:4001', clientId: '1234567890123456', clientSecret: 'fake-facebook-secret' },
  github: { url: 'http://localhost:4002', clientId: 'Iv1.fakegithubclient', clientSecret: 'fake-github-secret' },
  simplelogin: { url: 'http://localhost:4003', clientId: 'sso-dev-app-fake-simplelogin', clientSecret: 'fake-simplelogin-secret' },
  google: { url: 'http://localhost:4004', clientId: 'fake-google-client.apps.googleusercontent.com', clientSecret: 'fake-google-secret' },
} as const;

/**
 * A client id / secret pair: both or neither. Half a pair names the missing variable. With
 * DEV_FAKES on, an unset pair falls back to the local fake's public credentials.
 */
function credentials(env: Env, prefix: string, problems: string[], fake?: { clientId: string; clientSecret: string }) {
  const idName = `${prefix}_CLIENT_ID`;
  const secretName = `${prefix}_CLIENT_SECRET`;
  const id = env[idName];
  const secret = env[secretName];
  if (id && !secret) problems.push(`${secretName} is required when ${idName} is set`);
  if (secret && !id) problems.push(`${idName} is required when ${secretName} is set`);
  if (id && secret) return { clientId: id, clientSecret: secret, fake: false };
  if (!id && !secret && fake) return { ...fake, fake: true };
  return undefined;
}

function oidc(
  id: string,
  name: string,
  issuerName: string,
  issuerValue: string,
  creds: { clientId: string; clientSecret: string },
  scopes: string[],
  problems: string[],
  extra: Partial<Pick<OidcProviderConfig, 'tokenAuthMethod' | 'authParams' | 'credentialsHint'>> = {},
): OidcProviderConfig | undefined {
  const issuer = parseEndpoint(issuerName, issuerValue, problems);
  if (!issuer) return undefined;
  return {
    kind: 'oidc',
    id,
    name,
    issuer,
    clientId: creds.clientId,
    clientSecret: creds.clientSecret,
    scopes,
    tokenAuthMethod: extra.tokenAuthMethod ?? 'auto',
    authParams: extra.authParams ?? {},
    allowInsecureRequests: issuer.protocol === 'http:',
    credentialsHint: extra.credentialsHint ?? `${id.toUpperCase()}_CLIENT_ID and ${id.toUpperCase()}_CLIENT_SECRET`,
  };
}

function simpleLogin(env: Env, problems: string[], fakes: boolean): OidcProviderConfig | undefined {
  const creds = credentials(env, 'SIMPLELOGIN', problems, fakes ? DEV_FAKES.simplelogin : undefined);
  if (!creds) return undefined;
  const issuer = urlOf(env, 'SIMPLELOGIN_ISSUER', creds.fake ? DEV_FAKES.simplelogin.url : undefined);
  // SimpleLogin compares HTTP Basic credentials without percent-decoding them, and its client ids
  // contain "-" (which RFC 6749 §2.3.1 encoding turns into %2D): send them in the form body.
  return oidc('simplelogin', 'SimpleLogin', 'SIMPLELOGIN_ISSUER', issuer, creds, ['openid', 'email', 'name', 'avatar_url'], problems, {
    tokenAuthMethod: 'client_secret_post',
  });
}

function google(env: Env, problems: string[], fakes: boolean): OidcProviderConfig | undefined {
  const creds = credentials(env, 'GOOGLE', problems, fakes ? DEV_FAKES.google : undefined);
  if (!creds) return undefined;
  const issuer = urlOf(env, 'GOOGLE_ISSUER', creds.fake ? DEV_FAKES.google.url : undefined);
  return oidc('google', 'Google', 'GOOGLE_ISSUER', issuer, creds, ['openid', 'email', 'profile'], problems);
}

function genericOidc(env: Env, problems: string[]): OidcProviderConfig | undefined {
  const parts = { OIDC_ISSUER: env.OIDC_ISSUER, OIDC_CLIENT_ID: env.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: env.OIDC_CLIENT_SECRET };
  const set = Object.entries(parts).filter(([, v]) => v !== undefined);
  if (set.length === 0) return undefined;
  const missing = Object.entries(parts)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  if (missing.length) {
    problems.push(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required when ${set.map(([k]) => k).join(' / ')} ${set.length > 1 ? 'are' : 'is'} set`,
    );
    return undefined;
  }
  const scopes = (env.OIDC_SCOPES ?? PROVIDER_DEFAULTS.OIDC_SCOPES).split(/[\s,]+/).filter(Boolean);
  if (!scopes.includes('openid')) problems.push('OIDC_SCOPES must include "openid"');
  const method =
    (env.OIDC_TOKEN_AUTH_METHOD ?? PROVIDER_DEFAULTS.OIDC_TOKEN_AUTH_METHOD).trim() || PROVIDER_DEFAULTS.OIDC_TOKEN_AUTH_METHOD;
  if (!TOKEN_AUTH_METHODS.includes(method as TokenAuthMethod)) {
    problems.push(`OIDC_TOKEN_AUTH_METHOD must be one of ${TOKEN_AUTH_METHODS.join(', ')} (got "${method.slice(0, 40)}")`);
  }
  return oidc(
    'oidc',
    env.OIDC_NAME ?? PROVIDER_DEFAULTS.OIDC_NAME,
    'OIDC_ISSUER',
    env.OIDC_ISSUER!,
    { clientId: env.OIDC_CLIENT_ID!, clientSecret: env.OIDC_CLIENT_SECRET! },
    scopes,
    problems,
    {
      tokenAuthMethod: method as TokenAuthMethod,
      credentialsHint: 'OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_TOKEN_AUTH_METHOD',
    },
  );
}

/** A provider URL: the variable if set, else the local fake's (DEV_FAKES), else the real provider's. */
function urlOf(env: Env, name: keyof typeof PROVIDER_DEFAULTS, fakeUrl: string | undefined): string {
  return env[name] ?? fakeUrl ?? PROVIDER_DEFAULTS[name];
}

function facebook(env: Env, problems: string[], fakes: boolean): FacebookProviderConfig | undefined {
  const creds = credentials(env, 'FACEBOOK', problems, fakes ? DEV_FAKES.facebook : undefined);
  if (!creds) return undefined;
  const fake = creds.fake ? DEV_FAKES.facebook.url : undefined;
  const version = env.FACEBOOK_API_VERSION ?? PROVIDER_DEFAULTS.FACEBOOK_API_VERSION;
  if (!/^v\d{1,2}\.\d$/.test(version)) problems.push(`FACEBOOK_API_VERSION must look like v21.0 (got "${version}")`);
  const dialogUrl = parseEndpoint('FACEBOOK_DIALOG_URL', urlOf(env, 'FACEBOOK_DIALOG_URL', fake), problems);
  const graphUrl = parseEndpoint('FACEBOOK_GRAPH_URL', urlOf(env, 'FACEBOOK_GRAPH_URL', fake), problems);
  if (!dialogUrl || !graphUrl) return undefined;
  return {
    kind: 'facebook',
    id: 'facebook',
    name: 'Facebook',
    clientId: creds.clientId,
    clientSecret: creds.clientSecret,
    apiVersion: version,
    dialogUrl,
    graphUrl,
    // Opt-in: Facebook marks its OpenID Connect code flow "still in testing".
    oidc: env.FACEBOOK_OIDC === 'on',
  };
}

function github(env: Env, problems: string[], fakes: boolean): GitHubProviderConfig | undefined {
  const creds = credentials(env, 'GITHUB', problems, fakes ? DEV_FAKES.github : undefined);
  if (!creds) return undefined;
  const fake = creds.fake ? DEV_FAKES.github.url : undefined;
  const webUrl = parseEndpoint('GITHUB_URL', urlOf(env, 'GITHUB_URL', fake), problems);
  const apiUrl = parseEndpoint('GITHUB_API_URL', urlOf(env, 'GITHUB_API_URL', fake), problems);
  if (!webUrl || !apiUrl) return undefined;
  return { kind: 'github', id: 'github', name: 'GitHub', clientId: creds.clientId, clientSecret: creds.clientSecret, webUrl, apiUrl };
}

/** Puts providers in PROVIDER_ORDER (ids, comma-separated); the rest keep their default order after. */
function order(providers: ProviderConfig[], value: string | undefined, problems: string[]): ProviderConfig[] {
  if (!value) return providers;
  const wanted = value.split(/[\s,]+/).filter(Boolean);
  const known = new Set(providers.map((p) => p.id));
  for (const id of wanted)
    if (!known.has(id))
      problems.push(`PROVIDER_ORDER names "${id}", which is not a configured provider (configured: ${[...known].join(', ') || 'none'})`);
  const rank = (id: string) => (wanted.includes(id) ? wanted.indexOf(id) : wanted.length);
  return [...providers].sort((a, b) => rank(a.id) - rank(b.id));
}

/** Every enabled provider, in button order. `dev` (the dev IdP) is passed in by config.ts. */
export function parseProviders(
  env: Env,
  options: { rawEnv: Env; production: boolean; dev: OidcProviderConfig | undefined },
  problems: string[],
): ProviderConfig[] {
  const fakes = env.DEV_FAKES === 'on';
  if (fakes && options.production) problems.push('DEV_FAKES=on is not allowed when NODE_ENV=production (the fakes accept anyone)');
  const useFakes = fakes && !options.production;
  const builtIn = [
    simpleLogin(env, problems, useFakes),
    google(env, problems, useFakes),
    github(env, problems, useFakes),
    facebook(env, problems, useFakes),
    genericOidc(env, problems),
  ];
  const fromFile = env.PROVIDERS_FILE ? readProvidersFile(env.PROVIDERS_FILE, options.rawEnv, problems) : [];
  const all = [...builtIn, ...fromFile, options.dev].filter((p): p is ProviderConfig => p !== undefined);
  const sorted = all.filter((p) => DEFAULT_ORDER.includes(p.id)).sort((a, b) => DEFAULT_ORDER.indexOf(a.id) - DEFAULT_ORDER.indexOf(b.id));
  const rest = all.filter((p) => !DEFAULT_ORDER.includes(p.id));
  return order([...sorted, ...rest], env.PROVIDER_ORDER, problems);
}
