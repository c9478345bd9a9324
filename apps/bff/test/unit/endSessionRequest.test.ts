import { describe, expect, it } from 'vitest';
import { endSessionRequest, type EndSessionInput } from '../../src/auth/endSessionRequest.js';
import { loadConfig } from '../../src/config/index.js';
import { configProblems } from '../support/config.js';

const input: EndSessionInput = {
  endpoint: new URL('https://id.example.com/logout?p=policy'),
  clientId: 'client',
  idToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.signature',
  subject: 'alice',
  sid: 'sid-1',
  postLogoutRedirectUri: 'https://app.example.com/auth/logged-out',
  state: 'signed-state',
  hint: undefined,
};

describe('the end-session request', () => {
  it('with the ID token is a form POST: the token in its fields, never in the action', () => {
    expect(endSessionRequest(input)).toEqual({
      kind: 'form',
      form: {
        // The endpoint's own query stays; a POST form keeps its action's query.
        action: 'https://id.example.com/logout?p=policy',
        fields: {
          id_token_hint: input.idToken,
          post_logout_redirect_uri: input.postLogoutRedirectUri,
          state: 'signed-state',
          client_id: 'client',
        },
      },
    });
  });

  it('without an ID token and no hint configured: none, local sign-out only', () => {
    expect(endSessionRequest({ ...input, idToken: null })).toBeNull();
  });

  it('with a logout_hint setting is a plain redirect carrying client_id and the hint, and no token', () => {
    const sub = endSessionRequest({ ...input, hint: 'sub' });
    expect(sub).toEqual({
      kind: 'redirect',
      url: 'https://id.example.com/logout?p=policy&post_logout_redirect_uri=https%3A%2F%2Fapp.example.com%2Fauth%2Flogged-out&state=signed-state&client_id=client&logout_hint=alice',
    });
    expect(endSessionRequest({ ...input, hint: 'sid' })).toMatchObject({ url: expect.stringContaining('logout_hint=sid-1') as unknown });
    // No sid from the provider: client_id alone still names the app and its redirect URI.
    const noSid = endSessionRequest({ ...input, hint: 'sid', sid: null, idToken: null });
    expect(noSid?.kind === 'redirect' && new URL(noSid.url).searchParams.has('logout_hint')).toBe(false);
    for (const request of [sub, noSid]) expect(JSON.stringify(request)).not.toContain('eyJ');
  });
});

describe('OIDC_LOGOUT_HINT', () => {
  const env = {
    NODE_ENV: 'test',
    SESSION_SECRET: 'x'.repeat(40),
    DEV_IDP: 'off',
    OIDC_ISSUER: 'https://id.example.com',
    OIDC_CLIENT_ID: 'c',
    OIDC_CLIENT_SECRET: 's',
  };

  it('is off by default; sub or sid applies to the generic provider', () => {
    expect(loadConfig(env).logoutHints).toEqual({});
    expect(loadConfig({ ...env, OIDC_LOGOUT_HINT: 'sub' }).logoutHints).toEqual({ oidc: 'sub' });
    expect(loadConfig({ ...env, OIDC_LOGOUT_HINT: 'SID' }).logoutHints).toEqual({ oidc: 'sid' });
  });

  it('refuses another value, and a setting without the generic provider, naming the variable', () => {
    expect(configProblems({ ...env, OIDC_LOGOUT_HINT: 'email' })).toContain('OIDC_LOGOUT_HINT must be one of off, sub, sid (got "email")');
    expect(configProblems({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), OIDC_LOGOUT_HINT: 'sub' })).toContain(
      'OIDC_LOGOUT_HINT is set, but the generic OpenID Connect provider is not',
    );
  });
});
