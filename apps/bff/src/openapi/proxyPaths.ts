import { ErrorCode } from '@sso/profile';
import type { ApiRoute } from '../config/index.js';
import { DEFAULT_API_BODY_LIMIT } from '../config/apiBodyLimit.js';
import { UNTRUSTED_CONTENT_POLICY } from '../proxy/response.js';
import { OPEN, SIGNED_IN, apiError, ref, retryAfterHeader } from './components.js';
import { HTTP_METHODS, type Header, type HttpMethod, type Operation, type PathItem, type Paths } from './types.js';

const UNSAFE = new Set<HttpMethod>(['post', 'put', 'patch', 'delete']);

/** `/api/orders` → `ApiOrders`, for operation ids. */
const pascal = (prefix: string) =>
  prefix
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

/** Headers of every answer the upstream gave (200 and any other status alike). */
function passedThroughHeaders(route: ApiRoute): Record<string, Header> {
  return {
    'Cache-Control': { description: 'The upstream’s, or `no-store`.', required: true, schema: { type: 'string' } },
    'X-Content-Type-Options': {
      description: 'Always: the browser never sniffs an upstream’s answer into something else.',
      required: true,
      schema: { type: 'string', const: 'nosniff' },
    },
    'Content-Security-Policy': {
      description: `On every answer that is not JSON (\`application/json\`, \`application/*+json\`), including one without a Content-Type: \`${UNTRUSTED_CONTENT_POLICY}\`, so that HTML or SVG from an upstream cannot run script on this origin.`,
      schema: { type: 'string' },
    },
    Location: {
      description: `The upstream’s Location, only when it points at the same upstream at or below its base: rewritten to the same place under \`${route.prefix}\` (the upstream’s \`<base>/items/2\` becomes \`${route.prefix}/items/2\`). Any other Location (another host, the upstream’s other paths) is dropped; the status stays.`,
      schema: { type: 'string', pattern: `^${route.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[/?#]|$)` },
    },
  };
}

