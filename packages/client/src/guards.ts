// Small hand-written runtime checks of the BFF's answers: the client stays free of dependencies
// (no zod), while the types still come from `@sso/profile`. Each check is written against the
// shared type, so a field added there fails to compile here until it is checked too. Extra fields
// are allowed: the API only ever grows.
import type { ApiAccess, Identity, LogoutResponse, MeResponse, Profile, ProviderSummary, SessionInfo } from '@sso/profile';

/** A runtime check that narrows `unknown` to `T`. */
export type Guard<T> = (value: unknown) => value is T;

const isString: Guard<string> = (value): value is string => typeof value === 'string';
const isBoolean: Guard<boolean> = (value): value is boolean => typeof value === 'boolean';

function nullable<T>(guard: Guard<T>): Guard<T | null> {
  return (value): value is T | null => value === null || guard(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with (at least) these fields, each passing its own check. */
function object<T>(shape: { [K in keyof T]-?: Guard<T[K]> }): Guard<T> {
  const entries = Object.entries<Guard<unknown>>(shape);
  return (value): value is T => isRecord(value) && entries.every(([key, guard]) => guard(value[key]));
}

function arrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.every(guard);
}

export const isProviderList = arrayOf(object<ProviderSummary>({ id: isString, name: isString, loginUrl: isString }));

const isProfile = object<Profile>({
  id: isString,
  provider: isString,
  subject: isString,
  name: nullable(isString),
  email: nullable(isString),
  emailVerified: nullable(isBoolean),
  avatarUrl: nullable(isString),
});

const isApiAccess = object<ApiAccess>({
  prefix: isString,
  methods: arrayOf(isString),
  providers: nullable(arrayOf(isString)),
  available: isBoolean,
});

export const isMeResponse = object<MeResponse>({
  user: isProfile,
  provider: isString,
  expiresAt: isString,
  absoluteExpiresAt: isString,
  idleExpiresAt: isString,
  apis: arrayOf(isApiAccess),
});

export const isLogoutResponse = object<LogoutResponse>({ redirectTo: isString });

export const isIdentityList = arrayOf(
  object<Identity>({
    provider: isString,
    providerName: isString,
    subject: isString,
    name: nullable(isString),
    email: nullable(isString),
    emailVerified: nullable(isBoolean),
    avatarUrl: nullable(isString),
    linkedAt: isString,
    lastLoginAt: isString,
    current: isBoolean,
  }),
);

export const isSessionList = arrayOf(
  object<SessionInfo>({
    id: isString,
    provider: isString,
    createdAt: isString,
    lastSeenAt: isString,
    expiresAt: isString,
    current: isBoolean,
    userAgent: nullable(isString),
  }),
);

/** The BFF's error body `{ error, message }`; `message` is optional here so a bare code still counts. */
export const isErrorBody = (value: unknown): value is { error: string; message?: string } =>
  isRecord(value) && isString(value.error) && (value.message === undefined || isString(value.message));
