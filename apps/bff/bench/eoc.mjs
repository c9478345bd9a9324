// The peer: express-openid-connect on Express 5, the way its README sets it up for a code flow,
// with a GET /me answering the signed-in user's claims (its counterpart of the BFF's /auth/me).
// ISSUER, PORT, CLIENT_ID, CLIENT_SECRET and SECRET come from the bench.
import express from 'express';
import { auth } from 'express-openid-connect';

const port = Number(process.env.PORT);
const app = express();
app.use(
  auth({
    issuerBaseURL: process.env.ISSUER,
    baseURL: `http://127.0.0.1:${port}`,
    clientID: process.env.CLIENT_ID,
    clientSecret: process.env.CLIENT_SECRET,
    secret: process.env.SECRET,
    authRequired: false,
    // response_type code: eoc sends PKCE (S256) by itself, which the bench's OP requires.
    authorizationParams: { response_type: 'code', scope: 'openid profile email' },
  }),
);
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.get('/me', (req, res) => {
  if (!req.oidc.isAuthenticated()) res.status(401).json({ error: 'unauthenticated' });
  else res.json(req.oidc.user);
});
app.listen(port, '127.0.0.1');
