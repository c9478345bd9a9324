import { join } from 'node:path';
import pg from 'pg';
import { redactDatabaseUrl } from '../src/config/database.js';
import { startPostgres, type PostgresSkipped } from '../test/support/pgCluster.js';
import { parentPid, processName, processTreeCpuMs } from './cpu.js';
import { countPostgresSessions, countSqliteSessions } from './sessions.js';

export type Backend = 'sqlite' | 'postgres';

/** A fresh, empty database for one BFF run. */
export interface BenchDatabase {
  backend: Backend;
  /** DATABASE_URL for the BFF child. */
  url: string;
  /** Where it lives and how it is set up, for the report (never a password). */
  description: string;
  /** Rows in the BFF's sessions table. */
  countSessions(): Promise<number>;
  /**
   * CPU the database server has used so far, ms, or null: SQLite has no server (its work is in the
   * BFF's own CPU), and a PostgreSQL server whose processes we cannot see is not measured.
   */
  serverCpuMs: (() => number) | null;
  /** Why serverCpuMs is null, for the report. */
  serverCpuNote: string;
  /** The PostgreSQL postmaster when it runs here and we can see it (its CPU is ours, not a disturbance). */
  postmasterPid: number | null;
  /** Removes what was created (the throwaway cluster, or the database on a given server). */
  close(): Promise<void>;
}

/** A SQLite file in the run's scratch folder (removed with it). */
export function sqliteDatabase(tmpDir: string): BenchDatabase {
  const file = join(tmpDir, 'bench.sqlite');
  return {
    backend: 'sqlite',
    url: `sqlite:${file}`,
    description: 'SQLite file in a temporary folder, opened by the BFF with its own settings (WAL)',
    countSessions: () => Promise.resolve(countSqliteSessions(file)),
    serverCpuMs: null,
    serverCpuNote: 'no server: SQLite runs inside the BFF, so its work is in the BFF CPU',
    postmasterPid: null,
    close: async () => {},
  };
}

/**
 * A new database on `url` if given, else on a throwaway cluster with fsync on (so that commits are as
 * durable as SQLite's). Skipped, with the reason, when there is neither a URL nor initdb/pg_ctl.
 */
export async function postgresDatabase(given: { url: string; variable: string } | null): Promise<BenchDatabase | PostgresSkipped> {
  const server = await startPostgres({ url: given?.url, durable: true }).catch((err: Error) => {
    if (!given) throw err;
    const message = err.message.split(given.url).join(redactDatabaseUrl(given.url));
    throw new Error(`${given.variable} (${redactDatabaseUrl(given.url)}): ${message}`, { cause: err });
  });
  if ('skipped' in server) return server;
  try {
    const dbUrl = await server.createDatabase();
    const info = await inspect(dbUrl);
    const where = server.restartable ? 'throwaway cluster on 127.0.0.1' : `given server ${redactDatabaseUrl(dbUrl)}`;
    return {
      backend: 'postgres',
      url: dbUrl,
      description: `PostgreSQL ${info.version}, ${where} (fsync ${info.fsync}, synchronous_commit ${info.synchronousCommit}); BFF pool DATABASE_POOL_SIZE default`,
      countSessions: () => countPostgresSessions(dbUrl),
      serverCpuMs: info.postmasterPid === null ? null : () => processTreeCpuMs(info.postmasterPid!),
      serverCpuNote:
        info.postmasterPid === null
          ? 'not measured: the server processes are not visible on this machine'
          : `postmaster pid ${info.postmasterPid} and all its children${server.restartable ? '' : ' (server-wide: other databases on it count too)'}`,
      postmasterPid: info.postmasterPid,
      close: () => server.close(),
    };
  } catch (err) {
    await server.close();
    throw err;
  }
}

interface ServerInfo {
  version: string;
  fsync: string;
  synchronousCommit: string;
  /** The postmaster, when it runs on this machine and we can see it; else null. */
  postmasterPid: number | null;
}

/** Asks the server what it is, and finds its postmaster (the parent of our backend) in /proc. */
async function inspect(url: string): Promise<ServerInfo> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const show = async (name: string) => (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]!;
    const backendPid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const host = new URL(url).hostname;
    // A server in a container or on another host has pids that mean nothing here: check the names.
    const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host) && processName(backendPid) === 'postgres';
    const parent = local ? parentPid(backendPid) : null;
    return {
      version: await show('server_version'),
      fsync: await show('fsync'),
      synchronousCommit: await show('synchronous_commit'),
      postmasterPid: parent !== null && processName(parent) === 'postgres' ? parent : null,
    };
  } finally {
    await client.end();
  }
}
