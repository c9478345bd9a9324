#!/usr/bin/env node
// `sso-bff` (`npx @sso/bff`): the built BFF as a program, configured by the environment and a `.env`
// in the working directory (or ENV_FILE). It runs as in production unless NODE_ENV says otherwise:
// an installed program must not start on a fixed development secret with the dev IdP's demo users.
process.env.NODE_ENV ??= 'production';
// An SPA is served only when WEB_DIST names one: main.js's production default is the monorepo's
// apps/web/dist, which an installed package does not have (an empty value means "none").
process.env.WEB_DIST ??= '';
await import('../dist/main.js');
