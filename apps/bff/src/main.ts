import { fileURLToPath } from 'node:url';
import { ConfigError } from './config.js';
import { loadEnvFile } from './envFile.js';
import { startServer } from './server.js';
import { DatabaseStartError } from './store/index.js';

// config → dependencies → createApp → listen: the only side effects live here and in server.ts.
const envFile = loadEnvFile();
if (envFile) console.log(`loaded environment from ${envFile}`);

// In production the built SPA sits beside the BFF in the workspace (apps/web/dist).
const defaultWebDist =
  process.env.NODE_ENV === 'production' ? fileURLToPath(new URL('../../web/dist', import.meta.url)) : undefined;

try {
  const running = await startServer(process.env, { webDist: process.env.WEB_DIST ?? defaultWebDist });
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
    console.error(`The BFF cannot start.\n${err.message}\nSee .env.example for every variable.`);
    process.exit(1);
  }
  if (err instanceof DatabaseStartError) {
    console.error(`The BFF cannot start.\n${err.message}`);
    process.exit(1);
  }
  throw err;
}
