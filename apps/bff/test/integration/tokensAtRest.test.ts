import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSessionTokens } from '../../src/auth/session.js';
import { TokenCipher } from '../../src/auth/tokenCipher.js';
import { sessionIdOf, TestBrowser } from '../support/browser.js';
import { followEndSession } from '../support/endSession.js';
import { SESSION_SECRET, startHarness, type Harness } from '../support/harness.js';
import { me, signIn } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const NEW_SECRET = 'a-newer-session-secret-0123456789-abcdefghij';
const logout = (browser: TestBrowser) => browser.request(`${h.origin}/auth/logout`, { method: 'POST', headers: { 'X-CSRF': '1' } });

/** Everything SQLite wrote to disk for this database: the file and its write-ahead log. */
function rawDatabase(): string {
  const file = join(h.dbDir, 'sso.sqlite');
  return [file, `${file}-wal`]
    .filter(existsSync)
    .map((path) => readFileSync(path).toString('latin1'))
    .join('');
}

describe('provider tokens at rest', () => {
  it('are sealed in the database: none of the tokens the provider issued can be found in its files', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const sessionId = sessionIdOf(browser);
    const stored = (await h.bff.deps.store.sessions.get(sessionId, Date.now()))!;
    expect(stored.data.tokens).toBeUndefined();
    expect(stored.data.sealedTokens).toBeUndefined();
    expect(stored.tokens.sealed).toMatch(/^v1\./);
    const tokens = openSessionTokens(new TokenCipher([SESSION_SECRET]), sessionId, stored.tokens.sealed!)!;
    const raw = rawDatabase();
    for (const token of [tokens.accessToken, tokens.refreshToken!, tokens.idToken!]) {
      expect(token.length).toBeGreaterThan(20);
      expect(raw.includes(token), `token ${token.slice(0, 6)}… in the database file`).toBe(false);
    }
    // Signed out: the ID token waits for the end-session page in a sealed hand-off, not in clear.
    const { redirectTo } = (await (await logout(browser)).json()) as { redirectTo: string };
    expect(new URL(redirectTo).pathname).toBe('/auth/end-session');
    expect(rawDatabase().includes(tokens.idToken!), 'the ID token in the database file after sign-out').toBe(false);
    expect((await followEndSession(browser, redirectTo)).form.fields.id_token_hint).toBe(tokens.idToken);
  });

  it('a session stored by the previous build (sealed tokens inside its data) keeps working, and its tokens move to their column', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h, { user: 'bob' });
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(h.dbDir, 'sso.sqlite'));
    try {
      // What the previous schema kept: the sealed tokens in the JSON, no tokens column.
      const moved = db
        .prepare("UPDATE sessions SET data = json_set(data, '$.sealedTokens', tokens), tokens = NULL WHERE tokens IS NOT NULL")
        .run();
      expect(moved.changes).toBeGreaterThan(0);
      expect((await me(browser, h)).status).toBe(200);
      // Any write of the session (here: a minute later, the idle-timeout touch) stores them in their column.
      h.clock.offsetMs = 61_000;
      expect((await me(browser, h)).status).toBe(200);
      const row = db.prepare('SELECT data, tokens FROM sessions WHERE data LIKE ?').get('%"bob"%') as
        { data: string; tokens: string | null } | undefined;
      expect(row?.tokens).toMatch(/^v1\./);
      expect((JSON.parse(row!.data) as { sealedTokens?: unknown }).sealedTokens).toBeUndefined();
      // The ID token is still there for RP-initiated logout.
      const { redirectTo } = (await (await logout(browser)).json()) as { redirectTo: string };
      expect((await followEndSession(browser, redirectTo)).form.fields.id_token_hint).toMatch(/^eyJ/);
    } finally {
      h.clock.offsetMs = 0;
      db.close();
    }
  });

  it('rotating SESSION_SECRET (new first, old kept) signs nobody out; dropping the old one ends its sessions only', async () => {
    const before = new TestBrowser();
    await signIn(before, h, { user: 'alice' });
    try {
      h.env.SESSION_SECRET = `${NEW_SECRET},${SESSION_SECRET}`;
      await h.restartBff();
      expect((await me(before, h)).status).toBe(200);
      const after = new TestBrowser();
      await signIn(after, h, { user: 'bob' });

      h.env.SESSION_SECRET = NEW_SECRET;
      await h.restartBff();
      expect((await me(after, h)).status).toBe(200);
      // Its tokens still open: sign-out reaches the provider with the ID token as the hint.
      const { redirectTo } = (await (await logout(after)).json()) as { redirectTo: string };
      expect((await followEndSession(after, redirectTo)).form.fields.id_token_hint).toMatch(/^eyJ/);
      expect((await me(before, h)).status).toBe(401);
    } finally {
      h.env.SESSION_SECRET = SESSION_SECRET;
      await h.restartBff();
    }
  });
});
