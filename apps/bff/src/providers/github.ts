import { z } from 'zod';
import type { GitHubProviderConfig } from '../config/index.js';
import { AppError, ErrorCode } from '../errors.js';
import { safeImageUrl } from './claims.js';
import { callbackCode, redirectUriOf } from './callback.js';
import { jsonBody, providerRequest, text, type ProviderCall } from './http.js';
import { accessTokenExpiresAt } from './tokenLifetime.js';
import type { AuthProvider, LoginFinishInput, LoginStart, SignedInIdentity } from './types.js';
import { randomToken } from '../auth/random.js';
import { pkceChallenge } from './pkce.js';

// GitHub refuses API calls without a User-Agent.
const USER_AGENT = 'sso-bff (+https://github.com/)';

const TokenSchema = z.object({
  access_token: z.string().min(1),
  scope: z.string().optional(),
  token_type: z.string().optional(),
  // Only a GitHub App with expiring user tokens sends it (8 hours); OAuth app tokens do not expire.
  expires_in: z.coerce.number().optional(),
});
const ErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });
const UserSchema = z.object({
  id: z.number().int().positive(),
  login: z.string(),
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  avatar_url: z.string().nullable().optional(),
});
const EmailsSchema = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }));

/** Picks the email to show: the primary verified one; else the public one, verified only if the list says so. */
export function chooseGitHubEmail(
  publicEmail: string | null,
  emails: z.infer<typeof EmailsSchema>,
): { email: string | null; verified: boolean | null } {
  const primary = emails.find((e) => e.primary && e.verified);
  if (primary) return { email: primary.email, verified: true };
  if (publicEmail) {
    const listed = emails.find((e) => e.email.toLowerCase() === publicEmail.toLowerCase());
    return { email: publicEmail, verified: listed ? listed.verified : null };
  }
  const unverified = emails.find((e) => e.primary);
  return unverified ? { email: unverified.email, verified: false } : { email: null, verified: null };
}

/**
 * A GitHub OAuth app: OAuth 2.0 (with PKCE) and the REST API. Not OpenID Connect: the account key
 * is the numeric user id, never the login (which can be renamed) or the email.
 */
export class GitHubProvider implements AuthProvider {
  readonly id = 'github';
  readonly name: string;
  readonly imageOrigins: string[];

  constructor(
    private readonly options: GitHubProviderConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.name = options.name;
    this.imageOrigins = [options.apiUrl, options.webUrl].filter((u) => u.protocol === 'http:').map((u) => u.origin);
  }

  private call(step: string): ProviderCall {
    return { provider: this.id, step, timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxResponseBytes };
  }

  private url(base: URL, path: string): URL {
    return new URL(`${base.href.replace(/\/+$/, '')}${path}`);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- async, so that a throw here rejects as the OIDC adapter's does
  async startLogin({ state, redirectUri }: { state: string; redirectUri: string }): Promise<LoginStart> {
    const codeVerifier = randomToken();
    const url = this.url(this.options.webUrl, '/login/oauth/authorize');
    url.search = new URLSearchParams({
      client_id: this.options.clientId,
      redirect_uri: redirectUri,
      scope: 'read:user user:email',
      state,
      code_challenge: pkceChallenge(codeVerifier),
      code_challenge_method: 'S256',
      allow_signup: 'true',
    }).toString();
    return { url, codeVerifier, nonce: null };
  }

  private async exchangeCode(code: string, redirectUri: string, codeVerifier: string | null): Promise<z.infer<typeof TokenSchema>> {
    const where = this.call('token');
    const response = await providerRequest(
      this.url(this.options.webUrl, '/login/oauth/access_token'),
      {
        method: 'POST',
        // Without this GitHub answers form-encoded.
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'user-agent': USER_AGENT },
        body: new URLSearchParams({
          client_id: this.options.clientId,
          client_secret: this.options.clientSecret,
          code,
          redirect_uri: redirectUri,
          ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
        }),
      },
      where,
    );
    const body = jsonBody(response, where);
    // GitHub reports token errors with HTTP 200 and an `error` field.
    const error = ErrorSchema.safeParse(body);
    if (error.success) throw new AppError(ErrorCode.ProviderError, { detail: `github token: error=${error.data.error.slice(0, 60)}` });
    if (response.status !== 200) throw new AppError(ErrorCode.ProviderError, { detail: `github token: HTTP ${response.status}` });
    const token = TokenSchema.safeParse(body);
    if (!token.success) throw new AppError(ErrorCode.InvalidResponse, { detail: 'github token: answer without access_token' });
    return token.data;
  }

  private async api(path: string, accessToken: string): Promise<{ status: number; body: unknown }> {
    const where = this.call(path);
    const response = await providerRequest(
      this.url(this.options.apiUrl, path),
      {
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: 'application/vnd.github+json',
          'user-agent': USER_AGENT,
          'x-github-api-version': '2022-11-28',
        },
      },
      where,
    );
    return { status: response.status, body: response.status === 200 ? jsonBody(response, where) : undefined };
  }

  async finishLogin(input: LoginFinishInput): Promise<SignedInIdentity> {
    const code = callbackCode(input.callbackUrl, this.id, input.state);
    const token = await this.exchangeCode(code, redirectUriOf(input.callbackUrl), input.codeVerifier);
    const accessToken = token.access_token;
    const userAnswer = await this.api('/user', accessToken);
    if (userAnswer.status !== 200) throw new AppError(ErrorCode.ProviderError, { detail: `github /user: HTTP ${userAnswer.status}` });
    const user = UserSchema.safeParse(userAnswer.body);
    if (!user.success) throw new AppError(ErrorCode.InvalidResponse, { detail: 'github /user: unexpected shape' });

    // The email list needs the user:email scope; without it (or on any error) we fall back to the public email.
    const emailsAnswer = await this.api('/user/emails', accessToken);
    const emails = emailsAnswer.status === 200 ? EmailsSchema.safeParse(emailsAnswer.body) : undefined;
    const chosen = chooseGitHubEmail(text(user.data.email), emails?.success ? emails.data : []);
    return {
      sid: null,
      identity: {
        provider: this.id,
        subject: String(user.data.id),
        name: text(user.data.name) ?? user.data.login,
        email: chosen.email,
        emailVerified: chosen.verified,
        avatarUrl: safeImageUrl(user.data.avatar_url),
      },
      tokens: {
        accessToken,
        refreshToken: null,
        idToken: null,
        // No expires_in is GitHub's documented answer for OAuth app tokens, which do not expire (only
        // revocation ends them), not a missing value: a default lifetime would only end the session at
        // its next API call with nothing to refresh. The session's own lifetime still bounds its use.
        expiresAt: token.expires_in === undefined ? null : accessTokenExpiresAt(token.expires_in, this.now()),
      },
    };
  }
}
