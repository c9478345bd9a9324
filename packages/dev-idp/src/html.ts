/** HTML that is already safe to emit as is (built by `html` or trusted provider markup). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use in HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** What a page may interpolate: text and numbers (escaped), SafeHtml (as is), lists of them, or nothing. */
export type HtmlValue = string | number | boolean | null | undefined | SafeHtml | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * Template tag that escapes every interpolated value unless it is SafeHtml, so a page cannot
 * forget to escape a user name, client id or error message.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

const STYLES = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;
  font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f3f4f6;padding:24px}
.banner{font-size:12px;font-weight:600;letter-spacing:.02em;color:#92400e;background:#fef3c7;border:1px solid #fde68a;
  border-radius:999px;padding:4px 12px;margin-bottom:16px}
.card{width:100%;max-width:400px;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08),0 8px 24px rgba(0,0,0,.06);padding:28px}
h1{font-size:20px;margin:0 0 4px}
p{margin:0 0 16px}
.muted{color:#6b7280;font-size:13px}
.error{color:#991b1b;background:#fee2e2;border-radius:8px;padding:8px 12px;margin:0 0 16px}
form{margin:0}
.users{display:flex;flex-direction:column;gap:8px;margin:16px 0}
.user{display:flex;align-items:center;gap:12px;width:100%;text-align:left;padding:10px 12px;border:1px solid #e5e7eb;
  border-radius:10px;background:#fff;font:inherit;cursor:pointer}
button.user:hover,button.user:focus{border-color:#6366f1;background:#eef2ff;outline:none}
.user small{display:block;color:#6b7280;font-size:13px}
.avatar{width:36px;height:36px;border-radius:50%;flex:none;display:inline-flex;align-items:center;justify-content:center;
  background:#e5e7eb;color:#374151;font-weight:600;font-size:14px}
.divider{display:flex;align-items:center;gap:8px;color:#9ca3af;font-size:13px;margin:16px 0}
.divider::before,.divider::after{content:"";flex:1;border-top:1px solid #e5e7eb}
.row{display:flex;gap:8px}
input[type=text]{flex:1;min-width:0;font:inherit;padding:8px 12px;border:1px solid #d1d5db;border-radius:8px}
button.primary,button.secondary,a.primary{font:inherit;font-weight:600;padding:8px 16px;border-radius:8px;cursor:pointer;border:1px solid transparent}
button.primary,a.primary{background:#4f46e5;color:#fff}
button.primary:hover,a.primary:hover{background:#4338ca}
a.primary{display:inline-block;text-decoration:none}
button.secondary{background:#fff;color:#374151;border-color:#d1d5db}
button.secondary:hover{background:#f9fafb}
.actions{display:flex;gap:8px;justify-content:flex-end;margin-top:20px}
ul.scopes{list-style:none;padding:0;margin:0 0 8px}
ul.scopes li{padding:8px 0;border-bottom:1px solid #f3f4f6}
ul.scopes code,code{font-size:12px;background:#f3f4f6;border-radius:4px;padding:1px 5px}
footer{margin-top:16px;color:#9ca3af;font-size:12px}
`;

/** What surrounds a page's card: the Dev IdP's own frame by default; the provider fakes brand theirs. */
export interface PageFrame {
  /** Appended to the page title ("Sign in" + " · Dev IdP"). */
  titleSuffix: string;
  /** The "development only" pill above the card. */
  banner: string;
  footer: string;
  /** Extra CSS after the shared styles (trusted, never user input). */
  css?: string;
}

export const devIdpFrame: PageFrame = {
  titleSuffix: ' · Dev IdP',
  banner: 'Dev IdP — for local development only',
  footer: 'Demo users and keys are reset every time the Dev IdP restarts.',
};

/** The page frame every page shares: a centred card under a "development only" banner. */
export function layout(title: string, body: SafeHtml, frame: PageFrame = devIdpFrame): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${title}${frame.titleSuffix}</title>
<style>${new SafeHtml(STYLES + (frame.css ?? ''))}</style>
</head>
<body>
<div class="banner" role="note">${frame.banner}</div>
<main class="card">
${body}
</main>
<footer>${frame.footer}</footer>
</body>
</html>
`.value;
}
