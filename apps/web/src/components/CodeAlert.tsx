import { DismissButton } from './DismissButton';
import { ErrorCodeLine } from './ErrorCodeLine';
import { AlertIcon } from './ErrorNotice';

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
  return (
    <div className="notice notice--error" role="alert">
      <AlertIcon />
      <div className="notice__body">
        <p className="notice__title">{title ?? message}</p>
        {title && <p className="notice__message">{message}</p>}
        <ErrorCodeLine code={code} reference={reference} />
      </div>
      <DismissButton onClick={onDismiss} />
    </div>
  );
}
