import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { PostgresSkipped } from '../test/support/pgCluster.js';
import { startBffProcess, type BffProcess } from './bffProcess.js';
import { postgresDatabase, sqliteDatabase, type BenchDatabase } from './database.js';
import { startBenchOp, type BenchOp } from './op.js';
import type { BenchOptions } from './options.js';
import { startBareKoa, startEoc } from './peers.js';
import { allowedCpus, type Pinning } from './pinning.js';
import { freePort } from './ports.js';
import type { ServerProcess } from './serverProcess.js';
import { BFF_ROUTE, EOC_ROUTE, readMe, signIn, type SignedIn } from './signIn.js';

/** A relying party under test, signed in once (the cookie its load phases send). */
export interface Rp<P extends ServerProcess = ServerProcess> {
  process: P;
  origin: string;
  signedIn: SignedIn;
  /** The "me" answer to that sign-in. */
  meBody: string;
}

/** Everything the rounds measure, running at once for the whole run. */
export interface Rig {
  op: BenchOp;
  sqlite: Rp<BffProcess> & { database: BenchDatabase };
  /** Null when PostgreSQL is not available here (`postgresSkipped` says why). */
  postgres: (Rp<BffProcess> & { database: BenchDatabase }) | null;
  postgresSkipped: string | null;
  eoc: Rp;
  koa: ServerProcess & { origin: string };
  /** Where each process may run (Cpus_allowed_list), for the report. */
  placement: Record<string, string>;
  /** The callback URLs the OP knows, one per RP; the memory phase's BFF uses the spare one. */
  sparePort: number;
}

/** Starts the OP, PostgreSQL, both BFFs, the peer and the comparator, signing in once at each RP. */
export async function startRig(
  options: BenchOptions,
  pinning: Pinning,
  tmpDir: string,
  defer: (cleanup: () => Promise<void> | void) => void,
  say: (message: string) => void,
): Promise<Rig> {
  const [sqlitePort, postgresPort, eocPort, koaPort, sparePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const bffCallback = (port: number) => `http://127.0.0.1:${port}/auth/callback/oidc`;
  const op = await startBenchOp([
    bffCallback(sqlitePort),
    bffCallback(postgresPort),
    bffCallback(sparePort),
    `http://127.0.0.1:${eocPort}/callback`,
  ]);
  defer(() => op.idp.close());
  say(`OpenID Provider at ${op.idp.issuer} (in the bench process)`);

  const bff = async (name: string, port: number, database: BenchDatabase) => {
    const process = await startBffProcess({
      name,
      port,
      issuer: op.idp.issuer,
      clientId: op.clientId,
      clientSecret: op.clientSecret,
      sessionSecret: randomBytes(36).toString('base64'),
      databaseUrl: database.url,
      tmpDir,
      pinning,
    });
    defer(() => process.stop());
    const signedIn = await signIn(process.origin, BFF_ROUTE);
    return { process, origin: process.origin, signedIn, meBody: await readMe(process.origin, BFF_ROUTE, signedIn), database };
  };

  const sqlite = await bff('BFF (SQLite)', sqlitePort, sqliteDatabase(join(tmpDir, 'rounds')));
  say(`BFF on SQLite, pid ${sqlite.process.pid}, signed in (GET /auth/me: ${Buffer.byteLength(sqlite.meBody)} bytes)`);

  const pg: BenchDatabase | PostgresSkipped = await postgresDatabase(options.postgres);
  let postgres: Rig['postgres'] = null;
  if (!('skipped' in pg)) {
    defer(() => pg.close());
    postgres = await bff('BFF (PostgreSQL)', postgresPort, pg);
    say(`BFF on PostgreSQL, pid ${postgres.process.pid}: ${pg.description}`);
  } else {
    say(`PostgreSQL skipped: ${pg.skipped}`);
  }

  // The comparator answers the same bytes as the BFF's signed-in GET /auth/me.
  const koaProcess = await startBareKoa(koaPort, sqlite.meBody, pinning);
  defer(() => koaProcess.stop());
  const koa = { ...koaProcess, origin: `http://127.0.0.1:${koaPort}` };

  const eocProcess = await startEoc({
    port: eocPort,
    issuer: op.idp.issuer,
    clientId: op.clientId,
    clientSecret: op.clientSecret,
    pinning,
  });
  defer(() => eocProcess.stop());
  const eocSignedIn = await signIn(eocProcess.origin, EOC_ROUTE);
  const eoc: Rp = {
    process: eocProcess,
    origin: eocProcess.origin,
    signedIn: eocSignedIn,
    meBody: await readMe(eocProcess.origin, EOC_ROUTE, eocSignedIn),
  };
  say(`bare Koa pid ${koa.pid}, express-openid-connect pid ${eoc.process.pid}, signed in`);

  const placement: Record<string, string> = {
    'bench (load generator, OP)': allowedCpus(process.pid),
    'bare Koa': allowedCpus(koa.pid),
    'BFF (SQLite)': allowedCpus(sqlite.process.pid),
    'express-openid-connect': allowedCpus(eoc.process.pid),
  };
  if (postgres) {
    placement['BFF (PostgreSQL)'] = allowedCpus(postgres.process.pid);
    if (postgres.database.postmasterPid !== null) placement.PostgreSQL = allowedCpus(postgres.database.postmasterPid);
  }
  return { op, sqlite, postgres, postgresSkipped: 'skipped' in pg ? pg.skipped : null, eoc, koa, placement, sparePort };
}
