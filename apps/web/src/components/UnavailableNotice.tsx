import type { SsoError } from '@sso/client';
import { ErrorCodeLine } from './ErrorCodeLine';
import { ErrorNotice } from './ErrorNotice';

/**
 * "Temporarily unavailable": the BFF answered 503 (its database, or the provider, is down for a
 * moment). Nothing is lost and nobody is signed out; whoever shows this also tries again on its
 * own after the answer's Retry-After, and "Try again" does it now.
 */
export function UnavailableNotice({ error, onRetry }: { error: SsoError; onRetry: () => void }) {
  return (
    <ErrorNotice title="Temporarily unavailable" message={error.message} onRetry={onRetry}>
      <p className="notice__message">This page tries again by itself.</p>
      <ErrorCodeLine code={error.code} reference={error.requestId} />
    </ErrorNotice>
  );
}
