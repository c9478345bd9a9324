import { Component, type ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice';
import { PageShell } from './PageShell';

/** A lazily loaded page's code could not be fetched; see `lazyPage`. */
export class ChunkLoadError extends Error {
  override name = 'ChunkLoadError';
}

interface State {
  error: unknown;
}

/**
 * Around a lazily loaded page: when its chunk cannot be loaded (the network, or a deploy that
 * replaced the file this tab's index.html names), say so and offer a reload instead of a blank
 * page. A reload is the only cure: the failed import() is never retried by the browser.
 */
export class ChunkErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const chunk = error instanceof ChunkLoadError;
    return (
      <PageShell>
        <title>Couldn't load the page</title>
        <ErrorNotice
          title={chunk ? "We couldn't load this page." : 'Something went wrong on this page.'}
          message={
            chunk
              ? 'The connection may have dropped, or the app was just updated. Reloading the page usually fixes it.'
              : 'Reloading the page usually fixes it.'
          }
        >
          <button type="button" className="button button--secondary notice__action" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </ErrorNotice>
      </PageShell>
    );
  }
}
