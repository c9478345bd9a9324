import parse from 'co-body';
import type { Context } from 'koa';

/** A body that could not be read: too large (413), aborted or cut short (400), an unknown encoding (415). */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const clientErrorStatus = (err: unknown): number | undefined => {
  const status = typeof err === 'object' && err !== null ? (err as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
};

/**
 * The request body as text, read by co-body (UTF-8, gzip/deflate undone), at most `limit` bytes:
 * a larger body fails with a 413 BodyError before more is read. The one body reader of the dev
 * IdP and the fakes; each caller passes its own cap.
 */
export async function readText(ctx: Context, limit: number): Promise<string> {
  try {
    // co-body types every result as any; text() resolves with the decoded body.
    return (await parse.text(ctx, { limit })) as string;
  } catch (err) {
    const status = clientErrorStatus(err);
    if (status === undefined) throw err;
    throw new BodyError(status, `cannot read the body: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** An application/x-www-form-urlencoded body, parsed as browsers encode it (WHATWG URLSearchParams). */
export async function readForm(ctx: Context, limit: number): Promise<URLSearchParams> {
  return new URLSearchParams(await readText(ctx, limit));
}
