/** What fetch's Response says when a body is read twice. */
const USED = 'Body is unusable: Body has already been read';

/**
 * fetch's Response, typed as what the subclass inherits: undici's types declare the body readers
 * function-valued properties, which a class may not redefine as methods (on the prototype they are
 * methods). `implements Response` below checks that the whole shape is there.
 */
const FetchResponse: new (
  body: null,
  init: ResponseInit,
) => Pick<Response, 'headers' | 'ok' | 'redirected' | 'status' | 'statusText' | 'type' | 'url'> = Response;

/**
 * A Response whose body is already whole in memory: what {@link providerFetch} hands openid-client,
 * jose and the adapters. `new Response(bytes)` wraps the bytes in a web ReadableStream, and `json()`
 * then reads them back out of it through the stream machinery (a transferable stream, its reader,
 * its promises): in a sign-in's profile that was about 8 % of the main thread's busy time, for the
 * one token answer. This one keeps the bytes and answers `text()`, `json()`, `arrayBuffer()`,
 * `bytes()` and `blob()` from them, once, as fetch's does. It is a real Response (status, headers,
 * `instanceof` and the brand checks of undici's getters all hold); the stream of `body` is made only
 * for a caller that asks for it, and from then on that stream is the body.
 */
export class WholeResponse extends FetchResponse implements Response {
  readonly #bytes: Buffer<ArrayBuffer> | null;
  #used = false;
  /** The fetch Response made when `body` is asked for; it then holds the body. */
  #streamed: Response | undefined;

  constructor(bytes: Buffer<ArrayBuffer> | null, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#bytes === null) return null;
    this.#streamed ??= new Response(this.#used ? new Uint8Array(0) : this.#bytes, this.#init());
    return this.#streamed.body;
  }

  get bodyUsed(): boolean {
    return this.#used || this.#streamed?.bodyUsed === true;
  }

  /** The bytes, once; an empty body reads as no bytes. */
  #take(): Buffer<ArrayBuffer> {
    if (this.bodyUsed) throw new TypeError(USED);
    this.#used = true;
    return this.#bytes ?? Buffer.alloc(0);
  }

  /**
   * One read of the body: through the stream once `body` was asked for, else `parse` of the bytes.
   * A second read, or bytes that do not parse, reject, as fetch's readers do.
   */
  async #read<T>(fromStream: (response: Response) => Promise<T>, parse: (bytes: Buffer<ArrayBuffer>) => T): Promise<T> {
    if (this.#streamed && !this.#used) return fromStream(this.#streamed);
    return parse(this.#take());
  }

  text(): Promise<string> {
    return this.#read(
      (response) => response.text(),
      (bytes) => bytes.toString('utf8'),
    );
  }

  json(): Promise<unknown> {
    return this.#read(
      (response) => response.json(),
      // As fetch's: a UTF-8 byte order mark is not part of the JSON.
      (bytes) => JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as unknown,
    );
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#read(
      (response) => response.arrayBuffer(),
      (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
  }

  // Not in the types Node's are checked against, but Node's Response has it (from Node 20.16).
  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  }

  blob(): Promise<Blob> {
    const type = this.headers.get('content-type') ?? '';
    return this.arrayBuffer().then((buffer) => new Blob([buffer], { type }));
  }

  /** Never used by a provider call: fetch's own parser, on a Response of the same bytes. */
  async formData(): Promise<FormData> {
    if (this.#streamed && !this.#used) return this.#streamed.formData();
    return new Response(this.#take(), this.#init()).formData();
  }

  clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    if (this.#streamed) return this.#streamed.clone();
    return new WholeResponse(this.#bytes, this.#init());
  }

  #init(): ResponseInit {
    return { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) };
  }
}
