import { toSsoError, type SsoError } from '@sso/client';
import { useSsoClient } from '@sso/client/react';
import { useState } from 'react';
import { CodeAlert } from './CodeAlert';
import './DemoApiCard.css';

interface DemoAnswer {
  message: string;
  sub: string;
  scope: string;
  expiresAt: string;
}

/**
 * Calls the demo upstream API through the BFF's proxy (`/api/demo/hello`): the BFF attaches the
 * user's access token, so this page never holds one. Hidden when the BFF has no such route.
 */
export function DemoApiCard() {
  const client = useSsoClient();
  const [state, setState] = useState<{ status: 'idle' | 'loading' | 'hidden' } | { status: 'done'; answer: DemoAnswer } | { status: 'error'; error: SsoError }>({
    status: 'idle',
  });
  if (state.status === 'hidden') return null;

  const call = async () => {
    setState({ status: 'loading' });
    try {
      const response = await client.api('/api/demo/hello');
      setState({ status: 'done', answer: (await response.json()) as DemoAnswer });
    } catch (err) {
      const error = toSsoError(err);
      setState(error.status === 404 ? { status: 'hidden' } : { status: 'error', error });
    }
  };

  return (
    <section className="demo-api" data-testid="demo-api" aria-labelledby="demo-api-title">
      <h2 id="demo-api-title" className="section__title">
        Call an API as you
      </h2>
      <p className="section__intro">The BFF forwards this call with your access token; the page never sees the token.</p>
      <button type="button" className="button button--secondary" onClick={call} disabled={state.status === 'loading'}>
        {state.status === 'loading' ? 'Calling…' : 'Call the demo API'}
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
      {state.status === 'error' ? <CodeAlert title="The API call failed" code={state.error.code} message={state.error.message} onDismiss={() => setState({ status: "idle" })} /> : null}
    </section>
  );
}
