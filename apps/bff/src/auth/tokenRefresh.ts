import { createHash } from 'node:crypto';
import { AppError, ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AuthProvider, ProviderTokens } from '../providers/types.js';

/** Refresh a little before the access token expires, so it does not expire on the way upstream. */
const EXPIRY_SKEW_MS = 30_000;
/** How long a refresh result is shared with requests that still hold the old refresh token. */
const SHARE_MS = 60_000;

/**
 * Refreshes access tokens, one refresh at a time per refresh token. Concurrent calls of one
 * session share the in-flight refresh, and for a minute afterwards a request that loaded the
 * session before the new tokens were saved gets the same result instead of spending the (possibly
 * rotated, now invalid) old refresh token again, which would end the session by mistake.
 */
export class TokenRefresher {
  private readonly shared = new Map<string, { result: Promise<ProviderTokens>; until: number }>();

  constructor(private readonly options: { now: () => number; logger: Logger }) {}

  /** Whether these tokens must be refreshed before use. */
  isStale(tokens: ProviderTokens): boolean {
    return tokens.expiresAt !== null && tokens.expiresAt - this.options.now() <= EXPIRY_SKEW_MS;
  }

  /** Fresh tokens: these, or new ones. Throws AppError(unauthenticated) when they cannot be had. */
  async fresh(tokens: ProviderTokens, provider: AuthProvider): Promise<ProviderTokens> {
    if (!this.isStale(tokens)) return tokens;
    if (!tokens.refreshToken || !provider.refresh) {
      throw new AppError(ErrorCode.Unauthenticated, { detail: `${provider.id} access token expired and cannot be refreshed` });
    }
    const now = this.options.now();
    for (const [key, entry] of this.shared) if (entry.until < now) this.shared.delete(key);
    const key = createHash('sha256').update(tokens.refreshToken).digest('base64url');
    let entry = this.shared.get(key);
    if (!entry) {
      const refresh = provider.refresh.bind(provider);
      // A refresh answer without an ID token keeps the stored one: RP-initiated logout needs it.
      const result = refresh(tokens.refreshToken).then((next) => ({ ...next, idToken: next.idToken ?? tokens.idToken }));
      entry = { result, until: now + SHARE_MS };
      this.shared.set(key, entry);
      entry.result.then(
        () => this.options.logger.info({ provider: provider.id }, 'access token refreshed'),
        (err: unknown) => this.options.logger.warn({ provider: provider.id, code: (err as AppError).code }, 'access token refresh failed'),
      );
    }
    return entry.result;
  }
}
