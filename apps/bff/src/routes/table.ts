import Router, { type RouterMiddleware } from '@koa/router';
import compose from 'koa-compose';
import type { Context, Middleware, Next } from 'koa';

/**
 * What a route is, which decides what the pipeline does around it (app.ts):
 * - `api`: a call from our pages or an allowed frontend: CORS, no-store, the session, the CSRF check.
 * - `navigation`: a browser navigation of sign-in (login, callback, back from logout): as `api`,
 *   and its errors send the browser to the sign-in page with a code (middleware/errors.ts).
 * - `page`: a page of ours with a token in it (the end-session form): a navigation, but without
 *   CORS: no other origin may read it, allowed or not.
 * - `server-to-server`: called by a provider's server (back-channel logout), authenticated by what
 *   it sends: no-store only; no cookies read, no CORS, no CSRF header to ask for.
 * - `public`: the BFF's own but outside the API (health checks, the reserved `/api` space): nothing
 *   around it, and never the SPA.
 */
export type RouteKind = 'api' | 'navigation' | 'page' | 'server-to-server' | 'public';

/** The pipeline's steps that a kind of route gets. */
export interface RoutePolicy {
  /** Answers are per user or per request: `Cache-Control: no-store`, errors included. */
  noStore: boolean;
  /** The session cookie is read into `ctx.session`, and the session written back. */
  session: boolean;
  /** CORS with credentials for FRONTEND_ORIGINS. */
  cors: boolean;
  /** State-changing methods need `X-CSRF: 1` and an Origin of ours. */
  csrf: boolean;
  /**
   * Its answers are pages, or lead a browser to one: the security headers of a document. Otherwise
   * they are JSON, with the headers of data (middleware/security.ts).
   */
  document: boolean;
}

export const POLICIES: Readonly<Record<RouteKind, Readonly<RoutePolicy>>> = {
  api: { noStore: true, session: true, cors: true, csrf: true, document: false },
  navigation: { noStore: true, session: true, cors: true, csrf: true, document: true },
  page: { noStore: true, session: true, cors: false, csrf: true, document: true },
  'server-to-server': { noStore: true, session: false, cors: false, csrf: false, document: false },
  public: { noStore: false, session: false, cors: false, csrf: false, document: false },
};

/** Where a path's kind comes from: a route's own path, or a prefix that covers a whole space. */
interface PrefixEntry {
  prefix: string;
  kind: RouteKind;
}

/**
 * The BFF's routes, each registered with its kind where it is defined. One @koa/router holds them
 * all, so a request is matched once; the table answers which kind a path is before the router
 * runs (for the session, CORS and CSRF steps) from a Map of whole paths and a short list of
 * prefixes built at start-up: no regular expression and no allocation per request.
 */
export class RouteTable {
  /**
   * Every route of the BFF. Case-sensitive, as the kinds are: `/AUTH/ME` is not `/auth/me` with
   * the session step skipped, it is no route of ours.
   */
  readonly router = new Router({ sensitive: true });
  /**
   * The routes without parameters, by `METHOD path`: most requests (`/auth/me`, `/auth/providers`)
   * are answered from here with one Map lookup, where the router tests every route's pattern in
   * turn and composes the matches per request (measured: about 5 µs of a 68 µs `/auth/me`).
   */
  private readonly exact = new Map<string, { path: string; middleware: Middleware[] }>();
  private readonly paths = new Map<string, RouteKind>();
  private readonly prefixes: PrefixEntry[] = [];
  /** The router patterns of navigation routes: their errors redirect (see {@link navigates}). */
  private readonly navigationPatterns = new Set<string>();

  constructor() {
    // The BFF's API space: a path no route declares is still answered as the API (CORS, the
    // session, the CSRF check, then a JSON 404), never by the SPA.
    this.prefix('/auth/', 'api');
  }

  /** Registers `GET` (and HEAD) `path` as a route of `kind`. */
  get(path: string, kind: RouteKind, ...middleware: RouterMiddleware[]): void {
    this.declare(path, kind, 'GET', middleware);
    this.router.get(path, ...middleware);
  }

