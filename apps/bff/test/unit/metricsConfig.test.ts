import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { configProblems } from '../support/config.js';

describe('metrics configuration (METRICS_PORT, METRICS_HOST)', () => {
  it('without METRICS_PORT there is no metrics listener, whatever METRICS_HOST says', () => {
    expect(loadConfig({}).metrics).toBeUndefined();
    expect(loadConfig({ METRICS_HOST: '0.0.0.0' }).metrics).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '' }).metrics).toBeUndefined();
  });

  it('METRICS_PORT turns it on, bound to loopback unless METRICS_HOST says otherwise', () => {
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadConfig({ METRICS_PORT: ' 9464 ', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({ port: 9464, host: '0.0.0.0' });
    // 0: any free port, as tests use it.
    expect(loadConfig({ METRICS_PORT: '0' }).metrics).toEqual({ port: 0, host: '127.0.0.1' });
  });

  it('a METRICS_PORT that is not a port is refused, naming METRICS_PORT', () => {
    for (const value of ['abc', '65536', '-1', '94.5']) {
      expect(configProblems({ METRICS_PORT: value })).toMatch(
        new RegExp(`METRICS_PORT: must be a port number from 1 to 65535 \\(got "${value.replace('.', '\\.')}"\\)`),
      );
    }
  });

  it('METRICS_PORT may not be the port the BFF itself listens on', () => {
    expect(configProblems({ PORT: '3000', METRICS_PORT: '3000' })).toMatch(/METRICS_PORT must differ from PORT/);
    // On another interface than the BFF's the same port is free.
    expect(loadConfig({ PORT: '3000', HOST: '10.0.0.5', METRICS_PORT: '3000' }).metrics).toEqual({ port: 3000, host: '127.0.0.1' });
  });
});
