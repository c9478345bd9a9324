import type { ReactNode } from 'react';
import type { Load } from '../hooks/useLoad';
import { LoadErrorNotice } from './LoadErrorNotice';
import { LoadingState } from './LoadingState';

interface LoadViewProps<T> {
  state: Load<T>;
  /** The spinner's words ("Loading your devices…"). */
  loading: string;
  /** What could not be loaded ("We couldn't load your signed-in devices."); a 503 says "Temporarily unavailable" instead. */
  failed: string;
  onRetry: () => void;
  /** The spinner stays even once loaded (the page waits for something else too). */
  waiting?: boolean;
  children: (data: T) => ReactNode;
}

/**
 * Every list's three states but one, the same way on every page: a spinner while loading, a
 * failure with "Try again" (or "Temporarily unavailable", retried on its own), then `children`.
 */
export function LoadView<T>({ state, loading, failed, onRetry, waiting = false, children }: LoadViewProps<T>) {
  if (state.status === 'error') return <LoadErrorNotice title={failed} error={state.error} onRetry={onRetry} />;
  if (state.status === 'loading' || waiting) return <LoadingState label={loading} />;
  return children(state.data);
}
