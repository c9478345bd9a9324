import type { Context } from 'koa';

/**
 * Our pages need no script and load only same-origin images. No form-action: Chrome applies it
 * to the redirects that follow a form post, and ours end at the client's redirect_uri.
 */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

/** Sends one of our HTML pages; never cached, since each is tied to one interaction. */
export function sendHtml(ctx: Context, status: number, body: string): void {
  ctx.status = status;
  ctx.set({
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  ctx.body = body;
}

/** Sends a plain-text response (404, 413, an avatar with its own Content-Type, ...). */
export function sendText(ctx: Context, status: number, text: string, headers: Record<string, string> = {}): void {
  ctx.status = status;
  ctx.set({ 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  ctx.body = text;
}

/** A plain-text answer that is just the status's reason phrase ("Not Found", "Payload Too Large"). */
export function sendStatus(ctx: Context, status: number): void {
  ctx.status = status;
  sendText(ctx, status, ctx.message);
}
