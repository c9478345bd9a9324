// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { SignedInDevices } from '../src/components/SignedInDevices.js';
import { failure, fakeBff, json, me, never, phone, thisDevice } from './support/fakeBff.js';
import { button, render, until, type Rendered } from './support/render.js';

const mounted: Rendered[] = [];
const show = (bff: ReturnType<typeof fakeBff>) => {
  const page = render(<SignedInDevices providerName={(id) => (id === 'dev' ? 'Dev IdP' : id)} />, bff.client);
  mounted.push(page);
  return page;
};
afterEach(() => mounted.splice(0).forEach((page) => page.unmount()));

const signedIn = () => ({ 'GET /auth/me': () => json(200, me) });
const section = (page: Rendered) => page.container.querySelector<HTMLElement>('[data-testid="sessions"]')!;

describe('the "Signed-in devices" list', () => {
  it('shows a spinner, then every device, this one first, and signs out another: the row goes, a status says so, focus moves to the heading', async () => {
    const bff = fakeBff({
      ...signedIn(),
      'GET /auth/sessions': () => json(200, [phone, thisDevice]),
      'DELETE /auth/sessions/s-phone': () => json(200, [thisDevice]),
    });
    const page = show(bff);
    await until(() => expect(page.text()).toContain('Loading your devices…'));
    await until(() => expect(page.text()).toContain('Safari on iPhone'));
    const rows = [...page.container.querySelectorAll('[data-testid^="session-"]')].map((row) => row.getAttribute('data-testid'));
    expect(rows).toEqual(['session-s-this', 'session-s-phone']);

    button(section(page), /^Sign out Safari on iPhone/).click();
    await until(() => expect(page.container.querySelector('[role="status"]')?.textContent).toBe('Signed out of Safari on iPhone.'));
    expect(page.container.querySelector('[data-testid="session-s-phone"]')).toBeNull();
    expect(document.activeElement?.id).toBe('sessions-title');
    expect(page.text()).toContain('You are not signed in on any other device.');
  });

  it('a device signed out elsewhere meanwhile (404) is "already signed out", not a failure, and the list is asked for again', async () => {
    const bff = fakeBff({
      ...signedIn(),
      'GET /auth/sessions': () => json(200, [thisDevice, phone]),
      'DELETE /auth/sessions/s-phone': () => failure(404, 'not_found', 'Nothing here.'),
    });
    const page = show(bff);
    await until(() => button(section(page), /^Sign out Safari on iPhone/));
    bff.answer('GET /auth/sessions', () => json(200, [thisDevice]));
    button(section(page), /^Sign out Safari on iPhone/).click();
    await until(() => expect(page.text()).toContain('Safari on iPhone was already signed out.'));
    await until(() => expect(page.container.querySelector('[data-testid="session-s-phone"]')).toBeNull());
    expect(page.container.querySelector('[role="alert"]')).toBeNull();
    expect(bff.calls.filter((call) => call.path === '/auth/sessions' && call.method === 'GET')).toHaveLength(2);
  });

  it('a refused sign-out is an alert with its error code and reference, and the list is asked for again', async () => {
    const bff = fakeBff({
      ...signedIn(),
      'GET /auth/sessions': () => json(200, [thisDevice, phone]),
      'DELETE /auth/sessions': () => failure(500, 'internal_error', 'Something went wrong. Please try again.'),
    });
    const page = show(bff);
    await until(() => button(section(page), 'Sign out all other devices'));
    button(section(page), 'Sign out all other devices').click();
    await until(() => button(section(page), 'Sign out 1 other device'));
    button(section(page), 'Sign out 1 other device').click();
    await until(() =>
      expect(page.container.querySelector('[role="alert"]')?.textContent).toContain("We couldn't sign out your other devices."),
    );
    const alert = page.container.querySelector('[role="alert"]')!.textContent.replace(/\s+/g, ' ');
    expect(alert).toContain('Error code: internal_error · Reference: req-internal_error');
    await until(() => expect(bff.calls.filter((call) => call.method === 'GET' && call.path === '/auth/sessions')).toHaveLength(2));

    button(section(page), 'Dismiss').click();
    await until(() => expect(page.container.querySelector('[role="alert"]')).toBeNull());
    expect(document.activeElement?.id).toBe('sessions-title');
  });

  it('is left out when the BFF has no /auth/sessions (an older one answers 404)', async () => {
    const bff = fakeBff(signedIn());
    const page = show(bff);
    await until(() => expect(bff.calls.some((call) => call.path === '/auth/sessions')).toBe(true));
    await until(() => expect(section(page)).toBeNull());
  });

  it('a failed load says what failed with "Try again", which loads it', async () => {
    const bff = fakeBff({
      ...signedIn(),
      'GET /auth/sessions': () => failure(500, 'internal_error', 'Something went wrong. Please try again.'),
    });
    const page = show(bff);
    await until(() =>
      expect(page.container.querySelector('[role="alert"] .notice__title')?.textContent).toBe("We couldn't load your signed-in devices."),
    );
    expect(page.container.querySelector('[role="alert"] .notice__message')?.textContent).toBe('Something went wrong. Please try again.');
    expect(page.text()).not.toContain('Temporarily unavailable');
    bff.answer('GET /auth/sessions', () => json(200, [thisDevice]));
    button(section(page), 'Try again').click();
    await until(() => expect(page.text()).toContain('Firefox on Windows'));
  });

  it('a 503 with Retry-After is "Temporarily unavailable", asked again on its own, and the list appears once the BFF answers', async () => {
    let asked = 0;
    const bff = fakeBff({
      ...signedIn(),
      'GET /auth/sessions': () => {
        asked += 1;
        return asked === 1
          ? failure(503, 'store_unavailable', 'The service is temporarily unavailable.', { 'Retry-After': '1' })
          : json(200, [thisDevice]);
      },
    });
    const page = show(bff);
    await until(() => expect(page.container.querySelector('[role="alert"]')?.textContent).toContain('Temporarily unavailable'));
    expect(page.text()).toContain('This page tries again by itself.');
    expect(page.text()).not.toContain("We couldn't load");
    await until(() => expect(page.text()).toContain('Firefox on Windows'), 4000);
    expect(asked).toBe(2);
    expect(page.container.querySelector('[role="alert"]')).toBeNull();
  });

  it('a 401 (the session ended) shows no failure: the page is on its way to sign-in', async () => {
    const bff = fakeBff({ ...signedIn(), 'GET /auth/sessions': () => failure(401, 'unauthenticated', 'Please sign in.') });
    const page = show(bff);
    await until(() => expect(bff.calls.some((call) => call.path === '/auth/sessions')).toBe(true));
    // Long enough for the answer to have been shown, had it been.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(page.container.querySelector('[role="alert"]')).toBeNull();
    expect(page.text()).toContain('Loading your devices…');
  });

  it('leaving the page cancels a load still in flight, and a sign-out still in flight', async () => {
    const loading = fakeBff({ ...signedIn(), 'GET /auth/sessions': never });
    const first = show(loading);
    await until(() => expect(loading.calls.some((call) => call.path === '/auth/sessions')).toBe(true));
    first.unmount();
    expect(loading.calls.find((call) => call.path === '/auth/sessions')!.signal!.aborted).toBe(true);

    const changing = fakeBff({
      ...signedIn(),
      'GET /auth/sessions': () => json(200, [thisDevice, phone]),
      'DELETE /auth/sessions/s-phone': never,
    });
    const second = show(changing);
    await until(() => button(section(second), /^Sign out Safari on iPhone/));
    button(section(second), /^Sign out Safari on iPhone/).click();
    await until(() => expect(button(section(second), /^Sign out Safari on iPhone/).getAttribute('aria-busy')).toBe('true'));
    second.unmount();
    expect(changing.calls.find((call) => call.method === 'DELETE')!.signal!.aborted).toBe(true);
  });
});
