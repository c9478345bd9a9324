// Standalone Dev IdP for `pnpm dev`: config → start → log one line → close on signal.
import { readConfig } from './config.js';
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

interface Running {
  idp: DevIdp;
  fakes: RunningFakes | undefined;
}

async function start(): Promise<Running> {
  try {
    const config = readConfig();
    const idp = await startDevIdp({ port: config.port, host: config.host, clients: [config.client], logger: log });
    const fakes = config.fakes ? await startFakes({ host: config.host, redirectBases: DEV_ORIGINS, logger: log }) : undefined;
    log(
      `issuer ${idp.issuer} · client_id ${config.client.clientId} · resource server ${defaultResourceServer.clientId} ` +
        `(development-only secrets and keys; open ${idp.issuer}/ for demo users)`,
    );
    for (const [name, server] of Object.entries(fakes?.servers ?? {})) {
      log(`fake ${name} ${server.url} · client_id ${fakeDefaults[name as keyof typeof fakeDefaults].clientId}`);
    }
    return { idp, fakes };
  } catch (err) {
    exitWith(err);
  }
}

const running = start();

// Installed before the start-up line is printed: a supervisor that stops us as soon as it reads that
// line would otherwise race Node's default for these signals (death by signal, no clean close).
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    running
      .then(({ idp, fakes }) => Promise.all([idp.close(), fakes?.close()]))
      .then(
        // A normal way to stop (Ctrl+C under pnpm dev): one calm line, exit code 0. Exit only once
        // the line is written: stdout to a pipe is asynchronous on some platforms.
        () => process.stdout.write('[dev-idp] stopped\n', () => process.exit(0)),
        (err: unknown) => {
          console.error(`[dev-idp] failed to close: ${err instanceof Error ? err.message : String(err)}`);
          process.exit(1);
        },
      );
  });
}
