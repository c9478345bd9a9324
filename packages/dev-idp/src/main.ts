// Standalone Dev IdP for `pnpm dev`: config → start → log one line → close on signal.
import { readConfig, type MainConfig } from './config.js';
import { defaultResourceServer } from './clients.js';
import { fakeDefaults } from './fakes/defaults.js';
import { startFakes, type RunningFakes } from './fakes/startFakes.js';
import { startDevIdp, type DevIdp } from './start.js';

const log = (msg: string) => console.log(`[dev-idp] ${msg}`);

/** Start-up failures are configuration or environment problems: one line, no stack. */
function exitWith(err: unknown): never {
  console.error(`[dev-idp] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

/** The app origins of `pnpm dev` (Vite and the BFF); the fakes accept `<origin>/auth/callback/<provider>`. */
const DEV_ORIGINS = ['http://localhost:5173', 'http://localhost:3000'];

let config: MainConfig;
let idp: DevIdp;
let fakes: RunningFakes | undefined;
try {
  config = readConfig();
  idp = await startDevIdp({ port: config.port, host: config.host, clients: [config.client], logger: log });
  if (config.fakes) fakes = await startFakes({ host: config.host, redirectBases: DEV_ORIGINS, logger: log });
} catch (err) {
  exitWith(err);
}
log(
  `issuer ${idp.issuer} · client_id ${config.client.clientId} · resource server ${defaultResourceServer.clientId} ` +
    `(development-only secrets and keys; open ${idp.issuer}/ for demo users)`,
);
for (const [name, server] of Object.entries(fakes?.servers ?? {})) {
  log(`fake ${name} ${server.url} · client_id ${fakeDefaults[name as keyof typeof fakeDefaults].clientId}`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    Promise.all([idp.close(), fakes?.close()]).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`[dev-idp] failed to close: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  });
}
