import type { LogoutHint } from '../config/index.js';

/** The end-session request with the ID token: the browser may only carry it as a form POST. */
export interface EndSessionForm {
  /** The provider's end_session_endpoint (with any query of its own). */
  action: string;
  fields: Record<string, string>;
}

/**
 * What RP-initiated logout sends the provider (RP-Initiated Logout 1.0 §2), and how the browser
 * carries it: a request with the ID token goes only in the body of a form POST from the BFF's
 * end-session page (routes/endSession.ts), never in a URL, where it would reach the history, logs
 * and Referer headers. A request without any token is a plain redirect.
 */
export type EndSessionRequest = { kind: 'form'; form: EndSessionForm } | { kind: 'redirect'; url: string };

export interface EndSessionInput {
  endpoint: URL;
  clientId: string;
  idToken: string | null;
  subject: string;
  /** The provider session's id (ID token `sid`), when it sent one. */
  sid: string | null;
  postLogoutRedirectUri: string;
  state: string;
  /** Set for providers configured to take `client_id` + `logout_hint` instead of `id_token_hint`. */
  hint: LogoutHint | undefined;
}

/** The request to send, or null when there is nothing to send one with (no ID token, no hint). */
export function endSessionRequest(input: EndSessionInput): EndSessionRequest | null {
  // client_id lets the provider check post_logout_redirect_uri without a hint (§2), and must match
  // the ID token's audience when both are sent.
  const common = { post_logout_redirect_uri: input.postLogoutRedirectUri, state: input.state, client_id: input.clientId };
  if (input.hint) {
    const logoutHint = input.hint === 'sid' ? input.sid : input.subject;
    const url = new URL(input.endpoint);
    for (const [name, value] of Object.entries({ ...common, ...(logoutHint ? { logout_hint: logoutHint } : {}) }))
      url.searchParams.set(name, value);
    return { kind: 'redirect', url: url.href };
  }
  if (!input.idToken) return null;
  return { kind: 'form', form: { action: input.endpoint.href, fields: { id_token_hint: input.idToken, ...common } } };
}
