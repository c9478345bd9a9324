import { ConfigError, loadConfig, readEnvironment } from './config/index.js';
import { missingNodeFlags } from './nodeFlags.js';
import { serve } from './server.js';
import { DatabaseStartError } from './store/index.js';

// config → dependencies → createApp → listen: the only side effects live here and in server.ts.
const environment = readEnvironment();
if (environment.file) console.log(`loaded environment from ${environment.file}`);

try {
  // This file sits in apps/bff/src (tsx) or apps/bff/dist (the bundle): either way one level below the package.
  const config = loadConfig(environment.variables, { bffDir: new URL('..', import.meta.url) });
  const running = await serve(config);
  const missing = missingNodeFlags(process.execArgv);
  // Said once, at start: a process manager that runs `node dist/main.js` works, only slower after each lull.
  if (config.env === 'production' && missing.length > 0)
    running.deps.logger.info({ missing }, `started without ${missing.join(' ')}: see the README's Production section`);
  const shutdown = (signal: string) => {
    running.deps.logger.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`The BFF cannot start.\n${err.message}\nEvery variable is in the README's configuration table and in .env.example.`);
    process.exit(1);
  }
  if (err instanceof DatabaseStartError) {
    console.error(`The BFF cannot start.\n${err.message}`);
    process.exit(1);
  }
  throw err;
}
