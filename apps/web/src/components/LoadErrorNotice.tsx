import { isTemporarilyUnavailable, type SsoError } from '@sso/client';
import { ErrorNotice } from './ErrorNotice';
import { UnavailableNotice } from './UnavailableNotice';

interface LoadErrorNoticeProps {
  /** What could not be loaded ("We couldn't load your connected accounts."). */
  title: string;
  error: SsoError;
  onRetry: () => void;
}

/**
 * Why something could not be loaded: "Temporarily unavailable" for a 503 (its loader retries on
 * its own: useLoad, or the SsoProvider's session check), otherwise `title` with the error's message.
 */
export function LoadErrorNotice({ title, error, onRetry }: LoadErrorNoticeProps) {
  if (isTemporarilyUnavailable(error)) return <UnavailableNotice error={error} onRetry={onRetry} />;
  return <ErrorNotice title={title} message={error.message} onRetry={onRetry} />;
}
