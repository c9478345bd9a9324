import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { ChunkErrorBoundary, ChunkLoadError } from './components/ChunkErrorBoundary';
import { LoadingState } from './components/LoadingState';
import { PageShell } from './components/PageShell';

/** A page whose code is its own chunk, loaded on first render (or earlier, with `preload()`). */
export interface LazyPage {
  (): ReactNode;
  /** Starts fetching the chunk now (idempotent), e.g. while the session is still being checked. */
  preload: () => void;
}

/**
 * A route element for a page that the sign-in page does not need: its code stays out of the
 * entry chunk. While it loads, the same card and spinner as every other wait; if it cannot load
 * (offline, or a deploy replaced the chunk), a readable error with a reload.
 */
export function lazyPage(load: () => Promise<ComponentType>, label = 'Loading…'): LazyPage {
  let pending: Promise<{ default: ComponentType }> | undefined;
  // One import() for preload() and for the render; a failure stays failed until the reload
  // (React.lazy keeps the rejection too), which fetches the new index.html and its chunks.
  const fetchPage = () =>
    (pending ??= load().then(
      (Page) => ({ default: Page }),
      (cause: unknown) => {
        throw new ChunkLoadError('A page of the app could not be loaded', { cause });
      },
    ));
  const Page = lazy(fetchPage);
  const element = () => (
    <ChunkErrorBoundary>
      <Suspense
        fallback={
          <PageShell>
            <LoadingState label={label} />
          </PageShell>
        }
      >
        <Page />
      </Suspense>
    </ChunkErrorBoundary>
  );
  element.preload = () => {
    // A failed preload is reported by the render that awaits the same promise.
    fetchPage().catch(() => {});
  };
  return element;
}
