import type { MeResponse } from '@sso/profile';
import { sessionEndsAt, type SessionData, type SessionTiming } from '../auth/session.js';
import { BoundedMemo } from '../boundedMemo.js';
import type { ApiRoute } from '../config/index.js';
import type { SessionIdentity } from '../store/types.js';
import { routeAllows } from './apiProxy.js';

/** At most this many sessions' answers are remembered; when full, the memo starts again from empty. */
const REMEMBERED = 10_000;

/** Everything a signed-in `/auth/me` answer is made of, in a fixed order: the answer is a function of these alone. */
type MeInputs = readonly [
  userId: string,
  provider: string,
  subject: string,
  name: string | null,
  email: string | null,
  emailVerified: boolean | null,
  avatarUrl: string | null,
  sessionProvider: string,
  endsAt: number,
  absoluteEnd: number,
  idleEnd: number,
];

const sameInputs = (a: MeInputs, b: MeInputs): boolean => a.every((value, i) => value === b[i]);

/**
 * The JSON of a signed-in `GET /auth/me`, rendered from the identity and session read for this
 * request, and remembered per session. A remembered answer is given only when every input is the
 * same as when it was rendered (compared at each call: the identity is read afresh each time, so
 * a changed name or a later activity stamp renders anew), so it is never stale. Rendering this
 * answer again at every call (three dates, the object, JSON.stringify) measured as a fifth of the
 * CPU of the request; comparing eleven values costs next to nothing.
 */
export class MeBodies {
  private readonly memo = new BoundedMemo<{ inputs: MeInputs; body: string }>(REMEMBERED);

  constructor(
    private readonly apiRoutes: readonly ApiRoute[],
    private readonly timing: SessionTiming,
  ) {}

  /** The answer for session `sessionId` (its cookie's verified id; none: rendered, not remembered), signed in as `identity`. */
  body(sessionId: string | undefined, identity: SessionIdentity, data: SessionData): string {
    const inputs: MeInputs = [
      identity.userId,
      // The identity's provider and subject are the session's: they are what the read joins on.
      data.provider,
      data.subject,
      identity.name,
      identity.email,
      identity.emailVerified,
      identity.avatarUrl,
      data.provider,
      sessionEndsAt(data, this.timing),
      data.expiresAt,
      data.lastSeenAt + this.timing.idleSeconds * 1000,
    ];
    if (sessionId === undefined) return JSON.stringify(this.render(inputs));
    const known = this.memo.get(sessionId);
    if (known && sameInputs(known.inputs, inputs)) return known.body;
    return this.memo.set(sessionId, { inputs, body: JSON.stringify(this.render(inputs)) }).body;
  }

  private render([
    userId,
    provider,
    subject,
    name,
    email,
    emailVerified,
    avatarUrl,
    sessionProvider,
    endsAt,
    absoluteEnd,
    idleEnd,
  ]: MeInputs): MeResponse {
    return {
      user: { id: userId, provider, subject, name, email, emailVerified, avatarUrl },
      provider: sessionProvider,
      expiresAt: new Date(endsAt).toISOString(),
      absoluteExpiresAt: new Date(absoluteEnd).toISOString(),
      idleExpiresAt: new Date(idleEnd).toISOString(),
      apis: this.apiRoutes.map((route) => ({
        prefix: route.prefix,
        methods: route.methods,
        providers: route.providers,
        available: routeAllows(route, sessionProvider),
      })),
    };
  }
}
