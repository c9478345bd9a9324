import { defaultDevClient, type DevIdpClient } from './clients.js';

/** What main.ts needs, read from the environment once at start-up. */
export interface MainConfig {
  port: number;
  host: string;
  client: DevIdpClient;
  /** DEV_FAKES=on: also start the provider fakes (Facebook, GitHub, SimpleLogin, Google) on 4001–4004. */
  fakes: boolean;
}

const blank = (raw: string | undefined): raw is undefined => raw === undefined || raw.trim() === '';

function parsePort(raw: string | undefined): number {
  if (blank(raw)) return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`DEV_IDP_PORT must be a port number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

/** Redirect and logout URIs must be absolute and carry no fragment (OIDC Core §3.1.2.1, Back-Channel Logout §2.2). */
function checkUrl(name: string, uri: string, what: string): string {
  const url = URL.parse(uri);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hash || uri.includes('#')) {
    throw new Error(`${name} must be ${what}; "${uri}" is not`);
  }
  return uri;
}

/** A comma-separated list of URLs, or undefined (keep the default) when the variable is unset or blank. */
function parseUrlList(name: string, raw: string | undefined): string[] | undefined {
  if (blank(raw)) return undefined;
  const uris = raw
    .split(',')
    .map((uri) => uri.trim())
    .filter(Boolean);
  if (uris.length === 0) throw new Error(`${name} must list at least one URL, got "${raw}"`);
  return uris.map((uri) => checkUrl(name, uri, 'comma-separated absolute http(s) URLs without a #fragment'));
}

/** One URL, or `off` for none; undefined (keep the default) when unset or blank. */
function parseBackchannelUri(raw: string | undefined): string | null | undefined {
  if (blank(raw)) return undefined;
  const value = raw.trim();
  if (value.toLowerCase() === 'off') return null;
  if (value.includes(',')) throw new Error(`DEV_IDP_BACKCHANNEL_LOGOUT_URI must be one URL or "off", got "${raw}"`);
  return checkUrl('DEV_IDP_BACKCHANNEL_LOGOUT_URI', value, 'one absolute http(s) URL without a #fragment, or "off"');
}

function parseSwitch(name: string, raw: string | undefined): boolean {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'off') return false;
  if (value === 'on') return true;
  throw new Error(`${name} must be "on" or "off", got "${raw}"`);
}

/**
 * The `sso-dev` client with what the environment replaces. The URIs differ between `pnpm dev` (the
 * BFF's built-in `dev` provider) and the production build (the generic `oidc` provider on :3000).
 */
function readClient(env: NodeJS.ProcessEnv): DevIdpClient {
  const redirectUris = parseUrlList('DEV_IDP_REDIRECT_URIS', env.DEV_IDP_REDIRECT_URIS);
  const postLogoutRedirectUris = parseUrlList('DEV_IDP_POST_LOGOUT_REDIRECT_URIS', env.DEV_IDP_POST_LOGOUT_REDIRECT_URIS);
  const backchannelLogoutUri = parseBackchannelUri(env.DEV_IDP_BACKCHANNEL_LOGOUT_URI);
  const clientName = env.DEV_IDP_CLIENT_NAME?.trim();

  const { backchannelLogoutUri: defaultBackchannel, ...rest } = defaultDevClient;
  const backchannel = backchannelLogoutUri === undefined ? defaultBackchannel : backchannelLogoutUri;
  return {
    ...rest,
    ...(redirectUris ? { redirectUris } : {}),
    ...(postLogoutRedirectUris ? { postLogoutRedirectUris } : {}),
    ...(clientName ? { clientName } : {}),
    // `off` leaves the property out: no logout tokens, and no `sid` in ID tokens.
    ...(backchannel ? { backchannelLogoutUri: backchannel } : {}),
  };
}

/**
 * Reads DEV_IDP_PORT, DEV_IDP_HOST, DEV_IDP_REDIRECT_URIS, DEV_IDP_POST_LOGOUT_REDIRECT_URIS,
 * DEV_IDP_BACKCHANNEL_LOGOUT_URI, DEV_IDP_CLIENT_NAME and DEV_FAKES; throws an error naming the variable.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): MainConfig {
  // The client secret and signing keys are development defaults; refuse to pose as a real IdP.
  if (env.NODE_ENV === 'production') {
    throw new Error('the Dev IdP is for local development only and refuses to start with NODE_ENV=production');
  }
  return {
    port: parsePort(env.DEV_IDP_PORT),
    host: env.DEV_IDP_HOST?.trim() || 'localhost',
    client: readClient(env),
    fakes: parseSwitch('DEV_FAKES', env.DEV_FAKES),
  };
}
