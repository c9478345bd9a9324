/** One request the client sent, as the fake `fetch` saw it. */
export interface SentRequest {
  url: string;
  method: string;
  headers: Headers;
  credentials: RequestCredentials | undefined;
  init: RequestInit;
}

type Respond = (request: SentRequest) => Response | Promise<Response>;

/**
 * A stand-in for `fetch` that records what the client sends and answers with `respond`. The
 * client's whole job is the HTTP it sends, so here a fake is the right tool; the real BFF is
 * exercised by the browser tests.
 */
export function fakeFetch(respond: Respond = () => json(200, {})): { fetch: typeof fetch; requests: SentRequest[] } {
  const requests: SentRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request: SentRequest = {
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      credentials: init.credentials,
      init,
    };
    requests.push(request);
    return respond(request);
  };
  return { fetch, requests };
}

/** A JSON answer, as the BFF sends them. */
export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
