import * as client from 'openid-client';
import type { OidcProviderConfig, TokenAuthMethod } from '../config/index.js';
import type { Logger } from '../logger.js';
import { describeError } from '../logger.js';
import { holdsStoredClaims, identityFromOidcClaims } from './claims.js';
import { translateProviderError } from './errors.js';
import { PROVIDER_TIMEOUT_MS, providerFetch } from './http.js';
import { IdTokenSignature } from './idTokenSignature.js';
import { pkceChallenge } from './pkce.js';
import { LogoutTokenVerifier, type ClaimOnce } from './logoutToken.js';
import { accessTokenExpiresAt } from './tokenLifetime.js';
import type { AuthProvider, LoginFinishInput, LoginStart, ProviderTokens, SignedInIdentity } from './types.js';
import { AppError, ErrorCode } from '../errors.js';
import { randomToken } from '../auth/random.js';

/**
 * A configuration's server metadata, read once: openid-client's `serverMetadata()` returns a deep
 * copy at every call (three per sign-in), and discovery's answer never changes afterwards.
 */
type Metadata = ReturnType<client.Configuration['serverMetadata']>;
const metadataCache = new WeakMap<client.Configuration, Metadata>();
function serverMetadata(config: client.Configuration): Metadata {
  let metadata = metadataCache.get(config);
  if (!metadata) metadataCache.set(config, (metadata = config.serverMetadata()));
  return metadata;
}

/** How far an ID token's iat may be ahead of our clock: openid-client's own tolerance for exp. */
const ID_TOKEN_CLOCK_TOLERANCE_MS = 30_000;

/**
 * What `auto` picks from the methods the provider advertises. client_secret_basic is RFC 8414 §2's
 * default. But openid-client form-encodes Basic credentials as RFC 6749 §2.3.1 says (`-` travels as
 * `%2D`), and many servers compare them without decoding (SimpleLogin among them): so when both are
 * offered and the id or secret holds anything but letters and digits, the form body is safer.
 */
export function chooseTokenAuthMethod(supported: unknown, clientId: string, secret: string): 'client_secret_basic' | 'client_secret_post' {
  const methods = Array.isArray(supported) ? supported : ['client_secret_basic'];
  const post = methods.includes('client_secret_post');
  if (!post) return 'client_secret_basic';
  if (!methods.includes('client_secret_basic')) return 'client_secret_post';
  return /^[A-Za-z0-9]*$/.test(clientId) && /^[A-Za-z0-9]*$/.test(secret) ? 'client_secret_basic' : 'client_secret_post';
}

/** Client authentication as configured, or (`auto`) as {@link chooseTokenAuthMethod} picks from the provider's metadata. */
function clientAuth(clientId: string, secret: string, method: TokenAuthMethod): client.ClientAuth {
  const basic = client.ClientSecretBasic(secret);
  const post = client.ClientSecretPost(secret);
  if (method === 'client_secret_basic') return basic;
  if (method === 'client_secret_post') return post;
  return (as, metadata, body, headers) => {
    const chosen = chooseTokenAuthMethod(as.token_endpoint_auth_methods_supported, clientId, secret);
    (chosen === 'client_secret_post' ? post : basic)(as, metadata, body, headers);
  };
}

/** Whether the token endpoint refused our client itself (RFC 6749 §5.2), not the code. */
function isClientRefused(err: unknown): boolean {
  const e = err as { error?: unknown; status?: unknown; cause?: unknown };
  if (e.error === 'invalid_client' || e.error === 'unauthorized_client' || e.status === 401) return true;
  // Non-standard codes that still say so, e.g. SimpleLogin's "wrong client-id or client-secret".
  if (typeof e.error === 'string' && /client/i.test(e.error)) return true;
  if (err instanceof client.WWWAuthenticateChallengeError) return true;
  return false;
}

