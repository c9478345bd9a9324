import { DismissButton } from './DismissButton';
import { AlertIcon } from './ErrorNotice';

// Codes may come from the URL, so anyone can put anything there; keep what we echo short.
const MAX_CODE_LENGTH = 64;

interface CodeAlertProps {
  /** Bold first line; without it the message takes its place. */
  title?: string;
  message: string;
  /** The stable error code, shown for support ("Error code: …"); omitted when it is not one of ours. */
  code?: string | undefined;
  /** The failed call's request id, to quote to support. */
  reference?: string | null | undefined;
  onDismiss: () => void;
}

/** A dismissible error that names its error code, announced to screen readers as an alert. */
export function CodeAlert({ title, message, code, reference, onDismiss }: CodeAlertProps) {
  const shownCode = code && code.length > MAX_CODE_LENGTH ? `${code.slice(0, MAX_CODE_LENGTH)}…` : code;
  return (
    <div className="notice notice--error" role="alert">
      <AlertIcon />
      <div className="notice__body">
        <p className="notice__title">{title ?? message}</p>
        {title && <p className="notice__message">{message}</p>}
        {shownCode && (
          <p className="notice__code">
            Error code: <code>{shownCode}</code>
            {reference && (
              <>
                {' · '}Reference: <code data-testid="error-reference">{reference.slice(0, 64)}</code>
              </>
            )}
          </p>
        )}
      </div>
      <DismissButton onClick={onDismiss} />
    </div>
  );
}
