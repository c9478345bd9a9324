import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Dispatcher } from 'undici';

/**
 * How long an idle connection to a provider is kept for the next call, ms: below the 5 s that
 * most servers (Node's among them) keep an idle connection, so that we close it first. A server
 * that announces a shorter `Keep-Alive: timeout=` is believed (undici reads it).
 */
const IDLE_MS = 4_000;

/**
 * undici and the keep-alive pool every provider call goes through, loaded at the first call, not
 * at start-up: undici is half of the bundle, and its evaluation alone was 12 % of a start-up.
 */
type Undici = typeof import('undici');
let undici: Promise<{ request: Undici['request']; keepAlive: Dispatcher }> | undefined;
const loadUndici = () =>
  (undici ??= import('undici').then((loaded) => {
    // undici is CommonJS: bundled as a chunk of its own, its exports arrive as `default`.
    const { Agent, request } = typeof loaded.request === 'function' ? loaded : (loaded as unknown as { default: Undici }).default;
    return { request, keepAlive: new Agent({ keepAliveTimeout: IDLE_MS, keepAliveMaxTimeout: IDLE_MS }) };
  }));
/** What a test installed instead of the keep-alive pool. */
let installed: Dispatcher | undefined;

/**
 * Routes every provider call through `dispatcher` (a test's undici MockAgent) until the returned
 * function is called, which puts the keep-alive pool back.
 */
export function useProviderDispatcher(dispatcher: Dispatcher): () => void {
  installed = dispatcher;
  return () => {
    installed = undefined;
  };
}

/** An answer read whole: its body decoded (Content-Encoding undone) and within the limit. */
export interface Answer {
  status: number;
  statusText: string;
  /** Names in lower case; `content-encoding` and `content-length` describe the wire, not `body`. */
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
  /** Where the request goes; default the keep-alive pool (or what {@link useProviderDispatcher} installed). */
  dispatcher?: Dispatcher | undefined;
}

/** What fetch would send when the caller says nothing (some APIs refuse a request without a User-Agent). */
const DEFAULT_HEADERS = { accept: '*/*', 'user-agent': 'sso-bff' };

function requestHeaders(headers: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = { ...DEFAULT_HEADERS };
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
    if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(raw, options);
    if (coding === 'deflate') return inflateSync(raw, options);
    if (coding === 'br') return brotliDecompressSync(raw, options);
  } catch (err) {
    // zlib's ERR_BUFFER_TOO_LARGE: the output passed maxOutputLength.
    if (err instanceof RangeError)
      throw new TransportError('too_large', `answer over the ${maxBytes}-byte limit once decoded`, { cause: err });
    throw new TransportError('cut_off', `undecodable ${coding} body`, { cause: err });
  }
  throw new TransportError('cut_off', `unknown content encoding ${coding}`);
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * One HTTP request through an undici dispatcher (`request()`, not `fetch`: no web streams or
 * Request/Response objects on the way), the answer read whole. A redirect is returned, never followed.
 */
export function send(url: URL, init: RequestInit, limits: SendLimits): Promise<Answer> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return Promise.reject(new TransportError('unreachable', `unsupported scheme ${url.protocol}`));
  const body = requestBody(init.body);
  const abort = new AbortController();
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    let stream: Dispatcher.ResponseData['body'] | undefined;
    const finish = (err: Error | null, answer?: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
      if (err) {
        // Before the answer, aborting cancels the request; during it, destroying the body closes
        // the connection: the rest is never received.
        abort.abort(err);
        stream?.destroy();
        reject(err);
      } else resolve(answer!);
    };
    const timer = setTimeout(
      () => finish(new TransportError('unreachable', `no whole answer within ${limits.timeoutMs} ms`)),
      limits.timeoutMs,
    );
    const onAbort = () => finish(new TransportError('unreachable', 'aborted', { cause: limits.signal?.reason }));
    if (limits.signal?.aborted) return onAbort();
    limits.signal?.addEventListener('abort', onAbort, { once: true });

    const dispatcher = limits.dispatcher ?? installed;
    loadUndici()
      .then(({ request, keepAlive }) =>
        request(url, {
          method: init.method ?? 'GET',
          headers: requestHeaders(init.headers),
          body,
          signal: abort.signal,
          dispatcher: dispatcher ?? keepAlive,
        }),
      )
      .then(
        (res) => {
          stream = res.body;
          // Before anything else: a body destroyed with an error must never throw unheard.
          res.body.on('error', (err) => finish(new TransportError('cut_off', 'answer cut off', { cause: err })));
          if (settled) return void res.body.destroy();
          const declared = Number(single(res.headers['content-length']) ?? 0);
          if (declared > limits.maxBytes)
            return finish(new TransportError('too_large', `answer of ${declared} bytes declared, over the ${limits.maxBytes}-byte limit`));
          const chunks: Buffer[] = [];
          let size = 0;
          res.body.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > limits.maxBytes) finish(new TransportError('too_large', `answer over the ${limits.maxBytes}-byte limit`));
            else chunks.push(chunk);
          });
          res.body.on('end', () => {
            let decoded: Buffer<ArrayBuffer>;
            try {
              decoded = decode(single(res.headers['content-encoding']), Buffer.concat(chunks, size), limits.maxBytes);
            } catch (err) {
              return finish(err as TransportError);
            }
            const headers: [string, string][] = [];
            for (const [name, value] of Object.entries(res.headers)) {
              if (Array.isArray(value)) for (const v of value) headers.push([name, v]);
              else if (value !== undefined) headers.push([name, value]);
            }
            finish(null, { status: res.statusCode, statusText: res.statusText ?? '', headers, body: decoded });
          });
        },
        (err: Error) => finish(new TransportError('unreachable', err.message, { cause: err })),
      );
  });
}
