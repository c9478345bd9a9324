import { useSession } from '@sso/client/react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { InfoNotice } from '../components/InfoNotice';
import { LoadView } from '../components/LoadView';
import { APP_NAME, PageShell } from '../components/PageShell';
import { ProviderButton } from '../components/ProviderButton';
import { SignInErrorAlert } from '../components/SignInErrorAlert';
import { UnavailableNotice } from '../components/UnavailableNotice';
import { useProviders } from '../hooks/loads';
import { safeReturnTo } from '../returnTo';

/**
 * `/login`: one button per provider; shows why the last sign-in failed; skips itself when signed in.
 * While the BFF is temporarily unavailable (503) it says so instead of offering a sign-in that
 * cannot work, and the buttons come back by themselves once it answers.
 */
export function LoginPage() {
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const returnTo = safeReturnTo(searchParams.get('returnTo'));
  const errorCode = searchParams.get('error');

  const { state: providers, reload } = useProviders();
  const session = useSession();
  const { status: sessionStatus, ended, unavailable } = session;
  // Shown until dismissed or a sign-in starts over; the BFF says it only once, so a later `ended`
  // of null keeps it. Taken over while rendering (React's "adjusting state when a prop changes").
  const [endedNotice, setEndedNotice] = useState(ended?.message ?? null);
  const [seenEnded, setSeenEnded] = useState(ended);
  if (ended !== seenEnded) {
    setSeenEnded(ended);
    if (ended?.message) setEndedNotice(ended.message);
  }
  // Until we know whether a session exists, show the spinner rather than buttons that may vanish.
  // If the check fails, offering the buttons is still right: signing in again is harmless.
  const checkingSession = sessionStatus === 'loading' || sessionStatus === 'signed-in';
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Already signed in (here, or in another tab while this one waited): go where sign-in would lead.
  useEffect(() => {
    if (sessionStatus === 'signed-in') void navigate(returnTo, { replace: true });
  }, [sessionStatus, navigate, returnTo]);

  const dismissError = () => {
    setSearchParams(
      (params) => {
        params.delete('error');
        return params;
      },
      { replace: true },
    );
    // The dismiss button disappears with the alert; keep keyboard focus somewhere sensible.
    headingRef.current?.focus();
  };

  return (
    <PageShell footer={<p>You sign in at the provider you choose; {APP_NAME} never sees your password.</p>}>
      <title>Sign in</title>
      <h1 ref={headingRef} tabIndex={-1} className="card__title">
        Sign in
      </h1>
      <p className="card__subtitle">to continue to {APP_NAME}</p>

      {endedNotice && (
        <InfoNotice
          message={endedNotice}
          onDismiss={() => {
            setEndedNotice(null);
            headingRef.current?.focus();
          }}
        />
      )}
      {errorCode && <SignInErrorAlert code={errorCode} onDismiss={dismissError} />}

      {unavailable ? (
        <UnavailableNotice error={unavailable} onRetry={() => void session.refresh()} />
      ) : (
        <LoadView
          state={providers}
          loading="Loading sign-in options…"
          failed="We couldn't load the sign-in options."
          onRetry={reload}
          waiting={checkingSession}
        >
          {(list) =>
            list.length === 0 ? (
              <p className="empty">No sign-in providers are configured. Please contact the site administrator.</p>
            ) : (
              <ul className="provider-list" aria-label="Sign-in providers">
                {list.map((provider) => (
                  <li key={provider.id}>
                    <ProviderButton provider={provider} returnTo={returnTo} />
                  </li>
                ))}
              </ul>
            )
          }
        </LoadView>
      )}
    </PageShell>
  );
}
