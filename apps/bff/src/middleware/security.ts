import type { Middleware } from 'koa';
import helmet from 'koa-helmet';

/**
 * Security headers (koa-helmet). Pictures may come from providers' https hosts, and from the
 * loopback origins of local providers (dev IdP); nothing else is loaded from elsewhere. The
 * end-session page replaces this policy with a stricter one of its own (routes/endSessionPage.ts).
 */
export function securityHeaders(options: { https: boolean; imageOrigins: string[] }): Middleware {
  const headers = Object.entries(helmetHeaders(options));
  return (ctx, next) => {
    for (const [name, value] of headers) ctx.res.setHeader(name, value);
    return next();
  };
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

/** API answers are per-user and must never be cached by the browser or a proxy. */
export const noStore: Middleware = (ctx, next) => {
  // Set before the work, so error answers carry it too.
  ctx.res.setHeader('Cache-Control', 'no-store');
  return next();
};
