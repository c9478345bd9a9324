// Runs in Node without React installed: the client and the profile schema load and work.
import { createClient, withLoginParams } from '@sso/client';
import { MeResponseSchema, messageFor } from '@sso/profile';

const me = JSON.parse(process.argv[2]);
const seen = [];
const client = createClient({
  baseUrl: 'https://bff.example',
  fetch: async (url, init) => {
    seen.push({ url: String(url), credentials: init?.credentials });
    return new Response(JSON.stringify(me), { headers: { 'content-type': 'application/json' } });
  },
});
const session = await client.me();
console.log(
  JSON.stringify({
    resolved: [import.meta.resolve('@sso/client'), import.meta.resolve('@sso/profile')],
    name: session?.user.name,
    seen,
    valid: MeResponseSchema.safeParse(session).success,
    message: messageFor('access_denied'),
    loginUrl: withLoginParams('https://bff.example/auth/login/dev', '/profile'),
  }),
);
