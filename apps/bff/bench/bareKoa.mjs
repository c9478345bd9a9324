// The comparator: a bare Koa 3 app, no middleware, answering GET / with the JSON body the BFF's
// GET /auth/me gives a signed-in user (BODY, the same bytes). Plain JS so nothing but Node and Koa
// runs at request time. PORT, HOST and BODY come from the bench.
import Koa from 'koa';

const body = JSON.parse(process.env.BODY ?? '{}');
const app = new Koa();
app.use((ctx) => {
  if (ctx.method === 'GET' && ctx.path === '/') ctx.body = body; // Koa serialises it per request, as a handler would
});
app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
