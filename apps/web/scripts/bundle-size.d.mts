/** Types for bundle-size.mjs, for TypeScript callers (the web tests, the bench). */

export interface SignInPageJs {
  /** Sum of `files[].bytes`. */
  total: number;
  /** index.html's entry chunk first, then its static imports (recursively), each once, gzip-compressed. */
  files: { file: string; bytes: number }[];
}

/** The JS the sign-in page loads, from `<distDir>/.vite/manifest.json`; throws if there is no build. */
export function signInPageJsBytes(distDir: string): SignInPageJs;
