import type { DevIdpClient } from './clients.js';

/** The application behind a client, as our pages name it and link back to it. */
export interface AppLink {
  name: string;
  /** Its sign-in page; undefined when no http(s) URL is known (then the page names the app without a link). */
  url: string | undefined;
}

const isHttpUrl = (url: URL | null): url is URL => url !== null && (url.protocol === 'http:' || url.protocol === 'https:');

/**
 * Where "Back to <app>" goes. Only http(s): the URL ends up in an href, and a javascript: URL would
 * run even when escaped. A registered URL is the only kind ever linked, never one from a request.
 */
function appUrlOf(client: DevIdpClient): string | undefined {
  if (client.appUrl !== undefined) {
    if (!isHttpUrl(URL.parse(client.appUrl))) {
      throw new Error(`Dev IdP: appUrl of client "${client.clientId}" must be an absolute http(s) URL, got "${client.appUrl}"`);
    }
    return client.appUrl;
  }
  // The BFF's post-logout target is its /login page: exactly where a person who is done here belongs.
  const postLogout = client.postLogoutRedirectUris?.[0];
  if (postLogout && isHttpUrl(URL.parse(postLogout))) return postLogout;
  const redirect = URL.parse(client.redirectUris[0] ?? '');
  return isHttpUrl(redirect) ? redirect.origin : undefined;
}

/** The app of one client: its display name (default the client id) and sign-in page. */
export function appOf(client: DevIdpClient): AppLink {
  return { name: client.clientName ?? client.clientId, url: appUrlOf(client) };
}

export interface AppLinks {
  /** The app of this client id, if it is one of ours. */
  of(clientId: unknown): AppLink | undefined;
  /** Same, or else the first registered client's app (a dev IdP usually serves one app). */
  ofOrFirst(clientId: unknown): AppLink | undefined;
}

/** Resolves every client's app once, at start-up, so a bad appUrl stops the start instead of a page. */
export function createAppLinks(clients: readonly DevIdpClient[]): AppLinks {
  const byId = new Map(clients.map((client) => [client.clientId, appOf(client)]));
  const first = clients[0] ? byId.get(clients[0].clientId) : undefined;
  const of = (clientId: unknown) => (typeof clientId === 'string' ? byId.get(clientId) : undefined);
  return { of, ofOrFirst: (clientId) => of(clientId) ?? first };
}
