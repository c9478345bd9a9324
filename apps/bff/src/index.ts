/** What tests and other tools import; the server itself starts from main.ts. */
export { createApp } from './app.js';
export { loadConfig, ConfigError, type Config } from './config/index.js';
export { startServer, type RunningServer, type StartOptions } from './server.js';
export { openStore } from './store/index.js';
export type { Store } from './store/types.js';