/** A provider found through OpenID Connect Discovery and driven by openid-client. */
export class OidcProvider implements AuthProvider {
  readonly id: string;
  readonly name: string;
  readonly imageOrigins: string[];
  private configuration: Promise<client.Configuration> | undefined;
  /** The last discovery's outcome, for readiness: never a call of its own. */
  private discovery: { status: 'ok' | 'unknown' | 'down'; detail?: string } = { status: 'unknown', detail: 'not used yet' };
  /** Made after discovery, once; it remembers the jti values it has seen. */
  private logoutTokens: LogoutTokenVerifier | undefined;
  /** Made after discovery, once; it keeps the provider's published keys. */
  private idTokenSignature: IdTokenSignature | undefined;

  constructor(
    private readonly options: OidcProviderConfig,
    private readonly logger: Logger,
    /** Where seen logout-token jti values are recorded (the store, shared by all instances). */
    private readonly claimOnce?: ClaimOnce,
    /** The app's clock (tests move it): token expiry is on the same clock that checks it. */
    private readonly now: () => number = Date.now,
  ) {
    this.id = options.id;
    this.name = options.name;
    // Loopback issuers (dev IdP) serve avatars over http, which the CSP must name explicitly.
    this.imageOrigins = options.issuer.protocol === 'http:' ? [options.issuer.origin] : [];
  }

  /** Every request openid-client and the logout-token verifier make goes through {@link providerFetch}. */
  private readonly fetch = (url: string, init: RequestInit) =>
    providerFetch(url, init, {
      provider: this.id,
      step: 'request',
      timeoutMs: this.options.timeoutMs,
      maxBytes: this.options.maxResponseBytes,
    });

