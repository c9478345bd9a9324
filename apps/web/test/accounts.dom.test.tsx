// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectedAccounts } from '../src/components/ConnectedAccounts.js';
import { useIdentities, useProviders } from '../src/hooks/loads.js';
import { LoginPage } from '../src/pages/LoginPage.js';
import { devIdentity, failure, fakeBff, githubIdentity, json, me, providers } from './support/fakeBff.js';
import { button, render, until, type Rendered } from './support/render.js';

/** The section as ProfilePage wires it: both lists loaded by the page. */
function Accounts() {
  return <ConnectedAccounts identities={useIdentities()} providers={useProviders()} />;
}

const mounted: Rendered[] = [];
afterEach(() => mounted.splice(0).forEach((page) => page.unmount()));
const show = (bff: ReturnType<typeof fakeBff>, ui = <Accounts />, path?: string) => {
  const page = render(ui, bff.client, path);
  mounted.push(page);
  return page;
};
const section = (page: Rendered) => page.container.querySelector<HTMLElement>('[data-testid="connected-accounts"]')!;

describe('the "Connected accounts" list', () => {
  it('disconnecting asks first; then the row goes, a status says so, and focus moves to the heading', async () => {
    const bff = fakeBff({
      'GET /auth/me': () => json(200, me),
      'GET /auth/identities': () => json(200, [devIdentity, githubIdentity]),
      'GET /auth/providers': () => json(200, providers),
      'DELETE /auth/identities/github/4711': () => json(200, [devIdentity]),
    });
    const page = show(bff);
    await until(() => button(section(page), 'Disconnect GitHub'));
    expect(page.text()).toContain('Every available provider is already connected.');

    button(section(page), 'Disconnect GitHub').click();
    await until(() => button(section(page), 'Yes, disconnect'));
    expect(document.activeElement?.textContent).toBe('Cancel');
    button(section(page), 'Yes, disconnect').click();
    await until(() => expect(page.container.querySelector('[role="status"]')?.textContent).toBe('GitHub was disconnected.'));
    expect(page.container.querySelector('[data-testid="identity-github"]')).toBeNull();
    expect(document.activeElement?.id).toBe('connected-accounts-title');
    expect(button(section(page), 'Disconnect Dev IdP').disabled).toBe(true);
    await until(() => expect([...section(page).querySelectorAll('a')].map((link) => link.textContent)).toEqual(['Connect GitHub']));
  });

  it('a refusal that says the list on screen is stale (last_identity) is an alert, the list is asked for again, and focus returns to Disconnect', async () => {
    const bff = fakeBff({
      'GET /auth/me': () => json(200, me),
      'GET /auth/identities': () => json(200, [devIdentity, githubIdentity]),
      'GET /auth/providers': () => json(200, providers),
      'DELETE /auth/identities/github/4711': () => failure(409, 'last_identity', 'This is the only account you can sign in with.'),
    });
    const page = show(bff);
    await until(() => button(section(page), 'Disconnect GitHub'));
    button(section(page), 'Disconnect GitHub').click();
    await until(() => button(section(page), 'Yes, disconnect'));
    button(section(page), 'Yes, disconnect').click();
    await until(() => expect(page.container.querySelector('[role="alert"]')?.textContent).toContain("We couldn't disconnect GitHub."));
    expect(page.container.querySelector('[role="alert"]')?.textContent).toContain('last_identity');
    await until(() => expect(bff.calls.filter((call) => call.path === '/auth/identities')).toHaveLength(2));
    await until(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Disconnect GitHub'));
  });

  it('the providers to connect failing on their own get their own notice and "Try again"; the accounts stay', async () => {
    const bff = fakeBff({
      'GET /auth/me': () => json(200, me),
      'GET /auth/identities': () => json(200, [devIdentity]),
      'GET /auth/providers': () => failure(500, 'internal_error', 'Something went wrong. Please try again.'),
    });
    const page = show(bff);
    await until(() => expect(page.text()).toContain("We couldn't load the providers you can connect."));
    expect(page.container.querySelector('[data-testid="identity-dev"]')).not.toBeNull();
    bff.answer('GET /auth/providers', () => json(200, providers));
    button(section(page), 'Try again').click();
    await until(() => expect([...section(page).querySelectorAll('a')].map((link) => link.textContent)).toEqual(['Connect GitHub']));
  });
});

describe('the sign-in page', () => {
  it('while /auth/providers answers 503 says "Temporarily unavailable" instead of buttons, and shows them by itself once it answers', async () => {
    let asked = 0;
    const bff = fakeBff({
      'GET /auth/me': () => failure(401, 'unauthenticated', 'Please sign in.'),
      'GET /auth/providers': () => {
        asked += 1;
        return asked === 1
          ? failure(503, 'store_unavailable', 'The service is temporarily unavailable.', { 'Retry-After': '1' })
          : json(200, providers);
      },
    });
    const page = show(bff, <LoginPage />, '/login');
    await until(() => expect(page.container.querySelector('[role="alert"]')?.textContent).toContain('Temporarily unavailable'));
    expect(page.container.querySelector('[aria-label="Sign-in providers"]')).toBeNull();
    await until(() => expect(page.container.querySelectorAll('[aria-label="Sign-in providers"] a')).toHaveLength(2), 4000);
    expect(page.container.querySelector('[role="alert"]')).toBeNull();
  });
});
