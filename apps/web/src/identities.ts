// Decisions for the "Connected accounts" section, kept free of React so they are unit-tested.
import { ErrorCode, type Identity, type ProviderSummary } from '@sso/profile';

/** Why an account cannot be disconnected: the same codes the BFF answers a DELETE with (409). */
export type DisconnectBlocker = typeof ErrorCode.LastIdentity | typeof ErrorCode.CurrentIdentity;

/** A stable key for one connected account: identity is provider + subject, never email. */
export function identityKey(identity: Pick<Identity, 'provider' | 'subject'>): string {
  return JSON.stringify([identity.provider, identity.subject]);
}

/**
 * Why `identity` may not be disconnected, or `null` when it may. The BFF refuses both cases anyway;
 * this only spares the user a button that cannot work. Being the only account wins over being the
 * current one: signing in with another account would not help when there is none.
 */
export function disconnectBlocker(identity: Identity, identities: readonly Identity[]): DisconnectBlocker | null {
  const key = identityKey(identity);
  if (!identities.some((other) => identityKey(other) !== key)) return ErrorCode.LastIdentity;
  if (identity.current) return ErrorCode.CurrentIdentity;
  return null;
}

/** The enabled providers the user has no account connected for yet, in the BFF's order. */
export function providersToConnect(providers: readonly ProviderSummary[], identities: readonly Identity[]): ProviderSummary[] {
  const connected = new Set(identities.map((identity) => identity.provider));
  return providers.filter((provider) => !connected.has(provider.id));
}

/**
 * The display name of provider `id`, from the provider list or else from a connected account;
 * `null` when neither knows it (the id came from a URL and may be anything).
 */
export function providerNameOf(
  id: string,
  providers: readonly ProviderSummary[] | null,
  identities: readonly Identity[] | null,
): string | null {
  return (
    providers?.find((provider) => provider.id === id)?.name ??
    identities?.find((identity) => identity.provider === id)?.providerName ??
    null
  );
}
