import { CEILING_MODES } from './ceiling.js';
import { DISTURBED_SHARE } from './disturbance.js';
import type { MemorySteps } from './memory.js';
import type { BenchReport } from './report.js';
import type { ServerId } from './rounds.js';
import { evaluateTargets } from './targets.js';

export const serverNames: Record<ServerId, string> = {
  koa: 'bare Koa 3',
  sqlite: 'BFF, SQLite',
  postgres: 'BFF, PostgreSQL',
  eoc: 'express-openid-connect',
};

const MB = 2 ** 20;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
/** The five memory readings, in order. */
const steps = (s: MemorySteps) => [s.started, s.warmedUp, s.afterStored, s.afterFirstBatch, s.afterSecondBatch].map(mb).join(', ');
const fixed = (value: number | null | undefined, digits: number, unit = '') =>
  value === null || value === undefined ? '–' : `${value.toFixed(digits)}${unit}`;
const int = (value: number | null | undefined) => (value === null || value === undefined ? '–' : Math.round(value).toLocaleString('en-US'));
const pct = (share: number | null | undefined) => (share === null || share === undefined ? '–' : `${Math.round(share * 100)} %`);

/** A Markdown table (also readable as plain text). */
function table(header: string[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

/** The targets, met or not (reporting only). */
export function targetLines(report: BenchReport): string[] {
  const verdict = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'not met');
  return table(
    ['Target', 'Measured', 'Met'],
    evaluateTargets(report).map((t) => [t.target, t.measured, verdict(t.met)]),
  );
}

/**
 * The ceiling: bare Koa apps doing only the least a BFF could do for a signed-in /auth/me. No BFF
 * that sends these headers and reads its session from the database can beat these ratios here.
 */
function ceilingLines(report: BenchReport): string[] {
  const ceiling = report.ceiling;
  if (!ceiling) return ['The ceiling: not measured.', ''];
  return [
    `The ceiling (\`apps/bff/bench/ceilingKoa.mjs\`): bare Koa 3 apps that do only the least a BFF could do for a signed-in \`GET /auth/me\` ` +
      `(no signature or expiry check, no identity, no log line, no routing), loaded like the phases above, interleaved with bare Koa; medians over ${ceiling.rounds} rounds after a warm-up.`,
    '',
    ...table(
      ['Ceiling', 'req/s', '× bare Koa', 'server CPU µs/req', 'of which kernel'],
      ceiling.rows.map((row) => [
        CEILING_MODES[row.mode],
        int(row.requestsPerSec),
        fixed(row.ratioToKoa, 2),
        fixed(row.serverCpuUs, 0),
        fixed(row.kernelCpuUs, 0),
      ]),
    ),
    '',
  ];
}

/** The whole result as Markdown: targets, load, sign-ins, servers, memory, the run's conditions. */
export function formatReport(report: BenchReport): string {
  const loads = report.phases.filter((p) => p.load);
  const signIns = report.phases.filter((p) => p.signIn);
  const startup = report.startup;
  const memory = report.memory;
  const repeated = report.phases.reduce((n, p) => n + p.repeats, 0);
  const stillDisturbed = report.phases.reduce((n, p) => n + p.disturbedRounds, 0);
  const lines = [
    `${report.startedAt.slice(0, 16).replace('T', ' ')} UTC, Node ${report.environment.node}, ${report.environment.cpus} CPUs (${report.environment.cpuModel}), ${report.environment.platform}` +
      (report.quick ? ' — **BENCH_QUICK=1: short phases, not figures to quote**' : ''),
    '',
    `Pinning: ${report.pinning}.`,
    `Where each ran (allowed CPUs): ${Object.entries(report.placement)
      .map(([name, cpus]) => `${name} ${cpus}`)
      .join(', ')}.`,
    ...(report.postgresSkipped ? ['', `PostgreSQL: skipped (${report.postgresSkipped}).`] : []),
    ...(report.failures.length > 0 ? ['', ...report.failures.map((f) => `**Setup failed:** ${f}`)] : []),
    '',
    ...targetLines(report),
    '',
    `Load: autocannon, ${report.options.connections} connections, ${report.options.loadS} s per phase; medians over ${report.options.rounds} rounds after a warm-up round.`,
    '',
    ...table(
      [
        'Server',
        'Request',
        'req/s',
        'p99',
        '× bare Koa',
        'server CPU µs/req',
        'of which kernel',
        'PostgreSQL CPU µs/req',
        'server busy',
        'load generator busy',
        'clean rounds',
        'repeats',
      ],
      loads.map((p) => [
        serverNames[p.server],
        p.what,
        int(p.load!.requestsPerSec),
        fixed(p.load!.p99Ms, 0, ' ms'),
        fixed(p.load!.ratioToKoa, 2),
        fixed(p.load!.serverCpuUs, 0),
        fixed(p.load!.kernelCpuUs, 0),
        p.server === 'postgres' ? fixed(p.load!.databaseCpuUs, 0) : '',
        pct(p.load!.serverShare),
        pct(p.load!.benchShare),
        `${p.rounds - p.disturbedRounds} / ${p.rounds}`,
        String(p.repeats),
      ]),
    ),
    '',
    ...ceilingLines(report),
    `Sign-ins: ${report.options.signIns} per round, one after the other (RP login redirect → OP authorize → RP callback); CPU of the server's own process ÷ sign-ins.`,
    '',
    ...table(
      [
        'Server',
        'CPU ms per sign-in',
        'PostgreSQL CPU ms per sign-in',
        'one sign-in (wall)',
        'sign-ins counted: ok / failed',
        'session works',
        'clean rounds',
        'repeats',
      ],
      signIns.map((p) => [
        serverNames[p.server],
        fixed(p.signIn!.serverCpuMs, 2),
        p.server === 'postgres' ? fixed(p.signIn!.databaseCpuMs, 2) : '',
        fixed(p.signIn!.medianMs, 1, ' ms'),
        `${p.signIn!.completed} / ${p.signIn!.failed}`,
        p.signIn!.sessionWorks ? 'yes' : 'NO',
        `${p.rounds - p.disturbedRounds} / ${p.rounds}`,
        String(p.repeats),
      ]),
    ),
    ...signIns.filter((p) => p.signIn!.firstError).map((p) => `- ${serverNames[p.server]}: first failed sign-in: ${p.signIn!.firstError}`),
    '',
    ...table(
      ['Server', 'CPUs', 'RSS after the rounds', 'Cookie header after sign-in', 'log lines'],
      report.servers.map((s) => [
        serverNames[s.id],
        s.cpus,
        mb(s.rssAfterRounds),
        s.cookie
          ? `${s.cookie.bytes} bytes, ${s.cookie.count} cookie${s.cookie.count === 1 ? '' : 's'} (${s.cookie.names.join(', ')})`
          : '',
        int(s.logLines),
      ]),
    ),
    '',
    startup
      ? `Start-up of the production build (\`node --no-memory-reducer dist/main.js\`, fresh SQLite file, spawn to the first 200 on /healthz, polled every 5 ms): median ${fixed(startup.medianMs, 0, ' ms')} of ${startup.readyMs.map((ms) => ms.toFixed(0)).join(', ')} ms.`
      : 'Start-up: not measured.',
    '',
    memory
      ? `Memory (BFF on SQLite, its own process and file; each reading after a full garbage collection, asked for through the inspector): ` +
        `RSS ${mb(memory.rss.started)} at start, ${mb(memory.rss.warmedUp)} warmed up, ` +
        `${mb(memory.rss.afterStored)} after ${int(memory.storedSessions)} sessions stored, ${mb(memory.rss.afterFirstBatch)} after ${int(memory.batchSignIns)} sign-ins more, ` +
        `${mb(memory.rss.afterSecondBatch)} after a second ${int(memory.batchSignIns)} sign-ins (${memory.concurrency} at a time; ${memory.failed} failed${memory.firstError ? `: ${memory.firstError}` : ''}). ` +
        `Just before each collection: ${steps(memory.rssBeforeCollection)}. JavaScript heap kept: ${steps(memory.heapUsed)}; ` +
        `${int(memory.sessionRows)} session rows at the end; ${memory.elapsedS.toFixed(0)} s.`
      : 'Memory: not measured.',
    '',
    `SPA: ${report.spa.gzipBytes === null ? '–' : `${(report.spa.gzipBytes / 1024).toFixed(1)} KB`} gzip (${report.spa.method}).`,
    '',
    `Disturbance: a phase during which other processes used more than ${Math.round(DISTURBED_SHARE * 100)} % of a core ran again ` +
      `(up to ${report.options.maxAttempts} times in all, within ${report.options.repeatBudgetS} s of repeats shared by the rounds): ${repeated} repeats; ` +
      `${stillDisturbed} kept phases still disturbed. Medians are over the clean rounds when a phase has one, else over all ` +
      `(a ratio: rounds where both it and bare Koa were clean). Whole run ${report.totalS.toFixed(0)} s.`,
  ];
  return lines.join('\n');
}
