import { fileURLToPath } from 'node:url';
import type { BenchOptions } from './options.js';
import { loadPhase, type LoadFigures, type Measured } from './phases.js';
import type { Pinning } from './pinning.js';
import { freePort } from './ports.js';
import type { Rig, Rp } from './rig.js';
import { startServerProcess, type ServerProcess } from './serverProcess.js';
import { median } from './stats.js';

const benchDir = fileURLToPath(new URL('.', import.meta.url));

/** What ceilingKoa.mjs does in each mode (for the report). */
export const CEILING_MODES = {
  headers: 'bare Koa 3 + the BFF’s response headers',
  sqlite: '+ one indexed read of the session row from the BFF’s SQLite file',
  postgres: '+ one indexed read of the session row from the BFF’s PostgreSQL database',
} as const;
export type CeilingMode = keyof typeof CEILING_MODES;

export interface CeilingRow {
  mode: CeilingMode;
  requestsPerSec: number | null;
  /** Median over the rounds of this round's req/s ÷ the same round's bare Koa req/s. */
  ratioToKoa: number | null;
  serverCpuUs: number | null;
  kernelCpuUs: number | null;
}

export interface CeilingFigures {
  rounds: number;
  loadS: number;
  rows: CeilingRow[];
}

/** Headers about this one answer or the connection, not the ones every answer carries. */
const PER_ANSWER = new Set([
  'date',
  'content-length',
  'content-type',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'x-request-id',
  'set-cookie',
]);

/** The response headers of the BFF's signed-in GET /auth/me, as the ceiling sends them. */
async function bffHeaders(rp: Rp): Promise<Record<string, string>> {
  const response = await rp.signedIn.browser.request(`${rp.origin}/auth/me`);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET /auth/me answered ${response.status}`);
  return Object.fromEntries([...response.headers].filter(([name]) => !PER_ANSWER.has(name)));
}

/**
 * The ceiling beside bare Koa, after the rounds: bare Koa apps that do only the least a BFF could
 * do for a signed-in GET /auth/me (the BFF's headers; one read of the session row from the BFF's
 * own database), loaded like every other phase, interleaved with bare Koa, a warm-up round first.
 * No BFF can do less and still answer, so no BFF can reach a higher ratio on this machine.
 */
export async function measureCeiling(
  rig: Rig,
  options: BenchOptions,
  pinning: Pinning,
  say: (message: string) => void,
): Promise<CeilingFigures> {
  const headers = JSON.stringify(await bffHeaders(rig.sqlite));
  const modes: Array<{ mode: CeilingMode; database: string | null; cookie: string | null }> = [
    { mode: 'headers', database: null, cookie: null },
    { mode: 'sqlite', database: rig.sqlite.database.url.replace(/^sqlite:/, ''), cookie: rig.sqlite.signedIn.cookie },
    ...(rig.postgres ? [{ mode: 'postgres' as const, database: rig.postgres.database.url, cookie: rig.postgres.signedIn.cookie }] : []),
  ];
  const servers: Array<{ mode: CeilingMode; process: ServerProcess; origin: string; cookie: string | null }> = [];
  try {
    for (const { mode, database, cookie } of modes) {
      const port = await freePort();
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        NODE_ENV: 'production',
        MODE: mode,
        PORT: String(port),
        HOST: '127.0.0.1',
        BODY: rig.sqlite.meBody,
        HEADERS: headers,
      };
      if (database) env.DATABASE = database;
      const server = await startServerProcess({
        name: `ceiling (${mode})`,
        args: ['ceilingKoa.mjs'],
        cwd: benchDir,
        env,
        readyUrl: `http://127.0.0.1:${port}/ready`,
        pinning,
      });
      servers.push({ mode, process: server, origin: `http://127.0.0.1:${port}`, cookie });
    }
    const load = (server: Pick<Measured, 'cpuMs' | 'systemCpuMs'>, url: string, cookie: string | null, durationS: number) =>
      loadPhase(
        { cpuMs: server.cpuMs, systemCpuMs: server.systemCpuMs, databaseCpuMs: null },
        { url, expectStatus: 200, durationS, connections: options.connections, ...(cookie ? { headers: { cookie } } : {}) },
      );
    const perRound: Array<{ koa: LoadFigures; rows: Map<CeilingMode, LoadFigures> }> = [];
    for (let round = 0; round <= options.rounds; round += 1) {
      const durationS = round === 0 ? options.warmupLoadS : options.loadS;
      const koa = await load(rig.koa, `${rig.koa.origin}/`, null, durationS);
      const rows = new Map<CeilingMode, LoadFigures>();
      for (const server of servers) {
        const figures = await load(server.process, `${server.origin}/auth/me`, server.cookie, durationS);
        if (figures.unexpected > 0) throw new Error(`ceiling (${server.mode}) answered ${JSON.stringify(figures.statusCounts)}`);
        rows.set(server.mode, figures);
      }
      if (round > 0) perRound.push({ koa, rows });
    }
    say(`ceiling: ${servers.map((s) => s.mode).join(', ')} measured`);
    return {
      rounds: perRound.length,
      loadS: options.loadS,
      rows: servers.map(({ mode }) => ({
        mode,
        requestsPerSec: median(perRound.map((r) => r.rows.get(mode)!.requestsPerSec)),
        ratioToKoa: median(perRound.map((r) => r.rows.get(mode)!.requestsPerSec / r.koa.requestsPerSec)),
        serverCpuUs: median(perRound.map((r) => r.rows.get(mode)!.serverCpuUs)),
        kernelCpuUs: median(perRound.map((r) => r.rows.get(mode)!.kernelCpuUs)),
      })),
    };
  } finally {
    for (const server of servers) await server.process.stop();
  }
}
