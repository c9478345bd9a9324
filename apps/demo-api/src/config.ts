/** What main.ts needs, read from the environment once at start-up. */
export interface DemoApiConfig {
  port: number;
  host: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** True when the client secret is the public development default (main.ts says so in its log line). */
  devSecret: boolean;
}

/** The dev IdP's default resource server (`defaultResourceServer` in @sso/dev-idp); public, development only. */
export const DEV_CLIENT_ID = 'demo-api';
export const DEV_CLIENT_SECRET = 'demo-api-dev-secret';

const value = (raw: string | undefined): string | undefined => (raw?.trim() ? raw.trim() : undefined);

function parsePort(raw: string | undefined): number {
  if (value(raw) === undefined) return 4100;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`DEMO_API_PORT must be a port number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function parseIssuer(raw: string | undefined): string {
  const issuer = value(raw) ?? 'http://localhost:4000';
  const url = URL.parse(issuer);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new Error(`DEMO_API_ISSUER must be an absolute http(s) URL without query or fragment, got "${issuer}"`);
  }
  return issuer;
}

/**
 * Reads DEMO_API_PORT, DEMO_API_HOST, DEMO_API_ISSUER, DEMO_API_CLIENT_ID and DEMO_API_CLIENT_SECRET;
 * throws an error naming the variable.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): DemoApiConfig {
  // A demo with a public secret next to a development IdP: never a production service.
  if (env.NODE_ENV === 'production') {
    throw new Error('the demo API is for local development only and refuses to start with NODE_ENV=production');
  }
  const clientSecret = value(env.DEMO_API_CLIENT_SECRET);
  return {
    port: parsePort(env.DEMO_API_PORT),
    host: value(env.DEMO_API_HOST) ?? 'localhost',
    issuer: parseIssuer(env.DEMO_API_ISSUER),
    clientId: value(env.DEMO_API_CLIENT_ID) ?? DEV_CLIENT_ID,
    clientSecret: clientSecret ?? DEV_CLIENT_SECRET,
    devSecret: clientSecret === undefined,
  };
}
