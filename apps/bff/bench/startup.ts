import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { startBffProcess } from './bffProcess.js';
import { undisturbed, type OwnProcesses } from './disturbance.js';
import type { BenchOp } from './op.js';
import type { Pinning } from './pinning.js';
import { freePort } from './ports.js';
import { median } from './stats.js';

export interface StartupFigures {
  /** ms from spawn to the first 200 on /healthz, one per start. */
  readyMs: number[];
  medianMs: number | null;
  /** Starts that were repeated because the machine was busy meanwhile. */
  repeats: number;
}

/**
 * Times the production build's start-up: `node --no-memory-reducer dist/main.js` on the server core with a fresh SQLite
 * file (so migrations run), from spawn to the first 200 on /healthz, polled every 5 ms.
 */
export async function measureStartup(
  count: number,
  op: BenchOp,
  pinning: Pinning,
  tmpDir: string,
  own: OwnProcesses,
  maxAttempts: number,
): Promise<StartupFigures> {
  const readyMs: number[] = [];
  let repeats = 0;
  for (let i = 0; i < count; i += 1) {
    const attempted = await undisturbed(
      own,
      maxAttempts,
      () => true,
      async () => {
        const dir = mkdtempSync(join(tmpDir, 'startup-'));
        const bff = await startBffProcess({
          name: 'BFF (start-up)',
          port: await freePort(),
          issuer: op.idp.issuer,
          clientId: op.clientId,
          clientSecret: op.clientSecret,
          sessionSecret: randomBytes(36).toString('base64'),
          databaseUrl: `sqlite:${join(dir, 'bench.sqlite')}`,
          tmpDir: dir,
          pinning,
          pollMs: 5,
        });
        await bff.stop();
        return bff.readyMs;
      },
    );
    repeats += attempted.attempts - 1;
    readyMs.push(attempted.result);
  }
  return { readyMs, medianMs: median(readyMs), repeats };
}
