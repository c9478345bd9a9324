/**
 * A minimal browser for HTTP-level tests: a cookie jar that, like a real browser, scopes cookies
 * by host (not port) and path, honours Max-Age/Expires, and follows nothing by itself so that
 * each redirect can be inspected.
 */
interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
  expires: number | null;
  attributes: string;
}

export class TestBrowser {
  private cookies: StoredCookie[] = [];
  /** Extra headers on every request (e.g. Origin). */
  constructor(private readonly defaultHeaders: Record<string, string> = {}) {}

  cookieHeader(url: URL): string {
    const now = Date.now();
    this.cookies = this.cookies.filter((c) => c.expires === null || c.expires > now);
    return this.cookies
      .filter(
        (c) =>
          c.host === url.hostname && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  /** The raw Set-Cookie attributes last stored for a cookie, for assertions on flags. */
  cookie(name: string): StoredCookie | undefined {
    return this.cookies.find((c) => c.name === name);
  }

  setCookie(url: URL, name: string, value: string, path = '/'): void {
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.host === url.hostname && c.path === path));
    this.cookies.push({ name, value, host: url.hostname, path, expires: null, attributes: '' });
  }

  clearCookies(): void {
    this.cookies = [];
  }

  private store(url: URL, header: string): void {
    const [pair, ...attrs] = header.split(';').map((part) => part.trim());
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    let path = url.pathname.replace(/\/[^/]*$/, '') || '/';
    let expires: number | null = null;
    for (const attr of attrs) {
      const [k, v = ''] = attr.split('=');
      const key = k!.toLowerCase();
      if (key === 'path') path = v || '/';
      if (key === 'max-age') expires = Date.now() + Number(v) * 1000;
      if (key === 'expires' && expires === null) expires = Date.parse(v);
    }
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.host === url.hostname && c.path === path));
    if (expires !== null && expires <= Date.now()) return;
    this.cookies.push({ name, value, host: url.hostname, path, expires, attributes: attrs.join('; ') });
  }

  async request(input: string | URL, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input);
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.defaultHeaders)) if (!headers.has(k)) headers.set(k, v);
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) this.store(url, header);
    return response;
  }

  /** GET, following redirects to the end; returns the last response and its URL. */
  async follow(input: string | URL, limit = 15): Promise<{ response: Response; url: URL }> {
    let url = new URL(input);
    for (let hop = 0; hop < limit; hop += 1) {
      const response = await this.request(url);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url };
      await response.arrayBuffer();
      url = new URL(location, url);
    }
    throw new Error(`too many redirects from ${String(input)}`);
  }
}

/** The session id a browser's session cookie carries (`<id>.<mac>`): the key the store knows it by. */
export function sessionIdOf(browser: TestBrowser, name = 'sso.sid'): string {
  const value = browser.cookie(name)?.value;
  if (!value) throw new Error(`the browser has no ${name} cookie`);
  return value.split('.')[0]!;
}
