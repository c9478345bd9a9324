import { randomBytes } from 'node:crypto';
import type { Store } from '../store/types.js';
import type { EndSessionForm } from './endSessionRequest.js';
import type { TokenCipher } from './tokenCipher.js';

/**
 * How long the end-session page may be opened after sign-out. The browser goes there at once;
 * anything longer only widens the window in which a leaked link could fetch the ID token.
 */
export const HANDOFF_TTL_MS = 2 * 60 * 1000;

/** The one-time id: 32 random bytes, base64url. */
const ID = /^[A-Za-z0-9_-]{43}$/;

export interface HandoffDeps {
  store: Store;
  cipher: TokenCipher;
  now: () => number;
}

/** Additional data of the seal: the id itself, which only the URL holds (the store keeps its hash). */
const boundTo = (id: string) => `logout-handoff:${id}`;

/**
 * Keeps the end-session form on the server, sealed like the session's tokens, under a new
 * one-time id; any instance can serve it. Returns the id for the URL of the end-session page.
 */
export async function createHandoff(deps: HandoffDeps, form: EndSessionForm): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await deps.store.logoutHandoffs.create(id, deps.cipher.seal(JSON.stringify(form), boundTo(id)), deps.now() + HANDOFF_TTL_MS);
  return id;
}

/** The form, exactly once; undefined for an id that is malformed, unknown, used, expired, or sealed with a secret no longer configured. */
export async function takeHandoff(deps: HandoffDeps, id: string): Promise<EndSessionForm | undefined> {
  if (!ID.test(id)) return undefined;
  const sealed = await deps.store.logoutHandoffs.take(id, deps.now());
  const json = sealed === undefined ? undefined : deps.cipher.open(sealed, boundTo(id));
  if (json === undefined) return undefined;
  const form = JSON.parse(json) as Partial<EndSessionForm>;
  return typeof form.action === 'string' && typeof form.fields === 'object' && form.fields !== null ? (form as EndSessionForm) : undefined;
}
