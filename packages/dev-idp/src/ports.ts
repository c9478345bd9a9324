import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago. Tests need it when a server must know its own URL
 * before it listens (the BFF's PUBLIC_URL, a redirect URI registered at the IdP).
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** An IPv6 literal needs brackets in a URL. */
export const urlHost = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
