import type { ProviderSummary } from '@sso/profile';
import type { ComponentType } from 'react';
import { DevIcon, KeyIcon } from './ProviderIcons';
import './ProviderButton.css';

interface ProviderLook {
  /** A modifier class defined in ProviderButton.css. */
  className: string;
  Icon: ComponentType;
}

const genericLook: ProviderLook = { className: 'provider-button--generic', Icon: KeyIcon };

/**
 * Per-provider look, keyed by provider id. To brand a provider (google, github, facebook,
 * simplelogin, oidc…), add its icon to ProviderIcons.tsx, a modifier class to ProviderButton.css
 * and an entry here; unknown ids get the generic key.
 */
const looks: Record<string, ProviderLook> = {
  dev: { className: 'provider-button--dev', Icon: DevIcon },
};

/** The BFF's login URL for `provider`, asking it to send the user back to `returnTo` afterwards. */
export function loginHref(loginUrl: string, returnTo: string): string {
  const separator = loginUrl.includes('?') ? '&' : '?';
  return `${loginUrl}${separator}returnTo=${encodeURIComponent(returnTo)}`;
}

/**
 * "Sign in with <name>": a plain link, because sign-in is a full-page navigation through the BFF
 * to the provider and back (it works without JavaScript handlers and opens in a new tab if asked).
 */
export function ProviderButton({ provider, returnTo }: { provider: ProviderSummary; returnTo: string }) {
  const { className, Icon } = looks[provider.id] ?? genericLook;
  return (
    <a className={`provider-button ${className}`} href={loginHref(provider.loginUrl, returnTo)}>
      <Icon />
      <span className="provider-button__label">Sign in with {provider.name}</span>
    </a>
  );
}
