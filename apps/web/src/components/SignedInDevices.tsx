import type { SessionInfo } from '@sso/client';
import { useSsoClient } from '@sso/client/react';
import { ErrorCode } from '@sso/profile';
import { useState } from 'react';
import { describeDevice, orderDevices, otherDeviceCount } from '../devices';
import { formatLocal } from '../formatDate';
import { useSessions } from '../hooks/loads';
import { useMutation } from '../hooks/useMutation';
import { useSectionNote } from '../hooks/useSectionNote';
import { InlineConfirm } from './InlineConfirm';
import { ListSection } from './ListSection';
import { LoadView } from './LoadView';
import './SignedInDevices.css';

/** What is being signed out: one device (by session id) or all the others. */
type Target = { id: string; label: string } | 'others';

/**
 * "Signed-in devices": every browser where this user is signed in, this one marked, with a way to sign
 * out any other one or all of them. Hidden when the BFF does not offer the list (an older one).
 */
export function SignedInDevices({ providerName }: { providerName: (id: string) => string }) {
  const client = useSsoClient();
  const { state, replace, reload } = useSessions();
  const notes = useSectionNote();
  const { busy, run } = useMutation<Target>({ needsSession: true });
  // "Sign out all other devices" ends sessions someone may be using: it asks first.
  const [confirming, setConfirming] = useState(false);

  if (state.status === 'loaded' && state.data === null) return null;

  const signOut = async (target: Target, before: SessionInfo[]) => {
    notes.show(null);
    const outcome = await run(target, (signal) =>
      target === 'others' ? client.revokeOtherSessions({ signal }) : client.revokeSession(target.id, { signal }),
    );
    if (!outcome) return;
    if (outcome.ok) {
      replace(outcome.value);
      const ended = otherDeviceCount(before) - otherDeviceCount(outcome.value);
      notes.show({
        kind: 'done',
        message:
          target === 'others' ? `Signed out of ${ended} other ${ended === 1 ? 'device' : 'devices'}.` : `Signed out of ${target.label}.`,
      });
      // The row (or every other row) is gone with its button; keep keyboard focus in the section.
      notes.focusHeading();
      return;
    }
    if (outcome.error.code === ErrorCode.NotFound && target !== 'others') {
      // Signed out already (elsewhere, or it expired): the outcome the user wanted.
      notes.show({ kind: 'done', message: `${target.label} was already signed out.` });
    } else {
      notes.show({
        kind: 'failed',
        title: target === 'others' ? "We couldn't sign out your other devices." : `We couldn't sign out ${target.label}.`,
        error: outcome.error,
      });
    }
    reload();
  };

  return (
    <ListSection
      name="sessions"
      className="devices"
      title="Signed-in devices"
      intro="Where you are signed in right now. Sign out anywhere you don't recognise."
      notes={notes}
    >
      <LoadView state={state} loading="Loading your devices…" failed="We couldn't load your signed-in devices." onRetry={reload}>
        {(sessions) =>
          sessions && (
            <>
              <ul className="row-list device-list">
                {orderDevices(sessions).map((session) => (
                  <DeviceRow
                    key={session.id}
                    session={session}
                    providerName={providerName(session.provider)}
                    busy={busy !== null && busy !== 'others' && busy.id === session.id}
                    disabled={busy !== null}
                    onSignOut={(label) => void signOut({ id: session.id, label }, sessions)}
                  />
                ))}
              </ul>
              {otherDeviceCount(sessions) > 0 ? (
                <div className="devices__all">
                  {confirming ? (
                    <ConfirmSignOutOthers
                      count={otherDeviceCount(sessions)}
                      onConfirm={() => {
                        setConfirming(false);
                        void signOut('others', sessions);
                      }}
                      onCancel={() => setConfirming(false)}
                    />
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => setConfirming(true)}
                      disabled={busy !== null}
                      aria-busy={busy === 'others'}
                    >
                      {busy === 'others' ? 'Signing out other devices…' : 'Sign out all other devices'}
                    </button>
                  )}
                </div>
              ) : (
                <p className="devices__only">You are not signed in on any other device.</p>
              )}
            </>
          )
        }
      </LoadView>
    </ListSection>
  );
}

/** The question before signing out every other device, with the count, and a way back. */
function ConfirmSignOutOthers({ count, onConfirm, onCancel }: { count: number; onConfirm: () => void; onCancel: () => void }) {
  const devices = `${count} other ${count === 1 ? 'device' : 'devices'}`;
  return (
    <InlineConfirm
      question={`Sign out of ${devices}? Whoever uses ${count === 1 ? 'it' : 'them'} will have to sign in again.`}
      confirmLabel={`Sign out ${devices}`}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}

interface DeviceRowProps {
  session: SessionInfo;
  providerName: string;
  /** Its DELETE is in flight. */
  busy: boolean;
  /** Some DELETE is in flight. */
  disabled: boolean;
  onSignOut: (label: string) => void;
}

/** One session: which browser, signed in with what and when, last active; "Sign out" unless it is this one. */
function DeviceRow({ session, providerName, busy, disabled, onSignOut }: DeviceRowProps) {
  const { label, kind } = describeDevice(session.userAgent);
  const signedIn = formatLocal(session.createdAt);
  return (
    <li className="row device" data-testid={`session-${session.id}`} data-current={session.current}>
      <div className="row__icon device__icon">{kind === 'mobile' ? <PhoneIcon /> : <ComputerIcon />}</div>
      <div className="device__body">
        <p className="device__name">
          <span>{label}</span>
          {session.current && <span className="badge badge--info">This device</span>}
        </p>
        <p className="device__meta">
          Signed in with {providerName} on <time dateTime={session.createdAt}>{signedIn}</time>
        </p>
        <p className="device__meta">
          {session.current ? (
            'Active now'
          ) : (
            <>
              Last active <time dateTime={session.lastSeenAt}>{formatLocal(session.lastSeenAt)}</time>
            </>
          )}
        </p>
      </div>
      {!session.current && (
        <div className="row__actions device__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            // Every row has the same visible text; the name says which one.
            aria-label={`Sign out ${label}, signed in ${signedIn}`}
            onClick={() => onSignOut(label)}
            disabled={disabled}
            aria-busy={busy}
          >
            {busy ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      )}
    </li>
  );
}

function ComputerIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="3" y="4" width="18" height="12" rx="1.5" />
      <path d="M8 20h8m-4-4v4" />
    </svg>
  );
}

function PhoneIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="6.5" y="2.5" width="11" height="19" rx="2" />
      <path d="M11 18.5h2" />
    </svg>
  );
}
