import pino, { type DestinationStream, type Logger } from 'pino';
import { LogBuffer } from './logBuffer.js';

export type { Logger };

/** What the access log records of one request. */
export interface AccessEntry {
  requestId: string;
  method: string;
  /** The path only, never the query (a callback's query holds the authorization code). */
  path: string;
  status: number;
  ms: number;
}

/** Writes one access line. */
export type AccessLog = (entry: AccessEntry) => void;

/** The logger and the access log, writing to one destination. */
export interface Loggers {
  logger: Logger;
  access: AccessLog;
}

/** Both on one destination (default: stdout, buffered). */
export function createLoggers(level: string, destination: DestinationStream = stdoutDestination()): Loggers {
  return { logger: createLogger(level, destination), access: createAccessLog(level, destination) };
}

/**
 * The access log: the line pino would write at `info` (same fields, same order, same format),
 * built directly. It is written for every request; pino's serialiser measured 3.5 µs a line
 * (8–11 with the redaction paths), a template about 0.5. These are five known fields, so a
 * template and JSON.stringify for the two strings that come from the request do.
 */
function createAccessLog(level: string, destination: DestinationStream): AccessLog {
  const enabled = level !== 'silent' && (pino.levels.values[level] ?? 0) <= pino.levels.values.info!;
  if (!enabled) return () => undefined;
  return (e) =>
    destination.write(
      `{"level":30,"time":${Date.now()},"requestId":${JSON.stringify(e.requestId)},"method":${JSON.stringify(e.method)},"path":${JSON.stringify(e.path)},"status":${e.status},"ms":${e.ms},"msg":"request"}\n`,
    );
}

/**
 * The logger. Redaction is a second line of defence: the code never passes tokens, codes,
 * secrets or cookies to it in the first place (errors are logged through `describeError`).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'res.headers["set-cookie"]',
          '*.access_token',
          '*.refresh_token',
          '*.id_token',
          '*.code',
          '*.client_secret',
          '*.secret',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? stdoutDestination(),
  );
}

/** Lines are written once this many characters are queued, or at the latest after FLUSH_INTERVAL_MS. */
const BUFFER_CHARS = 4096;
const FLUSH_INTERVAL_MS = 200;

let stdout: LogBuffer | undefined;

/**
 * stdout without a write per line: lines are queued (logBuffer.ts) and written together, so that
 * a request's log line costs no system call of its own. The write itself is
 * synchronous, as Node writes a pipe on Linux anyway: an asynchronous one went through the thread
 * pool (a thread to wake for every 4 KB), which measured about 5 % slower on a simple request. A
 * quiet server's lines still appear within FLUSH_INTERVAL_MS; what is queued is written when the
 * process exits, and server.ts flushes at a stop. One per process: there is one stdout.
 */
function stdoutDestination(): DestinationStream {
  if (stdout) return stdout;
  const buffer = new LogBuffer(pino.destination({ dest: 1, sync: true }), BUFFER_CHARS);
  setInterval(() => buffer.flush(), FLUSH_INTERVAL_MS).unref();
  process.once('exit', () => buffer.flushSync());
  return (stdout = buffer);
}

/**
 * A log-safe summary of an error: name, message, code and the chain of causes' names and codes,
 * but never a cause's own fields (openid-client puts token responses and parameters there).
 */
export function describeError(err: unknown, options: { stack?: boolean } = {}): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: typeof err };
  const chain: string[] = [];
  let cause: unknown = err.cause;
  for (let depth = 0; cause instanceof Error && depth < 5; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    chain.push(typeof code === 'string' ? `${cause.name}(${code})` : cause.name);
    cause = cause.cause;
  }
  const code = (err as { code?: unknown }).code;
  return {
    name: err.name,
    message: err.message,
    ...(typeof code === 'string' ? { errorCode: code } : {}),
    ...(chain.length ? { causes: chain } : {}),
    ...(options.stack ? { stack: err.stack } : {}),
  };
}
