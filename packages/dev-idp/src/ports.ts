import { createServer } from 'node:net';

/** Ports this process has handed out: the kernel may offer a just-released port again. */
const handedOut = new Set<number>();

function probe(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A loopback port that was free a moment ago and that this process has not handed out before.
 * Tests need it when a server must know its own URL before it listens (the BFF's PUBLIC_URL, a
 * redirect URI registered at the IdP); two such calls before either server listens must not
 * collide.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await probe(host);
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port found that was not already handed out');
}

/** An IPv6 literal needs brackets in a URL. */
export const urlHost = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
