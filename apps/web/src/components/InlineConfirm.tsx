import { useEffect, useId, useRef, type ReactNode } from 'react';
import './InlineConfirm.css';

interface InlineConfirmProps {
  /** The question, naming what will happen. */
  question: ReactNode;
  confirmLabel: string;
  /** Shown on the confirm button while `busy`. */
  busyLabel?: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Extra class for where it sits (e.g. spanning a row's grid). */
  className?: string;
}

/**
 * The inline "are you sure?" step before something that cannot be undone. Keyboard focus moves to
 * "Cancel" when it opens (the button that opened it is gone): the harmless choice, as for any
 * destructive confirmation.
 */
export function InlineConfirm({ question, confirmLabel, busyLabel, busy = false, onConfirm, onCancel, className }: InlineConfirmProps) {
  const questionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className={className ? `confirm ${className}` : 'confirm'} role="group" aria-labelledby={questionId}>
      <p id={questionId} className="confirm__question">
        {question}
      </p>
      <div className="confirm__actions">
        <button type="button" className="button button--danger button--small" onClick={onConfirm} disabled={busy} aria-busy={busy}>
          {busy && busyLabel ? busyLabel : confirmLabel}
        </button>
        <button ref={cancelRef} type="button" className="button button--secondary button--small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}
