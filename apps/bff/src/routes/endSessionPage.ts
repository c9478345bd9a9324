import { createHash } from 'node:crypto';
import type { EndSessionForm } from '../auth/endSessionRequest.js';

/**
 * The two pages of GET /auth/end-session, each with the Content-Security-Policy that replaces
 * the app's (middleware/security.ts) for it: nothing may load, the only script is the one below
 * (by its hash), and the only place a form may go is the provider's end-session endpoint and
 * where the provider sends the browser back (CSP3 form-action also covers a form's redirects).
 */
export interface Page {
  html: string;
  csp: string;
}

const SUBMIT = "document.getElementById('end-session').submit();";
const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;color:#1d2433;max-width:32rem;margin:4rem auto;padding:0 1rem}h1{font-size:1.4rem}button{font:inherit;padding:.5rem 1rem}';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function document(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

/**
 * The auto-submitting form that takes the ID token to the provider in a POST body (RP-Initiated
 * Logout 1.0 §2 requires providers to accept POST), with a button where scripts are off.
 * `returnTo` is the post-logout redirect URI, the one other place the form may end up.
 */
export function endSessionFormPage(form: EndSessionForm, returnTo: URL): Page {
  const fields = Object.entries(form.fields)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('\n');
  const html = document(
    'Signing out…',
    `<main>
<h1>Signing out…</h1>
<form id="end-session" method="post" action="${escape(form.action)}">
${fields}
<noscript><p>You are signed out of this app. Continue to sign out at your provider too.</p><button type="submit">Continue</button></noscript>
</form>
</main>
<script>${SUBMIT}</script>`,
  );
  // Origins only for the provider: a path from its metadata could hold characters that end a directive.
  const csp = policy({
    'default-src': "'none'",
    'script-src': sha256(SUBMIT),
    'style-src': sha256(STYLE),
    'form-action': `${new URL(form.action).origin} ${returnTo.origin}${returnTo.pathname}`,
    'base-uri': "'none'",
    'frame-ancestors': "'none'",
  });
  return { html, csp };
}

/** A hand-off that was used, expired or never existed: the user is signed out here anyway. */
export function handoffGonePage(): Page {
  const html = document(
    'This sign-out link has expired',
    `<main>
<h1>This sign-out link has expired</h1>
<p>You are signed out of this app. The link that continues to your provider works only once, for a short time.</p>
<p><a href="/login">Go to the sign-in page</a></p>
</main>`,
  );
  const csp = policy({
    'default-src': "'none'",
    'style-src': sha256(STYLE),
    'form-action': "'none'",
    'base-uri': "'none'",
    'frame-ancestors': "'none'",
  });
  return { html, csp };
}
