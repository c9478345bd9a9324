import type { ReactNode } from 'react';

interface ErrorNoticeProps {
  title: string;
  message: string;
  /** Shown as a "Try again" button; the caller decides what retrying means (automatic only after a 503). */
  onRetry?: () => void;
  children?: ReactNode;
}

/** A readable error with an optional retry, announced to screen readers as an alert. */
export function ErrorNotice({ title, message, onRetry, children }: ErrorNoticeProps) {
  return (
    <div className="notice notice--error" role="alert">
      <AlertIcon />
      <div className="notice__body">
        <p className="notice__title">{title}</p>
        <p className="notice__message">{message}</p>
        {children}
        {onRetry && (
          <button type="button" className="button button--secondary notice__action" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    </div>
  );
}

/** The exclamation-in-a-circle used by every error notice. */
export function AlertIcon() {
  return (
    <svg className="notice__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10" />
      <path d="M12 7v6m0 4h.01" />
    </svg>
  );
}
