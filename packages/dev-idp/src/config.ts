import { defaultDevClient, type DevIdpClient } from './clients.js';

/** What main.ts needs, read from the environment once at start-up. */
export interface MainConfig {
  port: number;
  host: string;
  client: DevIdpClient;
  /** DEV_FAKES=on: also start the provider fakes (Facebook, GitHub, SimpleLogin, Google) on 4001–4004. */
  fakes: boolean;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`DEV_IDP_PORT must be a port number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function parseRedirectUris(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const uris = raw.split(',').map((uri) => uri.trim()).filter(Boolean);
  for (const uri of uris) {
    const url = URL.parse(uri);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hash) {
      throw new Error(`DEV_IDP_REDIRECT_URIS must be comma-separated absolute http(s) URLs without a #fragment; "${uri}" is not`);
    }
  }
  return uris;
}

function parseSwitch(name: string, raw: string | undefined): boolean {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'off') return false;
  if (value === 'on') return true;
  throw new Error(`${name} must be "on" or "off", got "${raw}"`);
}

/** Reads DEV_IDP_PORT, DEV_IDP_HOST, DEV_IDP_REDIRECT_URIS and DEV_FAKES; throws an error naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): MainConfig {
  // The client secret and signing keys are development defaults; refuse to pose as a real IdP.
  if (env.NODE_ENV === 'production') {
    throw new Error('the Dev IdP is for local development only and refuses to start with NODE_ENV=production');
  }
  const redirectUris = parseRedirectUris(env.DEV_IDP_REDIRECT_URIS);
  return {
    port: parsePort(env.DEV_IDP_PORT),
    host: env.DEV_IDP_HOST?.trim() || 'localhost',
    client: redirectUris ? { ...defaultDevClient, redirectUris } : defaultDevClient,
    fakes: parseSwitch('DEV_FAKES', env.DEV_FAKES),
  };
}
