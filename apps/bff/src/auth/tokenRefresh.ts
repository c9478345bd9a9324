import { AppError, ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AuthProvider, ProviderTokens } from '../providers/types.js';
import type { Store } from '../store/types.js';
import { openSessionTokens, sealSessionTokens, type SessionTokensRef } from './session.js';
import type { TokenCipher } from './tokenCipher.js';

/** Refresh a little before the access token expires, so it does not expire on the way upstream. */
const EXPIRY_SKEW_MS = 30_000;
/**
 * How long one instance may hold a session's refresh beyond the provider's time limit, so that a
 * lease never runs out while its grant is in flight.
 */
const LEASE_MARGIN_MS = 5_000;
/** How often a request waiting on another instance's refresh looks for its result. */
const POLL_MS = 50;

export type RefreshOutcome = 'refreshed' | 'shared' | 'invalid_grant' | 'failed';

export interface TokenRefresherOptions {
  now: () => number;
  logger: Logger;
  store: Store;
  cipher: TokenCipher;
  /** The longest a provider call may take (PROVIDER_TIMEOUT); default 10 s. */
  providerTimeoutMs?: number;
  /** Each refresh's outcome, for metrics. */
  onOutcome?: (outcome: RefreshOutcome) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Refreshes access tokens, single-flight across every instance on the database. A session's
 * refresh token may rotate, so it must be spent once: the instance that takes the session's
 * refresh lease (a compare on the token version in the database) makes the one grant and
 * replaces the tokens by compare-and-swap; every other request, on any instance, waits for the
 * new version and uses it. A request that loaded the session before the new tokens were saved
 * finds the newer version the same way, instead of spending the old refresh token again (which
 * would end the session by mistake). Within one instance, concurrent requests also share one
 * promise, so they do not each poll the database.
 */
export class TokenRefresher {
  private readonly inFlight = new Map<string, Promise<ProviderTokens>>();
  private readonly leaseMs: number;

  constructor(private readonly options: TokenRefresherOptions) {
    this.leaseMs = (options.providerTimeoutMs ?? 10_000) + LEASE_MARGIN_MS;
  }

  /** Whether these tokens must be refreshed before use. */
  isStale(tokens: ProviderTokens): boolean {
    return tokens.expiresAt !== null && tokens.expiresAt - this.options.now() <= EXPIRY_SKEW_MS;
  }

  /**
   * Fresh tokens for the session `ref`: these, or new ones. Throws AppError(unauthenticated) when
   * they cannot be had (the session should end), or a 5xx AppError when the provider or the
   * database cannot answer right now (the session stays). `log`: the request's logger, so that
   * the refresh's lines carry its request id.
   */
  async fresh(
    tokens: ProviderTokens,
    provider: AuthProvider,
    ref: SessionTokensRef,
    log: Logger = this.options.logger,
  ): Promise<ProviderTokens> {
    if (!this.isStale(tokens)) return tokens;
    if (!tokens.refreshToken || !provider.refresh) {
      throw new AppError(ErrorCode.Unauthenticated, { detail: `${provider.id} access token expired and cannot be refreshed` });
    }
    let shared = this.inFlight.get(ref.key);
    if (!shared) {
      shared = this.refreshOnce(tokens, provider, ref, log).finally(() => this.inFlight.delete(ref.key));
      this.inFlight.set(ref.key, shared);
    }
    return shared;
  }

  private async refreshOnce(
    loaded: ProviderTokens,
    provider: AuthProvider,
    ref: SessionTokensRef,
    logger: Logger,
  ): Promise<ProviderTokens> {
    const { store, cipher, now } = this.options;
    let version = ref.version;
    let current = loaded;
    const deadline = Date.now() + this.leaseMs + 2_000;
    for (;;) {
      if (await store.sessions.leaseRefresh(ref.key, version, now() + this.leaseMs, now())) {
        return this.grant(current, provider, { key: ref.key, version }, logger);
      }
      // Another request holds the lease, or the tokens moved on since this request loaded them.
      const stored = await store.sessions.getTokens(ref.key, now());
      if (!stored) throw new AppError(ErrorCode.Unauthenticated, { detail: 'the session ended during a token refresh' });
      if (stored.version !== version) {
        const opened = stored.sealed === null ? undefined : openSessionTokens(cipher, ref.key, stored.sealed);
        if (!opened) throw new AppError(ErrorCode.Unauthenticated, { detail: 'the refreshed tokens cannot be opened' });
        if (!this.isStale(opened)) {
          this.options.onOutcome?.('shared');
          return opened;
        }
        // Newer, yet stale again (a very short token lifetime): refresh those.
        version = stored.version;
        current = opened;
        continue;
      }
      if (Date.now() > deadline) {
        logger.warn({ provider: provider.id }, 'a token refresh held elsewhere did not finish in time');
        throw new AppError(ErrorCode.ProviderUnavailable, { detail: `${provider.id}: token refresh did not finish in time` });
      }
      await sleep(POLL_MS);
    }
  }

  /** The one refresh grant, under the lease; the new tokens replace those at `ref.version`. */
  private async grant(current: ProviderTokens, provider: AuthProvider, ref: SessionTokensRef, logger: Logger): Promise<ProviderTokens> {
    const { store, cipher } = this.options;
    let next: ProviderTokens;
    try {
      next = await provider.refresh!(current.refreshToken!);
    } catch (err) {
      const code = (err as AppError).code;
      logger.warn({ provider: provider.id, code }, 'access token refresh failed');
      this.options.onOutcome?.(code === ErrorCode.Unauthenticated ? 'invalid_grant' : 'failed');
      // The session ends on invalid_grant (the caller destroys it); otherwise another request may try again.
      if (code !== ErrorCode.Unauthenticated) await store.sessions.releaseRefresh(ref.key).catch(() => undefined);
      throw err;
    }
    // A refresh answer without an ID token keeps the stored one: RP-initiated logout needs it.
    next = { ...next, idToken: next.idToken ?? current.idToken };
    const replaced = await store.sessions.replaceTokens(ref.key, ref.version, sealSessionTokens(cipher, ref.key, next));
    if (!replaced) {
      // The lease ran out and another request replaced the tokens meanwhile: theirs stay stored
      // (never older over newer); these are valid too, for this one call.
      logger.warn({ provider: provider.id }, 'refreshed tokens not stored: newer ones were already');
    }
    this.options.onOutcome?.('refreshed');
    logger.info({ provider: provider.id }, 'access token refreshed');
    return next;
  }
}
