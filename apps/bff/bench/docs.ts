import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatReport } from './formatReport.js';
import type { BenchReport } from './report.js';

const HOW_MEASURED = `## How it is measured

\`pnpm bench\` builds the BFF (esbuild, \`apps/bff/dist/main.js\`) and the SPA, then runs \`apps/bff/bench/run.ts\`
in one process tree. It starts, side by side and for the whole run: the BFF on SQLite, the BFF on
PostgreSQL (a throwaway cluster, \`initdb\`/\`pg_ctl\` as for the tests, fsync on), express-openid-connect on
Express 5 (\`apps/bff/bench/eoc.mjs\`, the peer) and a bare Koa 3 app answering a JSON body of the same size as
the BFF's signed-in \`GET /auth/me\` (\`apps/bff/bench/bareKoa.mjs\`, the comparator). Each BFF is the production
build as \`pnpm start\` runs it (\`node --no-memory-reducer dist/main.js\`, \`NODE_ENV=production\`, default log
level: one log line per request, piped to the bench and dropped). Every measured server, the comparator and the
peer too, runs with the Node flags \`pnpm start\` gives the BFF (\`apps/bff/src/nodeFlags.ts\`): without them V8's
memory reducer slowed whichever server had been idle before its phase, bare Koa included (15 µs per request, then
19–20 µs after a lull). With two CPUs or more every measured server runs on core 0 (\`taskset -c 0\`); the bench
process (autocannon, the HTTP client of the sign-ins, and the OpenID Provider) and PostgreSQL run on core 1.

The OpenID Provider is the test suite's small \`node:http\` one (\`apps/bff/test/support/hostile/idp.ts\`, run
honest): discovery, an authorize endpoint that redirects straight back with a code, a token endpoint that
checks client authentication and PKCE, RS256 ID tokens carrying the profile claims, JWKS. It runs in the bench
process, so its cost is never a server's. Every sign-in is the same subject (the OP has one): the user upsert
is an update after the first.

After a warm-up round (2 000 sign-ins per server and 5 s per load phase, so that V8 has compiled the hot
code: the BFF's CPU per sign-in measured 6.0 ms after 50 sign-ins and 4.3 ms after 3 000, with two V8
worker threads compiling meanwhile), three rounds each run every phase once, each round starting at a
different phase.
A load phase is autocannon on one URL (10 connections, 5 s); a sign-in phase is 600 sign-ins one after the
other (the RP's login redirect, the OP's authorize, the RP's callback with the code exchange, the ID-token
check, the user upsert and the new session; the callback's redirect to the app is not followed), and the
last one's cookies are then checked on the "me" URL. CPU figures are the server process's own user + system
time (\`/proc/<pid>/stat\`) over the phase, divided by requests or sign-ins; for PostgreSQL the server's
processes are counted separately. "Of which kernel" is the system time alone: the sockets' reads and writes and,
above all, waking the load generator on the other core whenever it sleeps between answers. On this VM that
wake-up costs the writer some 15 µs (\`perf\`: a fifth of a signed-in \`GET /auth/me\`'s samples are the kernel's
wake-up path under the answer's \`writev\`), and a server slower than the load generator pays it at nearly every
answer while bare Koa, which keeps the load generator busy, mostly does not. The figures are medians over the rounds; a ratio to bare Koa is the median
of each round's ratio. Around every phase the bench reads the machine's busy time (\`/proc/stat\`) and subtracts
its own processes': when the rest exceeds 5 % of a core, the phase is run again (up to three more times,
within a time budget) and the least disturbed attempt is kept.

After the rounds, the ceiling: \`apps/bff/bench/ceilingKoa.mjs\` is bare Koa 3 doing only the least any BFF
would have to do for a signed-in \`GET /auth/me\` on this machine: the BFF's own response headers (copied from
its answer) on the same body; then also one indexed read of the session row that the cookie names, from the
BFF's own SQLite file or PostgreSQL database (no signature check, no expiry check, no identity, no log line, no
router). Each mode is loaded like a phase, interleaved with bare Koa, over the same rounds. Its ratios are an
upper bound: a BFF that sends those headers and reads its session from that database cannot beat them here.

Start-up is spawn to the first 200 on \`/healthz\` (polled every 5 ms) of the production build with a fresh
SQLite file, median of five. Memory is a separate BFF on SQLite: RSS warmed up (5 000 sign-ins, 8 at a time, when RSS has stopped rising, and 3 s of
\`GET /auth/me\`), then after 100 000 sessions written into its database by the bench (through the BFF's own
store module, spread over 1 000 users), then after 10 000 sign-ins (8 at a time), then after a second 10 000. Each reading comes after a full garbage collection, asked for through
the inspector (that process alone runs with \`--inspect\` on loopback): read at an arbitrary moment, RSS is wherever
V8's collector happened to be, and moved by up to 18 MB between two equal batches. The readings just before each
collection, and the JavaScript heap each collection kept, are shown beside them. The cookie figure is the \`Cookie\`
header a browser sends to \`/auth/me\` right after signing in (every cookie still valid for the origin). The SPA
figure is the gzip size of the JavaScript the sign-in page loads (the Vite manifest's \`index.html\` entry and
its static imports).

The bench only reports: it exits 0 whatever the numbers, 1 only when a setup failed. \`BENCH_QUICK=1\` cuts
every phase short, for working on the bench itself (its report goes to \`test-results/benchmarks-quick.md\`,
never here). \`BENCH_NOTE\` adds a note on the machine to this page's first line. \`BENCH_DATABASE_URL\` (else \`TEST_DATABASE_URL\`) uses a
PostgreSQL server of your own instead of the throwaway cluster. The full data, every round, is in
\`test-results/bench.json\`.
`;

/** Writes docs/benchmarks.md: the latest run's tables and how they are measured. */
export function writeBenchmarksDoc(report: BenchReport, file: string, machineNote: string): void {
  const text = [
    '# Benchmarks',
    '',
    `Latest \`pnpm bench\`${machineNote ? ` (${machineNote})` : ''}:`,
    '',
    formatReport(report),
    '',
    HOW_MEASURED,
  ].join('\n');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
