import type { ServerResponse } from 'node:http';
import type { Middleware } from 'koa';
import helmet from 'koa-helmet';

/** Which set of security headers an answer gets (routes/table.ts decides by the route's kind). */
export type HeaderSet = 'document' | 'json';

/**
 * The policy of an answer that is data, never a page: nothing in it may load, run or frame
 * anything. If a browser is sent to `/auth/me`, it shows text under this policy.
 */
const JSON_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Helmet's headers that still mean something on an answer that is not a document: MIME sniffing,
 * who may embed it (CORP, frames), the referrer, and HSTS (which covers the host, whatever the answer).
 */
const FOR_JSON = new Set(['X-Content-Type-Options', 'Cross-Origin-Resource-Policy', 'Referrer-Policy', 'Strict-Transport-Security']);

/**
 * Security headers, computed once at start-up. Pages and what leads to them (`document`: the SPA,
 * sign-in navigations, the end-session page) get koa-helmet's whole set: pictures may come from
 * providers' https hosts and from the loopback origins of local providers (dev IdP), nothing else
 * is loaded from elsewhere; the end-session page replaces this policy with a stricter one of its
 * own (routes/endSessionPage.ts). JSON answers (`json`) get {@link JSON_POLICY} and the headers of
 * {@link FOR_JSON}: the rest of helmet's (COOP, Origin-Agent-Cluster, DNS prefetching, IE's
 * download and XSS switches, Flash's cross-domain policies) govern documents, and setting seven
 * headers that do nothing measured as a tenth of a 401's CPU.
 */
export function securityHeaders(options: { https: boolean; imageOrigins: string[] }): Record<HeaderSet, HeaderList> {
  const all = helmetHeaders(options);
  return {
    document: Object.entries(all),
    json: [
      ['Content-Security-Policy', JSON_POLICY],
      ['X-Frame-Options', 'DENY'],
      ...Object.entries(all).filter(([name]) => FOR_JSON.has(name)),
    ],
  };
}

/** Headers as name and value, in the order they are set. */
export type HeaderList = readonly (readonly [string, string])[];

/** API answers are per-user and must never be cached by the browser or a proxy. */
export const NO_STORE: HeaderList = [['Cache-Control', 'no-store']];

/** Sets headers computed at start-up: Node validates each value as it is set, nothing else is done. */
export function setHeaders(res: ServerResponse, headers: HeaderList): void {
  for (const [name, value] of headers) res.setHeader(name, value);
}

/**
 * The headers koa-helmet sets, computed once at start-up: they are the same for every answer,
 * and building them per request (a dozen small middlewares, the CSP string) cost more than the
 * rest of a simple request. Helmet sets them synchronously; it is run once against a stand-in.
 */
function helmetHeaders(options: { https: boolean; imageOrigins: string[] }): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => {
      headers[name] = String(value);
    },
    removeHeader: () => undefined,
  };
  void helmetMiddleware(options)({ req: { headers: {} }, res } as never, () => Promise.resolve());
  if (!headers['Content-Security-Policy']) throw new Error('koa-helmet set no Content-Security-Policy synchronously');
  return headers;
}

function helmetMiddleware(options: { https: boolean; imageOrigins: string[] }): Middleware {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:', 'https:', ...options.imageOrigins],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        ...(options.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Pictures from providers are cross-origin and do not send CORP headers.
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: options.https ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