  /**
   * Discovery runs on first use, not at start-up, so the BFF starts while a provider is down; a
   * failed discovery is forgotten, so the next sign-in tries again and recovers by itself.
   */
  private discover(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        this.options.issuer,
        this.options.clientId,
        {
          // OpenID Connect Core §3.1.3.7 (7): the algorithm is pinned, not taken from the token.
          id_token_signed_response_alg: 'RS256',
        },
        clientAuth(this.options.clientId, this.options.clientSecret, this.options.tokenAuthMethod),
        {
          timeout: (this.options.timeoutMs ?? PROVIDER_TIMEOUT_MS) / 1000,
          // Discovery, and through the configuration every later call: token, userinfo, JWKS, refresh.
          [client.customFetch]: (url, init) => this.fetch(url, init as RequestInit),
          execute: [
            // Plain http only for loopback issuers; config.ts refuses any other http issuer.
            ...(this.options.allowInsecureRequests ? [client.allowInsecureRequests] : []),
            // Not enableNonRepudiationChecks: the ID token's signature is checked all the same, by
            // verifyIdTokenSignature, even though the token came straight from the token endpoint.
          ],
        },
      )
      .then((configuration) => {
        // Every later call is bounded by providerFetch's own timeout: without this, openid-client
        // would add an AbortSignal.timeout to each (a timer and a signal that live 10 s on).
        configuration.timeout = 0;
        this.discovery = { status: 'ok' };
        return configuration;
      })
      .catch((err: unknown) => {
        this.configuration = undefined;
        this.discovery = { status: 'down', detail: `discovery failed at ${new Date().toISOString()}` };
        this.logger.warn({ provider: this.id, failure: describeError(err) }, 'provider discovery failed');
        throw translateProviderError(err, this.id, 'discovery');
      });
    return this.configuration;
  }

  /**
   * The ID token's signature (Core §3.1.3.7 (6)), RS256 by one of the provider's published keys,
   * checked before anything is taken from it (the userinfo call, the identity, the session).
   */
  private async verifyIdTokenSignature(config: client.Configuration, idToken: string, step: string): Promise<void> {
    if (!this.idTokenSignature) {
      const jwksUri = URL.parse(serverMetadata(config).jwks_uri ?? '');
      // https only, as openid-client holds its own calls to (plain http only for a loopback issuer).
      if (!jwksUri || (jwksUri.protocol !== 'https:' && !(jwksUri.protocol === 'http:' && this.options.allowInsecureRequests))) {
        throw new AppError(ErrorCode.InvalidResponse, { detail: `${this.id} ${step}: discovery names no https jwks_uri` });
      }
      this.idTokenSignature = new IdTokenSignature(this.id, jwksUri, this.fetch, this.options.timeoutMs ?? PROVIDER_TIMEOUT_MS);
    }
    await this.idTokenSignature.verify(idToken, step);
  }

  health() {
    return this.discovery;
  }

  /** Says plainly what to fix: a refused client is configuration, not a user's failure. */
  private logClientRefused(err: unknown, when: string, log: Logger = this.logger): void {
    log.error(
      { provider: this.id, failure: describeError(err) },
      `the provider refused our client ${when}: the client id, secret or authentication method is wrong; check ${this.options.credentialsHint ?? `the ${this.id} client id and secret`}`,
    );
  }

  async startLogin({ state, redirectUri }: { state: string; redirectUri: string }): Promise<LoginStart> {
    const config = await this.discover();
    const metadata = serverMetadata(config);
    const nonce = randomToken();
    const parameters: Record<string, string> = {
      ...this.options.authParams,
      redirect_uri: redirectUri,
      scope: this.options.scopes.join(' '),
      response_type: 'code',
      state,
      nonce,
    };
    // PKCE wherever the provider supports it (RFC 9700 §2.1.1); without it, state and nonce remain.
    let codeVerifier: string | null = null;
    if (metadata.supportsPKCE('S256')) {
      codeVerifier = randomToken();
      parameters.code_challenge = pkceChallenge(codeVerifier);
      parameters.code_challenge_method = 'S256';
    }
    return { url: client.buildAuthorizationUrl(config, parameters), codeVerifier, nonce };
  }

  async finishLogin(input: LoginFinishInput): Promise<SignedInIdentity> {
    const config = await this.discover();
    // RFC 9207: checked here too, so that the log can tell a misconfigured issuer (expected and
    // received side by side; neither is a secret) from a generic invalid answer.
    const iss = input.callbackUrl.searchParams.get('iss');
    const expectedIssuer = serverMetadata(config).issuer;
    if (iss !== null && iss !== expectedIssuer) {
      throw new AppError(ErrorCode.InvalidResponse, {
        detail: `${this.id} callback: RFC 9207 iss mismatch: expected ${expectedIssuer}, received ${iss.slice(0, 200)}`,
      });
    }
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, input.callbackUrl, {
        expectedState: input.state,
        expectedNonce: input.nonce ?? undefined,
        idTokenExpected: true,
        pkceCodeVerifier: input.codeVerifier ?? undefined,
      });
    } catch (err) {
      const failure = translateProviderError(err, this.id, 'token');
      if (isClientRefused(err)) this.logClientRefused(err, 'at its token endpoint', input.log);
      throw failure;
    }
    const claims = tokens.claims();
    // idTokenExpected makes openid-client refuse an answer without one; this is belt and braces.
    if (!claims || !tokens.id_token) throw new AppError(ErrorCode.InvalidResponse, { detail: `${this.id} token: no ID token` });
    await this.verifyIdTokenSignature(config, tokens.id_token, 'token');
    // OpenID Connect Core §3.1.3.7 (10): openid-client checks exp but not an iat in the future; a
    // token "issued" later than now (beyond clock skew) was not issued for this sign-in. Judged by
    // the clock openid-client judges exp by (the process's), not the app's movable one.
    const issuedAhead = claims.iat * 1000 - Date.now();
    if (issuedAhead > ID_TOKEN_CLOCK_TOLERANCE_MS) {
      throw new AppError(ErrorCode.InvalidResponse, {
        detail: `${this.id} token: ID token iat is ${Math.round(issuedAhead / 1000)} s in the future`,
      });
    }

    let userinfo: Record<string, unknown> | undefined;
    if (serverMetadata(config).userinfo_endpoint && !holdsStoredClaims(claims)) {
      try {
        // The expected subject makes openid-client refuse a userinfo answer about someone else.
        userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      } catch (err) {
        throw translateProviderError(err, this.id, 'userinfo');
      }
    }
    const expiresIn = tokens.expiresIn();
    return {
      sid: typeof claims.sid === 'string' ? claims.sid : null,
      identity: identityFromOidcClaims(this.id, claims, userinfo),
      tokens: {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token ?? null,
        idToken: tokens.id_token ?? null,
        expiresAt: accessTokenExpiresAt(expiresIn, this.now()),
      },
    };
  }

  async endSessionEndpoint(): Promise<URL | null> {
    const config = await this.discover();
    const endpoint = serverMetadata(config).end_session_endpoint;
    if (!endpoint) return null;
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch (cause) {
      throw new AppError(ErrorCode.InvalidResponse, { detail: `${this.id} discovery: end_session_endpoint is not a URL`, cause });
    }
    // The browser is sent there with the ID token: https only, as for every other endpoint
    // (plain http only where the issuer itself is a loopback one).
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.options.allowInsecureRequests)) {
      throw new AppError(ErrorCode.InvalidResponse, { detail: `${this.id} discovery: end_session_endpoint is not https` });
    }
    return url;
  }

  async verifyLogoutToken(token: string): Promise<{ subject?: string; sid?: string }> {
    const config = await this.discover();
    const metadata = serverMetadata(config);
    if (!metadata.jwks_uri) throw new AppError(ErrorCode.BadRequest, { detail: `${this.id}: no jwks_uri for logout tokens` });
    // The expected issuer is the discovered one, which openid-client already compared with ours.
    this.logoutTokens ??= new LogoutTokenVerifier({
      issuer: metadata.issuer,
      clientId: this.options.clientId,
      jwksUri: metadata.jwks_uri,
      fetch: this.fetch,
      ...(this.claimOnce ? { claimOnce: this.claimOnce } : {}),
    });
    return this.logoutTokens.verify(token);
  }

  async refresh(refreshToken: string): Promise<ProviderTokens> {
    const config = await this.discover();
    let tokens: Awaited<ReturnType<typeof client.refreshTokenGrant>>;
    try {
      tokens = await client.refreshTokenGrant(config, refreshToken);
    } catch (err) {
      const translated = translateProviderError(err, this.id, 'refresh');
      // Only invalid_grant means the grant is gone (revoked, expired, signed out at the provider),
      // and only that ends the session (RFC 6749 §5.2).
      if ((err as { error?: unknown }).error === 'invalid_grant') {
        throw new AppError(ErrorCode.Unauthenticated, { detail: `${this.id} refresh refused: ${translated.detail ?? ''}`, cause: err });
      }
      if (isClientRefused(err)) {
        // Our own configuration is wrong: every user would be signed out if this ended sessions.
        this.logClientRefused(err, 'when refreshing a token');
        throw new AppError(ErrorCode.ProviderError, { status: 502, detail: `${this.id} refresh: client refused`, cause: err });
      }
      throw translated;
    }
    // A refreshed ID token is kept (the hint at sign-out): it is held to the same signature check.
    if (tokens.id_token) await this.verifyIdTokenSignature(config, tokens.id_token, 'refresh');
    const expiresIn = tokens.expiresIn();
    return {
      accessToken: tokens.access_token,
      // Providers that rotate refresh tokens send a new one; others keep the old one valid.
      refreshToken: tokens.refresh_token ?? refreshToken,
      idToken: tokens.id_token ?? null,
      expiresAt: accessTokenExpiresAt(expiresIn, this.now()),
    };
  }
}
