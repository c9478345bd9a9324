import type { IncomingMessage } from 'node:http';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';

/** Why a streamed body stopped: it grew past the limit. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = 'BodyTooLarge';
  }
}

/**
 * The request body as a stream for fetch, still streamed (never buffered whole) but cut off at
 * `limit` bytes: for a chunked body, whose size nobody announced, that is the only place to count.
 * Past the limit the stream errors with BodyTooLarge, which aborts the upstream request so the
 * upstream never sees a complete body; the client's request is left unread (not destroyed) so
 * that it can still get its 413.
 */
export function limitedBody(req: IncomingMessage, limit: number): { stream: ReadableStream; exceeded: () => boolean } {
  let seen = 0;
  let exceeded = false;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) {
        exceeded = true;
        callback(new BodyTooLarge(limit));
        return;
      }
      callback(null, chunk);
    },
  });
  // pipe(), not pipeline(): an error here must not destroy the client's socket. A client that
  // goes away mid-body must still abort the upstream request, so that is passed on by hand.
  req.pipe(counter);
  req.once('close', () => {
    if (!req.complete) counter.destroy(new Error('the client aborted the request body'));
  });
  return { stream: Readable.toWeb(counter), exceeded: () => exceeded };
}
