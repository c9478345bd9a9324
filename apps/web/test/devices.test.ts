import type { SessionInfo } from '@sso/client';
import { describe, expect, it } from 'vitest';
import { describeDevice, orderDevices, otherDeviceCount } from '../src/devices.js';

describe('describeDevice', () => {
  it.each([
    [
      'Chrome on Linux',
      'computer',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
    ],
    [
      'Chrome on Linux',
      'computer',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0.0.0 Safari/537.36',
    ],
    ['Firefox on Windows', 'computer', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'],
    [
      'Edge on Windows',
      'computer',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
    ],
    [
      'Safari on macOS',
      'computer',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    ],
    [
      'Safari on iPhone',
      'mobile',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    ],
    [
      'Chrome on iPhone',
      'mobile',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/130.0.6723.90 Mobile/15E148 Safari/604.1',
    ],
    [
      'Chrome on Android',
      'mobile',
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
    ],
    [
      'Samsung Internet on Android',
      'mobile',
      'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
    ],
  ])('names %s (%s)', (label, kind, ua) => {
    expect(describeDevice(ua)).toEqual({ label, kind });
  });

  it('says what it can when only part is recognisable', () => {
    expect(describeDevice('curl/8.5.0 (Linux)').label).toBe('Linux');
    expect(describeDevice('Firefox/133.0').label).toBe('Firefox');
  });

  it('calls a missing or unknown user agent an unknown device', () => {
    expect(describeDevice(null)).toEqual({ label: 'Unknown device', kind: 'computer' });
    expect(describeDevice('')).toEqual({ label: 'Unknown device', kind: 'computer' });
    expect(describeDevice('node-fetch/1.0').label).toBe('Unknown device');
  });
});

function session(id: string, lastSeenAt: string, current = false): SessionInfo {
  return {
    id,
    provider: 'dev',
    createdAt: '2025-03-01T10:00:00.000Z',
    lastSeenAt,
    expiresAt: '2025-03-09T10:00:00.000Z',
    current,
    userAgent: null,
  };
}

describe('orderDevices and otherDeviceCount', () => {
  const old = session('old', '2025-03-02T10:00:00.000Z');
  const recent = session('recent', '2025-03-04T10:00:00.000Z');
  const mine = session('mine', '2025-03-01T10:00:00.000Z', true);

  it('puts this device first, then the others by most recent activity', () => {
    expect(orderDevices([old, mine, recent]).map((s) => s.id)).toEqual(['mine', 'recent', 'old']);
  });

  it('does not change the list it is given', () => {
    const list = [old, mine, recent];
    orderDevices(list);
    expect(list.map((s) => s.id)).toEqual(['old', 'mine', 'recent']);
  });

  it('counts the devices other than this one', () => {
    expect(otherDeviceCount([old, mine, recent])).toBe(2);
    expect(otherDeviceCount([mine])).toBe(0);
  });
});
