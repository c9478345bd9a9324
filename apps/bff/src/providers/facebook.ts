import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { FacebookProviderConfig } from '../config/index.js';
import { AppError, ErrorCode } from '../errors.js';
import { safeImageUrl } from './claims.js';
import { callbackCode, redirectUriOf } from './callback.js';
import { FACEBOOK_JWKS_PATH, FacebookIdTokenVerifier } from './facebookIdToken.js';
import { jsonBody, providerFetch, providerRequest, text, type ProviderCall } from './http.js';
import { pkceChallenge } from './pkce.js';
import { accessTokenExpiresAt } from './tokenLifetime.js';
import type { AuthProvider, LoginFinishInput, LoginStart, SignedInIdentity } from './types.js';
import { randomToken } from '../auth/random.js';

const TokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().optional(),
  id_token: z.string().min(1).optional(),
});
type TokenAnswer = { accessToken: string; expiresIn: number | undefined; idToken: string | undefined };
const GraphErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
  }),
});
const MeSchema = z.object({
  id: z.string().regex(/^\d+$/),
  name: z.string().optional(),
  email: z.string().optional(),
  picture: z.object({ data: z.object({ url: z.string().optional() }).optional() }).optional(),
});

/**
 * Facebook Login: OAuth 2.0 with a versioned dialog, then the Graph API for the profile; the account
 * key is the app-scoped Graph `id`. Classic (the default): no PKCE, no ID token, `state` alone
 * ties the callback to the login. With FACEBOOK_OIDC=on, Facebook's OpenID Connect code flow
 * (documented by Facebook for manually built login flows, "still in testing"): PKCE S256 binds the
 * code to this login, so a stolen code cannot be injected into another, and the ID token (signed
 * by Facebook, carrying our nonce) names the user, whom Graph `/me` must agree with.
 */
export class FacebookProvider implements AuthProvider {
  readonly id = 'facebook';
  readonly name: string;
  readonly imageOrigins: string[];
  private readonly idTokens: FacebookIdTokenVerifier | undefined;

  constructor(
    private readonly options: FacebookProviderConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.name = options.name;
    this.imageOrigins = [options.graphUrl, options.dialogUrl].filter((u) => u.protocol === 'http:').map((u) => u.origin);
    this.idTokens = options.oidc
      ? new FacebookIdTokenVerifier({
          // Facebook's ID tokens say iss https://www.facebook.com: the dialog's origin, no slash.
          issuer: options.dialogUrl.origin,
          clientId: options.clientId,
          jwksUrl: new URL(FACEBOOK_JWKS_PATH, options.dialogUrl),
          fetch: (url, init) => providerFetch(url, init, this.call('jwks')),
          now,
        })
      : undefined;
  }

  private call(step: string): ProviderCall {
    return { provider: this.id, step, timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxResponseBytes };
  }

