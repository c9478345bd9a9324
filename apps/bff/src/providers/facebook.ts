import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { FacebookProviderConfig } from '../config.js';
import { AppError, ErrorCode } from '../errors.js';
import { safeImageUrl } from './claims.js';
import { callbackCode, redirectUriOf } from './callback.js';
import { jsonBody, providerRequest, text, type ProviderCall } from './http.js';
import { accessTokenExpiresAt } from './tokenLifetime.js';
import type { AuthProvider, LoginFinishInput, LoginStart, SignedInIdentity } from './types.js';

const TokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().optional() });
const GraphErrorSchema = z.object({
  error: z.object({ message: z.string().optional(), type: z.string().optional(), code: z.number().optional(), error_subcode: z.number().optional() }),
});
const MeSchema = z.object({
  id: z.string().regex(/^\d+$/),
  name: z.string().optional(),
  email: z.string().optional(),
  picture: z.object({ data: z.object({ url: z.string().optional() }).optional() }).optional(),
});

/**
 * Facebook Login: plain OAuth 2.0 with a versioned dialog, then the Graph API for the profile.
 * Not OpenID Connect: there is no ID token, so the account key is the Graph `id` for this app.
 */
export class FacebookProvider implements AuthProvider {
  readonly id = 'facebook';
  readonly name: string;
  readonly imageOrigins: string[];

  constructor(
    private readonly options: FacebookProviderConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.name = options.name;
    this.imageOrigins = [options.graphUrl, options.dialogUrl].filter((u) => u.protocol === 'http:').map((u) => u.origin);
  }

  private call(step: string): ProviderCall {
    return { provider: this.id, step, timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxResponseBytes };
  }

  private versioned(base: URL, path: string): URL {
    return new URL(`${base.href.replace(/\/+$/, '')}/${this.options.apiVersion}${path}`);
  }

  async startLogin({ state, redirectUri }: { state: string; redirectUri: string }): Promise<LoginStart> {
    const url = this.versioned(this.options.dialogUrl, '/dialog/oauth');
    url.search = new URLSearchParams({
      client_id: this.options.clientId,
      redirect_uri: redirectUri,
      state,
      response_type: 'code',
      scope: 'email,public_profile',
    }).toString();
    return { url, codeVerifier: null, nonce: null };
  }

  /** Graph errors ({ error: { type: OAuthException, code, message } }) become provider_error. */
  private graphError(body: unknown, step: string): AppError {
    const parsed = GraphErrorSchema.safeParse(body);
    const e = parsed.success ? parsed.data.error : undefined;
    return new AppError(ErrorCode.ProviderError, {
      detail: `facebook ${step}: ${e?.type ?? 'error'} code=${e?.code ?? '?'}${e?.error_subcode ? ` subcode=${e.error_subcode}` : ''} ${(e?.message ?? '').slice(0, 120)}`,
    });
  }

  private async exchangeCode(code: string, redirectUri: string): Promise<{ accessToken: string; expiresIn: number | undefined }> {
    const where = this.call('token');
    // POST keeps the client secret and the code out of URLs (and so out of any proxy's access log).
    const response = await providerRequest(
      this.versioned(this.options.graphUrl, '/oauth/access_token'),
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ client_id: this.options.clientId, client_secret: this.options.clientSecret, redirect_uri: redirectUri, code }),
      },
      where,
    );
    // Before Graph v2.3 the answer was form-encoded text: access_token=…&expires=…
    if (response.status === 200 && !response.contentType.includes('json') && /^access_token=/.test(response.text)) {
      const form = new URLSearchParams(response.text);
      const expires = form.get('expires') ?? form.get('expires_in');
      return { accessToken: form.get('access_token')!, expiresIn: expires === null ? undefined : Number(expires) };
    }
    const body = jsonBody(response, where);
    // An error body is an error whatever the status (a proxy or an older Graph version may say 200).
    if (response.status !== 200 || GraphErrorSchema.safeParse(body).success) throw this.graphError(body, 'token');
    const token = TokenSchema.safeParse(body);
    if (!token.success) throw new AppError(ErrorCode.InvalidResponse, { detail: 'facebook token: answer without access_token' });
    return { accessToken: token.data.access_token, expiresIn: token.data.expires_in };
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
    const { accessToken, expiresIn } = await this.exchangeCode(code, redirectUriOf(input.callbackUrl));
    const me = await this.fetchMe(accessToken);
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
        idToken: null,
        expiresAt: accessTokenExpiresAt(expiresIn, this.now()),
      },
    };
  }
}
