// Runs in Node with React installed: the bindings render with the consumer's one copy of React.
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { createClient } from '@sso/client';
import { SsoProvider, useSession } from '@sso/client/react';

function Status() {
  return h('p', null, `status: ${useSession().status}`);
}
const client = createClient({ fetch: () => new Promise(() => undefined) });
console.log(
  JSON.stringify({ resolved: import.meta.resolve('@sso/client/react'), html: renderToString(h(SsoProvider, { client }, h(Status))) }),
);
