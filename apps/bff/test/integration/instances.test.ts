import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/index.js';
import { TestBrowser } from '../support/browser.js';
import { startHarness, type Harness } from '../support/harness.js';
import { me, signIn } from './flow.js';

// Two BFF processes' worth of state on one database: instance A is the harness's, B a second one
// with the same environment (same DATABASE_URL and SESSION_SECRET) on another port.
let h: Harness;
let b: RunningServer;
let capture: Server;
const delivered: string[] = [];

beforeAll(async () => {
  // The IdP's back-channel call goes through here: kept, then passed on to instance A.
  capture = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      delivered.push(body);
      fetch(new URL(req.url!, h.origin), { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body })
        .then(async (answer) => res.writeHead(answer.status).end(await answer.text()))
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  const captureUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`;
  h = await startHarness({ backchannelLogoutUri: () => `${captureUrl}/auth/backchannel-logout/oidc` });
  b = await startServer({ ...h.env, PORT: '0' }, { host: '127.0.0.1' });
});
afterAll(async () => {
  await b?.close();
  await h?.close();
  await new Promise<void>((resolve) => capture.close(() => resolve()));
});

describe('two instances on one database', () => {
  it('a logout token accepted by one instance is a replay on the other', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h, { user: 'alice' });
    await h.idp.endSessionsFor('alice');
    expect(delivered).toHaveLength(1);
    expect((await me(browser, h)).status).toBe(401);

    const replay = await fetch(`${b.url}/auth/backchannel-logout/oidc`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: delivered[0],
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_request' });
  });
});
