import { fakeDefaults } from './defaults.js';
import { startFakeFacebook } from './facebook.js';
import { startFakeGitHub } from './github.js';
import { startFakeGoogle } from './google.js';
import { startFakeSimpleLogin } from './simplelogin.js';
import type { FakeOptions, FakeProvider, FakeServer } from './types.js';

export interface StartFakesOptions {
  /** Listen address and URL host; default 'localhost'. */
  host?: string;
  /** App origins; each fake accepts `${base}/auth/callback/<provider>` for every base. */
  redirectBases: string[];
  logger?: (m: string) => void;
}

export interface RunningFakes {
  servers: Record<FakeProvider, FakeServer>;
  close(): Promise<void>;
}

const starters: Record<FakeProvider, (options: FakeOptions) => Promise<FakeServer>> = {
  facebook: startFakeFacebook,
  github: startFakeGitHub,
  simplelogin: startFakeSimpleLogin,
  google: startFakeGoogle,
};

const PROVIDERS = Object.keys(starters) as FakeProvider[];

/** `startFakes` with the ports chosen by the caller (tests pass 0). */
export async function startFakesOn(ports: Record<FakeProvider, number>, options: StartFakesOptions): Promise<RunningFakes> {
  const host = options.host ?? 'localhost';
  const bases = options.redirectBases.map((base) => base.replace(/\/+$/, ''));
  const started = await Promise.allSettled(
    PROVIDERS.map((provider) => {
      const { clientId, clientSecret } = fakeDefaults[provider];
      return starters[provider]({
        port: ports[provider],
        host,
        client: { clientId, clientSecret, redirectUris: bases.map((base) => `${base}/auth/callback/${provider}`) },
        ...(options.logger ? { logger: (msg: string) => options.logger!(`[${provider}] ${msg}`) } : {}),
      });
    }),
  );
  const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const close = async () => {
    await Promise.all(servers.map((server) => server.close()));
  };
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await close();
    throw failure.reason;
  }
  return {
    servers: Object.fromEntries(PROVIDERS.map((provider, i) => [provider, servers[i]!])) as Record<FakeProvider, FakeServer>,
    close,
  };
}

/** Starts all four on their fakeDefaults ports with redirect URIs `${redirectBase}/auth/callback/<provider>`. */
export function startFakes(options: StartFakesOptions): Promise<RunningFakes> {
  const ports = Object.fromEntries(PROVIDERS.map((provider) => [provider, fakeDefaults[provider].port])) as Record<FakeProvider, number>;
  return startFakesOn(ports, options);
}
