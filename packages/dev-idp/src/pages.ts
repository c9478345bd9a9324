import type { DemoUser } from './accounts.js';
import type { AppLink } from './app-links.js';
import { initials } from './avatars.js';
import type { DevIdpClient } from './clients.js';
import { html, layout, SafeHtml } from './html.js';

/** What each scope means to the person asked to allow it. */
const SCOPE_DESCRIPTIONS: Record<string, string> = {
  openid: 'Sign you in with your Dev IdP account',
  profile: 'See your name and picture',
  email: 'See your email address and whether it is verified',
  offline_access: 'Stay signed in when you are away (refresh tokens)',
};

const interactionPath = (uid: string, action?: string) => `/interaction/${encodeURIComponent(uid)}${action ? `/${action}` : ''}`;

function avatar(user: DemoUser): SafeHtml {
  return user.avatar
    ? html`<img class="avatar" src="/avatars/${encodeURIComponent(user.id)}.svg" alt="" width="36" height="36">`
    : html`<span class="avatar" aria-hidden="true">${initials(user.name)}</span>`;
}

export interface LoginPageInput {
  uid: string;
  clientName: string;
  users: readonly DemoUser[];
  /** Shown above the user list, e.g. "No demo user named …". */
  error?: string;
  /** Pre-fills the username field (what was typed, or the request's login_hint). */
  typed?: string;
}

/** The sign-in page: one button per demo user, a username field, and Cancel. */
export function loginPage({ uid, clientName, users, error, typed }: LoginPageInput): string {
  return layout(
    'Sign in',
    html`
<h1>Sign in</h1>
<p class="muted">to continue to <strong>${clientName}</strong>. Pick a demo user; no password needed.</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="${interactionPath(uid, 'login')}" class="users">
${users.map(
  (
    user,
  ) => html`<button type="submit" class="user" name="login" value="${user.id}">${avatar(user)}<span>${user.name}<small>${user.email}</small></span></button>
`,
)}</form>
<div class="divider">or type a username</div>
<form method="post" action="${interactionPath(uid, 'login')}" class="row">
<input type="text" name="login" value="${typed ?? ''}" placeholder="alice" aria-label="Username" autocomplete="off" autocapitalize="none" spellcheck="false">
<button type="submit" class="primary">Sign in</button>
</form>
<form method="post" action="${interactionPath(uid, 'abort')}" class="actions">
<button type="submit" class="secondary">Cancel</button>
</form>`,
  );
}

export interface ConsentPageInput {
  uid: string;
  clientId: string;
  clientName: string;
  user: DemoUser | undefined;
  scopes: readonly string[];
  /** Individual claims asked for beyond the scopes (the `claims` request parameter). */
  claims: readonly string[];
}

/** The consent page: which app asks for which scopes, with Allow and Deny. */
export function consentPage({ uid, clientId, clientName, user, scopes, claims }: ConsentPageInput): string {
  return layout(
    'Allow access',
    html`
<h1>Allow access?</h1>
<p><strong>${clientName}</strong> ${clientName === clientId ? '' : html`<span class="muted">(client <code>${clientId}</code>)</span> `}would like to:</p>
<ul class="scopes">
${scopes.map(
  (scope) => html`<li>${SCOPE_DESCRIPTIONS[scope] ?? 'Use the scope'} <code>${scope}</code></li>
`,
)}</ul>
${claims.length ? html`<p class="muted">It also asks for these claims: ${claims.join(', ')}.</p>` : ''}
${user ? html`<p class="muted">Signed in as ${user.name} (${user.email}).</p>` : ''}
<div class="actions">
<form method="post" action="${interactionPath(uid, 'abort')}"><button type="submit" class="secondary">Deny</button></form>
<form method="post" action="${interactionPath(uid, 'confirm')}"><button type="submit" class="primary" autofocus>Allow</button></form>
</div>`,
  );
}

/** "Back to <app>": a link the person follows, never an automatic redirect (that would trap Back). */
function backLink(app: AppLink | undefined): SafeHtml | '' {
  return app?.url ? html`<div class="actions"><a class="primary" href="${app.url}">Back to ${app.name}</a></div>` : '';
}

