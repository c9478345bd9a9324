// Decisions for the "Signed-in devices" section, kept free of React so they are unit-tested.
import type { SessionInfo } from '@sso/client';

/** What a person recognises a session by: "Firefox on Windows", and a phone or a computer icon. */
export interface DeviceDescription {
  label: string;
  kind: 'mobile' | 'computer';
}

// First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\b(?:Headless)?Chrome\/|\bCriOS\/|\bChromium\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

// iOS and Android before the desktop systems whose names their user agents also contain.
const SYSTEMS: readonly [RegExp, string][] = [
  [/\b(?:iPhone|iPod)\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMacintosh\b|\bMac OS X\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

const MOBILE = /\bMobi|\b(?:iPhone|iPod|iPad|Android)\b/;

/** A short, readable description of a browser from its User-Agent; a rough guess, only ever shown, never trusted. */
export function describeDevice(userAgent: string | null): DeviceDescription {
  const ua = userAgent ?? '';
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1];
  const label = browser && system ? `${browser} on ${system}` : (browser ?? system ?? 'Unknown device');
  return { label, kind: MOBILE.test(ua) ? 'mobile' : 'computer' };
}

/** This device first, then the others, most recently active first. */
export function orderDevices(sessions: readonly SessionInfo[]): SessionInfo[] {
  return [...sessions].sort((a, b) => {
    if (a.current !== b.current) return a.current ? -1 : 1;
    return Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt);
  });
}

/** How many other devices there are: the ones "Sign out all other devices" would end. */
export function otherDeviceCount(sessions: readonly SessionInfo[]): number {
  return sessions.filter((session) => !session.current).length;
}
