import { initials } from '../avatars.js';
import { html, layout, type PageFrame } from '../html.js';
import type { FakeUser } from './types.js';
import { avatarPath } from './users.js';

/** How a fake's pages look: its name and colour, and a clear "this is a fake" frame. */
export interface Brand {
  /** "Facebook" */
  name: string;
  /** Page title and heading verb: "Log in with" / "Sign in with". */
  verb: string;
  /** Accent colour of the buttons. */
  accent: string;
}

/** Escapes text for a double-quoted CSS string. */
const cssString = (text: string) => text.replace(/[^A-Za-z0-9 _-]/g, (char) => `\\${char.codePointAt(0)!.toString(16)} `);

function frame(brand: Brand, users: readonly FakeUser[] = []): PageFrame {
  // The buttons carry exactly type, name and value (tests parse them), so pictures come from CSS.
  const pictures = users.map((user) => {
    const selector = `button[name="user"][value="${cssString(user.id)}"]::before`;
    return user.avatar
      ? `${selector}{background-image:url("${avatarPath(user.id)}")}`
      : `${selector}{content:"${cssString(initials(user.name ?? user.id))}"}`;
  });
  return {
    titleSuffix: '',
    banner: `FAKE ${brand.name} — local development only`,
    footer: `A local fake of ${brand.name} for development and tests. Nothing here talks to the real ${brand.name}.`,
    css: `
h1{color:${brand.accent}}
button[name="user"]{display:flex;align-items:center;gap:12px;width:100%;text-align:left;padding:10px 12px;margin:0 0 8px;
  border:1px solid #e5e7eb;border-radius:10px;background:#fff;font:inherit;font-weight:600;cursor:pointer}
button[name="user"]:hover,button[name="user"]:focus{border-color:${brand.accent};outline:none;background:#f9fafb}
button[name="user"]::before{content:"";flex:none;width:36px;height:36px;border-radius:50%;background:#e5e7eb center/cover no-repeat;
  display:inline-flex;align-items:center;justify-content:center;font-size:14px;color:#374151}
button[name="decision"]{font:inherit;margin-top:12px;padding:8px 16px;border-radius:8px;border:1px solid #d1d5db;background:#fff;cursor:pointer}
${pictures.join('\n')}
`,
  };
}

export interface SigninPageInput {
  brand: Brand;
  /** Where the form posts. */
  action: string;
  /** The pending request's id (hidden input `request`). */
  requestId: string;
  clientId: string;
  scopes: readonly string[];
  users: readonly FakeUser[];
}

/**
 * The sign-in page every fake shows: exactly one form, one hidden input, one button per user
 * (`name="user"`) and Cancel (`name="decision" value="deny"`). Tests parse it with regexes.
 */
export function signinPage({ brand, action, requestId, clientId, scopes, users }: SigninPageInput): string {
  return layout(
    `${brand.verb} ${brand.name} (fake)`,
    html`
<h1>${brand.verb} ${brand.name}</h1>
<p class="muted">The app <code>${clientId}</code> asks for ${scopes.length ? html`<code>${scopes.join(' ')}</code>` : 'basic access'}. Pick a test user; no password needed.</p>
<form method="post" action="${action}">
<input type="hidden" name="request" value="${requestId}">
${users.map(
  (user) => html`<button type="submit" name="user" value="${user.id}">Continue as ${user.name ?? user.id}</button>
`,
)}<button type="submit" name="decision" value="deny">Cancel</button>
</form>`,
    frame(brand, users),
  );
}

/**
 * The page a provider shows instead of redirecting (unknown app, unregistered redirect URI, …).
 * `back`: a registered app URL to link to, only where the fake knows the app (never from the request).
 */
export function fakeErrorPage(brand: Brand, title: string, message: string, back?: string): string {
  return layout(
    `${title} · ${brand.name} (fake)`,
    html`
<h1>${title}</h1>
<p>${message}</p>
<p class="muted">This is the fake ${brand.name}: the request was not sent back to the app.</p>
${back ? html`<div class="actions"><a class="primary" href="${back}">Back to the app</a></div>` : ''}`,
    frame(brand),
  );
}
