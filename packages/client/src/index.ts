/**
 * `@sso/client`: a small, dependency-free, typed browser client for the BFF's JSON API. React
 * bindings live at `@sso/client/react`.
 */
export {
  createClient,
  type CallOptions,
  type ClientOptions,
  type SessionEndDetail,
  type SessionEvent,
  type SessionListener,
  type SsoClient,
} from './client.js';
export { ClientErrorCode, SsoError, isAbortError, isTemporarilyUnavailable, toSsoError, type SsoErrorCode } from './errors.js';
export { withLoginParams, type LoginUrlOptions } from './loginUrl.js';
export { parseRetryAfter, retryDelayMs } from './retryAfter.js';
export type * from './types.js';
