/**
 * Just enough of a browser for driving the Dev IdP with fetch: a cookie jar that honours
 * Path and expiry (oidc-provider's interaction cookies are path-scoped), and redirect following
 * that stops when the redirect leaves the IdP (i.e. reaches the client's redirect_uri).
 */
interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

export class Browser {
  private cookies: StoredCookie[] = [];

  constructor(private readonly origin: string) {}

  /** The cookies a browser would send to `url`. */
  cookieHeader(url: URL): string {
    return this.cookies
      .filter(
        (cookie) => url.pathname === cookie.path || url.pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`),
      )
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  private store(url: URL, response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = url.pathname.replace(/\/[^/]*$/, '') || '/';
      let expired = false;
      for (const attribute of attributes) {
        const [key = '', attrValue = ''] = attribute.split('=');
        if (key.toLowerCase() === 'path') path = attrValue;
        if (key.toLowerCase() === 'max-age' && Number(attrValue) <= 0) expired = true;
        if (key.toLowerCase() === 'expires' && Date.parse(attrValue) <= Date.now()) expired = true;
      }
      this.cookies = this.cookies.filter((cookie) => !(cookie.name === name && cookie.path === path));
      if (!expired) this.cookies.push({ name, value, path });
    }
  }

  /** One request, no redirect following. */
  async request(target: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const url = new URL(target, this.origin);
    const headers: Record<string, string> = {};
    const cookie = this.cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.store(url, response);
    return response;
  }

  /**
   * Sends the request and follows redirects within the IdP. Returns the last response and its
   * URL, or the first redirect that leaves the IdP together with its target.
   */
  async go(target: string | URL, init: { form?: Record<string, string> } = {}): Promise<{ response: Response; url: URL }> {
    let url = new URL(target, this.origin);
    let response = await this.request(url, init);
    for (let hops = 0; hops < 10; hops += 1) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url };
      await response.arrayBuffer();
      url = new URL(location, url);
      if (url.origin !== this.origin) return { response, url };
      response = await this.request(url);
    }
    throw new Error('too many redirects');
  }
}
