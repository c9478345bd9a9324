import { DismissButton } from './DismissButton';

/** A dismissible confirmation ("GitHub is now connected"), announced politely as a status. */
export function SuccessNotice({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div className="notice notice--success" role="status">
      <svg className="notice__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="10" />
        <path d="m7.5 12.5 3 3 6-6.5" />
      </svg>
      <div className="notice__body">
        <p className="notice__title">{message}</p>
      </div>
      <DismissButton onClick={onDismiss} />
    </div>
  );
}
