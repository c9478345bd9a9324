import type { DemoUser } from './accounts.js';
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

const interactionPath = (uid: string, action?: string) =>
  `/interaction/${encodeURIComponent(uid)}${action ? `/${action}` : ''}`;

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
  return layout('Sign in', html`
<h1>Sign in</h1>
<p class="muted">to continue to <strong>${clientName}</strong>. Pick a demo user; no password needed.</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="${interactionPath(uid, 'login')}" class="users">
${users.map((user) => html`<button type="submit" class="user" name="login" value="${user.id}">${avatar(user)}<span>${user.name}<small>${user.email}</small></span></button>
`)}</form>
<div class="divider">or type a username</div>
<form method="post" action="${interactionPath(uid, 'login')}" class="row">
<input type="text" name="login" value="${typed ?? ''}" placeholder="alice" aria-label="Username" autocomplete="off" autocapitalize="none" spellcheck="false">
<button type="submit" class="primary">Sign in</button>
</form>
<form method="post" action="${interactionPath(uid, 'abort')}" class="actions">
<button type="submit" class="secondary">Cancel</button>
</form>`);
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
  return layout('Allow access', html`
<h1>Allow access?</h1>
<p><strong>${clientName}</strong> ${clientName === clientId ? '' : html`<span class="muted">(client <code>${clientId}</code>)</span> `}would like to:</p>
<ul class="scopes">
${scopes.map((scope) => html`<li>${SCOPE_DESCRIPTIONS[scope] ?? 'Use the scope'} <code>${scope}</code></li>
`)}</ul>
${claims.length ? html`<p class="muted">It also asks for these claims: ${claims.join(', ')}.</p>` : ''}
${user ? html`<p class="muted">Signed in as ${user.name} (${user.email}).</p>` : ''}
<div class="actions">
<form method="post" action="${interactionPath(uid, 'abort')}"><button type="submit" class="secondary">Deny</button></form>
<form method="post" action="${interactionPath(uid, 'confirm')}"><button type="submit" class="primary" autofocus>Allow</button></form>
</div>`);
}

/** A readable error page; callers pass public text only, never a stack or an internal message. */
export function errorPage(title: string, message: string, detail?: string): string {
  return layout(title, html`
<h1>${title}</h1>
<p>${message}</p>
${detail ? html`<p class="muted">${detail}</p>` : ''}`);
}

export interface HomePageInput {
  issuer: string;
  users: readonly DemoUser[];
  clients: readonly DevIdpClient[];
}

/** The landing page at `/`: what this server is and who can sign in (client secrets are not shown). */
export function homePage({ issuer, users, clients }: HomePageInput): string {
  return layout('Dev IdP', html`
<h1>Dev IdP</h1>
<p class="muted">A local OpenID Provider with demo users.</p>
<p>Issuer: <code>${issuer}</code><br>
Discovery: <a href="/.well-known/openid-configuration">/.well-known/openid-configuration</a></p>
<p><strong>Demo users</strong></p>
<div class="users">
${users.map((user) => html`<div class="user">${avatar(user)}<span>${user.name} <code>${user.id}</code><small>${user.email}${user.emailVerified ? '' : ' (not verified)'}</small></span></div>
`)}</div>
<p><strong>Clients</strong></p>
<ul class="scopes">
${clients.map((client) => html`<li><code>${client.clientId}</code><br><span class="muted">${client.redirectUris.join(', ')}</span></li>
`)}</ul>`);
}

/**
 * RP-initiated logout confirmation. `form` is oidc-provider's own hidden form (with its xsrf
 * token), trusted markup; the buttons submit it.
 */
export function logoutPage(form: string, clientName: string | undefined): string {
  return layout('Sign out', html`
<h1>Sign out?</h1>
<p>Do you want to sign out of the Dev IdP${clientName ? html` and ${clientName}` : ''}?</p>
${new SafeHtml(form)}
<div class="actions">
<button type="submit" form="op.logoutForm" class="secondary">No, stay signed in</button>
<button type="submit" form="op.logoutForm" name="logout" value="yes" class="primary" autofocus>Yes, sign me out</button>
</div>`);
}

/** Shown after a logout that had no post_logout_redirect_uri. */
export function loggedOutPage(clientName: string | undefined): string {
  return layout('Signed out', html`
<h1>Signed out</h1>
<p>You have been signed out of the Dev IdP${clientName ? html` and ${clientName}` : ''}.</p>`);
}
