import parse from 'co-body';
import type { Context } from 'koa';

/** Every answer is JSON about one token's owner, so none may be cached. */
export function sendJson(ctx: Context, status: number, body: unknown, headers: Record<string, string> = {}): void {
  ctx.status = status;
  ctx.set({
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  ctx.body = JSON.stringify(body);
}

/** An error answered as `{ error }` with a status (the API's only error shape). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * The token from `Authorization: Bearer <token>` (RFC 6750 §2.1: b64token syntax), or undefined when
 * the header is missing or not a well-formed Bearer credential.
 */
export function bearerToken(ctx: Context): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(ctx.get('Authorization'));
  return match?.[1];
}

const MAX_BODY_BYTES = 64 * 1024;

/** co-body's errors carry the status to answer (413 too large, 400 aborted or not JSON, 415 an unknown encoding). */
function bodyError(err: unknown): HttpError {
  const status = typeof err === 'object' && err !== null ? (err as { status?: unknown }).status : undefined;
  if (status === 413) return new HttpError(413, 'payload_too_large', `the body is over ${MAX_BODY_BYTES} bytes`, { Connection: 'close' });
  if (status === 415) return new HttpError(415, 'unsupported_media_type', 'the body has an unknown content encoding');
  if (err instanceof SyntaxError) return new HttpError(400, 'invalid_request', 'the body is not valid JSON');
  if (status === 400) return new HttpError(400, 'invalid_request', 'the body could not be read');
  throw err;
}

/**
 * Reads a JSON body with co-body (at most 64 KiB, read whatever its type); an empty body is `null`,
 * any other type than JSON is 415.
 */
export async function readJson(ctx: Context): Promise<unknown> {
  try {
    if (ctx.is('application/json', '+json')) {
      const parsed: unknown = await parse.json(ctx, { limit: MAX_BODY_BYTES, strict: false });
      return parsed === '' ? null : parsed;
    }
    if ((await parse.text(ctx, { limit: MAX_BODY_BYTES })) === '') return null;
  } catch (err) {
    throw bodyError(err);
  }
  throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
}
