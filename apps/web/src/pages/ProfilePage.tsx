import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { fetchProviders, logout, toApiRequestError, type ApiRequestError } from '../api';
import { Avatar } from '../components/Avatar';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageShell } from '../components/PageShell';
import { isSafeLocalPath } from '../returnTo';
import { useSession } from '../session';
import './ProfilePage.css';

/** `/profile` (behind RequireSession): who is signed in, with which provider, until when; sign out. */
export function ProfilePage() {
  const { user, provider, expiresAt } = useSession();
  const navigate = useNavigate();
  const providerName = useProviderName(provider);
  const [signingOut, setSigningOut] = useState(false);
  const [logoutError, setLogoutError] = useState<ApiRequestError | null>(null);

  const displayName = user.name ?? user.email ?? 'Your account';

  const signOut = async () => {
    setSigningOut(true);
    setLogoutError(null);
    try {
      const { redirectTo } = await logout();
      goTo(redirectTo);
    } catch (error) {
      setLogoutError(toApiRequestError(error));
      setSigningOut(false);
    }
  };

  // A path stays in the SPA; an absolute URL (e.g. the provider's end-session page) needs a real
  // navigation. Anything else (javascript:, garbage) is not followed.
  const goTo = (redirectTo: string) => {
    if (isSafeLocalPath(redirectTo)) navigate(redirectTo, { replace: true });
    else if (isHttpUrl(redirectTo)) window.location.assign(redirectTo);
    else navigate('/login', { replace: true });
  };

  return (
    <PageShell>
      <title>{`${displayName} · Profile`}</title>
      <div className="profile__header">
        <Avatar url={user.avatarUrl} label={displayName} />
        <h1 className="card__title profile__name" data-testid="profile-name">
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
          <dd data-testid="profile-provider" data-provider-id={provider}>
            {providerName}
          </dd>
        </div>
        <div className="profile__row">
          <dt>Session ends</dt>
          <dd>
            <time dateTime={expiresAt}>{formatLocal(expiresAt)}</time>
          </dd>
        </div>
      </dl>

      {logoutError && <ErrorNotice title="We couldn't sign you out." message={logoutError.message} />}

      <button
        type="button"
        className="button button--secondary button--block"
        onClick={signOut}
        disabled={signingOut}
        aria-busy={signingOut}
      >
        Sign out
      </button>
    </PageShell>
  );
}

/** "verified" / "not verified"; nothing when the provider does not say. */
function VerifiedBadge({ verified }: { verified: boolean | null }) {
  if (verified === null) return null;
  return verified ? (
    <span className="badge badge--ok">verified</span>
  ) : (
    <span className="badge badge--warn">not verified</span>
  );
}

/** The provider's display name from `GET /auth/providers`, falling back to its id. */
function useProviderName(providerId: string): string {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchProviders({ signal: controller.signal }).then(
      (list) => setName(list.find((p) => p.id === providerId)?.name ?? null),
      () => {
        // Only cosmetic: the id is shown instead.
      },
    );
    return () => controller.abort();
  }, [providerId]);
  return name ?? providerId;
}

function formatLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
