import { describe, expect, it } from 'vitest';
import { takeLinkOutcome } from '../src/linkOutcome.js';

describe('takeLinkOutcome', () => {
  it('reads ?linked= and removes it from the query', () => {
    const { outcome, rest } = takeLinkOutcome(new URLSearchParams('linked=github'));
    expect(outcome).toEqual({ linked: 'github', error: null });
    expect(rest?.toString()).toBe('');
  });

  it('reads ?error= and removes it, keeping every other parameter', () => {
    const params = new URLSearchParams('tab=security&error=identity_in_use&x=1');
    const { outcome, rest } = takeLinkOutcome(params);
    expect(outcome).toEqual({ linked: null, error: 'identity_in_use' });
    expect(rest?.toString()).toBe('tab=security&x=1');
    // The caller's params are not changed.
    expect(params.get('error')).toBe('identity_in_use');
  });

  it('says there is nothing to remove when neither parameter is there', () => {
    const { outcome, rest } = takeLinkOutcome(new URLSearchParams('tab=security'));
    expect(outcome).toEqual({ linked: null, error: null });
    expect(rest).toBeNull();
  });

  it('removes empty parameters without showing anything for them', () => {
    const { outcome, rest } = takeLinkOutcome(new URLSearchParams('linked=&error='));
    expect(outcome).toEqual({ linked: null, error: null });
    expect(rest?.toString()).toBe('');
  });

  it('removes repeated parameters too', () => {
    const { rest } = takeLinkOutcome(new URLSearchParams('error=a&error=b'));
    expect(rest?.toString()).toBe('');
  });
});
