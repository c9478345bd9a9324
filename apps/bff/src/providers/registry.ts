import type { ClaimOnce } from './logoutToken.js';
import type { ProviderConfig } from '../config/index.js';
import type { Logger } from '../logger.js';
import { FacebookProvider } from './facebook.js';
import { GitHubProvider } from './github.js';
import { OidcProvider } from './oidc.js';
import type { AuthProvider } from './types.js';

export type { AuthProvider } from './types.js';

/** The configured providers, in the configured order. */
export class ProviderRegistry {
  private readonly byId: Map<string, AuthProvider>;

  constructor(readonly list: AuthProvider[]) {
    this.byId = new Map(list.map((p) => [p.id, p]));
  }

  get(id: string): AuthProvider | undefined {
    return this.byId.get(id);
  }
}

export function createProviders(
  configs: ProviderConfig[],
  logger: Logger,
  claimOnce?: ClaimOnce,
  now: () => number = Date.now,
): ProviderRegistry {
  return new ProviderRegistry(
    configs.map((config) => {
      switch (config.kind) {
        case 'oidc':
          return new OidcProvider(config, logger, claimOnce, now);
        case 'facebook':
          return new FacebookProvider(config, now);
        case 'github':
          return new GitHubProvider(config, now);
      }
    }),
  );
}
