/** What the demo API needs to check a token at the IdP. */
export interface IntrospectionOptions {
  /** The IdP's issuer; discovery is `${issuer}/.well-known/openid-configuration`. */
  issuer: string;
  /** The introspection endpoint; when absent it is discovered on first use. */
  introspectionUrl?: string;
  /** This API's credentials as a resource server at the IdP (client_secret_basic). */
  clientId: string;
  clientSecret: string;
}

/** An access token the IdP vouches for, as the API uses it. */
export interface ActiveToken {
  sub: string;
  scope: string;
  clientId: string;
  /** Epoch seconds. */
  exp: number;
}

/** The IdP could not be asked (down, misconfigured, or a reply we cannot read): not the token's fault. */
export class IntrospectionUnavailableError extends Error {}

const TIMEOUT_MS = 5000;

/** RFC 6749 §2.3.1: client id and secret are form-encoded before they go into HTTP Basic. */
const formEncode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');

async function getJson(url: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (cause) {
    throw new IntrospectionUnavailableError(`cannot reach ${url} (${cause instanceof Error ? cause.message : String(cause)})`);
  }
  if (response.status !== 200) throw new IntrospectionUnavailableError(`${url} answered ${response.status}`);
  const body: unknown = await response.json().catch(() => undefined);
  if (typeof body !== 'object' || body === null) throw new IntrospectionUnavailableError(`${url} did not answer a JSON object`);
  return body as Record<string, unknown>;
}

/**
 * `introspect(token)`: asks the IdP whether an access token is live (RFC 7662) on every call, with no
 * cache (a demo should show revocation at once). The endpoint is discovered lazily and rediscovered
 * after a failure, so the API may start before the IdP. Never puts the token in an error message.
 */
export function createIntrospector({ issuer, introspectionUrl, clientId, clientSecret }: IntrospectionOptions) {
  const authorization = `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`;
  let endpoint: Promise<string> | undefined = introspectionUrl ? Promise.resolve(introspectionUrl) : undefined;

  async function discover(): Promise<string> {
    const metadata = await getJson(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    // OpenID Connect Discovery 1.0 §4.3: the metadata must name exactly the issuer we asked.
    if (metadata.issuer !== issuer) {
      throw new IntrospectionUnavailableError(`discovery names issuer ${String(metadata.issuer)}, expected ${issuer}`);
    }
    if (typeof metadata.introspection_endpoint !== 'string') {
      throw new IntrospectionUnavailableError(`${issuer} advertises no introspection_endpoint`);
    }
    return metadata.introspection_endpoint;
  }

  function introspectionEndpoint(): Promise<string> {
    endpoint ??= discover().catch((err: unknown) => {
      endpoint = undefined; // try again on the next request
      throw err;
    });
    return endpoint;
  }

  return async function introspect(token: string): Promise<ActiveToken | undefined> {
    const url = await introspectionEndpoint();
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { authorization, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (cause) {
      throw new IntrospectionUnavailableError(`cannot reach ${url} (${cause instanceof Error ? cause.message : String(cause)})`);
    }
    // 401 here means our own credentials were refused: a configuration problem, not a bad token.
    if (response.status !== 200) throw new IntrospectionUnavailableError(`${url} answered ${response.status}`);
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null || typeof body.active !== 'boolean') {
      throw new IntrospectionUnavailableError(`${url} did not answer an introspection response`);
    }
    if (!body.active) return undefined;
    const { sub, scope, client_id: tokenClientId, exp, token_type: tokenType } = body;
    // RFC 7662 §2.2 makes these optional; this API needs them, and a token without expiry is not for us.
    if (typeof sub !== 'string' || typeof tokenClientId !== 'string' || typeof exp !== 'number') return undefined;
    if (tokenType !== undefined && (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer')) return undefined;
    if (exp * 1000 <= Date.now()) return undefined;
    return { sub, scope: typeof scope === 'string' ? scope : '', clientId: tokenClientId, exp };
  };
}

export type Introspect = ReturnType<typeof createIntrospector>;