  private versioned(base: URL, path: string): URL {
    return new URL(`${base.href.replace(/\/+$/, '')}/${this.options.apiVersion}${path}`);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- async, so that a throw here rejects as the OIDC adapter's does
  async startLogin({ state, redirectUri }: { state: string; redirectUri: string }): Promise<LoginStart> {
    const url = this.versioned(this.options.dialogUrl, '/dialog/oauth');
    const params = new URLSearchParams({
      client_id: this.options.clientId,
      redirect_uri: redirectUri,
      state,
      response_type: 'code',
      scope: this.idTokens ? 'openid,email,public_profile' : 'email,public_profile',
    });
    if (!this.idTokens) {
      url.search = params.toString();
      return { url, codeVerifier: null, nonce: null };
    }
    const codeVerifier = randomToken();
    const nonce = randomToken();
    params.set('code_challenge', pkceChallenge(codeVerifier));
    params.set('code_challenge_method', 'S256');
    params.set('nonce', nonce);
    url.search = params.toString();
    return { url, codeVerifier, nonce };
  }

  /** Graph errors ({ error: { type: OAuthException, code, message } }) become provider_error. */
  private graphError(body: unknown, step: string): AppError {
    const parsed = GraphErrorSchema.safeParse(body);
    const e = parsed.success ? parsed.data.error : undefined;
    return new AppError(ErrorCode.ProviderError, {
      detail: `facebook ${step}: ${e?.type ?? 'error'} code=${e?.code ?? '?'}${e?.error_subcode ? ` subcode=${e.error_subcode}` : ''} ${(e?.message ?? '').slice(0, 120)}`,
    });
  }

  private async exchangeCode(code: string, redirectUri: string, codeVerifier: string | null): Promise<TokenAnswer> {
    const where = this.call('token');
    // POST keeps the client secret and the code out of URLs (and so out of any proxy's access log).
    const response = await providerRequest(
      this.versioned(this.options.graphUrl, '/oauth/access_token'),
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          client_id: this.options.clientId,
          client_secret: this.options.clientSecret,
          redirect_uri: redirectUri,
          code,
          ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
        }),
      },
      where,
    );
    // Before Graph v2.3 the answer was form-encoded text: access_token=…&expires=…
    if (response.status === 200 && !response.contentType.includes('json') && /^access_token=/.test(response.text)) {
      const form = new URLSearchParams(response.text);
      const expires = form.get('expires') ?? form.get('expires_in');
      return { accessToken: form.get('access_token')!, expiresIn: expires === null ? undefined : Number(expires), idToken: undefined };
    }
    const body = jsonBody(response, where);
    // An error body is an error whatever the status (a proxy or an older Graph version may say 200).
    if (response.status !== 200 || GraphErrorSchema.safeParse(body).success) throw this.graphError(body, 'token');
    const token = TokenSchema.safeParse(body);
    if (!token.success) throw new AppError(ErrorCode.InvalidResponse, { detail: 'facebook token: answer without access_token' });
    return { accessToken: token.data.access_token, expiresIn: token.data.expires_in, idToken: token.data.id_token };
  }

  private async fetchMe(accessToken: string): Promise<z.infer<typeof MeSchema>> {
    const where = this.call('me');
    const url = this.versioned(this.options.graphUrl, '/me');
    // appsecret_proof proves the call comes from our server, as apps with "Require App Secret" demand.
    const proof = createHmac('sha256', this.options.clientSecret).update(accessToken).digest('hex');
    url.search = new URLSearchParams({ fields: 'id,name,email,picture{url}', appsecret_proof: proof }).toString();
    const response = await providerRequest(url, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } }, where);
    const body = jsonBody(response, where);
    if (response.status !== 200) throw this.graphError(body, 'me');
    const me = MeSchema.safeParse(body);
    if (!me.success) throw new AppError(ErrorCode.InvalidResponse, { detail: 'facebook me: unexpected profile shape' });
    return me.data;
  }

  async finishLogin(input: LoginFinishInput): Promise<SignedInIdentity> {
    const code = callbackCode(input.callbackUrl, this.id, input.state);
    // A login started before FACEBOOK_OIDC was turned on has neither: start again rather than
    // redeem a code without PKCE under the flow that promises it.
    if (this.idTokens && (!input.codeVerifier || !input.nonce)) {
      throw new AppError(ErrorCode.InvalidState, { detail: 'facebook callback: login started without PKCE and nonce' });
    }
    const { accessToken, expiresIn, idToken } = await this.exchangeCode(
      code,
      redirectUriOf(input.callbackUrl),
      this.idTokens ? input.codeVerifier : null,
    );
    let subject: string | undefined;
    if (this.idTokens) {
      if (!idToken) throw new AppError(ErrorCode.InvalidResponse, { detail: 'facebook token: no id_token in the OpenID Connect flow' });
      subject = (await this.idTokens.verify(idToken, input.nonce!)).sub;
    }
    const me = await this.fetchMe(accessToken);
    // As userinfo must name the ID token's sub: a profile of someone else is refused.
    if (subject !== undefined && me.id !== subject)
      throw new AppError(ErrorCode.InvalidResponse, { detail: 'facebook me: id differs from the id_token sub' });
    return {
      sid: null,
      identity: {
        provider: this.id,
        subject: me.id,
        name: text(me.name),
        // The email is missing when the user has none or declined it; Facebook never says "verified".
        email: text(me.email),
        emailVerified: null,
        avatarUrl: safeImageUrl(me.picture?.data?.url),
      },
      tokens: {
        accessToken,
        refreshToken: null,
        idToken: idToken ?? null,
        expiresAt: accessTokenExpiresAt(expiresIn, this.now()),
      },
    };
  }
}
