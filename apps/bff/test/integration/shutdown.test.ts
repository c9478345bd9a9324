import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/browser.js';
import { startHarness, type Harness } from '../support/harness.js';
import { me, signIn } from './flow.js';

let h: Harness;
let slow: Server;

beforeAll(async () => {
  // An upstream that takes its time, so a request is still in flight when the BFF is told to stop.
  slow = createServer((_req, res) =>
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"slow":true}'), 600),
  );
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  h = await startHarness({ env: { API_ROUTES: `/api/slow=http://127.0.0.1:${(slow.address() as AddressInfo).port}/x` } });
});
afterAll(async () => {
  await h?.close();
  await new Promise<void>((resolve) => slow.close(() => resolve()));
});

describe('stopping an instance (SIGTERM)', () => {
  it('lets a request in flight finish, refuses new connections, and keeps sessions for the next start', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const pending = browser.request(`${h.origin}/api/slow/thing`);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const stopped = h.bff.close();
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ slow: true });
    await stopped;
    await expect(fetch(`${h.origin}/healthz`)).rejects.toThrow();

    await h.restartBff().catch(() => undefined);
    expect((await me(browser, h)).status).toBe(200);
  });

  it('does not wait longer than it is allowed to', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const pending = browser.request(`${h.origin}/api/slow/thing`).then(
      (r) => r.status,
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Cut off before the upstream (600 ms) could answer: the stop did not wait for it.
    await h.bff.close({ drainMs: 100 });
    expect(await pending).toBe('cut');
    await h.restartBff().catch(() => undefined);
  });
});
