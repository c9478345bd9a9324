// A consumer's file, type-checked against the installed tarballs (not the workspace sources).
import { createClient, isTemporarilyUnavailable, SsoError, type MeResponse, type SsoClient } from '@sso/client';
import { RequireSession, SsoProvider, useSession, type SessionStatus } from '@sso/client/react';
import { messageFor, type ErrorCode } from '@sso/profile';

const client: SsoClient = createClient({ baseUrl: 'https://app.example.com', onSessionEnded: () => undefined });

export async function signedInEmail(): Promise<string | null> {
  const session: MeResponse | null = await client.me();
  return session?.user.email ?? null;
}

export function describeFailure(error: unknown): string {
  if (!(error instanceof SsoError)) return 'unknown';
  return isTemporarilyUnavailable(error) ? `retry in ${error.retryAfter ?? 5} s` : messageFor(error.code);
}

function Profile() {
  const { status, session, refresh } = useSession();
  const shown: SessionStatus = status;
  return (
    <button type="button" onClick={() => void refresh()}>
      {shown}: {session?.user.name ?? 'nobody'}
    </button>
  );
}

export const app = (
  <SsoProvider client={client}>
    <RequireSession fallback={<p>Checking…</p>} navigate={(to) => console.log(to)}>
      <Profile />
    </RequireSession>
  </SsoProvider>
);

export const known: ErrorCode = 'access_denied';

// The published types are real types, not `any`: each line below must be refused.
// @ts-expect-error me() answers a MeResponse or null
export const notAString: Promise<string> = client.me();
// @ts-expect-error not one of the API's error codes
export const notACode: ErrorCode = 'no_such_code';
// @ts-expect-error SsoProvider needs a client
export const noClient = <SsoProvider />;
