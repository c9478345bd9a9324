import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, chownSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

// PostgreSQL for tests and the bench, without vitest: a throwaway cluster in a temporary folder
// (initdb + pg_ctl on a free loopback port), or databases created on a server someone else runs.
// The vitest wrapper (describePostgres) lives in postgres.ts.

/** A PostgreSQL server for one test file: fresh databases on demand, and a real outage on demand. */
export interface TestPostgres {
  readonly host: string;
  readonly port: number;
  /** False with a given URL (TEST_DATABASE_URL): that server is not ours to stop. */
  readonly restartable: boolean;
  /** Creates an empty database with a random name; returns its postgres:// URL. */
  createDatabase(): Promise<string>;
  /** `pg_ctl -m fast stop`: connected clients are cut off, new ones are refused. */
  stop(): Promise<void>;
  /** Starts the stopped cluster again on the same port (the recovery after stop()). */
  start(): Promise<void>;
  /** Stops the cluster and removes its folder, or drops the databases created on the given server. */
  close(): Promise<void>;
}

/** Why there is no PostgreSQL to test against. */
export interface PostgresSkipped {
  skipped: string;
}

const HOST = '127.0.0.1';

/**
 * Where PostgreSQL will come from, decided without starting anything (so `describe` can choose to
 * skip at collection time): the server at `url` (default TEST_DATABASE_URL), else a throwaway cluster.
 */
export function findPostgres(url: string | undefined = process.env.TEST_DATABASE_URL): { url: string } | { bin: string } | PostgresSkipped {
  if (url) return { url };
  const bin = findBinDir();
  if (!bin) {
    return {
      skipped:
        'initdb and pg_ctl are neither on the PATH nor in /usr/lib/postgresql/*/bin ' +
        "(install Debian's `postgresql` package) and TEST_DATABASE_URL is not set",
    };
  }
  if (isRoot() && postgresUser() === null) {
    return { skipped: `running as root, so initdb must run as the postgres user, and there is no such user (binaries in ${bin})` };
  }
  return { bin };
}

export interface StartPostgresOptions {
  /** A server to use instead of a throwaway cluster; default TEST_DATABASE_URL. */
  url?: string;
  /**
   * Throwaway cluster only: keep fsync on, as a real server does (the bench, to compare with SQLite,
   * which syncs every commit). Tests leave it off: they test behaviour, and it is faster.
   */
  durable?: boolean;
}

/** Connects to the given URL (default TEST_DATABASE_URL), or starts a throwaway cluster; says why not when neither is possible. */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres | PostgresSkipped> {
  const found = findPostgres(options.url ?? process.env.TEST_DATABASE_URL);
  if ('skipped' in found) return found;
  if ('url' in found) return externalServer(found.url);
  return throwawayCluster(found.bin, options.durable ?? false);
}

// ---- A given URL (TEST_DATABASE_URL): someone else's server; we only create and drop our own databases ----

async function externalServer(baseUrl: string): Promise<TestPostgres> {
  const base = new URL(baseUrl);
  const created: string[] = [];
  await withClient(baseUrl, async () => {}); // fail now, naming the variable, rather than in every test
  const notOurs = () =>
    Promise.reject(new Error('stop()/start() need the throwaway cluster: a server given by URL (TEST_DATABASE_URL) is not ours to stop'));
  return {
    host: base.hostname,
    port: Number(base.port || 5432),
    restartable: false,
    async createDatabase() {
      const name = databaseName();
      await withClient(baseUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
      created.push(name);
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop: notOurs,
    start: notOurs,
    async close() {
      const names = created.splice(0);
      if (names.length === 0) return;
      await withClient(baseUrl, async (c) => {
        for (const name of names) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
    },
  };
}

// ---- A throwaway cluster in a temporary folder ----

/** Clusters still running, stopped on exit when a test run dies before afterAll. */
const live = new Map<string, () => void>();
let exitHookInstalled = false;

async function throwawayCluster(bin: string, durable: boolean): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'sso-pg-'));
  const data = join(dir, 'data');
  const owner = isRoot() ? postgresUser() : null;
  // initdb refuses to run as root: the postgres user must reach the folder and own it (it writes
  // data/, the log and the socket there).
  chmodSync(dir, 0o711);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  // As root, every tool runs as the postgres user.
  const command = (tool: string, args: string[]): [string, string[]] =>
    owner ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const run = (tool: string, args: string[]) => runTool(...command(tool, args));
  let port = 0;
  const start = async () => {
    const options = `-p ${port} -k '${dir}' -c listen_addresses=${HOST} -c fsync=${durable ? 'on' : 'off'} -c max_connections=300`;
    await run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']).catch((err: Error) => {
      throw new Error(`${err.message}\n--- ${join(dir, 'log')} ---\n${logTail(dir)}`, { cause: err });
    });
  };
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);

  live.set(dir, () => {
    spawnSync(...command('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']), { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const cleanup of live.values()) cleanup();
    });
  }

  try {
    await run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    // The free port is only free until someone else takes it: try another on the rare collision.
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      try {
        await start();
        break;
      } catch (err) {
        if (attempt === 3 || !logTail(dir).includes('could not bind')) throw err;
      }
    }
  } catch (err) {
    live.get(dir)?.();
    live.delete(dir);
    throw err;
  }

  const url = (db: string) => `postgres://postgres@${HOST}:${port}/${db}`;
  return {
    host: HOST,
    get port() {
      return port;
    },
    restartable: true,
    async createDatabase() {
      const name = databaseName();
      await withClient(url('postgres'), (c) => c.query(`CREATE DATABASE "${name}"`));
      return url(name);
    },
    stop,
    start,
    async close() {
      if (!live.has(dir)) return;
      if (existsSync(join(data, 'postmaster.pid'))) await stop();
      live.delete(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs initdb or pg_ctl; rejects with its output. */
function runTool(cmd: string, argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // LC_ALL=C: initdb fails on a locale the machine does not have (a LANG inherited from elsewhere).
    // stdin ignored and output piped: the postmaster pg_ctl leaves behind writes to its log, not to us.
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${[cmd, ...argv].join(' ')} exited with ${code}:\n${output.trim()}`));
    });
  });
}

function logTail(dir: string): string {
  try {
    return readFileSync(join(dir, 'log'), 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}

/** A loopback port nobody listens on right now (never 5432, a developer's own server). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, HOST, () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    if (port !== 5432) return port;
  }
}

function findBinDir(): string | null {
  const pathDirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  let versioned: string[] = [];
  try {
    versioned = readdirSync('/usr/lib/postgresql')
      .sort((a, b) => Number(b) - Number(a) || b.localeCompare(a))
      .map((version) => join('/usr/lib/postgresql', version, 'bin'));
  } catch {
    // No Debian-style installation.
  }
  return [...pathDirs, ...versioned].find((dir) => isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'pg_ctl'))) ?? null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function postgresUser(): { uid: number; gid: number } | null {
  const id = (flag: string) => {
    const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    return result.status === 0 ? Number(result.stdout.trim()) : NaN;
  };
  const uid = id('-u');
  const gid = id('-g');
  return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
}

function databaseName(): string {
  return `test_${randomBytes(6).toString('hex')}`;
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
