import { createServer } from 'node:net';

/**
 * Where {@link freePort} looks: below the kernel's range for `listen(0)` (Linux 32768–60999, macOS
 * 49152–65535). A port handed out from there cannot be taken, between the probe and the server's
 * own listen, by a server elsewhere on the machine that listens on port 0, which the kernel's own
 * choice could (seen: a test file's start failing with EADDRINUSE while other files ran in parallel).
 */
const BAND_START = 20_000;
const BAND_SIZE = 12_000;

/** Ports this process has handed out: each one once. */
const handedOut = new Set<number>();

/**
 * Each process walks the band from its own place (from its pid), so that processes running side by
 * side, such as parallel test workers, do not probe the same ports at the same time.
 */
let next = BAND_START + ((process.pid * 7919) % BAND_SIZE);

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * A loopback port that was free a moment ago and that this process has not handed out before.
 * Tests need it when a server must know its own URL before it listens (the BFF's PUBLIC_URL, a
 * redirect URI registered at the IdP); two such calls before either server listens must not
 * collide.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const port = next;
    next = BAND_START + ((next - BAND_START + 1) % BAND_SIZE);
    if (handedOut.has(port)) continue;
    if (await canListen(host, port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port found between ${BAND_START} and ${BAND_START + BAND_SIZE - 1}`);
}

/** An IPv6 literal needs brackets in a URL. */
export const urlHost = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
