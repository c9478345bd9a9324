import type { Client, Provider } from 'oidc-provider';

export interface EndSessionsDeps {
  provider: Provider;
  /** The ids of the live sessions of an account (memory-adapter.ts). */
  sessionIdsOf: (accountId: string) => string[];
  logger: (msg: string) => void;
}

/** oidc-provider's own sender of logout tokens; public on Client at runtime, missing from its types. */
type BackchannelClient = Client & {
  backchannelLogoutUri?: string;
  backchannelLogout(sub: string, sid: string | undefined): Promise<void>;
};

/**
 * `endSessionsFor(accountId)`: what a confirmed "sign out of all apps" at /session/end does
 * (oidc-provider lib/actions/end_session.js), for every session of one user and without a browser.
 * Each client of the session that registered a back-channel URI gets oidc-provider's own logout token
 * (client.backchannelLogout: signed with the provider's keys, sid of that session), then the grants
 * end (refresh tokens with them, unless offline_access made them outlive logout) and the session goes.
 * A relying party that cannot be reached is logged, not fatal: the user is signed out here regardless.
 */
export function createEndSessions({ provider, sessionIdsOf, logger }: EndSessionsDeps) {
  async function findClient(clientId: string): Promise<BackchannelClient | undefined> {
    try {
      return (await provider.Client.find(clientId)) as BackchannelClient | undefined;
    } catch {
      return undefined; // like end_session.js: a client that no longer exists is skipped
    }
  }

  async function notify(clientId: string, accountId: string, sid: string | undefined): Promise<void> {
    const client = await findClient(clientId);
    if (!client?.backchannelLogoutUri) return;
    try {
      await client.backchannelLogout(accountId, sid);
      logger(`back-channel logout of ${accountId} sent to ${clientId}`);
    } catch (err) {
      logger(`back-channel logout of ${accountId} to ${clientId} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async function revokeGrant(grantId: string): Promise<void> {
    await Promise.all([
      provider.AccessToken.revokeByGrantId(grantId),
      provider.RefreshToken.revokeByGrantId(grantId),
      provider.AuthorizationCode.revokeByGrantId(grantId),
    ]);
    await (await provider.Grant.find(grantId))?.destroy();
  }

  return async function endSessionsFor(accountId: string): Promise<void> {
    for (const id of sessionIdsOf(accountId)) {
      const session = await provider.Session.find(id);
      if (!session || session.accountId !== accountId) continue;
      const authorizations = Object.entries(session.authorizations ?? {});
      await Promise.all(authorizations.map(([clientId, { sid }]) => notify(clientId, accountId, sid)));
      const grantIds = authorizations.flatMap(([, { grantId, persistsLogout }]) => (grantId && !persistsLogout ? [grantId] : []));
      await Promise.all(grantIds.map(revokeGrant));
      await session.destroy();
    }
  };
}
