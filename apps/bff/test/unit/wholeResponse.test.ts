import { describe, expect, it } from 'vitest';
import { WholeResponse } from '../../src/providers/wholeResponse.js';

// WholeResponse stands in for fetch's Response in every provider call (openid-client, jose, the
// adapters): each test holds it to what fetch's own Response does with the same bytes.
const init = () => ({ status: 201, statusText: 'Created', headers: new Headers({ 'content-type': 'application/json', 'x-a': '1' }) });
const bytes = (text: string): Buffer<ArrayBuffer> => Buffer.from(text, 'utf8');
const JSON_TEXT = '{"access_token":"a","n":1,"é":"ü"}';

type Reader = 'text' | 'json' | 'arrayBuffer' | 'bytes' | 'blob';
const read = async (response: Response, reader: Reader): Promise<unknown> => {
  if (reader === 'blob') {
    const blob = await response.blob();
    return { type: blob.type, text: await blob.text() };
  }
  if (reader === 'bytes') return [...(await (response as unknown as { bytes(): Promise<Uint8Array> }).bytes())];
  if (reader === 'arrayBuffer') return [...new Uint8Array(await response.arrayBuffer())];
  return response[reader]();
};

describe('WholeResponse', () => {
  it('is a Response with the status, status text and headers it was given', () => {
    const response = new WholeResponse(bytes(JSON_TEXT), init());
    expect(response).toBeInstanceOf(Response);
    expect(Object.prototype.toString.call(response)).toBe('[object Response]');
    expect([response.status, response.statusText, response.ok]).toEqual([201, 'Created', true]);
    expect(response.headers.get('x-a')).toBe('1');
    expect(new WholeResponse(null, { status: 503 }).ok).toBe(false);
  });

  it.each<Reader>(['text', 'json', 'arrayBuffer', 'bytes', 'blob'])('%s() reads what fetch’s Response reads, once', async (reader) => {
    const ours = new WholeResponse(bytes(JSON_TEXT), init());
    const fetchs = new Response(bytes(JSON_TEXT), init());
    expect(ours.bodyUsed).toBe(false);
    expect(await read(ours, reader)).toEqual(await read(fetchs, reader));
    expect(ours.bodyUsed).toBe(true);
    await expect(ours.text()).rejects.toThrow(TypeError);
    await expect(ours.json()).rejects.toThrow(TypeError);
    expect(() => ours.clone()).toThrow(TypeError);
  });

  it('read once, it stays read, even when its body stream is asked for afterwards', async () => {
    const response = new WholeResponse(bytes(JSON_TEXT), init());
    expect(await response.text()).toBe(JSON_TEXT);
    expect(response.body).not.toBeNull();
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    await expect(response.formData()).rejects.toThrow(TypeError);
  });

  it('bytes() is the body as a Uint8Array', async () => {
    const body = await new WholeResponse(bytes('ab'), init()).bytes();
    expect(body).toBeInstanceOf(Uint8Array);
    expect([...body]).toEqual([97, 98]);
  });

  it('json() skips a byte order mark and rejects what is not JSON, as fetch’s does', async () => {
    expect(await new WholeResponse(bytes(`\uFEFF${JSON_TEXT}`), init()).json()).toEqual(JSON.parse(JSON_TEXT));
    await expect(new WholeResponse(bytes('<html>'), init()).json()).rejects.toThrow(SyntaxError);
    await expect(new Response(bytes('<html>'), init()).json()).rejects.toThrow(SyntaxError);
  });

  it('a clone reads the same bytes on its own, with the same status and headers', async () => {
    const response = new WholeResponse(bytes(JSON_TEXT), init());
    const clone = response.clone();
    expect(await clone.json()).toEqual(JSON.parse(JSON_TEXT));
    expect([clone.status, clone.statusText, clone.headers.get('x-a')]).toEqual([201, 'Created', '1']);
    expect(response.bodyUsed).toBe(false);
    expect(await response.text()).toBe(JSON_TEXT);
  });

  it('body is a stream of the bytes, made when asked for, and then it is the body', async () => {
    const response = new WholeResponse(bytes(JSON_TEXT), init());
    const stream = response.body!;
    expect(response.body).toBe(stream);
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(JSON_TEXT);
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('a body stream asked for but not read leaves the body readable, also by a clone', async () => {
    const response = new WholeResponse(bytes(JSON_TEXT), init());
    expect(response.body).not.toBeNull();
    expect(await response.clone().text()).toBe(JSON_TEXT);
    expect(await response.json()).toEqual(JSON.parse(JSON_TEXT));
    expect(response.bodyUsed).toBe(true);
  });

  it('without a body: body is null and the readers give nothing, as for a 204 from fetch', async () => {
    const response = new WholeResponse(null, { status: 204 });
    expect(response.body).toBeNull();
    expect(await response.text()).toBe('');
    expect(await new Response(null, { status: 204 }).text()).toBe('');
  });
});
