import { describe, expect, it } from 'vitest';
import type { ApiRoute } from '../../src/config/index.js';
import { isJsonType, rewriteLocation } from '../../src/proxy/response.js';

const route: ApiRoute = { prefix: '/api/orders', upstream: new URL('https://orders.example/v1'), methods: ['GET'], providers: ['oidc'] };
const called = new URL('https://orders.example/v1/items/new?draft=1');

describe('the upstream’s Location', () => {
  it.each([
    ['an absolute URL below the base', 'https://orders.example/v1/items/2?x=1#top', '/api/orders/items/2?x=1#top'],
    ['a path below the base', '/v1/items/2', '/api/orders/items/2'],
    ['a relative path', '2', '/api/orders/items/2'],
    ['a relative path with dots that stays below the base', '../list', '/api/orders/list'],
    ['the base itself', 'https://orders.example/v1', '/api/orders'],
    ['a query only', '?page=2', '/api/orders/items/new?page=2'],
  ])('%s is rewritten to our prefix', (_name, location, expected) => {
    expect(rewriteLocation(location, called, route)).toBe(expected);
  });

  it.each([
    ['another host', 'https://evil.example/v1/items'],
    ['a scheme-relative URL to another host', '//evil.example/v1/'],
    ['the upstream’s other paths', '/admin'],
    ['a sibling that shares the base as a string prefix', '/v1-admin/x'],
    ['dots that climb out of the base', '../../admin'],
    ['encoded dots that climb out of the base', '/v1/%2e%2e/admin'],
    ['another port', 'https://orders.example:8443/v1/items'],
    ['plain http to the https upstream', 'http://orders.example/v1/items'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a malformed URL', 'https://[oops/'],
  ])('%s is dropped', (_name, location) => {
    expect(rewriteLocation(location, called, route)).toBeUndefined();
  });
});

describe('which answers count as JSON', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON',
    'application/problem+json',
    'application/vnd.api+json;v=2',
  ])('%s is JSON', (type) => {
    expect(isJsonType(type)).toBe(true);
  });
  it.each([
    null,
    '',
    'text/html',
    'text/json',
    'application/jsonp',
    'application/json-seq',
    'text/html; x=application/json',
    'application/octet-stream',
  ])('%s is not', (type) => {
    expect(isJsonType(type)).toBe(false);
  });
});
