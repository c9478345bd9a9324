import { messageFor, type Identity } from '@sso/profile';
import { useEffect, useId, useRef } from 'react';
import type { DisconnectBlocker } from '../identities';
import { formatLocal } from '../formatDate';
import { InlineConfirm } from './InlineConfirm';
import { ProviderLogo } from './ProviderButton';
import { VerifiedBadge } from './VerifiedBadge';

interface IdentityRowProps {
  identity: Identity;
  /** Why it cannot be disconnected, or null when it can. */
  blocker: DisconnectBlocker | null;
  /** Showing the inline "Yes, disconnect / Cancel" step. */
  confirming: boolean;
  /** The DELETE is in flight. */
  busy: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}

/** One connected account: provider, who it is, when it was last used, and "Disconnect" with an inline confirm step. */
export function IdentityRow({ identity, blocker, confirming, busy, onAsk, onCancel, onConfirm }: IdentityRowProps) {
  const { provider, providerName, name, email, emailVerified, lastLoginAt, current } = identity;
  const ids = useId();
  const whyId = `${ids}-why`;
  const disconnectRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(confirming);

  // Keyboard focus follows the step (InlineConfirm takes it to "Cancel" when it opens): back onto
  // "Disconnect" when it closes without the row going away.
  useEffect(() => {
    if (!confirming && wasConfirming.current) disconnectRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const account = name ?? email ?? identity.subject;
  const reason = blocker ? messageFor(blocker) : null;

  return (
    <li className="row identity" data-testid={`identity-${provider}`} data-subject={identity.subject}>
      <div className="row__icon identity__logo">
        <ProviderLogo providerId={provider} />
      </div>

      <div className="identity__body">
        <p className="identity__provider">
          <span>{providerName}</span>
          {current && <span className="badge badge--info">Current session</span>}
        </p>
        <p className="identity__account">{name ?? <span className="muted">No name shared</span>}</p>
        {email && (
          <p className="identity__email">
            <span>{email}</span>
            <VerifiedBadge verified={emailVerified} />
          </p>
        )}
        <p className="identity__meta">
          Last used <time dateTime={lastLoginAt}>{formatLocal(lastLoginAt)}</time>
        </p>
        {reason && (
          <p className="identity__note" id={whyId}>
            {reason}
          </p>
        )}
      </div>

      {!confirming && (
        <div className="row__actions identity__actions">
          <button
            ref={disconnectRef}
            type="button"
            className="button button--secondary button--small"
            aria-label={`Disconnect ${providerName}`}
            aria-describedby={reason ? whyId : undefined}
            title={reason ?? undefined}
            disabled={blocker !== null}
            onClick={onAsk}
          >
            Disconnect
          </button>
        </div>
      )}

      {confirming && (
        <InlineConfirm
          className="identity__confirm"
          question={`Disconnect ${providerName} (${account})? You will no longer be able to sign in with it.`}
          confirmLabel="Yes, disconnect"
          busyLabel="Disconnecting…"
          busy={busy}
          onConfirm={onConfirm}
          onCancel={onCancel}
        />
      )}
    </li>
  );
}
