import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdentityInput, LoginTransaction, SessionMeta, Store } from '../../src/store/types.js';

/**
 * The behaviour every Store implementation must have. Each backend's test file calls this with a
 * factory for a fresh, empty store.
 */
export function storeContract(name: string, open: () => Promise<Store> | Store): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const alice: IdentityInput = {
      provider: 'dev',
      subject: 'alice',
      name: 'Alice',
      email: 'alice@example.com',
      emailVerified: true,
      avatarUrl: null,
    };

    const tx = (state: string, overrides: Partial<LoginTransaction> = {}): LoginTransaction => ({
      state,
      provider: 'dev',
      bindingHash: 'hash',
      codeVerifier: 'verifier',
      nonce: 'nonce',
      returnTo: '/profile',
      linkUserId: null,
      createdAt: 1_000,
      expiresAt: 61_000,
      ...overrides,
    });

    it('a first sign-in creates a user; a returning identity keeps its user id and gets a fresh profile', async () => {
      const first = await store.users.signIn(alice, 1_000);
      expect(first.created).toBe(true);
      const again = await store.users.signIn({ ...alice, name: 'Alice Liddell', emailVerified: false }, 2_000);
      expect(again.created).toBe(false);
      expect(again.user.id).toBe(first.user.id);
      expect(again.identity).toMatchObject({ name: 'Alice Liddell', emailVerified: false, lastLoginAt: 2_000, createdAt: 1_000 });
      expect(await store.users.getIdentity('dev', 'alice')).toMatchObject({ userId: first.user.id, name: 'Alice Liddell' });
    });

    it('identities are keyed by provider and subject, never by email', async () => {
      const a = await store.users.signIn(alice, 1_000);
      const sameEmailOtherProvider = await store.users.signIn({ ...alice, provider: 'oidc' }, 1_000);
      const sameEmailOtherSubject = await store.users.signIn({ ...alice, subject: 'mallory' }, 1_000);
      expect(new Set([a.user.id, sameEmailOtherProvider.user.id, sameEmailOtherSubject.user.id]).size).toBe(3);
    });

    it('links another identity to a user, lists them, and refuses one that belongs to someone else', async () => {
      const { user } = await store.users.signIn(alice, 1_000);
      const github = { ...alice, provider: 'github', subject: '583231', name: 'alice-gh' };
      const linked = await store.users.link(user.id, github, 2_000);
      expect(linked.status).toBe('linked');
      expect((await store.users.link(user.id, { ...github, name: 'Alice G' }, 3_000)).status).toBe('already_linked');
      expect((await store.users.listIdentities(user.id)).map((i) => [i.provider, i.name])).toEqual([
        ['dev', 'Alice'],
        ['github', 'Alice G'],
      ]);
      const { user: mallory } = await store.users.signIn({ ...alice, subject: 'mallory' }, 4_000);
      expect(await store.users.link(mallory.id, github, 5_000)).toEqual({ status: 'in_use' });
      expect((await store.users.getIdentity('github', '583231'))!.userId).toBe(user.id);
    });

    it('unlinks an identity but never the last one, and only the owner can', async () => {
      const { user } = await store.users.signIn(alice, 1_000);
      await store.users.link(user.id, { ...alice, provider: 'google', subject: 'g-1' }, 2_000);
      const { user: other } = await store.users.signIn({ ...alice, subject: 'other' }, 1_000);
      expect(await store.users.unlink(other.id, 'google', 'g-1')).toEqual({ status: 'not_found' });
      expect(await store.users.unlink(user.id, 'google', 'g-1')).toEqual({ status: 'ok', endedSessions: 0 });
      expect(await store.users.unlink(user.id, 'google', 'g-1')).toEqual({ status: 'not_found' });
      expect(await store.users.unlink(user.id, 'dev', 'alice')).toEqual({ status: 'last' });
      expect(await store.users.listIdentities(user.id)).toHaveLength(1);
    });

    it('unlinking ends the user’s sessions that signed in with that identity, marked with the reason, and no others', async () => {
      const { user } = await store.users.signIn(alice, 1_000);
      await store.users.link(user.id, { ...alice, provider: 'google', subject: 'g-1' }, 1_000);
      const { user: other } = await store.users.signIn({ ...alice, subject: 'other' }, 1_000);
      const meta = (userId: string, provider: string, subject: string, publicId: string): SessionMeta => ({
        userId,
        publicId,
        provider,
        subject,
        sid: null,
        createdAt: 1_000,
        lastSeenAt: 1_000,
        userAgent: null,
      });
      await store.sessions.set('via-google-1', { data: {}, expiresAt: 50_000, meta: meta(user.id, 'google', 'g-1', 'p1') });
      await store.sessions.set('via-google-2', { data: {}, expiresAt: 50_000, meta: meta(user.id, 'google', 'g-1', 'p2') });
      await store.sessions.set('via-dev', { data: {}, expiresAt: 50_000, meta: meta(user.id, 'dev', 'alice', 'p3') });
      // Another user's row naming the same account (it was theirs before): not this user's session.
      await store.sessions.set('someone-else', { data: {}, expiresAt: 50_000, meta: meta(other.id, 'google', 'g-1', 'p4') });

      // A refused unlink ends nothing.
      await store.users.unlink(other.id, 'google', 'g-1', 'signed_out_elsewhere');
      expect(await store.users.unlink(user.id, 'google', 'g-1', 'signed_out_elsewhere')).toEqual({ status: 'ok', endedSessions: 2 });
      expect(await store.users.unlink(user.id, 'dev', 'alice', 'signed_out_elsewhere')).toEqual({ status: 'last' });
      expect(await store.sessions.get('via-google-1', 2_000)).toBeUndefined();
      expect(await store.sessions.get('via-google-2', 2_000)).toBeUndefined();
      expect(await store.sessions.get('via-dev', 2_000)).toBeDefined();
      expect(await store.sessions.get('someone-else', 2_000)).toBeDefined();
      expect(await store.sessions.takeEndReason('via-google-1', 2_000)).toBe('signed_out_elsewhere');
      expect(await store.sessions.takeEndReason('via-dev', 2_000)).toBeUndefined();
      expect(await store.sessions.takeEndReason('someone-else', 2_000)).toBeUndefined();
    });

    it('a login transaction is used exactly once', async () => {
      await store.transactions.create(tx('s1'));
      expect(await store.transactions.find('s1')).toMatchObject({ provider: 'dev', returnTo: '/profile', consumed: false });
      expect((await store.transactions.consume('s1', 2_000)).status).toBe('ok');
      expect(await store.transactions.find('s1')).toMatchObject({ consumed: true });
      expect((await store.transactions.consume('s1', 2_001)).status).toBe('consumed');
      expect((await store.transactions.consume('nope', 2_000)).status).toBe('unknown');
    });

    it('counts the unused, unexpired logins of one browser binding', async () => {
      await store.transactions.create(tx('p1', { bindingHash: 'b1' }));
      await store.transactions.create(tx('p2', { bindingHash: 'b1' }));
      await store.transactions.create(tx('p3', { bindingHash: 'b2' }));
      expect(await store.transactions.pending('b1', 2_000)).toBe(2);
      await store.transactions.consume('p1', 2_000);
      expect(await store.transactions.pending('b1', 2_000)).toBe(1);
      expect(await store.transactions.pending('b1', 61_000)).toBe(0); // expired
      expect(await store.transactions.pending('nobody', 2_000)).toBe(0);
    });

    it('concurrent consumption of one state lets exactly one through', async () => {
      await store.transactions.create(tx('race'));
      const results = await Promise.all(Array.from({ length: 10 }, () => store.transactions.consume('race', 2_000)));
      expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
    });

    it('an expired login transaction is refused as expired, and later as used', async () => {
      await store.transactions.create(tx('old'));
      expect((await store.transactions.consume('old', 61_000)).status).toBe('expired');
      expect((await store.transactions.consume('old', 61_001)).status).toBe('consumed');
    });

    it('sessions are stored, expire, and are destroyed', async () => {
      await store.sessions.set('sid-1', { data: { userId: 'u' }, expiresAt: 10_000, meta: null });
      expect(await store.sessions.get('sid-1', 9_999)).toEqual({
        data: { userId: 'u' },
        expiresAt: 10_000,
        tokens: { sealed: null, version: 0 },
      });
      expect(await store.sessions.get('sid-1', 10_000)).toBeUndefined();
      await store.sessions.set('sid-2', { data: { n: 1 }, expiresAt: 10_000, meta: null });
      await store.sessions.set('sid-2', { data: { n: 2 }, expiresAt: 20_000, meta: null });
      expect(await store.sessions.get('sid-2', 15_000)).toEqual({
        data: { n: 2 },
        expiresAt: 20_000,
        tokens: { sealed: null, version: 0 },
      });
      await store.sessions.destroy('sid-2');
      expect(await store.sessions.get('sid-2', 15_000)).toBeUndefined();
    });

    it('sessions read together, more than one query holds, each get their own record: the missing, the expired and the repeated too', async () => {
      for (let i = 0; i < 40; i += 1) {
        await store.sessions.set(`many-${i}`, { data: { n: i }, expiresAt: i === 7 ? 1_500 : 50_000, meta: null });
      }
      // Asked for in one turn of the event loop: read together (store/batchedReads.ts), in
      // queries of at most 16 ids.
      const ids = [...Array.from({ length: 40 }, (_, i) => `many-${i}`), 'many-3', 'many-3', 'no-such-session'];
      const records = await Promise.all(ids.map((id) => store.sessions.get(id, 2_000)));
      expect(records.map((record) => record?.data['n'])).toEqual([
        ...Array.from({ length: 40 }, (_, i) => (i === 7 ? undefined : i)),
        3,
        3,
        undefined,
      ]);
      // The same session asked for twice is two records: a request changes its own only.
      expect(records[40]).not.toBe(records[41]);
      expect(records[40]!.data).not.toBe(records[3]!.data);
    });

    it('a session is read with the identity it signed in with, as that identity is now; unlinking the identity ends the session', async () => {
      const { user } = await store.users.signIn(alice, 1_000);
      const meta: SessionMeta = {
        userId: user.id,
        publicId: 'p1',
        provider: alice.provider,
        subject: alice.subject,
        sid: null,
        createdAt: 1_000,
        lastSeenAt: 1_000,
        userAgent: null,
      };
      await store.sessions.set('with-identity', { data: { n: 1 }, expiresAt: 50_000, meta });
      await store.sessions.set('without-meta', { data: { n: 2 }, expiresAt: 50_000, meta: null });
      expect((await store.sessions.get('with-identity', 2_000))?.identity).toEqual({
        userId: user.id,
        name: alice.name,
        email: alice.email,
        emailVerified: alice.emailVerified,
        avatarUrl: alice.avatarUrl,
      });
      // A later sign-in changed the profile: the next read shows it.
      await store.users.signIn({ ...alice, name: 'Alice L.', emailVerified: null }, 3_000);
      expect((await store.sessions.get('with-identity', 3_000))?.identity).toMatchObject({ name: 'Alice L.', emailVerified: null });
      // A row without provider and subject (an older build's) joins nothing.
      expect((await store.sessions.get('without-meta', 3_000))?.identity).toBeUndefined();
      await store.users.link(user.id, { ...alice, provider: 'google', subject: 'g-1' }, 3_000);
      await store.users.unlink(user.id, alice.provider, alice.subject, 'signed_out_elsewhere');
      expect(await store.sessions.get('with-identity', 3_000)).toBeUndefined();
    });

    it('a write of a session loaded earlier updates it, and never re-creates one ended meanwhile', async () => {
      await store.sessions.set('s', { data: { n: 1 }, expiresAt: 10_000, meta: null });
      await store.sessions.set('s', { data: { n: 2 }, expiresAt: 10_000, meta: null, existing: true });
      expect((await store.sessions.get('s', 1))?.data).toEqual({ n: 2 });
      // Another instance ends it between this request's read and its write.
      await store.sessions.destroy('s');
      await store.sessions.set('s', { data: { n: 3 }, expiresAt: 10_000, meta: null, existing: true });
      expect(await store.sessions.get('s', 1)).toBeUndefined();
    });

    it('tokens are written with a new session only; later they change by compare-and-swap on their version', async () => {
      await store.sessions.set('s', { data: {}, expiresAt: 10_000, meta: null, sealedTokens: 'sealed-1' });
      expect(await store.sessions.getTokens('s', 1)).toEqual({ sealed: 'sealed-1', version: 0 });
      // A later write of the session (koa-session at the end of a request) keeps the stored tokens.
      await store.sessions.set('s', { data: { n: 1 }, expiresAt: 10_000, meta: null, sealedTokens: 'older' });
      expect(await store.sessions.getTokens('s', 1)).toEqual({ sealed: 'sealed-1', version: 0 });
      expect(await store.sessions.replaceTokens('s', 1, 'wrong-version')).toBe(false);
      expect(await store.sessions.replaceTokens('s', 0, 'sealed-2')).toBe(true);
      expect(await store.sessions.replaceTokens('s', 0, 'sealed-2-again')).toBe(false);
      expect(await store.sessions.get('s', 1)).toMatchObject({ data: { n: 1 }, tokens: { sealed: 'sealed-2', version: 1 } });
      expect(await store.sessions.getTokens('s', 10_000)).toBeUndefined();
      expect(await store.sessions.getTokens('nope', 1)).toBeUndefined();
    });

    it('a refresh lease goes to one caller at a time, only at the current version, until it expires or is released', async () => {
      await store.sessions.set('s', { data: {}, expiresAt: 100_000, meta: null, sealedTokens: 'sealed-1' });
      const won = await Promise.all(Array.from({ length: 10 }, () => store.sessions.leaseRefresh('s', 0, 20_000, 5_000)));
      expect(won.filter(Boolean)).toHaveLength(1);
      expect(await store.sessions.leaseRefresh('s', 0, 30_000, 19_999)).toBe(false);
      expect(await store.sessions.leaseRefresh('s', 0, 30_000, 20_000)).toBe(true);
      await store.sessions.releaseRefresh('s');
      expect(await store.sessions.leaseRefresh('s', 1, 40_000, 21_000)).toBe(false);
      expect(await store.sessions.leaseRefresh('s', 0, 40_000, 21_000)).toBe(true);
      // Replacing the tokens drops the lease: the next stale moment may refresh at once.
      expect(await store.sessions.replaceTokens('s', 0, 'sealed-2')).toBe(true);
      expect(await store.sessions.leaseRefresh('s', 1, 50_000, 22_000)).toBe(true);
    });

    it('concurrent first sign-ins of one new identity make one user', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => store.users.signIn({ ...alice, subject: 'racer' }, 3_000)));
      expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await store.users.listIdentities(results[0]!.user.id)).toHaveLength(1);
    });

    it('concurrent unlinks never remove the last identity', async () => {
      const { user } = await store.users.signIn(alice, 1_000);
      await store.users.link(user.id, { ...alice, provider: 'github', subject: '1' }, 1_000);
      await store.users.link(user.id, { ...alice, provider: 'google', subject: '2' }, 1_000);
      const results = await Promise.all([
        store.users.unlink(user.id, 'dev', 'alice'),
        store.users.unlink(user.id, 'github', '1'),
        store.users.unlink(user.id, 'google', '2'),
      ]);
      expect(results.filter((r) => r.status === 'ok')).toHaveLength(2);
      expect(await store.users.listIdentities(user.id)).toHaveLength(1);
    });

    it('lists, revokes and back-channel-ends signed-in sessions by their indexed fields', async () => {
      const u1 = (await store.users.signIn(alice, 1_000)).user.id;
      const u2 = (await store.users.signIn({ ...alice, subject: 'bob' }, 1_000)).user.id;
      const meta = (publicId: string, extra: Partial<SessionMeta> = {}): SessionMeta => ({
        userId: u1,
        publicId,
        provider: 'dev',
        subject: 'alice',
        sid: `sid-${publicId}`,
        createdAt: 1_000,
        lastSeenAt: 2_000,
        userAgent: 'Firefox',
        ...extra,
      });
      await store.sessions.set('cookie-a', { data: { a: 1 }, expiresAt: 50_000, meta: meta('pa', { lastSeenAt: 3_000 }) });
      await store.sessions.set('cookie-b', { data: { b: 1 }, expiresAt: 50_000, meta: meta('pb') });
      await store.sessions.set('cookie-c', { data: { c: 1 }, expiresAt: 50_000, meta: meta('pc', { userId: u2, subject: 'bob' }) });
      await store.sessions.set('cookie-old', { data: {}, expiresAt: 1_500, meta: meta('pold') });
      expect((await store.sessions.listForUser(u1, 2_500)).map((s) => s.publicId)).toEqual(['pa', 'pb']);
      expect(await store.sessions.destroyByPublicId(u2, 'pa')).toBe(false);
      expect(await store.sessions.destroyByPublicId(u1, 'pb')).toBe(true);
      expect(await store.sessions.get('cookie-b', 2_500)).toBeUndefined();
      await store.sessions.set('cookie-d', { data: {}, expiresAt: 50_000, meta: meta('pd') });
      expect(await store.sessions.destroyAllForUser(u1, 'pa')).toBeGreaterThanOrEqual(1);
      expect((await store.sessions.listForUser(u1, 2_500)).map((s) => s.publicId)).toEqual(['pa']);
      expect(await store.sessions.destroyByProviderSession('dev', { sid: 'sid-pa' })).toBe(1);
      expect(await store.sessions.destroyByProviderSession('dev', { subject: 'bob' })).toBe(1);
      expect(await store.sessions.get('cookie-c', 2_500)).toBeUndefined();
      expect(await store.sessions.destroyByProviderSession('dev', {})).toBe(0);
    });

    it('a session ended from another device tells its cookie why, once, until it would have expired', async () => {
      const u1 = (await store.users.signIn(alice, 1_000)).user.id;
      const meta = (publicId: string): SessionMeta => ({
        userId: u1,
        publicId,
        provider: 'dev',
        subject: 'alice',
        sid: null,
        createdAt: 1_000,
        lastSeenAt: 1_000,
        userAgent: null,
      });
      await store.sessions.set('keep', { data: {}, expiresAt: 50_000, meta: meta('k1') });
      await store.sessions.set('other-1', { data: {}, expiresAt: 50_000, meta: meta('o1') });
      await store.sessions.set('other-2', { data: {}, expiresAt: 9_000, meta: meta('o2') });
      await store.sessions.set('plain', { data: {}, expiresAt: 50_000, meta: meta('p1') });
      expect(await store.sessions.destroyByPublicId(u1, 'p1')).toBe(true); // no reason: nothing to tell
      expect(await store.sessions.destroyAllForUser(u1, 'k1', 'signed_out_elsewhere')).toBe(2);
      expect(await store.sessions.takeEndReason('other-1', 2_000)).toBe('signed_out_elsewhere');
      expect(await store.sessions.takeEndReason('other-1', 2_000)).toBeUndefined();
      expect(await store.sessions.takeEndReason('plain', 2_000)).toBeUndefined();
      expect(await store.sessions.takeEndReason('keep', 2_000)).toBeUndefined();
      // Past the session's own expiry the marker means nothing, and the sweep takes it.
      expect(await store.sessions.takeEndReason('other-2', 9_000)).toBeUndefined();
      await store.sessions.set('other-3', { data: {}, expiresAt: 50_000, meta: meta('o3') });
      expect(await store.sessions.destroyByPublicId(u1, 'o3', 'signed_out_elsewhere')).toBe(true);
      expect(await store.sessions.takeEndReason('other-3', 2_000)).toBe('signed_out_elsewhere');
    });

    it('a replay marker is claimed once while it lasts, and again once it has expired', async () => {
      expect(await store.replays.claim('jti-1', 10_000, 1_000)).toBe(true);
      expect(await store.replays.claim('jti-1', 12_000, 2_000)).toBe(false);
      expect(await store.replays.claim('jti-2', 10_000, 2_000)).toBe(true);
      expect(await store.replays.claim('jti-1', 20_000, 10_000)).toBe(true);
      expect(await store.replays.claim('jti-1', 30_000, 11_000)).toBe(false);
    });

    it('a browser binding keeps its newest unused login transactions only: older ones go, used ones and other bindings stay', async () => {
      await store.transactions.create(tx('used', { createdAt: 500 }));
      await store.transactions.consume('used', 600);
      await store.transactions.create(tx('other-browser', { bindingHash: 'other', createdAt: 500 }));
      // Several in the same millisecond too: the one being created always stays.
      for (let i = 1; i <= 8; i += 1)
        await store.transactions.create(tx(`s${i}`, { createdAt: 1_000 + Math.floor(i / 3) }), { maxPendingPerBinding: 3 });
      const kept = [];
      for (let i = 1; i <= 8; i += 1) if (await store.transactions.find(`s${i}`)) kept.push(`s${i}`);
      expect(kept).toEqual(['s6', 's7', 's8']);
      expect(await store.transactions.find('used')).toBeDefined();
      expect(await store.transactions.find('other-browser')).toBeDefined();
      // Without the option nothing is dropped.
      await store.transactions.create(tx('s9', { createdAt: 2_000 }));
      expect(await store.transactions.find('s6')).toBeDefined();
    });

    it('a rate-limit counter counts each hit in its fixed window, and starts again in the next one', async () => {
      expect(await store.rateLimits.hit('login:192.0.2.1', 60_000, 120_500)).toEqual({ count: 1, resetAt: 180_000 });
      expect(await store.rateLimits.hit('login:192.0.2.1', 60_000, 150_000)).toEqual({ count: 2, resetAt: 180_000 });
      expect(await store.rateLimits.hit('login:192.0.2.2', 60_000, 150_000)).toEqual({ count: 1, resetAt: 180_000 });
      expect(await store.rateLimits.hit('callback:192.0.2.1', 60_000, 150_000)).toEqual({ count: 1, resetAt: 180_000 });
      expect(await store.rateLimits.hit('login:192.0.2.1', 60_000, 180_000)).toEqual({ count: 1, resetAt: 240_000 });
      // A caller whose clock is a little behind counts in the window already begun.
      expect(await store.rateLimits.hit('login:192.0.2.1', 60_000, 179_900)).toEqual({ count: 2, resetAt: 240_000 });
    });

    it('concurrent hits on one counter are each counted once', async () => {
      const counts = await Promise.all(Array.from({ length: 20 }, () => store.rateLimits.hit('flood', 60_000, 1_000)));
      expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('sweep removes unused transactions at expiry, used ones an hour after, and rate-limit windows that ended', async () => {
      await store.transactions.create(tx('unused', { expiresAt: 9_000 }));
      await store.transactions.create(tx('used', { expiresAt: 9_000 }));
      await store.transactions.consume('used', 2_000);
      await store.transactions.create(tx('live', { expiresAt: 20_000 }));
      await store.rateLimits.hit('ended', 5_000, 1_000);
      await store.rateLimits.hit('running', 60_000, 1_000);
      await store.sweep(10_000);
      expect(await store.transactions.find('unused')).toBeUndefined();
      expect(await store.transactions.find('used')).toBeDefined();
      expect(await store.transactions.find('live')).toBeDefined();
      expect((await store.rateLimits.hit('ended', 5_000, 10_000)).count).toBe(1);
      expect((await store.rateLimits.hit('running', 60_000, 10_000)).count).toBe(2);
      await store.sweep(9_000 + 60 * 60 * 1000);
      expect(await store.transactions.find('used')).toBeUndefined();
    });

    it('sweep removes expired sessions and long-expired transactions only', async () => {
      await store.sessions.set('live', { data: {}, expiresAt: 50_000, meta: null });
      await store.sessions.set('dead', { data: {}, expiresAt: 5_000, meta: null });
      await store.transactions.create(tx('recent', { expiresAt: 9_000 }));
      await store.transactions.create(tx('ancient', { expiresAt: 1 }));
      await store.sweep(10_000 + 60 * 60 * 1000);
      expect(await store.sessions.get('live', 10_000)).toBeUndefined(); // swept: its expiry passed too
      await store.sessions.set('live2', { data: {}, expiresAt: Number.MAX_SAFE_INTEGER, meta: null });
      await store.sweep(10_000);
      expect(await store.sessions.get('live2', 10_000)).toBeDefined();
      expect(await store.transactions.find('ancient')).toBeUndefined();
    });

    it('a sign-out hand-off is taken once, by one of many concurrent callers, never after it expired, and is swept', async () => {
      await store.logoutHandoffs.create('handoff-1', 'v1.sealed-1', 10_000);
      await store.logoutHandoffs.create('handoff-2', 'v1.sealed-2', 10_000);
      await store.logoutHandoffs.create('handoff-3', 'v1.sealed-3', 5_000);
      const racing = await Promise.all(Array.from({ length: 10 }, () => store.logoutHandoffs.take('handoff-1', 1_000)));
      expect(racing.filter((sealed) => sealed !== undefined)).toEqual(['v1.sealed-1']);
      expect(await store.logoutHandoffs.take('handoff-1', 1_000)).toBeUndefined();
      expect(await store.logoutHandoffs.take('unknown', 1_000)).toBeUndefined();
      // Expired: refused even before the sweep has run.
      expect(await store.logoutHandoffs.take('handoff-3', 5_000)).toBeUndefined();
      await store.sweep(10_000);
      expect(await store.logoutHandoffs.take('handoff-2', 9_000)).toBeUndefined();
    });
  });
}