/** A configured method: forwarded with the user's access token (routes/apiProxy.ts). */
function forwarded(route: ApiRoute, method: HttpMethod, bodyLimit: number): Operation {
  const unsafe = UNSAFE.has(method);
  const headers = passedThroughHeaders(route);
  return {
    operationId: `${method}${pascal(route.prefix)}`,
    summary: `Forwarded to the upstream with the user’s access token`,
    description: `The token-handler pattern: \`${method.toUpperCase()} ${route.prefix}/{path}\` (and \`${route.prefix}\` itself) goes to this route’s upstream with \`{path}\` and the query string appended, \`Authorization: Bearer <the user’s access token>\` (refreshed first when it is about to expire), and only the request headers Accept, Accept-Language, Content-Type, User-Agent and the conditional ones (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since); never our cookies or X-CSRF. The browser never sees the token, the upstream never sees our cookies.`,
    tags: ['api-proxy'],
    security: SIGNED_IN,
    ...(unsafe
      ? {
          parameters: [ref('parameters', 'XCsrf')],
          requestBody: {
            description: `Streamed to the upstream unchanged, up to ${bodyLimit} bytes (API_BODY_LIMIT).`,
            content: { '*/*': { schema: {} } },
          },
        }
      : {}),
    responses: {
      '200': {
        description:
          'The upstream’s answer, passed through: status, body, and only Content-Type, Cache-Control (`no-store` when the upstream sends none), ETag, Last-Modified, Content-Language, WWW-Authenticate and Retry-After; its Location only rewritten under the prefix (see the header). Never its Set-Cookie.',
        headers,
        content: { '*/*': { schema: {} } },
      },
      '400': apiError(
        '`{path}` could leave the upstream’s base: after percent-decoding it again and again (`%252e` is `.`), a segment that is `.` or `..`, or holds `;` (path parameters: `/..;/` is `..` to Tomcat, Jetty and Spring), `/` (an encoded slash), `\\`, NUL or another control character; invalid percent-encoding (overlong UTF-8 such as `%c0%ae`); or a URL that no longer starts with the upstream’s base: `bad_request`. Nothing is forwarded.',
        [ErrorCode.BadRequest],
      ),
      '401': apiError(
        'Not signed in, or the access token expired and could not be refreshed (the session is then ended): `unauthenticated`. Nothing is forwarded.',
        [ErrorCode.Unauthenticated],
      ),
      ...(unsafe || route.providers
        ? {
            '403': apiError(
              [
                unsafe ? 'No `X-CSRF: 1`, or a foreign `Origin`: `csrf_failed`.' : '',
                route.providers
                  ? `The session signed in with a provider other than ${route.providers.join(', ')}: \`provider_not_allowed\`.`
                  : '',
              ]
                .filter(Boolean)
                .join(' ') + ' Nothing is forwarded.',
              [...(unsafe ? [ErrorCode.CsrfFailed] : []), ...(route.providers ? [ErrorCode.ProviderNotAllowed] : [])],
            ),
          }
        : {}),
      ...(unsafe
        ? {
            '413': apiError(
              `The body is larger than ${bodyLimit} bytes (API_BODY_LIMIT): \`payload_too_large\`, with \`Connection: close\`. A body that announces its Content-Length is refused before anything is forwarded; a chunked one is cut off at the limit, which aborts the upstream request (the upstream never gets a complete body).`,
              [ErrorCode.PayloadTooLarge],
            ),
          }
        : {}),
      '500': ref('responses', 'InternalError'),
      '502': apiError(
        'The upstream cannot be reached or timed out (`upstream_unavailable`); or the provider’s discovery, needed for a token refresh, failed (`provider_error`, `invalid_provider_response`).',
        [ErrorCode.UpstreamUnavailable, ErrorCode.ProviderError, ErrorCode.InvalidResponse],
      ),
      '503': apiError(
        'The provider could not be reached to refresh the access token (`provider_unavailable`), or the database cannot be reached (`store_unavailable`). The session stays; try again after `Retry-After` seconds.',
        [ErrorCode.ProviderUnavailable, ErrorCode.StoreUnavailable],
        { 'Retry-After': retryAfterHeader },
      ),
      default: {
        description:
          'Any other status the upstream answers with (3xx included), passed through like 200. An upstream’s own 4xx/5xx keeps its own body, which need not be an ApiError.',
        headers,
        content: { '*/*': { schema: {} } },
      },
    },
  };
}

/** A method the route does not forward: refused before the session is even looked at. */
function notAllowed(route: ApiRoute, method: HttpMethod): Operation {
  const unsafe = UNSAFE.has(method);
  return {
    operationId: `${method}${pascal(route.prefix)}NotAllowed`,
    summary: 'Not forwarded: this method is not configured for this route',
    tags: ['api-proxy'],
    security: OPEN,
    ...(unsafe ? { parameters: [ref('parameters', 'XCsrf')] } : {}),
    responses: {
      ...(unsafe ? { '403': ref('responses', 'CsrfFailed') } : {}),
      '405': apiError('`method_not_allowed`; `Allow` lists the configured methods.', [ErrorCode.MethodNotAllowed], {
        Allow: {
          description: 'The methods this route forwards.',
          required: true,
          schema: { type: 'string', const: route.methods.join(', ') },
        },
      }),
    },
  };
}

/** One path per API_ROUTES entry, `${prefix}/{path}`, with every method: forwarded or 405. */
export function proxyPaths(routes: readonly ApiRoute[], bodyLimit = DEFAULT_API_BODY_LIMIT): Paths {
  const paths: Paths = {};
  for (const route of routes) {
    const item: PathItem = {
      parameters: [
        {
          name: 'path',
          in: 'path',
          required: true,
          description: 'The rest of the path under the prefix; it may contain `/`.',
          schema: { type: 'string' },
        },
      ],
    };
    for (const method of HTTP_METHODS) {
      item[method] = route.methods.includes(method.toUpperCase()) ? forwarded(route, method, bodyLimit) : notAllowed(route, method);
    }
    paths[`${route.prefix}/{path}`] = item;
  }
  return paths;
}
