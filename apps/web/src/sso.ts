import { createClient } from '@sso/client';

/** The SPA's only door to the BFF, which serves it from the same origin. Components reach it with `useSsoClient()`. */
export const sso = createClient();
