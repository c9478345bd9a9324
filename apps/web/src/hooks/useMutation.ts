import { useCallback, useEffect, useRef, useState } from 'react';
import { settle, type Outcome, type SettleOptions } from './settle';

/** What {@link useMutation} gives. */
export interface Mutation<Tag> {
  /** What is in flight (the tag `run` was given), or null. */
  busy: Tag | null;
  /** Runs `call`; resolves to its outcome, or to null when there is nothing to show (see `settle`). */
  run: <T>(tag: Tag, call: (signal: AbortSignal) => Promise<T>) => Promise<Outcome<T> | null>;
}

/**
 * The SPA's one way to change data from a button: `busy` says what is in flight, and a call still
 * in flight when the component goes away is cancelled, not reported.
 */
export function useMutation<Tag = true>({ needsSession = false }: SettleOptions = {}): Mutation<Tag> {
  const [busy, setBusy] = useState<Tag | null>(null);
  // The component's lifetime: aborted when it unmounts, which cancels every call it started.
  const lifetime = useRef<AbortController | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    lifetime.current = controller;
    return () => controller.abort();
  }, []);

  const run = useCallback(
    async <T>(tag: Tag, call: (signal: AbortSignal) => Promise<T>): Promise<Outcome<T> | null> => {
      const signal = lifetime.current?.signal;
      if (!signal || signal.aborted) return null;
      setBusy(() => tag);
      try {
        return await settle(call(signal), { signal, needsSession });
      } finally {
        if (!signal.aborted) setBusy(null);
      }
    },
    [needsSession],
  );

  return { busy, run };
}
