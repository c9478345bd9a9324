import { isTemporarilyUnavailable, retryDelayMs, type SsoError } from '@sso/client';
import { useEffect, useRef } from 'react';

/**
 * While `error` says the BFF is temporarily unavailable (a 503), calls `retry` on its own after
 * the answer's Retry-After, doubling the wait each time the answer is a 503 again (1–30 s). `retry`
 * should ask again without clearing `error`, so the notice stays until there is an answer; each
 * new failure is a new `error`, which schedules the next try. Other errors wait for "Try again".
 */
export function useRetryWhileUnavailable(error: SsoError | null, retry: () => void): void {
  const attempts = useRef(0);
  useEffect(() => {
    if (!error || !isTemporarilyUnavailable(error)) {
      attempts.current = 0;
      return;
    }
    const timer = setTimeout(retry, retryDelayMs(error.retryAfter, attempts.current));
    attempts.current += 1;
    return () => clearTimeout(timer);
  }, [error, retry]);
}
