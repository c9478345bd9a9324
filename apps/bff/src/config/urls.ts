/** Hosts for which plain http is acceptable: the browser and the provider are on this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Parses an absolute URL, recording a problem that names the variable when it is not one. */
export function parseUrl(name: string, value: string, problems: string[]): URL | undefined {
  try {
    return new URL(value);
  } catch {
    problems.push(`${name} must be an absolute URL (got "${value}")`);
    return undefined;
  }
}

/** http is allowed for loopback hosts only; everything else must be https. */
export function checkScheme(name: string, url: URL, problems: string[]): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  if (url.protocol === 'http:') {
    problems.push(`${name} must use https:// (http:// is accepted only for localhost, 127.0.0.1 and [::1])`);
  } else {
    problems.push(`${name} must be an https:// URL`);
  }
}

/** A provider base URL or issuer: absolute, https unless loopback, no query or fragment. */
export function parseEndpoint(name: string, value: string, problems: string[]): URL | undefined {
  const url = parseUrl(name, value, problems);
  if (!url) return undefined;
  checkScheme(name, url, problems);
  if (url.search || url.hash) problems.push(`${name} must not contain a query or fragment`);
  return url;
}

/** A base URL without a trailing slash, for joining paths onto. */
export function trimSlash(url: URL): string {
  return url.href.replace(/\/+$/, '');
}
