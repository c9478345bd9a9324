import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Pinning } from './pinning.js';
import { startServerProcess, type ServerProcess } from './serverProcess.js';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const baseEnv = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production' });

/** The bare Koa comparator (bareKoa.mjs) answering GET / with `body`. */
export function startBareKoa(port: number, body: string, pinning: Pinning): Promise<ServerProcess> {
  return startServerProcess({
    name: 'bare Koa',
    args: ['bareKoa.mjs'],
    cwd: benchDir,
    env: { ...baseEnv(), PORT: String(port), HOST: '127.0.0.1', BODY: body },
    readyUrl: `http://127.0.0.1:${port}/`,
    pinning,
  });
}

export interface EocOptions {
  port: number;
  issuer: string;
  clientId: string;
  clientSecret: string;
  pinning: Pinning;
}

/** express-openid-connect (eoc.mjs): its sign-in is GET /login → the OP → GET /callback, then GET /me. */
export async function startEoc(options: EocOptions): Promise<ServerProcess & { origin: string }> {
  const origin = `http://127.0.0.1:${options.port}`;
  const server = await startServerProcess({
    name: 'express-openid-connect',
    args: ['eoc.mjs'],
    cwd: benchDir,
    env: {
      ...baseEnv(),
      PORT: String(options.port),
      ISSUER: options.issuer,
      CLIENT_ID: options.clientId,
      CLIENT_SECRET: options.clientSecret,
      SECRET: randomBytes(32).toString('base64url'),
    },
    readyUrl: `${origin}/healthz`,
    pinning: options.pinning,
  });
  return { ...server, origin };
}
