// Standalone Dev IdP for `pnpm dev`: config → start → log one line → close on signal.
import { readConfig, type MainConfig } from './config.js';
import { startDevIdp, type DevIdp } from './start.js';

const log = (msg: string) => console.log(`[dev-idp] ${msg}`);

/** Start-up failures are configuration or environment problems: one line, no stack. */
function exitWith(err: unknown): never {
  console.error(`[dev-idp] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

let config: MainConfig;
let idp: DevIdp;
try {
  config = readConfig();
  idp = await startDevIdp({ port: config.port, host: config.host, clients: [config.client], logger: log });
} catch (err) {
  exitWith(err);
}
log(`issuer ${idp.issuer} · client_id ${config.client.clientId} (development-only secret and keys; open ${idp.issuer}/ for demo users)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    idp.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`[dev-idp] failed to close: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  });
}
