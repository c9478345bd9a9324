import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import Koa, { type Context, type Middleware } from 'koa';
import { describe, expect, it } from 'vitest';
import { RouteTable } from '../../src/routes/table.js';

const answer: Middleware = (ctx) => {
  ctx.body = 'ok';
};

/** The table of a small BFF: one route of each kind, a proxied prefix, and the reserved `/api`. */
function table(): RouteTable {
  const routes = new RouteTable();
  routes.get('/healthz', 'public', answer);
  routes.get('/auth/me', 'api', answer);
  routes.get('/auth/end-session', 'page', answer);
  routes.get('/auth/login/:provider', 'navigation', answer);
  routes.post('/auth/backchannel-logout/:provider', 'server-to-server', answer);
  routes.prefix('/api/orders', 'api');
  routes.prefix('/api', 'public');
  return routes;
}

/** A request through the table's routes alone, as app.ts mounts them: the context it ends with. */
async function route(routes: RouteTable, method: string, path: string): Promise<Context> {
  const req = new IncomingMessage(new Socket());
  req.method = method;
  req.url = path;
  const ctx = new Koa().createContext(req, new ServerResponse(req));
  await routes.routes()(ctx, () => Promise.resolve());
  return ctx;
}

describe('the route table', () => {
  it('gives a route’s path the kind it was declared with, with or without a trailing slash', () => {
    const routes = table();
    expect(['/healthz', '/auth/me', '/auth/end-session', '/auth/end-session/'].map((p) => routes.kindOf(p))).toEqual([
      'public',
      'api',
      'page',
      'page',
    ]);
  });

  it('gives everything under a parameterised route’s fixed part that route’s kind', () => {
    const routes = table();
    expect(routes.kindOf('/auth/backchannel-logout/oidc')).toBe('server-to-server');
    expect(routes.kindOf('/auth/login/anything/else')).toBe('navigation');
  });

  it('answers unknown paths under /auth/ as the API, and leaves undeclared paths to the SPA', () => {
    const routes = table();
    expect(routes.kindOf('/auth/whatever')).toBe('api');
    expect(routes.kindOf('/auth/')).toBe('api');
    expect(['/', '/profile', '/assets/app.js', '/authx', '/auth'].map((p) => routes.kindOf(p))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('matches a prefix by whole segments, the most specific declaration first', () => {
    const routes = table();
    expect(['/api/orders', '/api/orders/7', '/api/ordersx', '/api', '/api/other', '/apix'].map((p) => routes.kindOf(p))).toEqual([
      'api',
      'api',
      'public',
      'public',
      'public',
      undefined,
    ]);
  });

  it('refuses at start-up a path or prefix declared as two kinds', () => {
    const routes = table();
    expect(() => routes.post('/auth/me', 'navigation', answer)).toThrow(/\/auth\/me declared both api and navigation/);
    expect(() => routes.prefix('/api', 'api')).toThrow(/\/api declared both public and api/);
    expect(() => routes.get('/auth/me', 'api', answer)).not.toThrow();
  });

  it('counts a request as a navigation only when the router matched a navigation or page route', async () => {
    const routes = table();
    expect(routes.navigates(await route(routes, 'GET', '/auth/login/oidc'))).toBe(true);
    expect(routes.navigates(await route(routes, 'HEAD', '/auth/end-session'))).toBe(true);
    expect(routes.navigates(await route(routes, 'GET', '/auth/end-session'))).toBe(true);
    // The same path with a method no route takes, an API route, an unknown path.
    expect(routes.navigates(await route(routes, 'POST', '/auth/login/oidc'))).toBe(false);
    expect(routes.navigates(await route(routes, 'GET', '/auth/me'))).toBe(false);
    expect(routes.navigates(await route(routes, 'GET', '/auth/login'))).toBe(false);
  });

  it('answers a path without parameters as the router does: the pattern recorded, no params, anything else left to the router', async () => {
    const routes = table();
    for (const [method, path] of [
      ['GET', '/auth/me'],
      ['HEAD', '/auth/me'],
      ['GET', '/auth/me/'],
      ['GET', '/auth/login/oidc'],
    ] as const) {
      const ctx = await route(routes, method, path);
      expect([method, path, ctx.body, (ctx as { _matchedRoute?: string })._matchedRoute]).toEqual([
        method,
        path,
        'ok',
        path === '/auth/login/oidc' ? '/auth/login/:provider' : '/auth/me',
      ]);
    }
    expect((await route(routes, 'GET', '/auth/login/oidc')).params).toEqual({ provider: 'oidc' });
    expect((await route(routes, 'GET', '/auth/me')).params).toEqual({});
    // Case matters, as it does for the kinds: /AUTH/ME is no route (the session step would be skipped).
    for (const [method, path] of [
      ['GET', '/AUTH/ME'],
      ['GET', '/Auth/Me/'],
      ['POST', '/auth/me'],
      ['GET', '/auth/me/x'],
    ] as const) {
      const ctx = await route(routes, method, path);
      expect([method, path, ctx.body, (ctx as { _matchedRoute?: string })._matchedRoute]).toEqual([method, path, undefined, undefined]);
    }
  });

  it('runs a path declared twice for one method in the order declared, as the router would', async () => {
    const routes = new RouteTable();
    const order: string[] = [];
    routes.get('/auth/x', 'api', async (_ctx, next) => {
      order.push('first');
      await next();
    });
    routes.get('/auth/x', 'api', (ctx) => {
      order.push('second');
      ctx.body = 'ok';
    });
    expect((await route(routes, 'GET', '/auth/x')).body).toBe('ok');
    expect(order).toEqual(['first', 'second']);
  });
});
