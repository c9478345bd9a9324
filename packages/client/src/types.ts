// The shapes of the BFF's answers, from the one schema in `@sso/profile` (types only: no runtime import).
export type { ErrorCode, Identity, LogoutResponse, MeResponse, Profile, ProviderSummary, SessionInfo } from '@sso/profile';
