import { WebSocket } from 'undici';

const TIMEOUT_MS = 30_000;

/**
 * A full garbage collection in another Node process started with `--inspect=127.0.0.1:<port>`,
 * through the inspector protocol (HeapProfiler.collectGarbage), then the JavaScript heap it kept
 * (Runtime.getHeapUsage). Only the bench's memory process is started so: RSS read at an arbitrary
 * moment depends on where V8's collector happened to be (seen: ±18 MB between equal batches),
 * after a full collection it is what the process holds.
 */
export async function collectGarbage(inspectPort: number): Promise<{ heapUsedBytes: number }> {
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`, { signal })).json()) as {
    webSocketDebuggerUrl?: string;
  }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on 127.0.0.1:${inspectPort}`);
  const socket = new WebSocket(url);
  const answers = new Map<number, (result: unknown) => void>();
  let failed: (err: Error) => void = () => undefined;
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.error) failed(new Error(`inspector: ${message.error.message}`));
    else if (message.id !== undefined) answers.get(message.id)?.(message.result);
  };
  const done = new Promise<never>((_, reject) => {
    failed = reject;
    socket.onerror = () => reject(new Error(`inspector connection to 127.0.0.1:${inspectPort} failed`));
    signal.addEventListener('abort', () => reject(new Error(`inspector on 127.0.0.1:${inspectPort}: no answer in ${TIMEOUT_MS} ms`)));
  });
  let next = 0;
  const call = <R>(method: string): Promise<R> =>
    Promise.race([
      new Promise<R>((resolve) => {
        next += 1;
        answers.set(next, resolve as (result: unknown) => void);
        socket.send(JSON.stringify({ id: next, method }));
      }),
      done,
    ]);
  try {
    await Promise.race([new Promise((resolve) => (socket.onopen = resolve)), done]);
    await call('HeapProfiler.collectGarbage');
    const usage = await call<{ usedSize: number }>('Runtime.getHeapUsage');
    return { heapUsedBytes: usage.usedSize };
  } finally {
    socket.close();
  }
}
