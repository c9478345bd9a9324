import type { SsoError } from '@sso/client';
import { useSession, useSsoClient } from '@sso/client/react';
import { ErrorCode, isErrorCode, messageFor } from '@sso/profile';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Avatar } from '../components/Avatar';
import { CodeAlert } from '../components/CodeAlert';
import { ConnectedAccounts } from '../components/ConnectedAccounts';
import { DemoApiCard } from '../components/DemoApiCard';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageShell } from '../components/PageShell';
import { ProviderLogo } from '../components/ProviderButton';
import { SignedInDevices } from '../components/SignedInDevices';
import { SuccessNotice } from '../components/SuccessNotice';
import { UnavailableStatus } from '../components/UnavailableStatus';
import { VerifiedBadge } from '../components/VerifiedBadge';
import { formatLocal } from '../formatDate';
import { useIdentities, useProviders } from '../hooks/loads';
import { settle } from '../hooks/settle';
import { providerNameOf } from '../identities';
import { takeLinkOutcome, type LinkOutcome } from '../linkOutcome';
import { useSignedInSession } from '../session';
import './ProfilePage.css';

/**
 * `/profile` (behind RequireSession): who is signed in, with which provider, until when; the
 * connected accounts; sign out. Shows the outcome of "Connect …" (`?linked=` / `?error=`) once.
 */
export function ProfilePage() {
  const { user, provider, idleExpiresAt, absoluteExpiresAt, apis } = useSignedInSession();
  // A background check answered 503: the profile stays as last loaded, with a word about it.
  const session = useSession();
  const client = useSsoClient();
  const navigate = useNavigate();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const providers = useProviders();
  const identities = useIdentities();
  const outcome = useLinkOutcome();
  const [signingOut, setSigningOut] = useState(false);
  const [logoutError, setLogoutError] = useState<SsoError | null>(null);

  const displayName = user.name ?? user.email ?? 'Your account';
  const providerList = providers.state.status === 'loaded' ? providers.state.data : null;
  const identityList = identities.state.status === 'loaded' ? identities.state.data : null;
  const nameOf = (id: string) => providerNameOf(id, providerList, identityList);
  // The linked id comes from the URL: say "… is now connected" only for a provider we know.
  const linkedName = outcome.value.linked ? nameOf(outcome.value.linked) : null;

  const dismiss = (key: keyof LinkOutcome) => {
    outcome.clear(key);
    // The dismiss button disappears with the notice; keep keyboard focus somewhere sensible.
    headingRef.current?.focus();
  };

  const signOut = async () => {
    setSigningOut(true);
    setLogoutError(null);
    // Straight on to where the BFF says (its end-session page, which posts to the provider, or
    // /login), as a full-page load: nothing of this signed-in page stays in memory, and the
    // sign-in page does not flash up on the way to the provider. Not cancelled if the page goes
    // away meanwhile (a sign-out is meant to finish), and busy until the page is left.
    const outcome = await settle(client.logout({ follow: true }));
    if (!outcome || outcome.ok) return;
    // Already signed out (expired, or ended elsewhere): what the user asked for has happened.
    if (outcome.error.code === ErrorCode.Unauthenticated) return navigate('/login', { replace: true });
    setLogoutError(outcome.error);
    setSigningOut(false);
  };

  return (
    <PageShell wide>
      <title>{`${displayName} · Profile`}</title>

      {session.unavailable && <UnavailableStatus onRetry={() => void session.refresh()} />}

      {linkedName && <SuccessNotice message={`${linkedName} is now connected.`} onDismiss={() => dismiss('linked')} />}
      {outcome.value.error && (
        <CodeAlert
          title="We couldn't connect that account."
          message={messageFor(outcome.value.error)}
          code={isErrorCode(outcome.value.error) ? outcome.value.error : undefined}
          onDismiss={() => dismiss('error')}
        />
      )}

      <div className="profile__header">
        <Avatar url={user.avatarUrl} label={displayName} />
        <h1 ref={headingRef} tabIndex={-1} className="card__title profile__name" data-testid="profile-name">
          {displayName}
        </h1>
      </div>

      <dl className="profile__details">
        <div className="profile__row">
          <dt>Email</dt>
          <dd className="profile__email">
            {user.email ? (
              <span data-testid="profile-email">{user.email}</span>
            ) : (
              <span data-testid="profile-email" className="muted">
                Not shared by the provider
              </span>
            )}
            {user.email && <VerifiedBadge verified={user.emailVerified} />}
          </dd>
        </div>
        <div className="profile__row">
          <dt>Signed in with</dt>
          <dd className="profile__provider" data-testid="profile-provider" data-provider-id={provider}>
            <ProviderLogo providerId={provider} />
            <span>{nameOf(provider) ?? provider}</span>
          </dd>
        </div>
        <SessionEndRows idleExpiresAt={idleExpiresAt} absoluteExpiresAt={absoluteExpiresAt} />
      </dl>

      <ConnectedAccounts identities={identities} providers={providers} />

      <DemoApiCard apis={apis} provider={provider} providerName={(id) => nameOf(id) ?? id} />
      <SignedInDevices providerName={(id) => nameOf(id) ?? id} />

      <div className="profile__signout">
        {logoutError && <ErrorNotice title="We couldn't sign you out." message={logoutError.message} />}
        <button
          type="button"
          className="button button--secondary button--block"
          onClick={() => void signOut()}
          disabled={signingOut}
          aria-busy={signingOut}
        >
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </PageShell>
  );
}

