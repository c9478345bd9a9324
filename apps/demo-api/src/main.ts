// Standalone demo API for `pnpm dev`: config → start → log one line → close on signal.
import { readConfig, type DemoApiConfig } from './config.js';
import { startDemoApi, type RunningDemoApi } from './start.js';

const log = (msg: string) => console.log(`[demo-api] ${msg}`);

let config: DemoApiConfig;
let api: RunningDemoApi;
try {
  config = readConfig();
  // The IdP may not be up yet: the introspection endpoint is discovered on the first request.
  const { port, host, issuer, clientId, clientSecret } = config;
  api = await startDemoApi({ port, host, issuer, clientId, clientSecret, logger: log });
} catch (err) {
  console.error(`[demo-api] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
log(
  `${api.url}/api/demo/hello · issuer ${config.issuer} · resource server ${config.clientId}` +
    (config.devSecret ? ' (development-only secret)' : ''),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    api.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`[demo-api] failed to close: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  });
}
