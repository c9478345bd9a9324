/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The BFF's public URL (its PUBLIC_URL), fixed at build time. */
  readonly VITE_BFF_URL?: string;
}
