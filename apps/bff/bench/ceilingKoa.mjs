// The ceiling: the least any BFF could do to answer a signed-in GET /auth/me, as a bare Koa 3 app.
// MODE=headers: the BFF's response headers (passed in HEADERS, plus a new X-Request-Id each time)
// on the /auth/me body. MODE=sqlite / postgres: that, plus reading the session row named by the
// cookie from the BFF's own database (one indexed read; no signature check, no expiry check, no
// identity, no log line). Plain JS, like bareKoa.mjs. PORT, HOST, BODY, HEADERS, DATABASE come from the bench.
import { createHash, randomUUID } from 'node:crypto';
import Koa from 'koa';

const mode = process.env.MODE;
const body = JSON.parse(process.env.BODY ?? '{}');
const headers = Object.entries(JSON.parse(process.env.HEADERS ?? '{}'));
const COOKIE = /(?:^|;) *(?:__Host-)?sso\.sid=([A-Za-z0-9_-]{43})\./;

let read = null;
if (mode === 'sqlite') {
  const { default: Database } = await import('better-sqlite3');
  const statement = new Database(process.env.DATABASE, { readonly: true, fileMustExist: true }).prepare(
    'SELECT data FROM sessions WHERE id_hash = ?',
  );
  read = (idHash) => Promise.resolve(statement.get(idHash));
} else if (mode === 'postgres') {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: process.env.DATABASE, max: 10 });
  read = async (idHash) =>
    (await pool.query({ name: 'session', text: 'SELECT data FROM sessions WHERE id_hash = $1', values: [idHash] })).rows[0];
} else if (mode !== 'headers') {
  throw new Error(`MODE must be headers, sqlite or postgres, not ${mode}`);
}

const app = new Koa();
app.use(async (ctx) => {
  if (ctx.path === '/ready') return void (ctx.body = 'ok');
  ctx.res.setHeader('X-Request-Id', randomUUID());
  for (const [name, value] of headers) ctx.res.setHeader(name, value);
  if (read) {
    const id = COOKIE.exec(ctx.get('Cookie'))?.[1];
    const row = id ? await read(createHash('sha256').update(id).digest('base64url')) : undefined;
    if (!row) return void (ctx.status = 401);
  }
  ctx.body = body;
});
app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
