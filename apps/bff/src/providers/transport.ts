import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/**
 * How long an idle connection to a provider is kept for the next call, ms: below the 5 s that
 * most servers (Node's among them) keep an idle connection, so that we close it first. A server
 * that announces a shorter `Keep-Alive: timeout=` is believed (Node's agent reads it).
 */
const IDLE_MS = 4_000;
const agentOptions = { keepAlive: true, timeout: IDLE_MS, maxFreeSockets: 16 };
const agents = { 'http:': new HttpAgent(agentOptions), 'https:': new HttpsAgent(agentOptions) };

/** An answer read whole: its body decoded (Content-Encoding undone) and within the limit. */
export interface Answer {
  status: number;
  statusText: string;
  /** As received, in order; `content-encoding` and `content-length` describe the wire, not `body`. */
  headers: [string, string][];
  /** Node's own buffer (Buffer.concat, zlib): never on a SharedArrayBuffer. */
  body: Buffer<ArrayBuffer>;
}

/** Why a call failed, for the caller's error: nobody answered in time, or what came was not a whole answer. */
export class TransportError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'too_large' | 'cut_off',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface SendLimits {
  /** The whole call, body included, ms. */
  timeoutMs: number;
  /** The most bytes of answer body, on the wire and decoded. */
  maxBytes: number;
  /** The caller's own abort (openid-client passes one). */
  signal?: AbortSignal | null | undefined;
}

/** What fetch would send when the caller says nothing (some APIs refuse a request without a User-Agent). */
const DEFAULT_HEADERS = { accept: '*/*', 'user-agent': 'sso-bff' };

function requestHeaders(headers: RequestInit['headers']): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = { ...DEFAULT_HEADERS };
  if (headers) new Headers(headers).forEach((value, name) => (out[name] = value));
  return out;
}

function requestBody(body: RequestInit['body']): string | Buffer | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('provider request body: a string, URLSearchParams or bytes');
}

/** Undoes a Content-Encoding within `maxBytes` of output (a small gzip may inflate to gigabytes). */
function decode(encoding: string | undefined, raw: Buffer<ArrayBuffer>, maxBytes: number): Buffer<ArrayBuffer> {
  const coding = encoding?.trim().toLowerCase();
  if (!coding || coding === 'identity') return raw;
  const options = { maxOutputLength: maxBytes };
  try {
    if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(raw, options) as Buffer<ArrayBuffer>;
    if (coding === 'deflate') return inflateSync(raw, options) as Buffer<ArrayBuffer>;
    if (coding === 'br') return brotliDecompressSync(raw, options) as Buffer<ArrayBuffer>;
  } catch (err) {
    // zlib's ERR_BUFFER_TOO_LARGE: the output passed maxOutputLength.
    if (err instanceof RangeError) throw new TransportError('too_large', `answer over the ${maxBytes}-byte limit once decoded`, { cause: err });
    throw new TransportError('cut_off', `undecodable ${coding} body`, { cause: err });
  }
  throw new TransportError('cut_off', `unknown content encoding ${coding}`);
}

/**
 * One HTTP request with Node's own client on a keep-alive connection, the answer read whole.
 * Not `fetch`: undici's fetch (web streams, Request/Response objects, abort-signal plumbing) cost
 * more CPU than all the rest of a sign-in's token call. A redirect is returned, never followed.
 */
export function send(url: URL, init: RequestInit, limits: SendLimits): Promise<Answer> {
  const request = url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : null;
  if (!request) return Promise.reject(new TransportError('unreachable', `unsupported scheme ${url.protocol}`));
  const body = requestBody(init.body);
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | null, answer?: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(answer!);
    };
    const req = request(url, {
      method: init.method ?? 'GET',
      headers: requestHeaders(init.headers),
      agent: agents[url.protocol as 'http:' | 'https:'],
    });
    const timer = setTimeout(() => finish(new TransportError('unreachable', `no whole answer within ${limits.timeoutMs} ms`)), limits.timeoutMs);
    const onAbort = () => finish(new TransportError('unreachable', 'aborted', { cause: limits.signal?.reason }));
    if (limits.signal?.aborted) return onAbort();
    limits.signal?.addEventListener('abort', onAbort, { once: true });

    let answered = false;
    req.on('error', (err) => finish(answered ? new TransportError('cut_off', 'answer cut off', { cause: err }) : new TransportError('unreachable', err.message, { cause: err })));
    req.on('response', (res: IncomingMessage) => {
      answered = true;
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > limits.maxBytes) return finish(new TransportError('too_large', `answer of ${declared} bytes declared, over the ${limits.maxBytes}-byte limit`));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Destroying the request closes the connection: the rest is never received.
        if (size > limits.maxBytes) finish(new TransportError('too_large', `answer over the ${limits.maxBytes}-byte limit`));
        else chunks.push(chunk);
      });
      res.on('aborted', () => finish(new TransportError('cut_off', 'answer cut off')));
      res.on('error', (err) => finish(new TransportError('cut_off', 'answer cut off', { cause: err })));
      res.on('end', () => {
        if (!res.complete) return finish(new TransportError('cut_off', 'answer cut off'));
        let decoded: Buffer<ArrayBuffer>;
        try {
          decoded = decode(res.headers['content-encoding'], Buffer.concat(chunks, size), limits.maxBytes);
        } catch (err) {
          return finish(err as TransportError);
        }
        const headers: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        finish(null, { status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers, body: decoded });
      });
    });
    req.end(body);
  });
}
