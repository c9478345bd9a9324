import type { IncomingMessage, ServerResponse } from 'node:http';

/** Every answer is JSON about one token's owner, so none may be cached. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  for (const [name, headerValue] of Object.entries(headers)) res.setHeader(name, headerValue);
  res.end(JSON.stringify(body));
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
export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

const MAX_BODY_BYTES = 64 * 1024;

/** Reads a JSON body (at most 64 KiB); an empty body is `null`. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpError(413, 'payload_too_large', `the body is over ${MAX_BODY_BYTES} bytes`, { Connection: 'close' });
    }
    chunks.push(chunk);
  }
  if (size === 0) return null;
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_request', 'the body is not valid JSON');
  }
}
