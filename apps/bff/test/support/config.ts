import { expect } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

/** The message of the ConfigError an environment produces (fails the test when it parses). */
export function configProblems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}
