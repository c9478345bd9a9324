import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import type { Header, OpenApiDocument, Operation, Reference, Response as DocResponse } from '../../src/openapi/types.js';

/** What came back from the BFF, whatever made the request. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

export async function answerOf(response: Response): Promise<Answer> {
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A raw HTTP request, for paths that fetch would normalize (`%2e%2e`). */
export function rawRequest(origin: string, method: string, path: string, headers: Record<string, string>): Promise<Answer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') out.set(k, v);
        resolve({ status: res.statusCode!, headers: out, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const DOC_ID = 'urn:sso:openapi';
/** RFC 6901 escaping, then URI-encoding: the pointer goes into a `$ref` URI fragment. */
const segment = (s: string) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'));
const isRef = (v: unknown): v is Reference => typeof (v as Reference | undefined)?.$ref === 'string';

/**
 * Checks real answers against the OpenAPI document: the status must be documented for the
 * operation, required headers present and valid, JSON bodies valid (ajv, JSON Schema 2020-12,
 * the document's own component schemas). Remembers which documented answers it has seen.
 */
export class ApiContract {
  readonly seen = new Set<string>();
  readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly doc: OpenApiDocument) {
    // The whole document as one schema resource, so `#/components/schemas/…` refs resolve inside it;
    // its OpenAPI fields are keywords that validate nothing.
    this.ajv.addVocabulary(Object.keys(doc));
    this.ajv.addSchema({ ...structuredClone(doc), $id: DOC_ID }, undefined, undefined, false);
  }

  /** The value at a JSON pointer of the document (`#/a/b`), following `$ref`s; with its final pointer. */
  at<T>(pointer: string): { value: T; pointer: string } {
    let value: unknown = this.doc;
    for (const part of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
      const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
      if (value === null || typeof value !== 'object' || !(key in value)) throw new Error(`${pointer} does not resolve`);
      value = (value as Record<string, unknown>)[key];
    }
    return isRef(value) ? this.at<T>(value.$ref) : { value: value as T, pointer };
  }

  /** The documented path template a concrete path falls under (`{path}` may span segments). */
  template(pathname: string): string {
    const templates = Object.keys(this.doc.paths);
    const exact = templates.find((t) => t === pathname);
    if (exact) return exact;
    const found = templates.find((t) => {
      const pattern = t
        .split(/(\{[^}]+\})/)
        .map((part) => (part === '{path}' ? '.+' : /^\{.+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
        .join('');
      return new RegExp(`^${pattern}$`).test(pathname);
    });
    if (!found) throw new Error(`${pathname} is not a documented path`);
    return found;
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOC_ID}${pointer}` });
      this.compiled.set(pointer, validate);
    }
    return validate;
  }

  /**
   * Validates one answer to `method url` against the document and returns its JSON body, if any.
   * Only answers that pass count as seen.
   */
  check(method: string, url: string | URL, answer: Answer): unknown {
    const template = this.template(new URL(url, 'http://x').pathname);
    const base = `#/paths/${segment(template)}/${method.toLowerCase()}`;
    const operation = this.at<Operation>(base).value;
    const key =
      String(answer.status) in operation.responses ? String(answer.status) : 'default' in operation.responses ? 'default' : undefined;
    const where = `${method} ${template} → ${answer.status}`;
    expect(
      key,
      `${where} is not documented (documented: ${Object.keys(operation.responses).join(', ')}); body ${answer.text.slice(0, 200)}`,
    ).toBeDefined();
    const seen = `${method.toUpperCase()} ${template} ${key}`;
    const { value: response, pointer } = this.at<DocResponse>(`${base}/responses/${key}`);

    for (const [name, h] of Object.entries(response.headers ?? {})) {
      const { value: header, pointer: headerAt } = this.at<Header>(isRef(h) ? h.$ref : `${pointer}/headers/${segment(name)}`);
      const value = answer.headers.get(name);
      if (header.required) expect(value, `${where}: header ${name} is required`).not.toBeNull();
      if (value !== null && name.toLowerCase() !== 'set-cookie') {
        const validate = this.validator(`${headerAt}/schema`);
        expect(validate(value), `${where}: header ${name}: ${value}: ${this.ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }

    const json = response.content?.['application/json'];
    // No body (HEAD, redirects) or `*/*` (passed through from an upstream): nothing more to check.
    if (method.toUpperCase() === 'HEAD' || !json) {
      this.seen.add(seen);
      return undefined;
    }
    expect(answer.headers.get('content-type') ?? '', `${where}: content type`).toMatch(/^application\/json/);
    const body = JSON.parse(answer.text) as unknown;
    const validate = this.validator(`${pointer}/content/${segment('application/json')}/schema`);
    expect(validate(body), `${where}: body ${answer.text.slice(0, 300)}: ${this.ajv.errorsText(validate.errors)}`).toBe(true);
    this.seen.add(seen);
    return body;
  }

  /** Every documented `METHOD template status`. */
  documented(): string[] {
    return Object.entries(this.doc.paths).flatMap(([template, item]) =>
      Object.entries(item)
        .filter(([method]) => method !== 'parameters')
        .flatMap(([method, op]) =>
          Object.keys((op as Operation).responses).map((status) => `${method.toUpperCase()} ${template} ${status}`),
        ),
    );
  }
}

/** Every `$ref` in a JSON value, with where it was found. */
export function refsIn(value: unknown, at = '#'): { ref: string; at: string }[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [{ ref: v, at }] : refsIn(v, `${at}/${segment(k)}`),
  );
}

/**
 * Stands between the IdP and the BFF's back-channel logout endpoint and keeps the BFF's answers:
 * the IdP only logs them, and the test wants to validate one.
 */
export async function startBackchannelRelay(): Promise<{
  url: string;
  target: { origin: string };
  answers: Answer[];
  close(): Promise<void>;
}> {
  const target = { origin: '' };
  const answers: Answer[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      fetch(new URL(req.url!, target.origin), {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: Buffer.concat(chunks),
      })
        .then(async (response) => {
          const answer = await answerOf(response);
          answers.push(answer);
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(answer.text);
        })
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    target,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
