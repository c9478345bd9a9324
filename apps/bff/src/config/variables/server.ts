import { z } from 'zod';
import { RATE_LIMIT_DEFAULTS } from '../rateLimits.js';
import { docs, text } from './registry.js';

const METRICS_PORT_RANGE = 'must be a port number from 1 to 65535';
const RATE_LIMIT_FORMAT =
  '`N/<window>` with the window in `s`, `m` or `h` (`30/10s`, `1000/1h`; a bare `N` is per minute, at most `24h`), or `off`';

/** The listener, the process and what it serves. */
export const serverVariables = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development').register(docs, {
    section: 'server',
    description:
      '`development`, `production` (`pnpm start` sets it; the dev IdP is refused, `SESSION_SECRET` required, development defaults are off) or `test`.',
    set: true,
  }),
  ENV_FILE: text().register(docs, {
    section: 'server',
    defaultText: "`./.env`, else the workspace root's `.env`",
    description:
      'The `.env` file to load at start-up. Read from the real environment only (not from the file itself); variables already in the environment win over the file.',
    example: './config/bff.env',
  }),
  PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(3000)
    .register(docs, { section: 'server', description: 'Port the BFF listens on.', set: true }),
  HOST: text().register(docs, { section: 'server', defaultText: 'all interfaces', description: 'Listen address.', example: '127.0.0.1' }),
  PUBLIC_URL: text().register(docs, {
    section: 'server',
    defaultText: 'dev: `http://localhost:5173`; prod: `http://localhost:$PORT`',
    description:
      'The origin the browser sees. Redirect URIs are `PUBLIC_URL/auth/callback/<provider>`. `https://` required except for loopback hosts (localhost, 127.0.0.1, [::1]); with https, cookies are `Secure` with the `__Host-` prefix.',
    example: 'https://app.example.com',
  }),
  TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false').register(docs, {
    section: 'server',
    description:
      "Trust `X-Forwarded-*` from a TLS-terminating proxy in front. The client address (for rate limits) is then the last `X-Forwarded-For` entry, the one the proxy next to us added; entries a client sends itself before it count for nothing. Without it, the socket's address, whatever `X-Forwarded-For` says.",
  }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().register(docs, {
    section: 'server',
    default: 'info',
    defaultText: '`info` (`silent` when `NODE_ENV=test`)',
    description:
      'pino level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`. Lines go to stdout, one JSON object each, buffered: written together once 4 KB are queued (synchronously, as Node writes a pipe on Linux), at most 200 ms late, all of them written at exit.',
  }),
  WEB_DIST: text().register(docs, {
    section: 'server',
    defaultText: 'prod: `apps/web/dist` (the built SPA beside the BFF)',
    description: 'The built SPA to serve (in development Vite serves it). Set it empty to serve none: an API-only BFF.',
    example: '/srv/sso/web',
  }),
  // 0 picks any free port (tests).
  METRICS_PORT: text()
    .pipe(
      z.coerce
        .number<string>({ error: METRICS_PORT_RANGE })
        .int(METRICS_PORT_RANGE)
        .min(0, METRICS_PORT_RANGE)
        .max(65535, METRICS_PORT_RANGE)
        .optional(),
    )
    .register(docs, {
      section: 'server',
      defaultText: 'unset (off)',
      description: 'Serves Prometheus metrics at `GET /metrics` on this port, a listener apart from `PORT` (see [Metrics](#metrics)).',
      example: '9464',
    }),
  METRICS_HOST: text().register(docs, {
    section: 'server',
    default: '127.0.0.1',
    description:
      'Where the metrics listener binds. It has no authentication: keep it on loopback or a private interface (`0.0.0.0` for a scraper in the same pod or network).',
  }),
};

/** Requests per client address on the unauthenticated routes that write (parsed by rateLimits.ts). */
export const rateLimitVariables = {
  RATE_LIMIT: text().register(docs, {
    section: 'rateLimits',
    default: 'on',
    description: '`off` turns every rate limit below off (e.g. behind a gateway that limits already).',
  }),
  RATE_LIMIT_LOGIN: text().register(docs, {
    section: 'rateLimits',
    default: RATE_LIMIT_DEFAULTS.login,
    description: `Most \`GET /auth/login/:provider\` per client address (an IPv6 address counts by its /64) per window: ${RATE_LIMIT_FORMAT}. Beyond it: \`429 rate_limited\` with \`Retry-After\` (JSON), or for a browser navigation \`302 /login?error=rate_limited\`. Counters live in the database: the limit holds across all instances.`,
  }),
  RATE_LIMIT_CALLBACK: text().register(docs, {
    section: 'rateLimits',
    default: RATE_LIMIT_DEFAULTS.callback,
    description: 'The same for `GET /auth/callback/:provider`.',
  }),
  RATE_LIMIT_BACKCHANNEL: text().register(docs, {
    section: 'rateLimits',
    default: RATE_LIMIT_DEFAULTS.backchannel,
    description:
      "The same for `POST /auth/backchannel-logout/:provider` (always JSON); larger, since one provider's few servers send every user's logouts.",
  }),
};
