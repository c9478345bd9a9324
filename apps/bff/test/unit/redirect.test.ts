import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redirect } from '../../src/routes/redirect.js';

// A real Koa app and real HTTP: what a browser receives from the helper.
let origin: string;
let close: () => void;
beforeAll(async () => {
  const app = new Koa();
  app.use((ctx) => redirect(ctx, ctx.get('x-location')));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const follow = async (location: string) => {
  const response = await fetch(origin, { redirect: 'manual', headers: { 'x-location': location, accept: 'text/html' } });
  return {
    status: response.status,
    location: response.headers.get('location'),
    length: response.headers.get('content-length'),
    body: await response.text(),
  };
};

describe('redirect', () => {
  it.each([
    'https://idp.example/authorize?state=a-b_c&redirect_uri=https%3A%2F%2Fapp.example%2Fauth%2Fcallback%2Foidc',
    '/profile?linked=github#top',
    '/',
  ])('a serialised URL: 302 to it as it is, with an empty body (%s)', async (location) => {
    expect(await follow(location)).toEqual({ status: 302, location, length: '0', body: '' });
  });

  it('anything else goes through Koa’s redirect and its encoding', async () => {
    const answer = await follow('/a b');
    expect(answer.status).toBe(302);
    expect(answer.location).toBe('/a%20b');
    expect(answer.body).toContain('Redirecting to');
  });
});
