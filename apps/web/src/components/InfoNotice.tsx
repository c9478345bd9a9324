import { DismissButton } from './DismissButton';
import './InfoNotice.css';

/** A dismissible piece of news ("You were signed out from another device"), announced politely as a status. */
export function InfoNotice({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div className="notice notice--info" role="status" data-testid="info-notice">
      <svg className="notice__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="10" />
        <path d="M12 11v6m0-9.5v.5" />
      </svg>
      <div className="notice__body">
        <p className="notice__title">{message}</p>
      </div>
      <DismissButton onClick={onDismiss} />
    </div>
  );
}
