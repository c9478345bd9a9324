import { describe, expect, it } from 'vitest';
import type { ApiRoute } from '../../src/config/index.js';
import { AppError } from '../../src/errors.js';
import { checkRest, isWithinBase, upstreamUrl } from '../../src/proxy/path.js';

const route: ApiRoute = { prefix: '/api/orders', upstream: new URL('https://orders.example/v1'), methods: ['GET'], providers: ['oidc'] };

/** The code a refused rest answers with, or 'ok'. */
function verdict(rest: string): string {
  try {
    checkRest(rest);
    return 'ok';
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return `${(err as AppError).status} ${(err as AppError).code}`;
  }
}

describe('paths after an API route’s prefix', () => {
  it.each([
    ['dot-dot', '/../admin'],
    ['dot', '/./admin'],
    ['a trailing dot-dot', '/a/..'],
    ['encoded dots', '/%2e%2e/admin'],
    ['upper-case encoded dots', '/%2E%2E/admin'],
    ['half-encoded dots', '/.%2e/admin'],
    ['an encoded dot', '/%2e/admin'],
    ['double-encoded dots', '/%252e%252e/admin'],
    ['triple-encoded dots', '/%25252e%25252e/admin'],
    ['a Tomcat path parameter on dot-dot', '/..;/admin'],
    ['an encoded path parameter', '/..%3b/admin'],
    ['a path parameter', '/items;jsessionid=abc'],
    ['a backslash', '/..\\admin'],
    ['an encoded backslash', '/..%5cadmin'],
    ['a double-encoded backslash', '/..%255cadmin'],
    ['NUL', '/a%00b'],
    ['double-encoded NUL', '/a%2500b'],
    ['a line break', '/a%0d%0aX-Injected:%201'],
    ['an encoded slash', '/a%2fb'],
    ['an upper-case encoded slash', '/..%2Fadmin'],
    ['a double-encoded slash', '/..%252fadmin'],
    ['an overlong UTF-8 dot (invalid UTF-8)', '/%c0%ae%c0%ae/admin'],
    // Harmless once decoded ("A"), but seven layers deep: no client encodes that often.
    ['more layers of encoding than any client uses', '/%25252525252541'],
  ])('refuses %s (%s) with 400 bad_request', (_name, rest) => {
    expect(verdict(rest)).toBe('400 bad_request');
  });

  it.each([
    ['nothing', ''],
    ['the root', '/'],
    ['plain segments', '/items/42'],
    ['dots inside a name', '/a.b/..c/c..'],
    ['a literal percent sign', '/discount/100%25'],
    ['a lone percent sign', '/100%'],
    ['UTF-8', '/caf%C3%A9'],
    ['four layers of encoding of a harmless character', '/%25252541'],
    ['an empty segment', '/a//b'],
  ])('accepts %s (%s)', (_name, rest) => {
    expect(verdict(rest)).toBe('ok');
  });

  it('keeps the rest and the query as they were sent, below the upstream’s base', () => {
    expect(upstreamUrl(route, '/items/caf%C3%A9', '?q=a%2Fb').href).toBe('https://orders.example/v1/items/caf%C3%A9?q=a%2Fb');
    expect(upstreamUrl(route, '', '').href).toBe('https://orders.example/v1');
    expect(upstreamUrl({ ...route, upstream: new URL('https://orders.example/v1/') }, '/x', '').href).toBe('https://orders.example/v1/x');
    expect(upstreamUrl({ ...route, upstream: new URL('https://orders.example') }, '//evil.example/x', '').host).toBe('orders.example');
  });

  it('a resolved URL counts as within the base only on its origin, at or below the base path', () => {
    const base = new URL('https://orders.example/v1');
    expect(isWithinBase(new URL('https://orders.example/v1'), base)).toBe(true);
    expect(isWithinBase(new URL('https://orders.example/v1/items'), base)).toBe(true);
    // A string prefix is not a path prefix.
    expect(isWithinBase(new URL('https://orders.example/v1-admin'), base)).toBe(false);
    expect(isWithinBase(new URL('https://orders.example/v1/../admin'), base)).toBe(false);
    expect(isWithinBase(new URL('https://orders.example:8443/v1/items'), base)).toBe(false);
    expect(isWithinBase(new URL('http://orders.example/v1/items'), base)).toBe(false);
    expect(isWithinBase(new URL('https://evil.example/v1/items'), base)).toBe(false);
    expect(isWithinBase(new URL('https://orders.example/anything'), new URL('https://orders.example/'))).toBe(true);
  });
});
