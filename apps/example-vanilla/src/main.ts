// A framework-free frontend on another origin than the BFF: it signs in and shows the profile with
// nothing but @sso/client. The BFF lets it in because its origin is listed in FRONTEND_ORIGINS.
import { createClient, toSsoError, type MeResponse, type ProviderSummary } from '@sso/client';
import { h } from './dom';
import './style.css';

// The BFF's public URL. In development that is the SPA's Vite server, which proxies /auth to the BFF.
const BFF_URL = import.meta.env.VITE_BFF_URL ?? 'http://localhost:5173';

const client = createClient({ baseUrl: BFF_URL, onSessionEnded: () => void render() });
const app = document.getElementById('app')!;

function show(...nodes: Node[]): void {
  app.replaceChildren(...nodes);
}

/** Checks the session and shows either the sign-in buttons or the profile. */
async function render(): Promise<void> {
  show(h('p', { class: 'muted', role: 'status' }, 'Checking your session…'));
  try {
    const session = await client.me();
    if (!session) return showSignIn(await client.providers());
    // Only for the provider's display name; without it the id will do.
    const providers = await client.providers().catch(() => []);
    showProfile(session, providers.find((p) => p.id === session.provider)?.name ?? session.provider);
  } catch (error) {
    showError('We could not reach the sign-in service.', error);
  }
}

function showSignIn(providers: ProviderSummary[]): void {
  // Come back to this very page: an absolute URL on this origin, which the BFF accepts for an allowed frontend.
  const returnTo = `${window.location.origin}/`;
  const list = h(
    'ul',
    { class: 'providers', 'aria-label': 'Sign-in providers' },
    ...providers.map((provider) =>
      // A plain link: signing in is a full-page trip through the BFF to the provider and back.
      h('li', {}, h('a', { class: 'button button--provider', href: client.loginUrl(provider, returnTo) }, `Sign in with ${provider.name}`)),
    ),
  );
  show(h('h2', {}, 'Sign in'), providers.length > 0 ? list : h('p', { class: 'muted' }, 'No sign-in providers are configured.'));
}

function showProfile({ user }: MeResponse, providerName: string): void {
  const name = user.name ?? user.email ?? 'Your account';
  const avatar = user.avatarUrl
    ? h('img', {
        class: 'avatar',
        src: user.avatarUrl,
        alt: `Profile picture of ${name}`,
        width: '72',
        height: '72',
        referrerpolicy: 'no-referrer',
        'data-testid': 'profile-avatar',
      })
    : h(
        'div',
        { class: 'avatar avatar--initials', role: 'img', 'aria-label': `Profile picture of ${name}`, 'data-testid': 'profile-avatar' },
        initialsOf(name),
      );
  const signOut = h('button', { type: 'button', class: 'button', onclick: () => void leave(signOut as HTMLButtonElement) }, 'Sign out');
  show(
    h(
      'div',
      { class: 'profile' },
      avatar,
      h('h2', { 'data-testid': 'profile-name' }, name),
      h('p', { 'data-testid': 'profile-email' }, user.email ?? 'No email shared'),
      h('p', { class: 'muted', 'data-testid': 'profile-provider' }, `Signed in with ${providerName}`),
    ),
    signOut,
  );
}

async function leave(button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  button.textContent = 'Signing out…';
  try {
    // Come back to this page afterwards, through the BFF's end-session page and the provider's if it has one.
    const { redirectTo } = await client.logout({ returnTo: `${window.location.origin}/` });
    if (/^https?:\/\//i.test(redirectTo)) window.location.assign(redirectTo);
    else await render();
  } catch (error) {
    showError('We could not sign you out.', error);
  }
}

function showError(title: string, error: unknown): void {
  const { message, code } = toSsoError(error);
  show(
    h(
      'div',
      { class: 'alert', role: 'alert' },
      h('p', { class: 'alert__title' }, title),
      h('p', {}, message),
      h('p', { class: 'muted' }, 'Error code: ', h('code', {}, code)),
    ),
    h('button', { type: 'button', class: 'button', onclick: () => void render() }, 'Try again'),
  );
}

function initialsOf(name: string): string {
  const words = name
    .split('@')[0]!
    .split(/[\s._-]+/)
    .filter(Boolean);
  const picked = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words.slice(0, 1);
  return picked.map((word) => Array.from(word)[0]!.toUpperCase()).join('') || '?';
}

void render();