/**
 * The outcome of "Connect …" from the URL, read once and then taken out of it (a `replace`, so
 * neither a reload nor the back button shows it again).
 */
function useLinkOutcome(): { value: LinkOutcome; clear: (key: keyof LinkOutcome) => void } {
  const [searchParams, setSearchParams] = useSearchParams();
  const [value, setValue] = useState<LinkOutcome>(() => takeLinkOutcome(searchParams).outcome);
  // A new outcome in the URL (another "Connect …" while mounted) is taken over while rendering
  // (React's "adjusting state when a prop changes"); the effect only takes it out of the URL.
  const search = searchParams.toString();
  const [seenSearch, setSeenSearch] = useState(search);
  if (search !== seenSearch) {
    setSeenSearch(search);
    const { outcome, rest } = takeLinkOutcome(searchParams);
    if (rest) setValue(outcome);
  }

  useEffect(() => {
    const { rest } = takeLinkOutcome(searchParams);
    if (rest) setSearchParams(rest, { replace: true });
  }, [searchParams, setSearchParams]);

  const clear = (key: keyof LinkOutcome) => setValue((current) => ({ ...current, [key]: null }));
  return { value, clear };
}

/**
 * When the session ends: after a stretch without use (moved on by every visit, so say so), and at
 * the latest, whatever happens. Only the latter when inactivity cannot end it first.
 */
function SessionEndRows({ idleExpiresAt, absoluteExpiresAt }: { idleExpiresAt: string; absoluteExpiresAt: string }) {
  const idleFirst = Date.parse(idleExpiresAt) < Date.parse(absoluteExpiresAt);
  return (
    <>
      {idleFirst && (
        <div className="profile__row">
          <dt>Session ends if unused</dt>
          <dd data-testid="session-idle-end">
            <time dateTime={idleExpiresAt}>{formatLocal(idleExpiresAt)}</time>
            <span className="muted"> · extends while you use the app</span>
          </dd>
        </div>
      )}
      <div className="profile__row">
        <dt>{idleFirst ? 'Session ends at the latest' : 'Session ends'}</dt>
        <dd data-testid="session-absolute-end">
          <time dateTime={absoluteExpiresAt}>{formatLocal(absoluteExpiresAt)}</time>
        </dd>
      </div>
    </>
  );
}