  /** Registers `POST path` as a route of `kind`. */
  post(path: string, kind: RouteKind, ...middleware: RouterMiddleware[]): void {
    this.declare(path, kind, 'POST', middleware);
    this.router.post(path, ...middleware);
  }

  /** Registers `DELETE path` as a route of `kind`. */
  delete(path: string, kind: RouteKind, ...middleware: RouterMiddleware[]): void {
    this.declare(path, kind, 'DELETE', middleware);
    this.router.delete(path, ...middleware);
  }

  /**
   * Every path under `prefix` is of `kind`, routed or not: whole segments only (`/api/demo` covers
   * `/api/demo/x`, not `/api/demolition`); a prefix ending in `/` covers what starts with it.
   */
  prefix(prefix: string, kind: RouteKind): void {
    const known = this.prefixes.find((p) => p.prefix === prefix);
    if (known && known.kind !== kind) throw new Error(`route table: ${prefix} declared both ${known.kind} and ${kind}`);
    if (known) return;
    this.prefixes.push({ prefix, kind });
    // Longest first: the most specific declaration wins.
    this.prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** The kind of `path`, or undefined for a path the BFF does not serve itself (the SPA's). */
  kindOf(path: string): RouteKind | undefined {
    const exact = this.paths.get(path);
    if (exact !== undefined) return exact;
    for (const { prefix, kind } of this.prefixes) {
      if (path.startsWith(prefix) && (path.length === prefix.length || prefix.endsWith('/') || path.charCodeAt(prefix.length) === 47))
        return kind;
    }
    return undefined;
  }

  /**
   * Whether this request is a navigation route's: the router matched one (its pattern is the
   * router's own record of the match). Errors before the router ran, e.g. from reading the
   * session, are not the route's and answer as JSON.
   */
  navigates(ctx: Context): boolean {
    const matched = (ctx as { _matchedRoute?: unknown })._matchedRoute;
    return typeof matched === 'string' && this.navigationPatterns.has(matched);
  }

  /**
   * The routes' middleware: a route without parameters straight from {@link exact}, anything else
   * (parameters, HEAD, a trailing slash, a method the path does not have) through the router,
   * which also answers those. Either way the route's pattern is where the router puts it, for
   * {@link navigates} and the metrics. Called once every route is declared (app.ts).
   */
  routes(): Middleware {
    const routed = this.router.routes() as unknown as (ctx: Context, next: Next) => Promise<void>;
    // A route of one middleware (most) runs as it is: composing it would add a step to every request.
    type Run = (ctx: Context, next: Next) => Promise<void> | void;
    const exact = new Map<string, { path: string; run: Run }>(
      [...this.exact].map(([key, { path, middleware }]) => [
        key,
        { path, run: middleware.length === 1 ? (middleware[0] as Run) : compose(middleware) },
      ]),
    );
    return (ctx, next) => {
      const route = exact.get(`${ctx.method} ${ctx.path}`);
      if (route === undefined) return routed(ctx, next);
      (ctx as { _matchedRoute?: string })._matchedRoute = route.path;
      ctx.params = {};
      return route.run(ctx, next);
    };
  }

  private declare(path: string, kind: RouteKind, method: string, middleware: RouterMiddleware[]): void {
    if (kind === 'navigation' || kind === 'page') this.navigationPatterns.add(path);
    const param = path.search(/[:{*]/);
    if (param === -1) {
      // Declared twice, both run in turn, as the router would run them.
      const known = this.exact.get(`${method} ${path}`)?.middleware ?? [];
      this.exact.set(`${method} ${path}`, { path, middleware: [...known, ...(middleware as unknown as Middleware[])] });
    }
    if (param !== -1) {
      // `/auth/login/:provider`: everything under `/auth/login/` is that route's, if anything's.
      this.prefix(path.slice(0, param), kind);
      return;
    }
    // The router also matches the path with a trailing slash (not strict): so does its kind.
    for (const variant of [path, `${path}/`]) {
      const known = this.paths.get(variant);
      if (known !== undefined && known !== kind) throw new Error(`route table: ${path} declared both ${known} and ${kind}`);
      this.paths.set(variant, kind);
    }
  }
}
