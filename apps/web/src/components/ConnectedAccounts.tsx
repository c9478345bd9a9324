import { isAbortError, toSsoError, type SsoError } from '@sso/client';
import { useSsoClient } from '@sso/client/react';
import { ErrorCode, type Identity } from '@sso/profile';
import { useEffect, useRef, useState } from 'react';
import type { IdentitiesState } from '../hooks/useIdentities';
import type { ProvidersState } from '../hooks/useProviders';
import { disconnectBlocker, identityKey, providersToConnect } from '../identities';
import { CodeAlert } from './CodeAlert';
import { IdentityRow } from './IdentityRow';
import { LoadErrorNotice } from './LoadErrorNotice';
import { LoadingState } from './LoadingState';
import { APP_NAME } from './PageShell';
import { ProviderLink } from './ProviderButton';
import { SuccessNotice } from './SuccessNotice';
import './ConnectedAccounts.css';

// After these refusals the server knows better than the list on screen (the account is already gone,
// or the session changed in another tab), so the list is fetched again.
const STALE_LIST_CODES: ReadonlySet<string> = new Set([
  ErrorCode.NotFound,
  ErrorCode.LastIdentity,
  ErrorCode.CurrentIdentity,
]);

/** Where the BFF sends the user back to after connecting another account (see ProfilePage's notices). */
const LINK_RETURN_TO = '/profile';

interface ConnectedAccountsProps {
  identities: IdentitiesState;
  onIdentitiesChange: (identities: Identity[]) => void;
  onReloadIdentities: () => void;
  providers: ProvidersState;
  onRetryProviders: () => void;
}

/** "Connected accounts": the provider accounts the user can sign in with, disconnecting them, connecting more. */
export function ConnectedAccounts({
  identities,
  onIdentitiesChange,
  onReloadIdentities,
  providers,
  onRetryProviders,
}: ConnectedAccountsProps) {
  const client = useSsoClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ providerName: string; error: SsoError } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // A DELETE still in flight when the page goes away is cancelled, not reported.
  const inFlight = useRef<AbortController | null>(null);
  useEffect(() => () => inFlight.current?.abort(), []);

  const disconnect = async (identity: Identity) => {
    const controller = new AbortController();
    inFlight.current = controller;
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      const remaining = await client.disconnect(identity.provider, identity.subject, { signal: controller.signal });
      onIdentitiesChange(remaining);
      setConfirming(null);
      setNotice(`${identity.providerName} was disconnected.`);
      // The row and its buttons are gone; keep keyboard focus in the section.
      headingRef.current?.focus();
    } catch (error) {
      if (isAbortError(error)) return;
      const failed = toSsoError(error);
      // The session ended: the client has said so, and RequireSession is leaving for sign-in.
      if (failed.code === ErrorCode.Unauthenticated) return;
      setConfirming(null);
      setFailure({ providerName: identity.providerName, error: failed });
      if (STALE_LIST_CODES.has(failed.code)) onReloadIdentities();
    } finally {
      setBusy(false);
    }
  };

  const dismiss = (clear: () => void) => {
    clear();
    headingRef.current?.focus();
  };

  return (
    <section className="connected" data-testid="connected-accounts" aria-labelledby="connected-accounts-title">
      <h2 ref={headingRef} tabIndex={-1} id="connected-accounts-title" className="section__title">
        Connected accounts
      </h2>
      <p className="section__intro">You can sign in to {APP_NAME} with any of these accounts.</p>

      {notice && <SuccessNotice message={notice} onDismiss={() => dismiss(() => setNotice(null))} />}
      {failure && (
        <CodeAlert
          title={`We couldn't disconnect ${failure.providerName}.`}
          message={failure.error.message}
          code={failure.error.code}
          reference={failure.error.requestId}
          onDismiss={() => dismiss(() => setFailure(null))}
        />
      )}

      {identities.status === 'loading' && <LoadingState label="Loading your connected accounts…" />}
      {identities.status === 'error' && (
        <LoadErrorNotice
          title="We couldn't load your connected accounts."
          error={identities.error}
          onRetry={onReloadIdentities}
        />
      )}
      {identities.status === 'loaded' && (
        <>
          <ul className="row-list identity-list">
            {identities.identities.map((identity) => {
              const key = identityKey(identity);
              return (
                <IdentityRow
                  key={key}
                  identity={identity}
                  blocker={disconnectBlocker(identity, identities.identities)}
                  confirming={confirming === key}
                  busy={busy && confirming === key}
                  onAsk={() => {
                    setFailure(null);
                    setConfirming(key);
                  }}
                  onCancel={() => setConfirming(null)}
                  onConfirm={() => void disconnect(identity)}
                />
              );
            })}
          </ul>
          <ConnectAnother identities={identities.identities} providers={providers} onRetry={onRetryProviders} />
        </>
      )}
    </section>
  );
}

/** "Connect another account": one link per enabled provider the user has no account connected for. */
function ConnectAnother({
  identities,
  providers,
  onRetry,
}: {
  identities: Identity[];
  providers: ProvidersState;
  onRetry: () => void;
}) {
  return (
    <div className="connect">
      <h3 className="connect__title">Connect another account</h3>
      {providers.status === 'loading' && <LoadingState label="Loading providers…" />}
      {providers.status === 'error' && (
        <LoadErrorNotice title="We couldn't load the providers you can connect." error={providers.error} onRetry={onRetry} />
      )}
      {providers.status === 'loaded' && <ConnectLinks toConnect={providersToConnect(providers.providers, identities)} />}
    </div>
  );
}

function ConnectLinks({ toConnect }: { toConnect: ReturnType<typeof providersToConnect> }) {
  const client = useSsoClient();
  if (toConnect.length === 0) {
    return <p className="connect__empty">Every available provider is already connected.</p>;
  }
  return (
    <>
      <p className="connect__intro">You will sign in there once, then come back here.</p>
      <ul className="connect-list" aria-label="Providers you can connect">
        {toConnect.map((provider) => (
          <li key={provider.id}>
            <ProviderLink
              providerId={provider.id}
              href={client.loginUrl(provider, LINK_RETURN_TO, { intent: 'link' })}
              label={`Connect ${provider.name}`}
              size="compact"
            />
          </li>
        ))}
      </ul>
    </>
  );
}
