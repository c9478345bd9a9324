import { useSsoClient } from '@sso/client/react';
import { ErrorCode, type Identity, type ProviderSummary } from '@sso/profile';
import { useState } from 'react';
import type { Loaded } from '../hooks/useLoad';
import { useMutation } from '../hooks/useMutation';
import { useSectionNote } from '../hooks/useSectionNote';
import { disconnectBlocker, identityKey, providersToConnect } from '../identities';
import { IdentityRow } from './IdentityRow';
import { ListSection } from './ListSection';
import { LoadView } from './LoadView';
import { APP_NAME } from './PageShell';
import { ProviderLink } from './ProviderButton';
import './ConnectedAccounts.css';

// After these refusals the server knows better than the list on screen (the account is already gone,
// or the session changed in another tab), so the list is fetched again.
const STALE_LIST_CODES: ReadonlySet<string> = new Set([ErrorCode.NotFound, ErrorCode.LastIdentity, ErrorCode.CurrentIdentity]);

/** Where the BFF sends the user back to after connecting another account (see ProfilePage's notices). */
const LINK_RETURN_TO = '/profile';

interface ConnectedAccountsProps {
  identities: Loaded<Identity[]>;
  providers: Loaded<ProviderSummary[]>;
}

/** "Connected accounts": the provider accounts the user can sign in with, disconnecting them, connecting more. */
export function ConnectedAccounts({ identities, providers }: ConnectedAccountsProps) {
  const client = useSsoClient();
  const notes = useSectionNote();
  const [confirming, setConfirming] = useState<string | null>(null);
  const { busy, run } = useMutation({ needsSession: true });

  const disconnect = async (identity: Identity) => {
    notes.show(null);
    const outcome = await run(true, (signal) => client.disconnect(identity.provider, identity.subject, { signal }));
    if (!outcome) return;
    setConfirming(null);
    if (outcome.ok) {
      identities.replace(outcome.value);
      notes.show({ kind: 'done', message: `${identity.providerName} was disconnected.` });
      // The row and its buttons are gone; keep keyboard focus in the section.
      notes.focusHeading();
    } else {
      notes.show({ kind: 'failed', title: `We couldn't disconnect ${identity.providerName}.`, error: outcome.error });
      if (STALE_LIST_CODES.has(outcome.error.code)) identities.reload();
    }
  };

  return (
    <ListSection
      name="connected-accounts"
      className="connected"
      title="Connected accounts"
      intro={`You can sign in to ${APP_NAME} with any of these accounts.`}
      notes={notes}
    >
      <LoadView
        state={identities.state}
        loading="Loading your connected accounts…"
        failed="We couldn't load your connected accounts."
        onRetry={identities.reload}
      >
        {(list) => (
          <>
            <ul className="row-list identity-list">
              {list.map((identity) => {
                const key = identityKey(identity);
                return (
                  <IdentityRow
                    key={key}
                    identity={identity}
                    blocker={disconnectBlocker(identity, list)}
                    confirming={confirming === key}
                    busy={busy !== null && confirming === key}
                    onAsk={() => {
                      if (notes.note?.kind === 'failed') notes.show(null);
                      setConfirming(key);
                    }}
                    onCancel={() => setConfirming(null)}
                    onConfirm={() => void disconnect(identity)}
                  />
                );
              })}
            </ul>
            <ConnectAnother identities={list} providers={providers} />
          </>
        )}
      </LoadView>
    </ListSection>
  );
}

/** "Connect another account": one link per enabled provider the user has no account connected for. */
function ConnectAnother({ identities, providers }: { identities: Identity[]; providers: Loaded<ProviderSummary[]> }) {
  return (
    <div className="connect">
      <h3 className="connect__title">Connect another account</h3>
      <LoadView
        state={providers.state}
        loading="Loading providers…"
        failed="We couldn't load the providers you can connect."
        onRetry={providers.reload}
      >
        {(list) => <ConnectLinks toConnect={providersToConnect(list, identities)} />}
      </LoadView>
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