/** A readable error page; callers pass public text only, never a stack or an internal message. */
export function errorPage(title: string, message: string, detail?: string, back?: AppLink): string {
  return layout(
    title,
    html`
<h1>${title}</h1>
<p>${message}</p>
${detail ? html`<p class="muted">${detail}</p>` : ''}
${backLink(back)}`,
  );
}

/**
 * An interaction that is over: usually the browser's Back button after signing in. The person is
 * most likely signed in already, so the page says so and offers the way back to the app.
 */
export function signInOverPage(app: AppLink | undefined): string {
  return layout(
    'Sign-in finished or expired',
    html`
<h1>Sign-in finished or expired</h1>
<p>This sign-in has already finished or expired.${app ? html` If you just signed in, you are already signed in to <strong>${app.name}</strong>.` : ''}</p>
<p class="muted">${app?.url ? 'To sign in again, start from the application.' : `Go back to ${app ? app.name : 'the application'} and start signing in again.`}</p>
${backLink(app)}`,
  );
}

export interface HomePageInput {
  issuer: string;
  users: readonly DemoUser[];
  clients: readonly DevIdpClient[];
}

/** The landing page at `/`: what this server is and who can sign in (client secrets are not shown). */
export function homePage({ issuer, users, clients }: HomePageInput): string {
  return layout(
    'Dev IdP',
    html`
<h1>Dev IdP</h1>
<p class="muted">A local OpenID Provider with demo users.</p>
<p>Issuer: <code>${issuer}</code><br>
Discovery: <a href="/.well-known/openid-configuration">/.well-known/openid-configuration</a></p>
<p><strong>Demo users</strong></p>
<div class="users">
${users.map(
  (
    user,
  ) => html`<div class="user">${avatar(user)}<span>${user.name} <code>${user.id}</code><small>${user.email}${user.emailVerified ? '' : ' (not verified)'}</small></span></div>
`,
)}</div>
<p><strong>Clients</strong></p>
<ul class="scopes">
${clients.map(
  (
    client,
  ) => html`<li>${client.clientName ? html`${client.clientName} ` : ''}<code>${client.clientId}</code><br><span class="muted">${client.redirectUris.join(', ')}</span></li>
`,
)}</ul>`,
  );
}

export interface LogoutPageInput {
  /** oidc-provider's own hidden form (with its xsrf token), trusted markup; the buttons submit it. */
  form: string;
  /** The app that sent the browser here; unknown without id_token_hint or client_id. */
  app: AppLink | undefined;
}

/**
 * RP-initiated logout confirmation. The app (the BFF) has ended its own session before sending the
 * browser here, so the only open question is the Dev IdP's session. Either button ends this app's
 * part of it (oidc-provider revokes its grant); only logout=yes ends the IdP session, and with it
 * every other app's (back-channel logout).
 */
export function logoutPage({ form, app }: LogoutPageInput): string {
  return layout(
    'Sign out',
    html`
${
  app
    ? html`<h1>You are signed out of ${app.name}</h1>
<p>Also sign out of the Dev IdP?</p>`
    : html`<h1>Sign out of the Dev IdP?</h1>`
}
<p class="muted">Staying signed in here lets you sign in again without picking a demo user. Signing out of the Dev IdP also signs you out of every other app that uses it.</p>
${new SafeHtml(form)}
<div class="actions">
<button type="submit" form="op.logoutForm" class="secondary">Stay signed in to the Dev IdP</button>
<button type="submit" form="op.logoutForm" name="logout" value="yes" class="primary" autofocus>Sign out of the Dev IdP</button>
</div>`,
  );
}

export interface LoggedOutPageInput {
  /** The app that was signed out; oidc-provider names it only when the IdP session stayed. */
  app: AppLink | undefined;
  /** Whether this browser still has a Dev IdP session. */
  signedInToIdp: boolean;
  /** Where "Back to …" goes (the app above, else the first registered one). */
  back: AppLink | undefined;
}

/** Shown after a logout that had no post_logout_redirect_uri. */
export function loggedOutPage({ app, signedInToIdp, back }: LoggedOutPageInput): string {
  const idp = signedInToIdp ? 'You are still signed in to the Dev IdP.' : 'You are signed out of the Dev IdP.';
  return layout(
    'Signed out',
    html`
<h1>Signed out</h1>
<p>${app ? html`You are signed out of <strong>${app.name}</strong>. ` : ''}${idp}</p>
${backLink(back)}`,
  );
}
