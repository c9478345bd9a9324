import type { ProviderSummary } from '@sso/client';
import { useSsoClient } from '@sso/client/react';
import type { ComponentType } from 'react';
import { DevIcon, FacebookIcon, GitHubIcon, GoogleIcon, KeyIcon, SimpleLoginIcon } from './ProviderIcons';
import './ProviderButton.css';

interface ProviderLook {
  /** The modifier in ProviderButton.css: `provider-button--<look>` and `provider-logo--<look>`. */
  look: string;
  Icon: ComponentType;
}

const genericLook: ProviderLook = { look: 'generic', Icon: KeyIcon };

/**
 * Per-provider look, keyed by provider id, following each brand's sign-in button guidance. To brand
 * another provider, add its logo to ProviderIcons.tsx, its modifier to ProviderButton.css and an entry
 * here; any other id (the generic `oidc`, issuers from a providers file such as `okta`) gets the key.
 */
const looks: Record<string, ProviderLook> = {
  google: { look: 'google', Icon: GoogleIcon },
  github: { look: 'github', Icon: GitHubIcon },
  facebook: { look: 'facebook', Icon: FacebookIcon },
  simplelogin: { look: 'simplelogin', Icon: SimpleLoginIcon },
  dev: { look: 'dev', Icon: DevIcon },
};

/** The look for a provider id; unknown ids get the neutral generic look. */
export function providerLook(providerId: string): ProviderLook {
  return Object.hasOwn(looks, providerId) ? looks[providerId]! : genericLook;
}

interface ProviderLinkProps {
  providerId: string;
  href: string;
  /** The visible text, which is also the accessible name ("Sign in with Google"). */
  label: string;
  /** `compact` is the smaller, secondary size used for "Connect …" on the profile page. */
  size?: 'full' | 'compact';
}

/**
 * A brand-styled link to the BFF: a plain `<a>`, because signing in (or connecting an account) is a
 * full-page navigation through the BFF to the provider and back; it works without JavaScript
 * handlers and opens in a new tab if asked.
 */
export function ProviderLink({ providerId, href, label, size = 'full' }: ProviderLinkProps) {
  const { look, Icon } = providerLook(providerId);
  const sizeClass = size === 'compact' ? ' provider-button--compact' : '';
  return (
    <a className={`provider-button provider-button--${look}${sizeClass}`} href={href} data-provider-id={providerId}>
      <Icon />
      <span className="provider-button__label">{label}</span>
    </a>
  );
}

/** "Sign in with <name>", coming back to `returnTo` afterwards. */
export function ProviderButton({ provider, returnTo }: { provider: ProviderSummary; returnTo: string }) {
  const client = useSsoClient();
  return <ProviderLink providerId={provider.id} href={client.loginUrl(provider, returnTo)} label={`Sign in with ${provider.name}`} />;
}

/** A provider's logo on its own (decorative), coloured for a neutral surface. */
export function ProviderLogo({ providerId }: { providerId: string }) {
  const { look, Icon } = providerLook(providerId);
  return (
    <span className={`provider-logo provider-logo--${look}`}>
      <Icon />
    </span>
  );
}
