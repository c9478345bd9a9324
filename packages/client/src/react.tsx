/** `@sso/client/react`: the session as React state, and a guard for pages that need one. Router-agnostic. */
export { RequireSession, type RequireSessionProps } from './react/RequireSession.js';
export { SsoProvider, useSession, useSsoClient, type SessionStatus, type SessionValue } from './react/SsoProvider.js';
