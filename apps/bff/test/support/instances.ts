import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, Agent, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';

const BFF_DIR = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 30_000;

/** One BFF as an operator runs it: its own process (`src/main.ts`), its own memory, its own port. */
export interface BffProcess {
  /** http://127.0.0.1:<port> of this instance itself (not PUBLIC_URL). */
  url: string;
  /** Every log line it printed (JSON from pino, or the start-up error text). */
  logs: string[];
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `node --import tsx src/main.ts` with exactly `env` (plus PATH) on a free port and resolves
 * once it logs "BFF listening". Rejects with its output if it exits first.
 */
export function startBffProcess(env: Record<string, string>): Promise<BffProcess> {
  const logs: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: BFF_DIR,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ENV_FILE: '/dev/null', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let buffered = '';
  const collect = (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    logs.push(...lines.filter(Boolean));
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  return new Promise<BffProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the BFF did not start within ${START_TIMEOUT_MS} ms:\n${logs.join('\n')}`));
    }, START_TIMEOUT_MS);
    const poll = setInterval(() => {
      const line = logs.find((l) => l.includes('"BFF listening"'));
      if (!line) return;
      clearInterval(poll);
      clearTimeout(timer);
      const listen = (JSON.parse(line) as { listen: string }).listen;
      resolve({
        url: `http://${listen}`,
        logs,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null) child.kill(signal);
          return exited;
        },
      });
    }, 20);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`the BFF exited with ${code} before listening:\n${logs.concat(buffered).join('\n')}`));
    });
  });
}

/**
 * A load balancer without sticky sessions in front of the instances: each request goes to the
 * next instance in turn, or to the one named by an `x-instance` header (its index), so a test can
 * say "this request reaches instance 1". PUBLIC_URL is this balancer's origin.
 */
export interface Balancer {
  origin: string;
  /** The instances, in order; replace one to restart it. */
  backends: string[];
  /** How many requests each backend got. */
  counts: number[];
  /** Sends every request to this instance until set back to undefined. */
  pinned: number | undefined;
  close(): Promise<void>;
}

export async function startBalancer(port: number): Promise<Balancer> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;
  const balancer: Balancer = {
    origin: `http://127.0.0.1:${port}`,
    backends: [],
    counts: [],
    pinned: undefined,
    close: () => Promise.resolve(),
  };
  const server: Server = createServer((req, res) => {
    const pinned = req.headers['x-instance'];
    const index = typeof pinned === 'string' ? Number(pinned) : (balancer.pinned ?? (next = (next + 1) % balancer.backends.length));
    const target = new URL(req.url!, balancer.backends[index]);
    balancer.counts[index] = (balancer.counts[index] ?? 0) + 1;
    const headers = { ...req.headers };
    delete headers['x-instance'];
    const upstream = request(target, { method: req.method, headers, agent }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end('balancer: backend unreachable');
      else res.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  balancer.close = () =>
    new Promise<void>((resolve) => {
      agent.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return balancer;
}
