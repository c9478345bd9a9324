import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { BodyTooLargeError, sendText } from '../respond.js';
import { urlHost } from '../ports.js';

export type Handler = (req: IncomingMessage, res: ServerResponse, match: RegExpExecArray) => unknown;

export interface Route {
  methods: readonly string[];
  path: RegExp;
  handle: Handler;
}

/** The request's path, without the query. */
export const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?', 1)[0] ?? '/';

/** The request's query parameters. */
export const queryOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://fake.invalid').searchParams;

/**
 * One request listener for a list of routes, tried in order. Unexpected errors become a bare 500
 * and one log line with the message only (errors may quote a code or token otherwise).
 */
export function createRouter(routes: readonly Route[], log: (msg: string) => void): RequestListener {
  return (req, res) => {
    const path = pathOf(req);
    const matching = routes.filter((route) => route.path.test(path));
    const route = matching.find((candidate) => candidate.methods.includes(req.method ?? 'GET'));
    if (!route) {
      if (matching.length === 0) return sendText(res, 404, 'Not Found');
      return sendText(res, 405, 'Method Not Allowed', { Allow: [...new Set(matching.flatMap((m) => m.methods))].join(', ') });
    }
    Promise.resolve()
      .then(() => route.handle(req, res, route.path.exec(path)!))
      .catch((err: unknown) => {
        if (res.headersSent) return void res.destroy();
        if (err instanceof BodyTooLargeError) return sendText(res, 413, 'Payload Too Large');
        log(`${req.method} ${path} failed: ${err instanceof Error ? err.message : String(err)}`);
        sendText(res, 500, 'Internal Server Error');
      });
  };
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * The request body's parameters: form-encoded, or a flat JSON object (GitHub accepts both).
 * Anything else, or malformed JSON, yields no parameters, so the caller answers "missing …".
 */
export async function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    const params = new URLSearchParams();
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
  return type === 'application/x-www-form-urlencoded' ? new URLSearchParams(raw) : new URLSearchParams();
}

/** Query and body together, the body winning (Facebook and GitHub read parameters from either). */
export async function readParams(req: IncomingMessage): Promise<URLSearchParams> {
  const params = queryOf(req);
  for (const [key, value] of await readBody(req)) params.set(key, value);
  return params;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(JSON.stringify(body));
}

export function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 302;
  res.setHeader('Location', location);
  res.setHeader('Cache-Control', 'no-store');
  res.end();
}

/** Adds parameters to a redirect URI, keeping its own query (RFC 6749 §3.1.2), and an optional fragment. */
export function withParams(uri: string, params: Record<string, string | undefined>, fragment?: string): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.append(key, value);
  return `${uri}${uri.includes('?') ? '&' : '?'}${query.toString()}${fragment ?? ''}`;
}

/** The token of `Authorization: <scheme> <token>` when the scheme is one of `schemes` (any case). */
export function authorizationToken(req: IncomingMessage, schemes: readonly string[]): string | undefined {
  const match = /^(\S+) +(\S+)\s*$/.exec(req.headers.authorization ?? '');
  if (!match || !schemes.includes(match[1]!.toLowerCase())) return undefined;
  return match[2];
}

/** HTTP Basic credentials exactly as sent, not percent-decoded. */
export function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const encoded = authorizationToken(req, ['basic']);
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
  close(): Promise<void>;
}

/**
 * Listens first (with port 0 the URL is only known afterwards), then installs the listener that
 * `build` makes for the actual URL.
 */
export async function serve(label: string, port: number, host: string, build: (url: string) => RequestListener | Promise<RequestListener>): Promise<Listening> {
  const server = createServer((_req, res) => sendText(res, 503, `${label} is starting`));
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
    const listener = await build(url);
    server.removeAllListeners('request');
    server.on('request', listener);
  } catch (err) {
    await close();
    throw err;
  }
  return { url, close };
}
