import { describe, expect, it } from 'vitest';
import { clientKey } from '../../src/middleware/clientAddress.js';

describe('the address a rate limit counts', () => {
  it('is an IPv4 address as it is, also when it arrives IPv4-mapped', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::FFFF:127.0.0.1')).toBe('127.0.0.1');
  });

  it('is an IPv6 address’s /64, however it is written: one host can use any address of its network', () => {
    const key = '2001:db8:85a3:8d3::/64';
    for (const ip of [
      '2001:db8:85a3:8d3:1319:8a2e:370:7348',
      '2001:0db8:85a3:08d3::1',
      '2001:db8:85a3:8d3::',
      '2001:db8:85a3:8d3:ffff::1%eth0',
    ]) {
      expect(clientKey(ip), ip).toBe(key);
    }
    expect(clientKey('2001:db8:85a3:8d4::1')).not.toBe(key);
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('anything else shares one budget instead of escaping the limit', () => {
    expect(clientKey('')).toBe('unknown');
    expect(clientKey('not an address')).toBe('unknown');
    expect(clientKey('1.2.3.4, 5.6.7.8')).toBe('unknown');
  });
});
