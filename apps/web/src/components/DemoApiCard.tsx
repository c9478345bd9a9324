import type { SsoError } from '@sso/client';
import type { ApiAccess } from '@sso/profile';
import { useSsoClient } from '@sso/client/react';
import { useState } from 'react';
import { useMutation } from '../hooks/useMutation';
import { CodeAlert } from './CodeAlert';
import './DemoApiCard.css';

interface DemoAnswer {
  message: string;
  sub: string;
  scope: string;
  expiresAt: string;
}

/** The BFF route (API_ROUTES) the demo calls. */
export const DEMO_API_PREFIX = '/api/demo';

interface DemoApiCardProps {
  /** What `/auth/me` says of the proxied APIs for this session. */
  apis: readonly ApiAccess[];
  /** The provider this session signed in with, and how to name a provider id. */
  provider: string;
  providerName: (id: string) => string;
}

/**
 * Calls the demo upstream API through the BFF's proxy (`/api/demo/hello`): the BFF attaches the
 * user's access token, so this page never holds one. Offered only when the BFF routes it and takes
 * this session's provider there; otherwise the card says why not.
 */
export function DemoApiCard({ apis, provider, providerName }: DemoApiCardProps) {
  const route = apis.find((api) => api.prefix === DEMO_API_PREFIX);
  return (
    <section className="demo-api" data-testid="demo-api" aria-labelledby="demo-api-title">
      <h2 id="demo-api-title" className="section__title">
        Call an API as you
      </h2>
      {!route ? (
        <p className="section__intro" data-testid="demo-api-unavailable">
          The demo API is not set up on this server (the BFF has no <code>{DEMO_API_PREFIX}</code> route in <code>API_ROUTES</code>).
        </p>
      ) : !route.available ? (
        <p className="section__intro" data-testid="demo-api-unavailable">
          The demo API accepts sign-ins with {listOf((route.providers ?? []).map(providerName))} only; you signed in with{' '}
          {providerName(provider)}, whose token it could not check.
        </p>
      ) : (
        <DemoApiCall />
      )}
    </section>
  );
}

/** "A", "A or B", "A, B or C". */
function listOf(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** The button and its answer. */
function DemoApiCall() {
  const client = useSsoClient();
  // A 401 is shown too: it may be the upstream API's own refusal of the token, passed on by the BFF.
  const { busy, run } = useMutation();
  const [state, setState] = useState<{ status: 'idle' } | { status: 'done'; answer: DemoAnswer } | { status: 'error'; error: SsoError }>({
    status: 'idle',
  });
  const loading = busy !== null;

  const call = async () => {
    setState({ status: 'idle' });
    const outcome = await run(true, async (signal) => (await (await client.api('/api/demo/hello', { signal })).json()) as DemoAnswer);
    if (outcome) setState(outcome.ok ? { status: 'done', answer: outcome.value } : { status: 'error', error: outcome.error });
  };

  return (
    <>
      <p className="section__intro">The BFF forwards this call with your access token; the page never sees the token.</p>
      <button type="button" className="button button--secondary" onClick={() => void call()} disabled={loading}>
        {loading ? 'Calling…' : 'Call the demo API'}
      </button>
      {state.status === 'done' ? (
        <dl className="demo-api__answer" role="status">
          <dt>Answer</dt>
          <dd>{state.answer.message}</dd>
          <dt>Token subject</dt>
          <dd data-testid="demo-api-sub">{state.answer.sub}</dd>
          <dt>Scopes</dt>
          <dd>{state.answer.scope}</dd>
        </dl>
      ) : null}
      {state.status === 'error' ? (
        <CodeAlert
          title="The API call failed"
          code={state.error.code}
          reference={state.error.requestId}
          message={state.error.message}
          onDismiss={() => setState({ status: 'idle' })}
        />
      ) : null}
    </>
  );
}
