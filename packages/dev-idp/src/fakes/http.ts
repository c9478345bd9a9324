import { timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa, { type Context } from 'koa';

import { BodyError, readText } from '../body.js';
import { urlHost } from '../ports.js';
import { sendStatus, sendText } from '../respond.js';

/** A fake's routes: paths exactly as written (no trailing slash, case-sensitive), like the old regexes. */
export const fakeRouter = () => new Router({ strict: true, sensitive: true });

/**
 * A fake's Koa app around its routes: 404 for an unknown path, 405 with Allow for another method.
 * Unexpected errors become a bare 500 and one log line with the message only (errors may quote a
 * code or token otherwise); a body that cannot be read gets its 4xx (413 over the cap).
 */
export function createFakeApp(router: Router, log: (msg: string) => void): Koa {
  const app = new Koa();
  // Koa's own 'error' event (e.g. a socket that failed mid-answer); without a listener Koa prints whole errors.
  app.on('error', (err: Error) => log(`error: ${err.message}`));
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof BodyError) return sendStatus(ctx, err.status);
      log(`${ctx.method} ${ctx.path} failed: ${err instanceof Error ? err.message : String(err)}`);
      sendText(ctx, 500, 'Internal Server Error');
    }
  });
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

/** The request's query parameters. */
export const queryOf = (ctx: Context) => new URL(ctx.url, 'http://fake.invalid').searchParams;

const MAX_BODY_BYTES = 64 * 1024;

/**
 * The request body's parameters: form-encoded, or a flat JSON object (GitHub accepts both).
 * Anything else, or malformed JSON, yields no parameters, so the caller answers "missing …".
 * The body is read (and capped) whatever its type.
 */
export async function readBody(ctx: Context): Promise<URLSearchParams> {
  const raw = await readText(ctx, MAX_BODY_BYTES);
  if (ctx.is('application/x-www-form-urlencoded')) return new URLSearchParams(raw);
  const params = new URLSearchParams();
  if (!ctx.is('application/json')) return params;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [key, value] of Object.entries(parsed)) {
        if (['string', 'number', 'boolean'].includes(typeof value)) params.set(key, String(value));
      }
    }
  } catch {
    // fall through: no parameters
  }
  return params;
}

/** Query and body together, the body winning (Facebook and GitHub read parameters from either). */
export async function readParams(ctx: Context): Promise<URLSearchParams> {
  const params = queryOf(ctx);
  for (const [key, value] of await readBody(ctx)) params.set(key, value);
  return params;
}

export function sendJson(ctx: Context, status: number, body: unknown, headers: Record<string, string> = {}): void {
  ctx.status = status;
  ctx.set({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  ctx.body = JSON.stringify(body);
}

/** A 302 with an empty body, as the providers send it. */
export function redirect(ctx: Context, location: string): void {
  ctx.status = 302;
  ctx.set({ Location: location, 'Cache-Control': 'no-store' });
  ctx.body = '';
  // Koa types a string body text/plain; an empty redirect has no type.
  ctx.remove('Content-Type');
}

/** Adds parameters to a redirect URI, keeping its own query (RFC 6749 §3.1.2), and an optional fragment. */
export function withParams(uri: string, params: Record<string, string | undefined>, fragment?: string): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.append(key, value);
  return `${uri}${uri.includes('?') ? '&' : '?'}${query.toString()}${fragment ?? ''}`;
}

/** The token of `Authorization: <scheme> <token>` when the scheme is one of `schemes` (any case). */
export function authorizationToken(ctx: Context, schemes: readonly string[]): string | undefined {
  const match = /^(\S+) +(\S+)\s*$/.exec(ctx.get('Authorization'));
  if (!match || !schemes.includes(match[1]!.toLowerCase())) return undefined;
  return match[2];
}

/** HTTP Basic credentials exactly as sent, not percent-decoded. */
export function basicCredentials(ctx: Context): { id: string; secret: string } | undefined {
  const encoded = authorizationToken(ctx, ['basic']);
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** Compares a presented secret in constant time (for equal lengths). */
export function secretEquals(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 6749 §2.3.1: Basic credentials are form-encoded before base64; undo that. Null if malformed. */
export function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** An http(s) redirect URI a real provider would register: absolute, no fragment, https unless loopback. */
export function checkRedirectUris(label: string, uris: readonly string[], allowHttpAnywhere = false): void {
  if (uris.length === 0) throw new Error(`${label}: the client needs at least one redirect URI`);
  for (const uri of uris) {
    const url = URL.parse(uri);
    const loopback = url && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (!url || url.hash || uri.includes('#') || !['http:', 'https:'].includes(url.protocol)) {
      throw new Error(`${label}: redirect URI "${uri}" must be an absolute http(s) URL without a fragment`);
    }
    if (url.protocol === 'http:' && !loopback && !allowHttpAnywhere) {
      throw new Error(`${label}: redirect URI "${uri}" must use https (plain http only for localhost)`);
    }
  }
}

export interface Listening {
  url: string;
  close: () => Promise<void>;
}

/**
 * Listens first (with port 0 the URL is only known afterwards), then serves the Koa app that
 * `build` makes for the actual URL.
 */
export async function serve(label: string, port: number, host: string, build: (url: string) => Koa | Promise<Koa>): Promise<Listening> {
  const server = createServer((_req, res) => {
    res.statusCode = 503;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`${label} is starting`);
  });
  const actual = await new Promise<number>((resolve, reject) => {
    const onError = (cause: NodeJS.ErrnoException) =>
      reject(new Error(`${label} could not listen on ${host}:${port} (${cause.code ?? cause.message})`, { cause }));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const url = `http://${urlHost(host)}:${actual}`;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };
  try {
    const app = await build(url);
    server.removeAllListeners('request');
    // Koa's handler settles every request itself (errors included), so there is nothing to await.
    const handle = app.callback();
    server.on('request', (req, res) => void handle(req, res));
  } catch (err) {
    await close();
    throw err;
  }
  return { url, close };
}
