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
 * Set-Cookie the proxy must not pass on).
 */
export async function startRecordingUpstream(): Promise<{ url: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.setHeader('Set-Cookie', 'upstream=evil; Path=/');
      res.setHeader('X-Upstream-Secret', 'internal');
      res.setHeader('Content-Type', 'application/json');
      res.statusCode = req.url?.includes('teapot') ? 418 : 200;
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
